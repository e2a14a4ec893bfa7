/// The result of a conversation: the score, how it was earned, and what to do better.
public struct Scorecard: Sendable {
    public var scenarioId: String
    public var scenarioTitle: String
    public var scenarioKind: Scenario.Kind
    public var scenarioVersion: String
    public var rubricVersion: String
    public var language: String
    public var seed: UInt64
    public var trainee: String
    public var outcome: Outcome
    /// The ending reached, if the conversation reached one (not a timeout or a quit).
    public var ending: String?
    public var score: Int
    public var categories: [CategoryScore]
    public var events: [RuleEvent]
    public var turns: [TurnRecord]
    public var path: [String]
    public var circuits: CircuitSummary
    public var notes: [String]
    public var factsNoted: [String]
    /// The limit faults of conduct put on the score, when it lowered it (see ``Scoring/ceiling(events:rubric:)``).
    public var ceiling: Ceiling? = nil

    /// The highest score faults of conduct allow, and the replies that made them.
    public struct Ceiling: Sendable, Hashable {
        public var limit: Int
        public var replies: [Int]
    }

    public struct CategoryScore: Sendable, Hashable {
        public var category: Category
        /// 0–100, or `nil` when nothing in this conversation could earn or lose points here.
        public var score: Int?
        public var earned: Int
        public var possible: Int
    }

    public struct CircuitSummary: Sendable, Hashable {
        public var completed: Int
        public var completedAt: [Int]
        public var broken: [CircuitTracker.Broken]
    }

    /// What went well: credits, best first.
    public var strengths: [RuleEvent] { events.filter { $0.kind == .credit && $0.points > 0 } }

    /// What to improve: faults (worst first), then chances missed.
    public var improvements: [RuleEvent] {
        let faults = events.filter { $0.kind == .fault }.sorted { $0.points < $1.points }
        return faults + events.filter { $0.kind == .missed && $0.tryText != nil }
    }
}

/// Turns events and possible points into category and overall scores.
public enum Scoring {
    /// The highest overall score the conversation's faults of conduct allow, if it had any:
    /// the lowest ceiling among their rules, halved for each further such fault. One insult
    /// already fails a conversation, whatever else went well; an abusive one scores near 0.
    public static func ceiling(events: [RuleEvent], rubric: Rubric) -> Scorecard.Ceiling? {
        let conduct = events.compactMap { event in
            event.kind == .fault ? rubric.rule(event.rule)?.ceiling.map { (event, $0) } : nil
        }
        guard let lowest = conduct.map(\.1).min() else { return nil }
        return .init(
            limit: lowest >> min(conduct.count - 1, Int.bitWidth - 2), replies: conduct.compactMap(\.0.turn))
    }

    /// Each category scores (base + earned) / (base + possible), clamped to 0–100;
    /// the overall score is their average weighted for the scenario's kind. A rule's
    /// points count in its category and in those it names under `also`.
    public static func categories(
        events: [RuleEvent], possible: [Category: Int], rubric: Rubric, kind: Scenario.Kind
    ) -> (overall: Int, categories: [Scorecard.CategoryScore]) {
        var scores: [Scorecard.CategoryScore] = []
        var weighted = 0.0
        var weights = 0.0
        for category in Category.allCases {
            let base = rubric.categories[category]?.base ?? 0
            let inCategory = events.filter { event in
                event.points != 0
                    && (event.category == category || rubric.rule(event.rule)?.alsoCounts.contains(category) == true)
            }
            let earned = inCategory.reduce(0) { $0 + $1.points }
            let available = base + ((possible[category] ?? 0) * rubric.fullMarksAt + 99) / 100
            // Nothing to earn here, but points were lost: that is a score of 0, not "not scored".
            guard available > 0 || !inCategory.isEmpty else {
                scores.append(.init(category: category, score: nil, earned: earned, possible: 0))
                continue
            }
            let ratio = available > 0 ? min(max(Double(base + earned) / Double(available), 0), 1) : 0
            let score = Int((ratio * 100).rounded())
            scores.append(.init(category: category, score: score, earned: base + earned, possible: available))
            let weight = rubric.weight(of: category, for: kind)
            weighted += weight * Double(score)
            weights += weight
        }
        let overall = weights > 0 ? Int((weighted / weights).rounded()) : 0
        return (overall, scores)
    }
}
