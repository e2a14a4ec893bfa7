/// What one reply does in one state of a scenario: a trainer's "what happens if the trainee
/// says this, here?" (`coach probe`).
///
/// The reply is played by the engine itself, from the state and mood given, so what the
/// probe shows is what a trainee would get; the explanation beside it (why each earlier
/// transition did not fire) is worked out from the same guards, in the engine's order:
/// the global transitions, then the state's own, then its fallback.
public struct StepProbe: Sendable {
    /// One transition the engine tried, and why it did not fire (empty: it fired).
    public struct Attempt: Sendable {
        public var transition: TransitionRef
        public var unmet: [String]
    }

    public var stateBefore: String
    public var moodBefore: [String: Double]
    /// The reply's moves, as the engine read them.
    public var detection: MoveDetection
    /// The transitions tried, in order, up to the one that fired (or all, if none did).
    public var attempts: [Attempt]
    /// The transition that fired; `nil` when none did (the fallback's limit, `unclear:`, or nothing).
    public var fired: TransitionRef?
    /// Whether the reply had no move and the customer answered it with the `unclear:` words.
    public var answeredAsUnclear: Bool
    public var stateAfter: String
    public var moodAfter: [String: Double]
    public var customer: [CustomerLine]
    /// What the rubric and the scenario's points recorded for the reply.
    public var events: [RuleEvent]
    /// Set when the reply ended the conversation.
    public var outcome: Outcome?

    /// Plays `reply` from `startingPoint` (check it first with ``Setup/problem(with:)``).
    public static func run(
        _ setup: Setup, from startingPoint: Conversation.StartingPoint, reply: String, interrupted: Bool = false,
        seed: UInt64 = 1
    ) -> StepProbe {
        var conversation = setup.conversation(seed: seed, trainee: "probe", from: startingPoint)
        let moodBefore = conversation.mood
        let response = conversation.receive(.reply(reply, interrupted: interrupted))
        let turn = conversation.turns.last
        let detection = response.detection ?? setup.detector.detect(reply)
        let scenario = setup.scenario
        let state = startingPoint.state
        // The guards see the mood after an interruption's effects, as in the engine.
        let guardMood = interrupted ? scenario.applying(scenario.interrupt?.effects ?? [], to: moodBefore) : moodBefore
        let moves = detection.ids
        var attempts: [Attempt] = []
        let order =
            scenario.global.indices.map { TransitionRef.global(index: $0) }
            + (scenario.states[state]?.on.indices.map { TransitionRef.on(state: state, index: $0) } ?? [])
        for ref in order {
            guard let transition = scenario.transition(ref) else { continue }
            let unmet = transition.condition.unmet(
                moves: moves, mood: guardMood, turn: 1, path: [state], interrupted: interrupted,
                reply: turn?.guardFacts ?? GuardFacts())
            attempts.append(Attempt(transition: ref, unmet: unmet))
            if ref == turn?.transition { break }
        }
        if case .fallback? = turn?.transition, let ref = turn?.transition {
            attempts.append(Attempt(transition: ref, unmet: []))
        }
        let unclear = detection.moves.isEmpty && turn?.transition == nil
            && (scenario.states[state]?.unclear ?? scenario.unclear) != nil
        return StepProbe(
            stateBefore: state, moodBefore: moodBefore, detection: detection, attempts: attempts,
            fired: turn?.transition, answeredAsUnclear: unclear, stateAfter: turn?.stateAfter ?? state,
            moodAfter: conversation.mood, customer: response.customer, events: response.events,
            outcome: conversation.outcome)
    }
}
