/// One reply and everything the engine made of it: the raw material of the scorecard.
public struct TurnRecord: Sendable {
    /// 1-based number of the reply.
    public var number: Int
    public var text: String
    public var interrupted: Bool
    public var detection: MoveDetection
    /// The state the customer was in when the trainee replied, and its phase.
    public var stateBefore: String
    public var phase: Scenario.Phase
    /// Where the conversation went.
    public var stateAfter: String
    public var customer: [CustomerLine]
    public var events: [RuleEvent]
    /// The circuit step (2, 3 or 5) this reply completed, if any.
    public var circuitStep: Int?
    /// The transition that fired (or the fallback), for coverage and explanations.
    public var transition: TransitionRef?
    /// What the guards knew of the reply besides its moves, for explanations (``StepProbe``).
    public var guardFacts = GuardFacts()
}

/// What a transition's guard may test about a reply besides its moves, mood and path.
public struct GuardFacts: Sendable, Hashable {
    /// Whether the reply gives away what the scenario's `beyond-authority:` forbids.
    public var beyondAuthority = false
    /// The ids of the customer facts the reply asks for (their `asked-by` words, in a question).
    public var asked: Set<String> = []

    public init(beyondAuthority: Bool = false, asked: Set<String> = []) {
        self.beyondAuthority = beyondAuthority
        self.asked = asked
    }
}

/// Something the rubric (or the scenario) noticed, with points and an explanation.
public struct RuleEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Done right: points earned.
        case credit
        /// Done wrong: points lost, with a "Try:" rewrite.
        case fault
        /// A chance to earn points that went unused.
        case missed
    }

    public var rule: String
    public var kind: Kind
    public var guidelines: [String]
    /// The reply (1-based) it happened in; `nil` for the conversation as a whole.
    public var turn: Int?
    /// The trainee's words that triggered it.
    public var quote: String?
    public var points: Int
    public var category: Category
    public var why: String
    public var tryText: String?

    public init(
        rule: String, kind: Kind, guidelines: [String], turn: Int?, quote: String?, points: Int, category: Category,
        why: String, tryText: String?
    ) {
        self.rule = rule
        self.kind = kind
        self.guidelines = guidelines
        self.turn = turn
        self.quote = quote
        self.points = points
        self.category = category
        self.why = why
        self.tryText = tryText
    }
}
