import Yams

/// A YAML value with the place it was written, independent of the parser's own types.
///
/// Every reader of scenario, lexicon and rubric files works on this tree, so that each
/// problem it reports can point at a line and column.
public indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence([YAMLNode], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .mapping(let mapping): mapping.location
        case .sequence(_, let location): location
        }
    }

    /// A short name of the node's shape, for "expected a list, found a mapping".
    public var kindName: String {
        switch self {
        case .scalar(let scalar): scalar.isNull ? "nothing" : "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// A scalar's text and how it was written.
public struct YAMLScalar: Sendable {
    public var text: String
    public var location: SourceLocation
    /// Whether the scalar was written with quotes (then `null`, `3` and `yes` are text).
    public var isQuoted: Bool
    /// Whether the scalar was a block scalar (`|` or `>`), whose text starts on the next line.
    public var isBlock: Bool

    /// An empty or `null`/`~` plain scalar.
    public var isNull: Bool {
        !isQuoted && !isBlock && ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// Where the character at `offset` (in scalars) of `text` sits, for single-line scalars.
    public func location(ofOffset offset: Int) -> SourceLocation {
        if isBlock { return location }
        return location.advanced(by: offset + (isQuoted ? 1 : 0))
    }
}

/// A mapping with string keys in file order.
public struct YAMLMapping: Sendable {
    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: YAMLNode
    }

    public var entries: [Entry]
    public var location: SourceLocation

    public subscript(key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }

    public func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

    public var keys: [String] { entries.map(\.key) }
}

extension YAMLNode {
    /// `text` with control characters other than line breaks and tabs replaced by U+FFFD.
    ///
    /// A double-quoted YAML string can carry any character as an escape (`"\e[2J"`); text
    /// from a trainer's file is printed on a trainee's terminal (titles, briefings, names,
    /// the customer's lines), and must never drive it.
    static func terminalSafe(
        _ text: String, at location: SourceLocation, _ diagnostics: inout DiagnosticCollector
    ) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
        }
        guard let first = text.unicodeScalars.first(where: isControl) else { return text }
        let code = String(first.value, radix: 16, uppercase: true)
        diagnostics.warning(
            "YAML-CONTROL",
            "this text has a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)); it is shown as \u{FFFD}",
            at: location)
        var safe = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { safe.append(isControl(scalar) ? "\u{FFFD}" : scalar) }
        return String(safe)
    }

    /// Builds the tree from a parsed Yams node, enforcing the node and depth budgets.
    ///
    /// Aliases are already resolved by the parser; the node budget is what stops a
    /// "billion laughs" document from expanding without end.
    static func convert(
        _ node: Node, file: String, limits: YAMLLimits, budget: inout Int, depth: Int,
        diagnostics: inout DiagnosticCollector
    ) -> YAMLNode? {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        budget -= 1
        if budget < 0 {
            diagnostics.error(
                "YAML-LIMIT", "the document expands to more than \(limits.maxNodes) values (aliases?)", at: location)
            return nil
        }
        if depth > limits.maxDepth {
            diagnostics.error("YAML-LIMIT", "values are nested more than \(limits.maxDepth) levels deep", at: location)
            return nil
        }
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            let block = scalar.style == .literal || scalar.style == .folded
            return .scalar(
                YAMLScalar(
                    text: terminalSafe(scalar.string, at: location, &diagnostics), location: location, isQuoted: quoted,
                    isBlock: block))
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                guard
                    let converted = convert(
                        item, file: file, limits: limits, budget: &budget, depth: depth + 1,
                        diagnostics: &diagnostics)
                else { return nil }
                items.append(converted)
            }
            return .sequence(items, location)
        case .mapping(let mapping):
            var entries: [YAMLMapping.Entry] = []
            // `<<: *name` (or a list of them): the keys of those mappings that this one does not
            // write itself, the first merged mapping winning, as YAML's merge key does.
            var merged: [YAMLMapping.Entry] = []
            for (key, value) in mapping {
                let keyLocation = SourceLocation(
                    file: file, line: key.mark?.line ?? location.line, column: key.mark?.column ?? location.column)
                guard case .scalar(let keyScalar) = key else {
                    diagnostics.error("YAML-KEY", "a key must be a plain name, not \(key.kindName)", at: keyLocation)
                    continue
                }
                guard
                    let converted = convert(
                        value, file: file, limits: limits, budget: &budget, depth: depth + 1,
                        diagnostics: &diagnostics)
                else { return nil }
                if keyScalar.string == "<<", keyScalar.style == .plain {
                    let sources: [YAMLNode]
                    if case .sequence(let items, _) = converted { sources = items } else { sources = [converted] }
                    let mappings = sources.compactMap { source -> YAMLMapping? in
                        if case .mapping(let other) = source { return other } else { return nil }
                    }
                    guard mappings.count == sources.count else {
                        diagnostics.error(
                            "YAML-MERGE", "'<<' merges mappings: write '<<: *name' with an anchor on a mapping",
                            at: keyLocation)
                        continue
                    }
                    for other in mappings {
                        merged += other.entries.filter { entry in !merged.contains { $0.key == entry.key } }
                    }
                    continue
                }
                entries.append(.init(key: keyScalar.string, keyLocation: keyLocation, value: converted))
            }
            entries += merged.filter { entry in !entries.contains { $0.key == entry.key } }
            return .mapping(YAMLMapping(entries: entries, location: location))
        case .alias:
            diagnostics.error("YAML-ALIAS", "unresolved alias", at: location)
            return nil
        }
    }
}

extension Node {
    fileprivate var kindName: String {
        switch self {
        case .scalar: "a value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
