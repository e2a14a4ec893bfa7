import Foundation

/// One trainee's progress: sessions over time, scenarios, category trends, habits to break.
///
/// A pure function of the stored sessions (and the library, for suggestions): the command
/// reads the database, this decides what it means, the renderers lay it out.
public struct ProgressReport: Sendable {
    public var trainee: String
    public var passMark: PassMark
    /// Oldest first.
    public var sessions: [StoredSession]
    /// Per scenario played, in the order first played.
    public var scenarios: [ScenarioProgress]
    public var categories: [CategoryTrend]
    /// Faults by how often they happened, most frequent first (at most ``brokenRuleLimit``).
    public var brokenRules: [BrokenRule]
    /// The guidelines broken in the recent sessions, most often broken first, with their trend
    /// (at most ``brokenRuleLimit``).
    public var guidelines: [GuidelineTrend]
    /// What to practise next, most pressing first.
    public var advice: [Advice]

    /// The advice in English, as the JSON report carries it: a machine format, not translated.
    public var practiseNext: [String] { advice.map { $0.text(in: .english) } }

    public static let brokenRuleLimit = 5
    /// How many recent sessions that count the category averages and suggestions look at.
    public static let recentWindow = 5

    /// A scenario the library offers, for "what to practise next".
    public struct LibraryScenario: Sendable, Hashable {
        public var id: String
        public var title: String
        public var difficulty: Int

        public init(id: String, title: String, difficulty: Int) {
            self.id = id
            self.title = title
            self.difficulty = difficulty
        }
    }

    /// How one scenario went over all its attempts.
    public struct ScenarioProgress: Sendable, Hashable {
        public var id: String
        public var title: String
        public var attempts: Int
        /// Finished sessions' scores, oldest first.
        public var scores: [Int]
        public var best: Int?
        public var latest: Int?
        /// Whether any session of it passed; `nil` without a pass mark.
        public var passed: Bool?
        public var lastPlayed: Date
    }

    /// One category's scores over time.
    public struct CategoryTrend: Sendable, Hashable {
        public var category: Category
        /// The category's score in each finished session that scored it, oldest first.
        public var scores: [Int]
        /// The average over the last ``ProgressReport/recentWindow`` scores.
        public var recentAverage: Int?
        public var latest: Int? { scores.last }
    }

    /// A rule the trainee broke, how often, and their own words from the latest time.
    public struct BrokenRule: Sendable, Hashable {
        public var rule: String
        public var count: Int
        public var category: Category
        public var guidelines: [String]
        public var why: String
        public var tryText: String?
        /// The most recent time it happened with the trainee's words.
        public var example: Example?

        /// Where the quote comes from.
        public struct Example: Sendable, Hashable {
            public var quote: String
            public var session: String
            public var reply: Int?
        }
    }

    /// Builds the report; `library` (the scenarios on offer) only feeds the suggestions.
    public init(trainee: String, sessions: [StoredSession], passMark: PassMark = .standard, library: [LibraryScenario] = []) {
        self.trainee = trainee
        self.passMark = passMark
        self.sessions = sessions.sorted { ($0.summary.startedAt, $0.summary.id) < ($1.summary.startedAt, $1.summary.id) }
        let summaries = self.sessions.map(\.summary)
        scenarios = Self.scenarios(summaries, passMark: passMark)
        categories = Self.trends(summaries)
        brokenRules = Self.brokenRules(self.sessions)
        guidelines = GuidelineTrend.ranked(self.sessions, limit: Self.brokenRuleLimit)
        advice = Self.suggestions(
            summaries: summaries, scenarios: scenarios, categories: categories, broken: brokenRules,
            passMark: passMark, library: library)
    }

    /// The overall scores of the sessions that count (``SessionSummary/counts``), as reviewed
    /// where a trainer overrode an event, oldest first.
    public var scores: [Int] { sessions.compactMap { $0.summary.counts ? $0.summary.effectiveScore : nil } }

    /// How many sessions stand so (finished, abandoned, walked out, interrupted, in progress).
    public func count(_ status: SessionStatus) -> Int { sessions.filter { $0.summary.status == status }.count }

    /// Sessions that are over but left out of the scores: no reply, or interrupted.
    public var leftOut: Int { sessions.filter(\.summary.isLeftOut).count }

    static func scenarios(_ summaries: [SessionSummary], passMark: PassMark) -> [ScenarioProgress] {
        var order: [String] = []
        var groups: [String: [SessionSummary]] = [:]
        for summary in summaries {
            if groups[summary.scenarioId] == nil { order.append(summary.scenarioId) }
            groups[summary.scenarioId, default: []].append(summary)
        }
        return order.map { id in
            let group = groups[id]!
            let scores = group.compactMap { $0.counts ? $0.effectiveScore : nil }
            let verdicts = group.compactMap(passMark.passed)
            return ScenarioProgress(
                id: id, title: group.last!.scenarioTitle, attempts: group.count, scores: scores, best: scores.max(),
                latest: scores.last, passed: passMark.score == nil ? nil : verdicts.contains(true),
                lastPlayed: group.last!.startedAt)
        }
    }

    static func trends(_ summaries: [SessionSummary]) -> [CategoryTrend] {
        Category.allCases.map { category in
            let scores = summaries.compactMap { $0.counts ? $0.score(of: category) : nil }
            return CategoryTrend(
                category: category, scores: scores, recentAverage: CohortReport.average(Array(scores.suffix(recentWindow))))
        }
    }

