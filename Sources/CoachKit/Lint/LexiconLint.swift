/// Lexicon hygiene beyond "every example matches, no counter-example does" (``LexiconCheck``):
/// examples whose words are read as two moves that the rubric scores in opposite ways.
public enum LexiconLint {
    /// Moves that are scored against each other: when the *same words* are read as both,
    /// the lexicon must say which wins (`suppresses`), or one of them gets the trainee
    /// credit or blame the words do not deserve.
    ///
    /// - a hostile move (dismiss, contradict, sarcasm, rudeness, personal) against any
    ///   move the rubric credits: "Oh great, thanks a lot" must not earn `thanks`;
    /// - near neighbours that the guidelines tell apart: empathy or apology ("sorry to
    ///   hear that", G1/G27), a plan, a deadline, a follow-up or updates against a vague
    ///   promise (G18, G31), a cause against an excuse (G29/G30), a referral or an
    ///   escalation against deflecting (G21/G26), an exception against a boundary (G23/G33).
    ///
    /// `shouting` (a way of writing, not of meaning), `question` (a "?" quotes its whole
    /// sentence), `name` and `bare-demand` combine with anything and are left out.
    public static func conflicts(_ a: MoveID, _ b: MoveID) -> Bool {
        if a == b { return false }
        if hostile.contains(a) && credited.contains(b) || hostile.contains(b) && credited.contains(a) { return true }
        return neighbours.contains { $0 == (a, b) || $0 == (b, a) }
    }

    static let hostile: Set<MoveID> = MoveID.hostile.subtracting([.shouting])

    static let credited: Set<MoveID> = [
        .greeting, .thanks, .please, .paraphrase, .empathy, .apology, .plan, .deadline, .cause, .amends, .followUp,
        .keepInformed, .exception, .referral, .escalate, .boundary, .limit, .leadingQuestion, .positiveClose,
    ]

    /// Moves that read alike and rarely both hold. Referral and deflect are not among them:
    /// pointing to another company while pushing the problem away ("complain to the council,
    /// it's their road") is both, and the labelling conventions allow deflect on a referral.
    static let neighbours: [(MoveID, MoveID)] = [
        (.empathy, .apology), (.plan, .vague), (.deadline, .vague), (.followUp, .vague), (.keepInformed, .vague),
        (.cause, .excuse), (.escalate, .deflect), (.exception, .boundary),
        (.limit, .amends),
    ]

    /// `LEX-CONFLICT` warnings: an example of one move whose evidence is also read as a
    /// conflicting move, with no `suppresses` between the two; `LEX-FANOUT` errors (see
    /// ``fanOut(_:detector:)``).
    public static func check(_ lexicon: Lexicon) -> [Diagnostic] {
        let detector = MoveDetector.compiled(for: lexicon)
        var diagnostics = fanOut(lexicon, detector: detector)
        for move in MoveID.allCases {
            guard let entry = lexicon.moves[move] else { continue }
            let names = detector.customerNames(entry.customer)
            for example in entry.examples {
                let detection = detector.detect(example.text, names: names)
                guard let own = detection.move(move) else { continue }
                for other in detection.moves where conflicts(move, other.id) {
                    guard other.start < own.end, own.start < other.end else { continue }
                    let otherEntry = lexicon.moves[other.id]
                    let declared =
                        entry.suppresses.contains(other.id) || entry.clauseSuppresses.contains(other.id)
                        || otherEntry?.suppresses.contains(move) == true
                        || otherEntry?.clauseSuppresses.contains(move) == true
                    if declared { continue }
                    diagnostics.append(
                        Diagnostic(
                            .warning, "LEX-CONFLICT",
                            "this example of '\(move.rawValue)' is also read as '\(other.id.rawValue)' (\"\(other.evidence)\", \(other.source.description)); say which wins with `suppresses: [\(other.id.rawValue)]` under '\(move.rawValue)' (or the reverse), or add an `except` to '\(other.id.rawValue)'",
                            at: example.location))
                }
            }
        }
        return diagnostics
    }

    /// `LEX-FANOUT` errors: a word of a reply (or a sentence mark) that would set more going at
    /// once than matching takes per token (``MoveAutomaton/tokenAtomLimit``,
    /// ``MoveAutomaton/tokenStartLimit``). Matching stops there, so the lexicon would not mean
    /// what it says; the cure is to merge patterns that begin alike, or choices that repeat.
    static func fanOut(_ lexicon: Lexicon, detector: MoveDetector) -> [Diagnostic] {
        let limits: [(measure: KeyPath<MoveAutomaton.FanOut, Int>, limit: Int, says: String, cure: String)] = [
            (\.starts, MoveAutomaton.tokenStartLimit, "can begin %d patterns",
             "each of them would be tried; merge patterns that begin alike into one with a choice, as in \"please ~ (call|ring|email)\""),
            (\.atoms, MoveAutomaton.tokenAtomLimit, "is in %d different choices and stems",
             "each of them is tested; use fewer, larger choices"),
        ]
        return limits.compactMap { check in
            let widest = detector.automaton.widestWord(by: check.measure)
            let count = widest[keyPath: check.measure]
            guard count > check.limit else { return nil }
            let says = check.says.replacingOccurrences(of: "%d", with: String(count))
            return Diagnostic(
                .error, "LEX-FANOUT",
                "\(describe(widest.word)) \(says) (at most \(check.limit)): every time a reply has it, \(check.cure)",
                at: firstMention(of: widest.word, in: lexicon))
        }
    }

    private static func describe(_ word: [UInt32]) -> String {
        word.isEmpty ? "a sentence mark" : "the word '\(String(String.UnicodeScalarView(word.compactMap(Unicode.Scalar.init))))'"
    }

    /// The first pattern, in the file's order, that names `word` or a stem of it; else the
    /// first move.
    private static func firstMention(of word: [UInt32], in lexicon: Lexicon) -> SourceLocation? {
        func names(_ pattern: Pattern) -> Bool {
            switch pattern {
            case .word(let letters): letters == word
            case .stem(let letters): !word.isEmpty && word.starts(with: letters)
            case .sequence(let items), .choice(let items, _): items.contains(where: names)
            default: false
            }
        }
        let entries = lexicon.moves.values.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        let patterns = (entries.flatMap { $0.patterns + $0.except } + lexicon.clauseFacts.flatMap(\.patterns))
            .sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        return patterns.first { names($0.pattern) }?.location ?? entries.first?.location
    }
}
