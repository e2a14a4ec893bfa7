import Foundation
import Testing

@testable import CoachKit

/// `coach train`'s decision on made-up records: habits go to their drill, then the weakest
/// kind of customer at the level earned.
@Suite struct TrainingPlanTests {
    typealias F = RecordsFixtures

    static let offers: [TrainingPlan.Offer] = [
        .init(id: "parcel", title: "Parcel", kind: .genuineGrievance, difficulty: 1),
        .init(id: "bank", title: "Bank", kind: .genuineGrievance, difficulty: 1),
        .init(id: "allergy", title: "Allergy", kind: .genuineGrievance, difficulty: 3),
        .init(id: "hotel", title: "Hotel", kind: .overlyDemanding, difficulty: 1),
        .init(id: "upgrade", title: "Upgrade", kind: .overlyDemanding, difficulty: 2),
        .init(id: "helpdesk", title: "Helpdesk", kind: .provocateur, difficulty: 2),
    ]
    static let drills: [TrainingPlan.Drill] = [
        .init(name: "apology-timing", scenario: "apology-timing-en", scenarios: ["apology-timing-en"], guidelines: ["G1", "G27", "G32"]),
        .init(name: "plan-deadline", scenario: "plan-deadline-en", scenarios: ["plan-deadline-en"], guidelines: ["G18", "G31"]),
    ]

    /// A finished session of `scenario` on `day` with `score` and faults against `guidelines`.
    func played(
        _ scenario: String, day: Int, score: Int = 80, kind: Scenario.Kind = .genuineGrievance, breaking guidelines: [String] = []
    ) -> StoredSession {
        var summary = F.summary("\(scenario)-\(day)", scenario: scenario, day: day, score: score)
        summary.scenarioKind = kind.rawValue
        let events = guidelines.map { guideline in
            RuleEvent(
                rule: "rule-\(guideline)", kind: .fault, guidelines: [guideline], turn: 1, quote: "words", points: -6,
                category: .courtesy, why: "Why \(guideline) matters.", tryText: nil)
        }
        return F.session(summary, events: events)
    }

    func next(_ sessions: [StoredSession], offers: [TrainingPlan.Offer] = offers) -> TrainingPlan? {
        TrainingPlan.next(sessions: sessions, scenarios: offers, drills: Self.drills, passMark: 70)
    }

    @Test func aNewTraineeStartsWithTheFirstGrievanceAtLevelOne() throws {
        let plan = try #require(next([]))
        #expect(plan.choice == .scenario(id: "bank", kind: .genuineGrievance, difficulty: 1))
        #expect(plan.reason == "Bank (bank, level 1): a first conversation, with a genuine grievance customer")
        #expect(next([], offers: []) == nil)
    }

    /// The reason is said in the trainee's language, with its own grammar of kinds and counts.
    @Test func theReasonSpeaksTheInterfaceLanguage() throws {
        var diagnostics = DiagnosticCollector()
        let russian = try #require(InterfaceCatalogueLoader.load(language: "ru", from: .bundled, diagnostics: &diagnostics))
        let first = try #require(TrainingPlan.next(sessions: [], scenarios: Self.offers, drills: Self.drills, passMark: 70, texts: russian))
        #expect(first.reason == "Bank (bank, уровень 1): первый разговор — клиент с обоснованной жалобой")
        let habit = [played("parcel", day: 0, breaking: ["G1"]), played("bank", day: 1, breaking: ["G1"])]
        let drill = try #require(TrainingPlan.next(sessions: habit, scenarios: Self.offers, drills: Self.drills, passMark: 70, texts: russian))
        #expect(drill.reason == "упражнение apology-timing: в 2 из последних 2 разговоров вы нарушили G1 — Why G1 matters.")
    }

    @Test func aTraineeWhoKeepsApologisingFirstIsSentToTheApologyDrill() throws {
        let sessions = [
            played("parcel", day: 0, breaking: ["G1"]), played("hotel", day: 1, kind: .overlyDemanding),
            played("bank", day: 2, breaking: ["G1", "G18"]),
        ]
        let plan = try #require(next(sessions))
        #expect(plan.choice == .drill(name: "apology-timing", scenario: "apology-timing-en", guideline: "G1"))
        #expect(plan.reason == "the apology-timing drill: in 2 of your last 3 sessions you broke G1 — Why G1 matters.")
    }

    @Test func aSlipIsNotAHabitAndTheMostWidespreadHabitWins() throws {
        let slip = [played("parcel", day: 0, breaking: ["G18"]), played("bank", day: 1)]
        #expect(next(slip)?.choice.scenarioID != "plan-deadline-en")
        let both = [
            played("parcel", day: 0, breaking: ["G18"]), played("bank", day: 1, breaking: ["G1", "G18"]),
            played("hotel", day: 2, kind: .overlyDemanding, breaking: ["G1", "G18"]),
        ]
        #expect(next(both)?.choice == .drill(name: "plan-deadline", scenario: "plan-deadline-en", guideline: "G18"))
    }

    @Test func theMostFocusedDrillForTheGuidelineIsChosen() throws {
        let broad = TrainingPlan.Drill(
            name: "action-cause-fix", scenario: "action-cause-fix-en", scenarios: ["action-cause-fix-en"],
            guidelines: ["G3", "G18", "G21", "G30"])
        let sessions = [played("parcel", day: 0, breaking: ["G18"]), played("bank", day: 1, breaking: ["G18"])]
        let plan = TrainingPlan.next(sessions: sessions, scenarios: Self.offers, drills: [broad] + Self.drills, passMark: 70)
        #expect(plan?.choice == .drill(name: "plan-deadline", scenario: "plan-deadline-en", guideline: "G18"))
    }

