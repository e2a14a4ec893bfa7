import Foundation

/// The training lead's view: one row per trainee.
public struct CohortReport: Sendable {
    public var passMark: PassMark
    /// Sorted by trainee name.
    public var rows: [Row]

    /// One trainee's line: counts, scores and the weakest category.
    public struct Row: Sendable, Hashable {
        public var trainee: String
        public var sessions: Int
        /// Sessions that count in the scores (``SessionSummary/counts``).
        public var counted: Int
        /// Sessions over but left out of the scores: no reply, or interrupted.
        public var leftOut: Int
        public var abandoned: Int
        public var walkedOut: Int
        public var interrupted: Int
        /// Distinct scenarios played, and those with at least one passed session.
        public var scenariosPlayed: Int
        public var scenariosPassed: Int
        /// Over the sessions that count.
        public var averageScore: Int?
        public var latestScore: Int?
        /// The category with the lowest average over the sessions that count, and that average.
        public var weakestCategory: Category?
        public var weakestAverage: Int?
        public var lastActive: Date
        /// The scores of the sessions that count, oldest first (for charts).
        public var scores: [Int]
    }

    /// Groups `summaries` by trainee; averages count only sessions that count
    /// (``SessionSummary/counts``).
    public init(summaries: [SessionSummary], passMark: PassMark = .standard) {
        self.passMark = passMark
        let byTrainee = Dictionary(grouping: summaries, by: \.trainee)
        rows = byTrainee.keys.sorted().map { trainee in
            let sessions = byTrainee[trainee]!.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
            let counted = sessions.filter(\.counts)
            let scores = counted.compactMap(\.effectiveScore)
            let passed = Set(sessions.filter { passMark.passed($0) == true }.map(\.scenarioId))
            var weakest: (Category, Int)?
            for category in Category.allCases {
                let values = counted.compactMap { $0.score(of: category) }
                guard !values.isEmpty else { continue }
                let average = Self.average(values)!
                if weakest == nil || average < weakest!.1 { weakest = (category, average) }
            }
            return Row(
                trainee: trainee, sessions: sessions.count, counted: counted.count,
                leftOut: sessions.filter(\.isLeftOut).count, abandoned: sessions.filter { $0.status == .abandoned }.count,
                walkedOut: sessions.filter { $0.status == .walkedOut }.count,
                interrupted: sessions.filter { $0.status == .interrupted }.count,
                scenariosPlayed: Set(sessions.map(\.scenarioId)).count, scenariosPassed: passed.count,
                averageScore: Self.average(scores), latestScore: scores.last, weakestCategory: weakest?.0,
                weakestAverage: weakest?.1, lastActive: sessions.map(\.lastActivityAt).max()!, scores: scores)
        }
    }

    /// The rounded mean, `nil` for none. Summed in Double: a sum of Ints can overflow where
    /// their mean cannot, and a report must not trap on whatever scores it is given.
    static func average(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let mean = (values.reduce(0.0) { $0 + Double($1) } / Double(values.count)).rounded()
        return Int(exactly: mean) ?? (mean < 0 ? Int.min : Int.max)
    }
}
