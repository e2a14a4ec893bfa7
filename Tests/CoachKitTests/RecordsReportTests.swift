import Foundation
import Testing

@testable import CoachKit

@Suite struct RecordsReportTests {
    typealias F = RecordsFixtures

    @Test(arguments: [
        ("70", 70 as Int?), ("0", 0), ("100", 100), ("none", nil), ("NONE", nil),
    ])
    func passMarksParse(text: String, expected: Int?) {
        #expect(PassMark(argument: text) == PassMark(score: expected))
    }

    @Test(arguments: ["-1", "101", "seventy", ""])
    func badPassMarksAreRefused(text: String) {
        #expect(PassMark(argument: text) == nil)
    }

    @Test(arguments: [
        (SessionStatus.finished, Outcome.resolved, 70, true as Bool?),
        (.finished, .resolved, 69, false),
        (.finished, .customerLost, 90, true),
        (.abandoned, .abandoned, 95, false),
        (.walkedOut, .customerLost, 90, true),
        (.interrupted, .resolved, 90, nil),
        (.inProgress, .resolved, 90, nil),
    ])
    func aSessionPassesWithAnEndingAndTheMark(status: SessionStatus, outcome: Outcome, score: Int, expected: Bool?) {
        let summary = F.summary("x", status: status, outcome: outcome, score: score)
        #expect(PassMark.standard.passed(summary) == expected)
        #expect(PassMark(score: nil).passed(summary) == nil)
    }

    @Test func progressSummarisesScenariosAndCategoriesInTimeOrder() {
        let sessions = [
            F.session(F.summary("c", scenario: "tiny", day: 2, score: 75, categories: [.listening: 90, .composure: 40])),
            F.session(F.summary("a", scenario: "tiny", day: 0, score: 40, categories: [.listening: 50, .composure: 30])),
            F.session(F.summary("b", scenario: "other", day: 1, score: 90, categories: [.listening: 70])),
            F.session(F.summary("d", scenario: "other", day: 3, status: .interrupted)),
        ]
        let report = ProgressReport(trainee: "anna", sessions: sessions)
        #expect(report.sessions.map(\.summary.id) == ["a", "b", "c", "d"])
        #expect(report.scores == [40, 90, 75])
        #expect(report.count(.finished) == 3 && report.count(.interrupted) == 1 && report.leftOut == 1)
        #expect(report.scenarios.map(\.id) == ["tiny", "other"])
        #expect(report.scenarios[0].best == 75 && report.scenarios[0].latest == 75 && report.scenarios[0].passed == true)
        #expect(report.scenarios[1].attempts == 2 && report.scenarios[1].scores == [90] && report.scenarios[1].latest == 90)
        let listening = report.categories.first { $0.category == .listening }!
        #expect(listening.scores == [50, 70, 90] && listening.recentAverage == 70)
        let control = report.categories.first { $0.category == .control }!
        #expect(control.scores.isEmpty && control.recentAverage == nil)
    }

    /// An immediate /quit, Ctrl-D or walk-out says nothing about the trainee's skill: kept,
    /// shown, counted as left out, and never part of a score, a trend or a suggestion.
    @Test func sessionsWithoutAReplyAreKeptButLeftOutOfTheScores() {
        let sessions = [
            F.session(F.summary("a", scenario: "tiny", day: 0, score: 80, categories: [.listening: 80])),
            F.session(F.summary("b", scenario: "tiny", day: 1, status: .abandoned, outcome: .abandoned, score: 29, replies: 0)),
            F.session(F.summary("c", scenario: "other", day: 2, status: .walkedOut, outcome: .customerLost, score: 20, replies: 0)),
            F.session(F.summary("d", scenario: "other", day: 3, score: 29, categories: [.listening: 0], replies: 0)),
        ]
        let report = ProgressReport(trainee: "anna", sessions: sessions, passMark: .standard)
        #expect(report.sessions.count == 4)
        #expect(report.scores == [80])
        #expect(report.leftOut == 3)
        #expect(report.categories.first { $0.category == .listening }?.scores == [80])
        #expect(report.scenarios.map(\.scores) == [[80], []])
        // "other" was never really played: no replay advised, as for a scenario not played at all.
        #expect(!report.practiseNext.contains { $0.contains("Replay") })
        let text = ReportText(style: .plain).render(report)
        #expect(text.contains("4 sessions (2 finished, 1 abandoned, 1 walked out)"), "\(text)")
        #expect(text.contains("3 sessions left out of the scores and suggestions (no reply, or interrupted)"))
        let cohort = CohortReport(summaries: sessions.map(\.summary))
        #expect(cohort.rows[0].averageScore == 80 && cohort.rows[0].counted == 1 && cohort.rows[0].leftOut == 3)
    }