    @Test func aPassedDrillSendsTheTraineeOnUntilTheHabitShowsAgain() throws {
        var sessions = [played("parcel", day: 0, breaking: ["G1"]), played("bank", day: 1, breaking: ["G1"])]
        sessions.append(played("apology-timing-en", day: 2, score: 80))
        #expect(next(sessions)?.choice.scenarioID != "apology-timing-en")
        // A failed drill does not count as practised.
        let failed = Array(sessions.dropLast()) + [played("apology-timing-en", day: 2, score: 40)]
        #expect(next(failed)?.choice.scenarioID == "apology-timing-en")
        // Broken again after the drill: back to it.
        sessions.append(played("hotel", day: 3, kind: .overlyDemanding, breaking: ["G1"]))
        #expect(next(sessions)?.choice.scenarioID == "apology-timing-en")
    }

    @Test func aFaultStruckInAReviewIsNotAHabit() throws {
        var second = played("bank", day: 1, breaking: ["G1"])
        second.reviews = [SessionReview(change: .override(event: 1, points: 0), text: "not hollow", reviewer: "lead", at: F.start)]
        let plan = try #require(next([played("parcel", day: 0, breaking: ["G1"]), second]))
        #expect(plan.choice.scenarioID != "apology-timing-en")
    }

    @Test func aKindNeverMetComesBeforeTheWeakestAndTheWeakestBeforeTheRest() throws {
        let grievances = [played("parcel", day: 0, score: 90), played("bank", day: 1, score: 75)]
        let first = try #require(next(grievances))
        #expect(first.choice == .scenario(id: "hotel", kind: .overlyDemanding, difficulty: 1))
        #expect(first.reason == "Hotel (hotel, level 1): you have not met an overly demanding customer yet")

        let everyKind = grievances + [
            played("hotel", day: 2, score: 60, kind: .overlyDemanding), played("helpdesk", day: 3, score: 85, kind: .provocateur),
        ]
        let weakest = try #require(next(everyKind))
        #expect(weakest.choice == .scenario(id: "hotel", kind: .overlyDemanding, difficulty: 1))
        #expect(weakest.reason == "Hotel (hotel, level 1): overly demanding customers are where you score lowest lately (60 on average); pass level 1 (70) to move up")
    }

    @Test func passingEveryLevelOneScenarioOfAKindEarnsLevelTwo() throws {
        let sessions = [
            played("parcel", day: 0, score: 50), played("bank", day: 1, score: 72), played("parcel", day: 2, score: 74),
            played("hotel", day: 3, score: 90, kind: .overlyDemanding), played("helpdesk", day: 4, score: 95, kind: .provocateur),
        ]
        let plan = try #require(next(sessions))
        // Grievances average lowest; both level-1 ones are passed, and there is no level 2: level 3.
        #expect(plan.choice == .scenario(id: "allergy", kind: .genuineGrievance, difficulty: 3))
        #expect(plan.reason.hasSuffix("and you have passed every level-1 one"))
        // One level-1 grievance not passed yet: that one, not the harder one.
        let notYet = Array(sessions.dropFirst(3)) + [played("parcel", day: 5, score: 74)]
        #expect(next(notYet)?.choice == .scenario(id: "bank", kind: .genuineGrievance, difficulty: 1))
    }

    @Test func aConversationGivenUpIsNotAPassWhateverItsScore() throws {
        var abandoned = played("parcel", day: 0, score: 90)
        abandoned.summary.outcome = .abandoned
        let sessions = [abandoned, played("bank", day: 1, score: 90)]
        let grievances = Self.offers.filter { $0.kind == .genuineGrievance }
        #expect(next(sessions, offers: grievances)?.choice == .scenario(id: "parcel", kind: .genuineGrievance, difficulty: 1))
    }

    @Test func withEverythingPassedTheHardestLeastRecentlyPlayedComesBack() throws {
        let offers = [TrainingPlan.Offer(id: "a", title: "A", kind: .provocateur, difficulty: 1),
                      TrainingPlan.Offer(id: "b", title: "B", kind: .provocateur, difficulty: 2),
                      TrainingPlan.Offer(id: "c", title: "C", kind: .provocateur, difficulty: 2)]
        let sessions = [
            played("a", day: 0, kind: .provocateur), played("c", day: 1, kind: .provocateur),
            played("b", day: 2, kind: .provocateur),
        ]
        let plan = try #require(next(sessions, offers: offers))
        #expect(plan.choice == .scenario(id: "c", kind: .provocateur, difficulty: 2))
        #expect(plan.reason.hasSuffix("and you have passed every one; level 2 keeps you sharp"))
    }

    @Test func sessionsThatDoNotCountAreLeftOut() throws {
        var quit = F.summary("q", scenario: "parcel", day: 0, status: .abandoned, score: 10, replies: 0)
        quit.scenarioKind = Scenario.Kind.genuineGrievance.rawValue
        let plan = try #require(next([F.session(quit)]))
        #expect(plan.reason.hasSuffix("a first conversation, with a genuine grievance customer"))
    }
}
