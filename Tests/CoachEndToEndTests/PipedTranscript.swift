import CoachKit

/// A transcript test as a trainee would pipe it into `coach play` or `coach drill`: a line
/// per step, with slash commands for notes, silences and interruptions; and the score band
/// the test expects.
struct PipedTranscript {
    var input: String
    var band: ClosedRange<Int>

    init(_ test: TranscriptTest) {
        let lines = test.steps.map { step -> String in
            switch step {
            case .reply(let text, let interrupt): interrupt ? "/interrupt \(text)" : text
            case .silence(let seconds): "/silence \(Int(seconds))"
            case .note(let text): "/note \(text)"
            }
        }
        input = lines.joined(separator: "\n") + "\n"
        band = (test.expect.scoreMin ?? 0)...(test.expect.scoreMax ?? 100)
    }

    /// The scenario's first blind strong conversation (`blind strong`, `blind strong 1` …).
    static func blindStrong(of scenario: Scenario) -> PipedTranscript? {
        scenario.tests.first { $0.name == "blind strong" || $0.name.hasPrefix("blind strong ") }.map(PipedTranscript.init)
    }
}
