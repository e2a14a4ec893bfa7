/// Typed reads from a ``YAMLNode`` that report wrong shapes as diagnostics.
///
/// Each read returns `nil` after recording an error, so a loader keeps going and
/// reports every problem in one pass.
extension YAMLNode {
    public func mapping(_ what: String, _ diagnostics: inout DiagnosticCollector) -> YAMLMapping? {
        if case .mapping(let mapping) = self { return mapping }
        diagnostics.error("TYPE", "\(what) must be a mapping of keys to values, found \(kindName)", at: location)
        return nil
    }

    public func sequence(_ what: String, _ diagnostics: inout DiagnosticCollector) -> [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        diagnostics.error("TYPE", "\(what) must be a list, found \(kindName)", at: location)
        return nil
    }

    /// A non-empty text value.
    public func scalar(_ what: String, _ diagnostics: inout DiagnosticCollector) -> YAMLScalar? {
        if case .scalar(let scalar) = self, !scalar.isNull { return scalar }
        diagnostics.error("TYPE", "\(what) must be a single value, found \(kindName)", at: location)
        return nil
    }

    public func string(_ what: String, _ diagnostics: inout DiagnosticCollector) -> String? {
        scalar(what, &diagnostics)?.text
    }

    public func int(_ what: String, in range: ClosedRange<Int>, _ diagnostics: inout DiagnosticCollector) -> Int? {
        guard let scalar = scalar(what, &diagnostics) else { return nil }
        guard let value = Int(scalar.text), !scalar.isQuoted else {
            diagnostics.error("TYPE", "\(what) must be a whole number, found '\(scalar.text)'", at: location)
            return nil
        }
        return within(range, value, what, { String($0) }, &diagnostics)
    }

    public func double(_ what: String, _ diagnostics: inout DiagnosticCollector) -> Double? {
        guard let scalar = scalar(what, &diagnostics) else { return nil }
        guard let value = Double(scalar.text), value.isFinite, !scalar.isQuoted else {
            diagnostics.error("TYPE", "\(what) must be a number, found '\(scalar.text)'", at: location)
            return nil
        }
        return value
    }

    /// A number within `range`; outside it, a `RANGE` error.
    public func double(
        _ what: String, in range: ClosedRange<Double>, _ diagnostics: inout DiagnosticCollector
    ) -> Double? {
        guard let value = double(what, &diagnostics) else { return nil }
        return within(range, value, what, GuardAnalysis.format, &diagnostics)
    }

    /// `value` if `range` holds it, else `nil` and a `RANGE` error.
    private func within<Number: Comparable>(
        _ range: ClosedRange<Number>, _ value: Number, _ what: String, _ show: (Number) -> String,
        _ diagnostics: inout DiagnosticCollector
    ) -> Number? {
        guard range.contains(value) else {
            diagnostics.error(
                "RANGE", "\(what) must be between \(show(range.lowerBound)) and \(show(range.upperBound)), found \(show(value))",
                at: location)
            return nil
        }
        return value
    }

    public func bool(_ what: String, _ diagnostics: inout DiagnosticCollector) -> Bool? {
        guard let scalar = scalar(what, &diagnostics) else { return nil }
        // YAML 1.2's booleans only, as the schema has them: an editor that checks the file
        // against the schema and lint must agree.
        switch scalar.isQuoted ? "" : scalar.text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "off", "Off":
            diagnostics.error("TYPE", "\(what) must be true or false; YAML reads '\(scalar.text)' as text", at: location)
            return nil
        default:
            diagnostics.error("TYPE", "\(what) must be true or false, found '\(scalar.text)'", at: location)
            return nil
        }
    }

    /// A list of texts; a single text is accepted as a list of one.
    public func scalars(_ what: String, _ diagnostics: inout DiagnosticCollector) -> [YAMLScalar]? {
        switch self {
        case .scalar(let scalar) where !scalar.isNull:
            return [scalar]
        case .sequence(let items, _):
            return items.compactMap { $0.scalar("each item of \(what)", &diagnostics) }
        default:
            diagnostics.error("TYPE", "\(what) must be a list of values, found \(kindName)", at: location)
            return nil
        }
    }

    public func strings(_ what: String, _ diagnostics: inout DiagnosticCollector) -> [String]? {
        scalars(what, &diagnostics)?.map(\.text)
    }
}

extension YAMLMapping.Entry {
    /// The move this entry's key names; an `UNKNOWN-MOVE` error (with the closest id) if none.
    public func move(_ diagnostics: inout DiagnosticCollector) -> MoveID? {
        if let move = MoveID(id: key) { return move }
        let known = MoveID.allCases.map(\.rawValue)
        diagnostics.error("UNKNOWN-MOVE", "unknown move '\(key)'\(Suggestion.hint(for: key, in: known))", at: keyLocation)
        return nil
    }
}

extension YAMLMapping {
    /// Reports keys that are not in `known` (with a suggestion) and `required` keys that are missing.
    ///
    /// Returns the mapping with each misspelt key read as the key it was meant to be, when that
    /// key is not there itself (`says:` as `say:`): the misspelling is the one error reported,
    /// and what follows is checked as the trainer meant it, not reported again as missing.
    @discardableResult
    public func checkKeys(
        _ what: String, known: [String], required: [String] = [], _ diagnostics: inout DiagnosticCollector
    ) -> YAMLMapping {
        var recovered = self
        for (index, entry) in entries.enumerated() where !known.contains(entry.key) {
            let meant = Suggestion.closest(to: entry.key, in: known)
            diagnostics.error(
                "UNKNOWN-KEY",
                "unknown key '\(entry.key)' in \(what)\(meant.map { " (did you mean '\($0)'?)" } ?? "")",
                at: entry.keyLocation)
            if let meant, self[meant] == nil, recovered[meant] == nil { recovered.entries[index].key = meant }
        }
        for key in required where recovered[key] == nil {
            diagnostics.error("MISSING-KEY", "\(what) needs the key '\(key)'", at: location)
        }
        return recovered
    }
}
