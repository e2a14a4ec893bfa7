/// Plays a scenario's transcript tests through the engine and compares the result.
public enum TranscriptRunner {
    /// One test's result: what happened, and every way it differed from what was expected.
    public struct Result: Sendable {
        public var scenario: String
        public var test: String
        public var location: SourceLocation
        public var scorecard: Scorecard
        public var failures: [String]
        /// Reply by reply: what the test expected and what the engine did (the diff's rows).
        public var replies: [Reply] = []
        /// Every transition, global transition or fallback that fired, in order (for coverage).
        public var fired: [TransitionRef] = []
        public var passed: Bool { failures.isEmpty }
    }

    /// One reply of a test, expected against actual.
    public struct Reply: Sendable {
        public var number: Int
        public var text: String
        public var interrupted: Bool
        /// The moves the test expects (at least these), and those the detector found.
        public var expectedMoves: [MoveID]
        public var detected: [MoveID]
        public var stateBefore: String
        public var stateAfter: String
        /// What fired: a transition, a global transition or the fallback (`nil`: nothing, the customer repeats).
        public var fired: TransitionRef?
        /// Where the test's `path` says the conversation should have gone instead, at the
        /// first reply that left it ("stay in X" when it should not have moved).
        public var expectedStateAfter: String?

        public var missingMoves: [MoveID] { expectedMoves.filter { !detected.contains($0) } }
        public var differs: Bool { !missingMoves.isEmpty || expectedStateAfter != nil }
    }

    /// The seed tests are played with, so that their customer lines are stable.
    public static let seed: UInt64 = 1

    /// Plays `test` with ``seed`` and compares what happened with what it expects.
    public static func run(_ test: TranscriptTest, setup: Setup) -> Result {
        var conversation = setup.conversation(seed: seed, trainee: "test")
        for step in test.steps {
            guard !conversation.isOver else { break }
            switch step {
            case .reply(let text, let interrupt):
                _ = conversation.receive(.reply(text, interrupted: interrupt))
            case .silence(let seconds): _ = conversation.receive(.silence(seconds: seconds))
            case .note(let text): _ = conversation.receive(.note(text))
            }
        }
        conversation.abandon()
        let card = conversation.scorecard()
        var result = Result(
            scenario: setup.scenario.id, test: test.name, location: test.location, scorecard: card,
            failures: failures(
                test, card, repliesGiven: test.steps.filter { if case .reply = $0 { true } else { false } }.count,
                knownRules: Set(setup.rubric.rules.map(\.id) + ["outcome"] + setup.scenario.stateOrder.map { "scenario:\($0)" })))
        result.replies = card.turns.map { turn in
            Reply(
                number: turn.number, text: turn.text, interrupted: turn.interrupted,
                expectedMoves: test.expect.moves[turn.number] ?? [], detected: turn.detection.moves.map(\.id),
                stateBefore: turn.stateBefore, stateAfter: turn.stateAfter, fired: turn.transition)
        }
        if let expected = test.expect.path { markDivergence(&result.replies, expectedPath: expected) }
        result.fired = card.turns.compactMap(\.transition)
        return result
    }


    /// Marks the first reply that left the expected path (a path lists state changes only).
    static func markDivergence(_ replies: inout [Reply], expectedPath: [String]) {
        var position = 0
        for index in replies.indices {
            let reply = replies[index]
            guard position < expectedPath.count, expectedPath[position] == reply.stateBefore else { return }
            if reply.stateAfter == reply.stateBefore { continue }
            if position + 1 < expectedPath.count, expectedPath[position + 1] == reply.stateAfter {
                position += 1
                continue
            }
            replies[index].expectedStateAfter =
                position + 1 < expectedPath.count ? expectedPath[position + 1] : "stay in \(reply.stateBefore)"
            return
        }
    }

    /// `knownRules`: the rule ids an event can have; a `no-events` id outside them could never
    /// fire, and a test that expects it not to would pass whatever happened.
    static func failures(
        _ test: TranscriptTest, _ card: Scorecard, repliesGiven: Int, knownRules: Set<String>
    ) -> [String] {
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
        for rule in expect.noEvents where !knownRules.contains(rule) {
            failures.append(
                "no-events: '\(rule)' is not a rule\(Suggestion.hint(for: rule, in: knownRules.sorted())), so it can never fire and this check means nothing")
        }
        return failures
    }
}
