import Foundation

/// What a trainee should practise next, and why in one line: `coach train`'s decision.
///
/// A pure function of the trainee's recorded sessions and the library on offer, so the
/// same records always give the same advice (docs/training.md):
///
/// 1. **A habit first.** Over the last ``window`` sessions that count, a guideline broken in
///    at least ``habit`` of them is a habit; the most widespread one (then the most recently
///    broken, then the lowest guideline number) that a drill practises sends the trainee to
///    that drill (the most focused one: fewest guidelines) — unless they have passed that
///    drill since they last broke it.
/// 2. **Else a scenario**: of the kind of customer where the trainee scores lowest lately
///    (a kind never met comes first: genuine grievance, overly demanding, provocateur), at
///    the level they have earned — the lowest difficulty at which a scenario of that kind is
///    not passed yet — the one not passed, never or least recently played.
///
/// Faults a trainer struck in a review (overridden to 0 or more) do not count, and a pass is
/// what reports call one (``PassMark/passed(_:)``: an ending reached, the reviewed score at
/// the mark).
public struct TrainingPlan: Sendable, Equatable {
    /// What to play.
    public enum Choice: Sendable, Equatable {
        /// The drill `name`, played as scenario `scenario`, for `guideline`.
        case drill(name: String, scenario: String, guideline: String)
        case scenario(id: String, kind: Scenario.Kind, difficulty: Int)

        /// The scenario id to play.
        public var scenarioID: String {
            switch self {
            case .drill(_, let scenario, _): scenario
            case .scenario(let id, _, _): id
            }
        }
    }

    public var choice: Choice
    /// Why, in one line, in the trainee's terms.
    public var reason: String

    /// How many of the latest sessions that count are looked at for habits and averages.
    public static let window = 10
    /// In how many of those a guideline must be broken to be a habit rather than a slip.
    public static let habit = 2
    /// The order in which kinds of customer are met when none has been yet.
    public static let kindOrder: [Scenario.Kind] = [.genuineGrievance, .overlyDemanding, .provocateur]

    /// A scenario of the library, as the plan needs it.
    public struct Offer: Sendable, Hashable {
        public var id: String
        public var title: String
        public var kind: Scenario.Kind
        public var difficulty: Int

        public init(id: String, title: String, kind: Scenario.Kind, difficulty: Int) {
            self.id = id
            self.title = title
            self.kind = kind
            self.difficulty = difficulty
        }
    }

    /// A drill of the library in the trainee's language.
    public struct Drill: Sendable, Hashable {
        public var name: String
        /// The scenario that plays it in the trainee's language.
        public var scenario: String
        /// Its scenario ids in every language: sessions of any of them are drill sessions.
        public var scenarios: Set<String>
        public var guidelines: [String]

        public init(name: String, scenario: String, scenarios: Set<String>, guidelines: [String]) {
            self.name = name
            self.scenario = scenario
            self.scenarios = scenarios
            self.guidelines = guidelines
        }
    }

    /// The plan for a trainee with `sessions` (any order), or `nil` if `scenarios` is empty;
    /// its reason in the language of `texts`.
    public static func next(
        sessions: [StoredSession], scenarios: [Offer], drills: [Drill], passMark: Int, texts: InterfaceCatalogue = .english
    ) -> TrainingPlan? {
        let counting = sessions.filter(\.summary.counts)
            .sorted { ($0.summary.startedAt, $0.summary.id) < ($1.summary.startedAt, $1.summary.id) }
        let recent = Array(counting.suffix(window))
        if let plan = drillForHabit(recent: recent, all: counting, drills: drills, passMark: passMark, texts: texts) {
            return plan
        }
        let drillScenarios = drills.reduce(into: Set<String>()) { $0.formUnion($1.scenarios) }
        return scenarioToPlay(
            played: counting.filter { !drillScenarios.contains($0.summary.scenarioId) }, offers: scenarios, passMark: passMark,
            texts: texts)
    }

