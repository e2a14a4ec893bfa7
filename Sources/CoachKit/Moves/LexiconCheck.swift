/// Runs a lexicon's own examples and counter-examples: every one is a test.
public enum LexiconCheck {
    /// The minimum numbers of samples per move that a shipped lexicon promises.
    public static let minimumExamples = 10
    public static let minimumCounterExamples = 5

    /// Diagnostics for examples that are missed and counter-examples that match.
    public static func run(_ lexicon: Lexicon, requireMinimums: Bool = false) -> [Diagnostic] {
        let detector = MoveDetector.compiled(for: lexicon)
        var diagnostics = DiagnosticCollector()
        for move in MoveID.allCases {
            guard let entry = lexicon.moves[move] else { continue }
            let names = detector.customerNames(entry.customer)
            for example in entry.examples {
                let detection = detector.detect(example.text, names: names)
                if !detection.contains(move) {
                    var why = ""
                    if let rejection = detection.rejected.first(where: { $0.id == move }) {
                        why = ": a match was dropped, \(rejection.reason.description)"
                    } else if move == .name, entry.customer.isEmpty {
                        why = " (set `customer:` under this move to the names the examples use)"
                    }
                    diagnostics.error(
                        "LEX-EXAMPLE", "the example is not detected as '\(move.rawValue)'\(why)", at: example.location)
                }
            }
            for counter in entry.counterExamples {
                let detection = detector.detect(counter.text, names: names)
                if let found = detection.move(move) {
                    diagnostics.error(
                        "LEX-COUNTER-EXAMPLE",
                        "the counter-example is detected as '\(move.rawValue)' by \"\(found.evidence)\" (\(found.source.description))",
                        at: counter.location)
                }
            }
            if requireMinimums {
                if entry.examples.count < minimumExamples {
                    diagnostics.warning(
                        "LEX-FEW-EXAMPLES",
                        "'\(move.rawValue)' has \(entry.examples.count) examples; at least \(minimumExamples) keep it honest",
                        at: entry.location)
                }
                if entry.counterExamples.count < minimumCounterExamples {
                    diagnostics.warning(
                        "LEX-FEW-EXAMPLES",
                        "'\(move.rawValue)' has \(entry.counterExamples.count) counter-examples; at least \(minimumCounterExamples) keep it honest",
                        at: entry.location)
                }
            }
        }
        return diagnostics.diagnostics
    }
}