    static func brokenRules(_ sessions: [StoredSession]) -> [BrokenRule] {
        var order: [String] = []
        var found: [String: BrokenRule] = [:]
        for session in sessions {
            for event in session.events where event.kind == .fault {
                if found[event.rule] == nil {
                    order.append(event.rule)
                    found[event.rule] = BrokenRule(
                        rule: event.rule, count: 0, category: event.category, guidelines: event.guidelines,
                        why: event.why, tryText: event.tryText, example: nil)
                }
                found[event.rule]!.count += 1
                // Later sessions overwrite: the example is the most recent one with words to quote.
                if let quote = event.quote, !quote.isEmpty {
                    found[event.rule]!.example = .init(quote: quote, session: session.summary.id, reply: event.turn)
                    if let tryText = event.tryText { found[event.rule]!.tryText = tryText }
                }
            }
        }
        let ranked = order.enumerated().sorted { a, b in
            let (ca, cb) = (found[a.element]!.count, found[b.element]!.count)
            return ca != cb ? ca > cb : a.offset < b.offset
        }
        return ranked.prefix(brokenRuleLimit).map { found[$0.element]! }
    }

    static func suggestions(
        summaries: [SessionSummary], scenarios: [ScenarioProgress], categories: [CategoryTrend],
        broken: [BrokenRule], passMark: PassMark, library: [LibraryScenario]
    ) -> [Advice] {
        var advice: [Advice] = []
        let played = Set(scenarios.map(\.id))
        let unplayed = library.filter { !played.contains($0.id) }.sorted { ($0.difficulty, $0.id) < ($1.difficulty, $1.id) }
        guard summaries.contains(where: \.counts) else {
            if let first = unplayed.first ?? library.first {
                advice.append(.playFirst(title: first.title, id: first.id))
            } else {
                advice.append(.startRecord)
            }
            return advice
        }
        if let weakest = categories.filter({ $0.recentAverage != nil }).min(by: { $0.recentAverage! < $1.recentAverage! }),
            let average = weakest.recentAverage, average < 100
        {
            let tryText = broken.first(where: { $0.category == weakest.category })?.tryText
            advice.append(.workOn(category: weakest.category, average: average, tryText: tryText))
        }
        if let top = broken.first, top.count > 1 {
            let habit = Advice.breakHabit(rule: top.rule, count: top.count, why: top.why, tryText: top.tryText)
            // Said once: not again if an earlier line already says it (decided on the English words).
            let line = habit.text(in: .english)
            if !advice.contains(where: { $0.text(in: .english).contains(line) }) { advice.append(habit) }
        }
        if let mark = passMark.score,
            let retry = scenarios.filter({ ($0.latest ?? 100) < mark }).min(by: { ($0.latest ?? 0) < ($1.latest ?? 0) })
        {
            advice.append(.replay(title: retry.title, id: retry.id, latest: retry.latest ?? 0, passMark: mark))
        }
        if let next = unplayed.first {
            advice.append(.tryNew(title: next.title, id: next.id))
        }
        return advice
    }
}

extension ProgressReport {
    /// One line of "Practise next", as data, so that each report says it in its reader's
    /// language (``text(in:)``) while the JSON report keeps the English words.
    public enum Advice: Sendable, Hashable {
        /// Nothing counts yet: the easiest scenario the library offers.
        case playFirst(title: String, id: String)
        /// Nothing counts yet and the library offers nothing to name.
        case startRecord
        /// The weakest category lately, with the Try line of a rule broken in it.
        case workOn(category: Category, average: Int, tryText: String?)
        /// The rule broken most often, when more than once.
        case breakHabit(rule: String, count: Int, why: String, tryText: String?)
        /// The scenario furthest below the pass mark.
        case replay(title: String, id: String, latest: Int, passMark: Int)
        /// A scenario not played yet.
        case tryNew(title: String, id: String)

        /// The line in `texts`' language.
        public func text(in texts: InterfaceCatalogue) -> String {
            switch self {
            case .playFirst(let title, let id): return texts(.reportAdviceFirst, ["title": title, "id": id])
            case .startRecord: return texts(.reportAdviceStart)
            case .workOn(let category, let average, let tryText):
                let arguments = ["category": texts.name(of: category), "average": String(average)]
                guard let tryText else { return texts(.reportAdviceWorkOn, arguments) }
                // The sentence ends with a full stop, unless the Try line brought its own.
                let line = texts(.reportAdviceWorkOnTry, arguments.merging(["try": tryText]) { $1 })
                return line.hasSuffix(".") ? line : line + "."
            case .breakHabit(let rule, let count, let why, let tryText):
                let arguments = ["rule": rule, "why": why]
                guard let tryText else { return texts(.reportAdviceHabit, count: count, arguments) }
                return texts(.reportAdviceHabitTry, count: count, arguments.merging(["try": tryText]) { $1 })
            case .replay(let title, let id, let latest, let mark):
                return texts(.reportAdviceReplay, ["title": title, "id": id, "latest": String(latest), "mark": String(mark)])
            case .tryNew(let title, let id): return texts(.reportAdviceNew, ["title": title, "id": id])
            }
        }
    }
}
