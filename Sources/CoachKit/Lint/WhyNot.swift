/// Why a move was not detected in a reply: `coach moves --why-not MOVE`.
///
/// Either a pattern matched and the match was dropped (negated, excepted,
/// suppressed, or a "bare" demand that had a courtesy move), which the detector
/// records; or nothing matched, and the nearest patterns are those that share
/// words with the reply — the place to start when a lexicon needs a new pattern.
public struct WhyNot: Sendable {
    /// A pattern of the move that shares words with the reply.
    public struct Near: Sendable, Hashable {
        public var pattern: String
        public var location: SourceLocation
        /// The pattern's words (or stems, with `*`) that the reply contains.
        public var shared: [String]
    }

    /// What the detector did with the move.
    public enum Verdict: Sendable {
        /// The move was detected after all.
        case detected(DetectedMove)
        /// Patterns matched, but every match was dropped, for these reasons.
        case dropped([RejectedMatch])
        /// No pattern matched; the nearest patterns, and a note for built-in checks.
        case noMatch(nearest: [Near], note: String?)
        /// The lexicon says nothing about the move.
        case notInLexicon
    }

    public var move: MoveID
    public var verdict: Verdict
    /// Examples from the lexicon, to show how the move is said when nothing is near.
    public var examples: [String]

    /// How many nearest patterns to show.
    public static let nearestCount = 3

