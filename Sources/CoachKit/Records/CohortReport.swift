import Foundation

/// The training lead's view: one row per trainee.
public struct CohortReport: Sendable {
    public var passMark: PassMark
    /// Sorted by trainee name.
    public var rows: [Row]
    /// The guidelines the cohort breaks, most widespread first (empty unless the sessions'
    /// events were given).
    public var guidelines: [Guideline] = []

    /// One guideline across the cohort: for how many trainees it is a habit, how often it was
    /// broken in their recent sessions, and whether the cohort is getting better at it.
    public struct Guideline: Sendable, Hashable {
        public var guideline: String
        /// Trainees who broke it in at least ``TrainingPlan/habit`` of their recent sessions.
        public var habitOf: [String]
        /// Trainees who broke it at all lately.
        public var trainees: Int
        /// Recent sessions (each trainee's last ``TrainingPlan/window`` that count) that broke
        /// it, and all of them.
        public var broken: Int
        public var sessions: Int
        /// The later half of each trainee's recent sessions against the earlier half, summed.
        public var direction: GuidelineTrend.Direction
    }

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

    /// The cohort report with the guideline view, from whole sessions (their rule events).
    public init(sessions: [StoredSession], passMark: PassMark = .standard) {
        self.init(summaries: sessions.map(\.summary), passMark: passMark)
        guidelines = Self.guidelines(Dictionary(grouping: sessions, by: \.summary.trainee))
    }

    /// Every trainee's recent guideline record, added up per guideline: most habits first,
    /// then most breaks, then by number.
    static func guidelines(_ byTrainee: [String: [StoredSession]]) -> [Guideline] {
        struct Sum {
            var habitOf: [String] = [], trainees = 0, broken = 0
            var earlier = 0, earlierSessions = 0, later = 0, laterSessions = 0
        }
        var sums: [String: Sum] = [:]
        var sessions = 0
        for trainee in byTrainee.keys.sorted() {
            let trends = GuidelineTrend.ranked(byTrainee[trainee]!)
            let window = min(byTrainee[trainee]!.filter(\.summary.counts).count, TrainingPlan.window)
            sessions += window
            for trend in trends {
                var sum = sums[trend.guideline, default: Sum()]
                if trend.broken >= TrainingPlan.habit { sum.habitOf.append(trainee) }
                sum.trainees += 1
                sum.broken += trend.broken
                let half = trend.marks.count / 2
                sum.earlier += trend.marks.prefix(half).filter { $0 }.count
                sum.later += trend.marks.suffix(half).filter { $0 }.count
                sum.earlierSessions += half
                sum.laterSessions += half
                sums[trend.guideline] = sum
            }
        }
        return sums.map { guideline, sum in
            Guideline(
                guideline: guideline, habitOf: sum.habitOf, trainees: sum.trainees, broken: sum.broken, sessions: sessions,
                direction: .init(earlier: sum.earlier, of: sum.earlierSessions, later: sum.later, of: sum.laterSessions))
        }.sorted { a, b in
            if a.habitOf.count != b.habitOf.count { return a.habitOf.count > b.habitOf.count }
            if a.broken != b.broken { return a.broken > b.broken }
            return CoachKit.Guideline.precedes(a.guideline, b.guideline)
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
