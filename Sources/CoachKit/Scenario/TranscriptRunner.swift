/// Plays a scenario's transcript tests through the engine and compares the result.
public enum TranscriptRunner {
    /// One test's result: what happened, and every way it differed from what was expected.
    public struct Result: Sendable {
        public var scenario: String
        public var test: String
        public var location: SourceLocation
        public var scorecard: Scorecard
        public var failures: [String]
        public var passed: Bool { failures.isEmpty }
    }

    /// The seed tests are played with, so that their customer lines are stable.
    public static let seed: UInt64 = 1

    public static func run(_ test: TranscriptTest, setup: Setup) -> Result {
        var conversation = setup.conversation(seed: seed, trainee: "test")
        for step in test.steps {
            guard !conversation.isOver else { break }
            switch step {
            case .reply(let text, let interrupt): _ = conversation.receive(.reply(text, interrupted: interrupt))
            case .silence(let seconds): _ = conversation.receive(.silence(seconds: seconds))
            case .note(let text): _ = conversation.receive(.note(text))
            }
        }
        conversation.abandon()
        let card = conversation.scorecard()
        return Result(
            scenario: setup.scenario.id, test: test.name, location: test.location, scorecard: card,
            failures: failures(test, card, repliesGiven: test.steps.filter { if case .reply = $0 { true } else { false } }.count))
    }

    static func failures(_ test: TranscriptTest, _ card: Scorecard, repliesGiven: Int) -> [String] {
        var failures: [String] = []
        let expect = test.expect
        if card.turns.count < repliesGiven {
            failures.append(
                "the conversation ended after reply \(card.turns.count) of \(repliesGiven) (\(card.outcome.rawValue))")
        }
        if let ending = expect.ending, card.ending != ending {
            failures.append("ending: expected \(ending), got \(card.ending ?? card.outcome.rawValue)")
        }
        if let outcome = expect.outcome, card.outcome != outcome {
            failures.append("outcome: expected \(outcome.rawValue), got \(card.outcome.rawValue)")
        }
        if let minimum = expect.scoreMin, card.score < minimum {
            failures.append("score: expected at least \(minimum), got \(card.score)")
        }
        if let maximum = expect.scoreMax, card.score > maximum {
            failures.append("score: expected at most \(maximum), got \(card.score)")
        }
        if let path = expect.path, path != card.path {
            failures.append(
                "path: expected \(path.joined(separator: " → "))\n  got \(card.path.joined(separator: " → "))")
        }
        for (number, moves) in expect.moves.sorted(by: { $0.key < $1.key }) {
            guard number <= card.turns.count else {
                failures.append("reply \(number): never played")
                continue
            }
            let found = card.turns[number - 1].detection.ids
            let missing = moves.filter { !found.contains($0) }
            if !missing.isEmpty {
                let seen = found.sorted().map(\.rawValue).joined(separator: ", ")
                failures.append(
                    "reply \(number): expected \(missing.map(\.rawValue).joined(separator: ", ")); detected [\(seen)] in \"\(card.turns[number - 1].text)\"")
            }
        }
        let fired = Set(card.events.filter { $0.kind != .missed }.map(\.rule))
        for rule in expect.events where !fired.contains(rule) {
            failures.append("event: expected '\(rule)' to fire")
        }
        for rule in expect.noEvents where fired.contains(rule) {
            failures.append("event: expected '\(rule)' not to fire")
        }
        return failures
    }
}