    static func drillForHabit(
        recent: [StoredSession], all: [StoredSession], drills: [Drill], passMark: Int, texts: InterfaceCatalogue
    ) -> TrainingPlan? {
        struct Habit {
            var guideline: String
            var sessions = 0
            var lastBroken = 0
            var event: RuleEvent
        }
        var habits: [String: Habit] = [:]
        for (position, session) in recent.enumerated() {
            for (guideline, event) in session.brokenGuidelines {
                habits[guideline, default: Habit(guideline: guideline, event: event)].sessions += 1
                habits[guideline]!.lastBroken = position
                habits[guideline]!.event = event
            }
        }
        let ranked = habits.values.filter { $0.sessions >= habit }.sorted {
            ($0.sessions, $0.lastBroken) != ($1.sessions, $1.lastBroken)
                ? ($0.sessions, $0.lastBroken) > ($1.sessions, $1.lastBroken)
                : Guideline.precedes($0.guideline, $1.guideline)
        }
        for found in ranked {
            // The most focused drill for it: fewest guidelines, then by name.
            guard
                let drill = drills.filter({ $0.guidelines.contains(found.guideline) })
                    .min(by: { ($0.guidelines.count, $0.name) < ($1.guidelines.count, $1.name) })
            else { continue }
            // Passed the drill since the last time the habit showed: the scenarios come next.
            let lastBreak = all.lastIndex { $0.brokenGuidelines[found.guideline] != nil } ?? -1
            let passedSince = all.indices.contains {
                $0 > lastBreak && drill.scenarios.contains(all[$0].summary.scenarioId)
                    && PassMark(score: passMark).passed(all[$0].summary) == true
            }
            if passedSince { continue }
            let reason = texts(
                .trainDrill,
                [
                    "drill": drill.name, "count": String(found.sessions), "recent": String(recent.count),
                    "guideline": found.guideline, "why": found.event.why,
                ])
            return TrainingPlan(
                choice: .drill(name: drill.name, scenario: drill.scenario, guideline: found.guideline), reason: reason)
        }
        return nil
    }

    static func scenarioToPlay(
        played: [StoredSession], offers: [Offer], passMark: Int, texts: InterfaceCatalogue
    ) -> TrainingPlan? {
        let kinds = kindOrder.filter { kind in offers.contains { $0.kind == kind } }
        guard !kinds.isEmpty else { return nil }
        var averages: [Scenario.Kind: Int] = [:]
        for kind in kinds {
            let scores = played.filter { $0.summary.scenarioKind == kind.rawValue }.compactMap(\.summary.effectiveScore)
            if let average = CohortReport.average(Array(scores.suffix(window))) { averages[kind] = average }
        }
        // Never met first (in the course's order), then the lowest average.
        func rank(_ kind: Scenario.Kind) -> (Int, Int, Int) {
            (averages[kind] == nil ? 0 : 1, averages[kind] ?? 0, kinds.firstIndex(of: kind)!)
        }
        let kind = kinds.min { rank($0) < rank($1) }!
        let ofKind = offers.filter { $0.kind == kind }
        let passed = Set(played.filter { PassMark(score: passMark).passed($0.summary) == true }.map(\.summary.scenarioId))
        let levels = Set(ofKind.map(\.difficulty)).sorted()
        let earned = levels.first { level in ofKind.contains { $0.difficulty == level && !passed.contains($0.id) } }
        let level = earned ?? levels.last!
        let lastPlayed = Dictionary(played.map { ($0.summary.scenarioId, $0.summary.startedAt) }) { max($0, $1) }
        let pick = ofKind.filter { $0.difficulty == level }.min { a, b in
            let (pa, pb) = (passed.contains(a.id), passed.contains(b.id))
            if pa != pb { return !pa }
            let (la, lb) = (lastPlayed[a.id] ?? .distantPast, lastPlayed[b.id] ?? .distantPast)
            return la != lb ? la < lb : a.id < b.id
        }!
        let (customers, aCustomer): (InterfaceText, InterfaceText) =
            switch kind {
            case .provocateur: (.trainCustomersProvocateur, .trainACustomerProvocateur)
            case .overlyDemanding: (.trainCustomersOverlyDemanding, .trainACustomerOverlyDemanding)
            case .genuineGrievance: (.trainCustomersGenuineGrievance, .trainACustomerGenuineGrievance)
            }
        var reason: String
        if let average = averages[kind] {
            let arguments = ["customers": texts(customers), "average": String(average)]
            reason = kinds.count > 1 ? texts(.trainLowest, arguments) : texts(.trainOnlyKind, arguments)
        } else {
            reason = texts(played.isEmpty ? .trainFirst : .trainNotMet, ["a-customer": texts(aCustomer)])
        }
        if earned == nil {
            reason = texts(.trainPassedAll, ["reason": reason, "level": String(level)])
        } else if let below = levels.last(where: { $0 < level }) {
            reason = texts(.trainPassedBelow, ["reason": reason, "below": String(below)])
        } else if averages[kind] != nil {
            reason = texts(.trainPassToMoveUp, ["reason": reason, "level": String(level), "mark": String(passMark)])
        }
        return TrainingPlan(
            choice: .scenario(id: pick.id, kind: kind, difficulty: level),
            reason: texts(.trainPick, ["title": pick.title, "id": pick.id, "level": String(level), "reason": reason]))
    }
}