    /// Explains why `move` is (not) in `detection`, a detection of `detector` with `names`.
    public static func explain(
        _ move: MoveID, in detection: MoveDetection, detector: MoveDetector, names: CustomerNames = .none
    ) -> WhyNot {
        let entry = detector.lexicon.moves[move]
        let examples = Array((entry?.examples ?? []).prefix(2).map(\.text))
        if let found = detection.move(move) { return WhyNot(move: move, verdict: .detected(found), examples: examples) }
        let dropped = detection.rejected.filter { $0.id == move }
        if !dropped.isEmpty { return WhyNot(move: move, verdict: .dropped(dropped), examples: examples) }
        // `name` and `shouting` are built-in checks: they work with or without lexicon patterns.
        let builtIn: Set<MoveID> = [.name, .shouting]
        guard entry != nil || builtIn.contains(move) else {
            return WhyNot(move: move, verdict: .notInLexicon, examples: [])
        }

        let tokenized = detector.tokenizer.tokenize(detection.text)
        let words = Set(tokenized.tokens.filter { $0.kind == .word }.map { tokenized.foldedWord($0) })
        // A word that many patterns use ("i", "you") says little; a rare one ("waive") says a lot.
        var frequency: [String: Int] = [:]
        for other in detector.lexicon.moves.values {
            for pattern in other.patterns {
                var leaves: [(text: String, isStem: Bool)] = []
                collect(pattern.pattern, into: &leaves)
                for key in Set(leaves.map { $0.text + ($0.isStem ? "*" : "") }) { frequency[key, default: 0] += 1 }
            }
        }
        var nearest: [(near: Near, weight: Double)] = []
        for pattern in entry?.patterns ?? [] {
            var leaves: [(text: String, isStem: Bool)] = []
            collect(pattern.pattern, into: &leaves)
            var shared: [String] = []
            for leaf in leaves where !shared.contains(leaf.text + (leaf.isStem ? "*" : "")) {
                let hit = leaf.isStem ? words.contains { $0.hasPrefix(leaf.text) } : words.contains(leaf.text)
                if hit { shared.append(leaf.text + (leaf.isStem ? "*" : "")) }
            }
            guard !shared.isEmpty else { continue }
            let weight = shared.reduce(0.0) { $0 + 1 / Double(max(frequency[$1] ?? 1, 1)) }
            nearest.append((Near(pattern: pattern.source, location: pattern.location, shared: shared), weight))
        }
        let ranked = nearest.enumerated()
            .sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }
            .prefix(nearestCount).map(\.element.near)
        return WhyNot(
            move: move, verdict: .noMatch(nearest: Array(ranked), note: note(move, detection, detector, names)),
            examples: examples)
    }

    static func collect(_ pattern: Pattern, into leaves: inout [(text: String, isStem: Bool)]) {
        func text(_ letters: [UInt32]) -> String {
            String(String.UnicodeScalarView(letters.compactMap(Unicode.Scalar.init)))
        }
        switch pattern {
        case .word(let letters): leaves.append((text(letters), false))
        case .stem(let letters): leaves.append((text(letters), true))
        case .sequence(let items), .choice(let items, _): for item in items { collect(item, into: &leaves) }
        case .gap, .anchor, .mark, .properName, .suffix, .number: break
        }
    }

    /// What the built-in checks of `name` and `shouting` needed and did not find.
    static func note(_ move: MoveID, _ detection: MoveDetection, _ detector: MoveDetector, _ names: CustomerNames)
        -> String?
    {
        switch move {
        case .name:
            if names.isEmpty { return "no customer name was given (use --customer NAME, or play it in a scenario)" }
            return "none of the customer's names (\(names.forms.map(\.display).joined(separator: ", "))) appears in the reply"
        case .shouting:
            let rule = detector.lexicon.shouting
            let tokenized = detector.tokenizer.tokenize(detection.text)
            let capitals = tokenized.tokens.filter { token in
                guard token.kind == .word else { return false }
                let scalars = tokenized.original[token.start..<token.end]
                let upper = scalars.filter { $0.properties.isUppercase }.count
                return upper >= rule.minLetters && !scalars.contains { $0.properties.isLowercase }
            }.count
            return "shouting needs \(rule.minWords) words in capitals of \(rule.minLetters)+ letters, or a run of \(rule.exclamations) '!'; the reply has \(capitals) such word\(capitals == 1 ? "" : "s")"
        default:
            return nil
        }
    }

    /// The explanation for people, one line per item.
    public var lines: [String] {
        switch verdict {
        case .detected(let found):
            return ["'\(move.rawValue)' was detected: \"\(found.evidence)\" (\(found.source.description))"]
        case .dropped(let matches):
            return ["'\(move.rawValue)' matched, but every match was dropped:"]
                + matches.map { match in
                    let place = match.location.map { " at \($0)" } ?? ""
                    return "  \"\(match.evidence)\" by pattern \"\(match.pattern)\"\(place): \(match.reason.description)"
                }
        case .noMatch(let nearest, let note):
            var lines = ["no pattern of '\(move.rawValue)' matched"]
            if let note { lines.append("  \(note)") }
            if nearest.isEmpty, note == nil || !examples.isEmpty {
                lines.append("  no pattern of '\(move.rawValue)' shares a word with the reply")
                if !examples.isEmpty {
                    lines.append("  it is said like: " + examples.map { "\"\($0)\"" }.joined(separator: ", "))
                }
            } else if !nearest.isEmpty {
                lines.append("  nearest patterns (sharing words with the reply):")
                for near in nearest {
                    lines.append(
                        "    \"\(near.pattern)\" at \(near.location) shares \(near.shared.map { "\"\($0)\"" }.joined(separator: ", "))")
                }
            }
            return lines
        case .notInLexicon:
            return ["the lexicon says nothing about '\(move.rawValue)'"]
        }
    }
}

extension WhyNot: JSONRepresentable {
    /// `{"move", "detected", "dropped": [{evidence, pattern, location, reason}], "nearest": [{pattern, location, shares}], "note"}`.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("move", .string(move.rawValue))]
        switch verdict {
        case .detected(let found):
            members += [("detected", .bool(true)), ("evidence", .string(found.evidence))]
        case .dropped(let matches):
            members += [
                ("detected", .bool(false)),
                (
                    "dropped",
                    .array(
                        matches.map {
                            .object([
                                ("evidence", .string($0.evidence)), ("pattern", .string($0.pattern)),
                                ("location", $0.location?.json ?? .null), ("reason", .string($0.reason.description)),
                            ])
                        })
                ),
            ]
        case .noMatch(let nearest, let note):
            members += [
                ("detected", .bool(false)),
                (
                    "nearest",
                    .array(
                        nearest.map {
                            .object([
                                ("pattern", .string($0.pattern)), ("location", $0.location.json),
                                ("shares", .array($0.shared.map(JSONValue.string))),
                            ])
                        })
                ),
                ("note", note.map(JSONValue.string) ?? .null),
            ]
        case .notInLexicon:
            members += [("detected", .bool(false)), ("note", .string("the lexicon says nothing about this move"))]
        }
        return .object(members)
    }
}
