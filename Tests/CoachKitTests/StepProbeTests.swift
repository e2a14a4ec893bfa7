import Testing

@testable import CoachKit

/// `coach probe`: one reply in one state, played by the engine and explained.
@Suite struct StepProbeTests {
    let setup = Fixtures.tinySetup

    @Test func aReplyInTheStartStateFiresTheFirstTransitionWhoseGuardHolds() {
        let probe = StepProbe.run(setup, from: .init(state: "open"), reply: "What happened?")
        #expect(probe.detection.idList.contains("question"))
        #expect(probe.attempts.map(\.transition) == [.on(state: "open", index: 0)])
        #expect(probe.attempts.allSatisfy { $0.unmet.isEmpty })
        #expect(probe.fired == .on(state: "open", index: 0))
        #expect(probe.stateAfter == "details")
        #expect(probe.moodBefore["anger"] == 50 && probe.moodAfter["anger"] == 40)
        #expect(probe.customer.map(\.text) == ["Order PX-48213."])
    }

    @Test func theTransitionsTriedBeforeTheOneThatFiredSayWhyTheyDidNot() {
        let probe = StepProbe.run(setup, from: .init(state: "open"), reply: "calm down")
        #expect(probe.attempts.map(\.transition) == [.on(state: "open", index: 0), .on(state: "open", index: 1)])
        #expect(probe.attempts[0].unmet == ["no move of any: [question, paraphrase]"])
        #expect(probe.attempts[1].unmet.isEmpty)
        #expect(probe.fired == .on(state: "open", index: 1))
    }

    @Test func fromAnotherStateAndMoodTheEngineGoesOnFromThere() {
        // anger 95 + 60 passes the maximum: the mood ending, as in a real session.
        let probe = StepProbe.run(setup, from: .init(state: "open", mood: ["anger": 95]), reply: "calm down")
        #expect(probe.outcome == .customerLost)
        let details = StepProbe.run(setup, from: .init(state: "details"), reply: "I'll call the courier")
        #expect(details.attempts.first?.unmet == ["all: lacks deadline"])
        #expect(details.fired == nil)
        #expect(details.stateAfter == "details")
    }

    @Test func anInterruptionsMoodIsClampedForTheGuardsAsTheEngineDoes() {
        // anger 95 + the interruption's 10 is 100, the bound, not 105: the guard is unmet, and
        // the explanation says so with the same number the engine decided on.
        let setup = Fixtures.tinySetup(editing: [
            ("      - if: {any: [question, paraphrase]}", "      - if: {any: [question, paraphrase], mood: {anger: \"> 100\"}}")
        ])
        let probe = StepProbe.run(setup, from: .init(state: "open", mood: ["anger": 95]), reply: "What happened?", interrupted: true)
        #expect(probe.attempts.first?.unmet == ["mood anger is 100, not > 100"])
        #expect(probe.fired != .on(state: "open", index: 0))
    }

    @Test func aReplyThatFiresNothingFallsBackAndSaysSo() {
        let probe = StepProbe.run(setup, from: .init(state: "open"), reply: "hmm")
        #expect(probe.fired == .fallback(state: "open"))
        #expect(probe.attempts.last?.transition == .fallback(state: "open"))
        #expect(probe.attempts.dropLast().allSatisfy { !$0.unmet.isEmpty })
        let text = StepProbeText().render(probe, reply: "hmm")
        #expect(text.contains("open fallback"))
        #expect(text.contains("no: no move of any: [question, paraphrase]"))
    }

    @Test(arguments: [
        (Conversation.StartingPoint(state: "detials"), "'detials' is not a state of tiny (did you mean 'details'?)"),
        (Conversation.StartingPoint(state: "open", mood: ["angr": 3]), "'angr' is not a mood of tiny (did you mean 'anger'?)"),
        (Conversation.StartingPoint(state: "open", mood: ["anger": 300]), "the mood 'anger' lies between 0 and 100"),
    ])
    func aStartingPointThatIsNotInTheScenarioIsSaidInWords(start: Conversation.StartingPoint, problem: String) throws {
        let said = try #require(setup.problem(with: start))
        #expect(said.hasPrefix(problem))
    }

    @Test func theExplanationAgreesWithTheEnginesDecision() {
        // Every guard of the shipped scenarios against a few move sets and moods: a condition
        // holds exactly when it has no unmet part.
        let moveSets: [Set<MoveID>] = [[], [.question], [.apology, .plan, .deadline], [.rudeness], [.dismiss, .question]]
        for scenario in ShippedScenarioTests.scenarios {
            let transitions = scenario.global + scenario.stateOrder.flatMap { scenario.states[$0]?.on ?? [] }
            for transition in transitions {
                for moves in moveSets {
                    for anger in [0.0, 50, 90] {
                        let mood = Dictionary(uniqueKeysWithValues: scenario.mood.map { ($0.name, anger) })
                        for turn in [1, 4] {
                            let condition = transition.condition
                            let holds = condition.holds(
                                moves: moves, mood: mood, turn: turn, path: [scenario.start], interrupted: false)
                            let unmet = condition.unmet(
                                moves: moves, mood: mood, turn: turn, path: [scenario.start], interrupted: false)
                            #expect(holds == unmet.isEmpty, "\(scenario.id) \(moves) \(unmet)")
                        }
                    }
                }
            }
        }
    }
}