    @Test(arguments: [
        (SessionEnd.conversation as SessionEnd?, Outcome.resolved, SessionStatus.finished),
        (.quit, .abandoned, .abandoned),
        (.silence, .customerLost, .walkedOut),
        (.signal, .abandoned, .interrupted),
        (nil, .resolved, .finished),
        (nil, .abandoned, .abandoned),
    ])
    func whatEndedASessionIsItsStatus(end: SessionEnd?, outcome: Outcome, expected: SessionStatus) {
        #expect(SessionStatus.ended(by: end, outcome: outcome) == expected)
    }

    @Test func theMostBrokenRulesComeFirstWithTheLatestQuote() {
        let sessions = [
            F.session(F.summary("a", day: 0), events: [F.fault("dismissed", quote: "calm down"), F.fault("deflected", quote: "not me")]),
            F.session(F.summary("b", day: 1), events: [F.fault("dismissed", quote: "relax", turn: 3), F.fault("dismissed", quote: nil)]),
        ]
        let report = ProgressReport(trainee: "anna", sessions: sessions)
        #expect(report.brokenRules.map(\.rule) == ["dismissed", "deflected"])
        #expect(report.brokenRules[0].count == 3)
        #expect(report.brokenRules[0].example == .init(quote: "relax", session: "b", reply: 3))
        #expect(report.brokenRules[1].example?.quote == "not me")
    }

    @Test func practiseNextNamesTheWeakestCategoryAReplayAndANewScenario() {
        let sessions = [
            F.session(
                F.summary("a", scenario: "tiny", score: 55, categories: [.listening: 80, .composure: 30]),
                events: [F.fault("dismissed", quote: "calm down"), F.fault("dismissed", quote: "relax")])
        ]
        let library = [
            ProgressReport.LibraryScenario(id: "tiny", title: "Tiny", difficulty: 1),
            .init(id: "hard", title: "Hard one", difficulty: 3),
            .init(id: "easy", title: "Easy one", difficulty: 1),
        ]
        let advice = ProgressReport(trainee: "anna", sessions: sessions, library: library).practiseNext
        #expect(advice.count == 4)
        #expect(advice[0].hasPrefix("Work on composure: 30/100") && advice[0].contains("Try: Try instead of dismissed."))
        #expect(advice[1].hasPrefix("Break the habit \"dismissed\" (2 times)"))
        #expect(advice[2] == "Replay Title of tiny (coach play tiny): latest score 55, pass mark 70.")
        #expect(advice[3] == "Try a scenario you have not played yet: Easy one (coach play easy).")
    }

    @Test func aNewTraineeIsToldWhereToStart() {
        let library = [ProgressReport.LibraryScenario(id: "tiny", title: "Tiny", difficulty: 1)]
        #expect(ProgressReport(trainee: "new", sessions: [], library: library).practiseNext == ["Play your first scenario: Tiny (coach play tiny)."])
        #expect(ProgressReport(trainee: "new", sessions: []).practiseNext.count == 1)
    }

    @Test func theCohortHasOneRowPerTrainee() {
        let summaries = [
            F.summary("a1", trainee: "anna", scenario: "tiny", day: 0, score: 60, categories: [.listening: 50, .composure: 80]),
            F.summary("a2", trainee: "anna", scenario: "tiny", day: 1, score: 80, categories: [.listening: 70, .composure: 90]),
            F.summary("a3", trainee: "anna", scenario: "other", day: 2, status: .interrupted),
            F.summary(
                "b1", trainee: "bela", scenario: "tiny", day: 0, status: .abandoned, outcome: .abandoned, score: 95,
                categories: [.control: 10]),
            F.summary("c1", trainee: "csilla", scenario: "tiny", day: 0, status: .inProgress),
        ]
        let cohort = CohortReport(summaries: summaries)
        #expect(cohort.rows.map(\.trainee) == ["anna", "bela", "csilla"])
        let anna = cohort.rows[0]
        #expect(anna.sessions == 3 && anna.counted == 2 && anna.interrupted == 1 && anna.leftOut == 1)
        #expect(anna.scenariosPlayed == 2 && anna.scenariosPassed == 1)
        #expect(anna.averageScore == 70 && anna.latestScore == 80 && anna.scores == [60, 80])
        #expect(anna.weakestCategory == .listening && anna.weakestAverage == 60)
        // An abandoned session scores, but does not pass.
        #expect(cohort.rows[1].scenariosPassed == 0 && cohort.rows[1].averageScore == 95)
        #expect(cohort.rows[2].averageScore == nil && cohort.rows[2].weakestCategory == nil)
    }

    @Test func reportsDoNotTrapOnScoresTooLargeToAdd() {
        let huge = [Category.listening: Int.max]
        let sessions = (0..<3).map { day in
            F.session(F.summary("s-\(day)", day: day, score: Int.max, categories: huge))
        }
        let report = ProgressReport(trainee: "anna", sessions: sessions)
        #expect(report.categories.first { $0.category == .listening }?.recentAverage == Int.max)
        let cohort = CohortReport(summaries: sessions.map(\.summary))
        #expect(cohort.rows.first?.averageScore == Int.max)
    }
}
