/// The do's and don'ts as data: rules that turn a conversation into scored, explained events.
///
/// Loaded from `scenarios/rubric.yaml` by ``RubricLoader``; every rule cites the
/// guideline ids of GUIDELINES.md it comes from. The rule kinds and the scoring are
/// documented in `docs/rubric.md`.
public struct Rubric: Sendable {
    public var categories: [Category: CategorySetting]
    /// Category weights per scenario kind; a missing entry uses the category's weight.
    public var kindWeights: [Scenario.Kind: [Category: Double]]
    /// Points the conversation's outcome earns in `resolution`.
    public var outcomePoints: [Outcome: Int]
    public var rules: [Rule]
    /// The share of a category's possible credit, in percent, that earns full marks
    /// (`full-marks-at:`, default 100): nobody takes every chance a conversation offers,
    /// and an expert does not expect it. Faults still count in full. See docs/rubric.md.
    public var fullMarksAt = 100
    public var file: String
    public var version: String
    /// Rules whose texts are in English though the rubric was loaded for another language
    /// (``RubricTranslations``). The version stays the same: a translation changes no score.
    public var untranslated: [String] = []

    public struct CategorySetting: Sendable {
        public var weight: Double
        /// Points a trainee holds before anything happens (for categories that only lose points).
        public var base: Int
    }

    public func weight(of category: Category, for kind: Scenario.Kind) -> Double {
        kindWeights[kind]?[category] ?? categories[category]?.weight ?? 1
    }

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}

/// One rubric rule.
public struct Rule: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A move that must not appear (under the rule's conditions): a fault each time.
        case never
        /// A move that earns points when it appears (under the conditions).
        case credit
        /// A move that must appear by a turn or in a phase: credit if it did, fault if not.
        case expected
        /// Moves that must come before others: a fault when a `then` move comes first.
        case order
        /// A move that must come with another (plan with deadline).
        case pairing
        /// A measured quantity (completed circuits) that must reach a number.
        case count
        /// A timing or session event: interrupting, silence, a hint, a noted fact.
        case event
    }

    /// Session events an `event` rule reacts to.
    public enum Event: String, Sendable, CaseIterable {
        case interrupt, silence, hint
        case factNoted = "fact-noted"
        /// A reply offered what the scenario's `beyond-authority:` forbids (``AuthorityCheck``).
        case beyondAuthority = "beyond-authority"
    }

    /// What a `count` rule measures.
    public enum Measure: String, Sendable, CaseIterable {
        case circuits
        case factsNoted = "facts-noted"
    }

    public var id: String
    public var kind: Kind
    /// The moves the rule is about (any of them).
    public var moves: [MoveID] = []
    /// `order`: the moves that must come first; `pairing`: the partner moves.
    public var partners: [MoveID] = []
    public var when = RuleCondition()
    /// `expected`: by which reply (1-based) the move must have appeared.
    public var byTurn: Int?
    /// `pairing`: how many replies later the partner may come (0 = the same reply).
    public var within = 1
    public var measure: Measure?
    public var atLeast = 1
    public var event: Event?
    public var points: Int
    public var category: Category
    public var guidelines: [String]
    public var why: String
    public var tryText: String?
    /// How many times the rule can count in one conversation.
    public var limit: Int
    public var location: SourceLocation
    /// Further categories the rule's points count in (rudeness is a loss of composure
    /// as well as of courtesy); the event itself is listed once, under `category`.
    public var alsoCounts: [Category] = []
    /// For a fault of conduct (an insult, sarcasm, shouting): the highest overall score a
    /// conversation with this fault can have. A reply with such a fault earns no credit.
    /// See ``Scoring/ceiling(events:rubric:)``.
    public var ceiling: Int?
}

/// When a rule applies; every part that is present must hold.
public struct RuleCondition: Sendable {
    public var kinds: [Scenario.Kind] = []
    public var phases: [Scenario.Phase] = []
    /// Only while none of these moves has been made yet (earlier in the reply or before).
    public var beforeAny: [MoveID] = []
    /// Only once one of these moves has been made in an earlier reply.
    public var afterAny: [MoveID] = []
    /// Only when the customer's line being answered does one of these.
    public var customer: Scenario.CustomerAct = []
    /// Only when the customer has (true) or has not (false) insulted the trainee so far.
    public var customerHasInsulted: Bool?
    public var turn: Scenario.Comparison?

    public init() {}

    public func applies(to kind: Scenario.Kind) -> Bool { kinds.isEmpty || kinds.contains(kind) }
}
