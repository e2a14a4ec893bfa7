import Foundation
import Testing

@testable import CoachKit

/// The guidelines a trainee breaks lately and their trend, for one trainee and the cohort.
@Suite struct GuidelineTrendTests {
    typealias F = RecordsFixtures

    func session(_ id: String, trainee: String = "anna", day: Int, breaking guidelines: [String], status: SessionStatus = .finished)
        -> StoredSession
    {
        F.session(
            F.summary(id, trainee: trainee, day: day, status: status),
            events: guidelines.map { guideline in
                RuleEvent(
                    rule: "rule-\(guideline)-\(id)", kind: .fault, guidelines: [guideline], turn: 1, quote: "words",
                    points: -5, category: .courtesy, why: "Why \(guideline), as of \(id).", tryText: nil)
            })
    }

    @Test(arguments: [
        ([true, true, false, false], GuidelineTrend.Direction.improving),
        ([false, true, true, true], .worsening),
        ([true, false, true, false], .steady),
        ([true, false, false, true, true], .worsening),  // the middle session is left out
        ([true, true, true], .unknown),
    ])
    func theTrendComparesTheLaterHalfWithTheEarlier(marks: [Bool], direction: GuidelineTrend.Direction) {
        #expect(GuidelineTrend.Direction(marks) == direction)
    }

    @Test func guidelinesAreCountedPerSessionRankedAndQuotedFromTheLatestBreak() throws {
        let sessions = [
            session("s1", day: 0, breaking: ["G10", "G10", "G1"]), session("s2", day: 1, breaking: ["G1"]),
            session("s3", day: 2, breaking: ["G18"]), session("s4", day: 3, breaking: []),
            session("q", day: 4, breaking: ["G18"], status: .interrupted),
        ]
        let trends = GuidelineTrend.ranked(sessions)
        #expect(trends.map(\.guideline) == ["G1", "G18", "G10"])
        #expect(trends[0].marks == [true, true, false, false])
        #expect(trends[0].broken == 2 && trends[0].sessions == 4)
        #expect(trends[0].direction == .improving)
        #expect(trends[0].why == "Why G1, as of s2.")
        // Twice in one session is one session; the interrupted one does not count.
        #expect(trends[2].broken == 1)
        #expect(trends[1].marks == [false, false, true, false])
        #expect(GuidelineTrend.ranked(sessions, window: 2).map(\.guideline) == ["G18"])
        #expect(GuidelineTrend.ranked(sessions, limit: 1).count == 1)
    }

    @Test func aFaultStruckInAReviewIsNotABreak() {
        var reviewed = session("s1", day: 0, breaking: ["G1"])
        reviewed.reviews = [SessionReview(change: .override(event: 1, points: 0), text: "fair", reviewer: "lead", at: F.start)]
        #expect(GuidelineTrend.ranked([reviewed]).isEmpty)
    }

    @Test func theCohortAddsUpEveryTraineesRecord() throws {
        let sessions = [
            session("a1", trainee: "anna", day: 0, breaking: ["G1"]), session("a2", trainee: "anna", day: 1, breaking: ["G1"]),
            session("a3", trainee: "anna", day: 2, breaking: []), session("a4", trainee: "anna", day: 3, breaking: []),
            session("b1", trainee: "bela", day: 0, breaking: ["G18"]), session("b2", trainee: "bela", day: 1, breaking: ["G1"]),
        ]
        let cohort = CohortReport(sessions: sessions)
        #expect(cohort.rows.map(\.trainee) == ["anna", "bela"])
        let first = try #require(cohort.guidelines.first)
        #expect(first.guideline == "G1")
        #expect(first.habitOf == ["anna"])
        #expect(first.trainees == 2)
        #expect(first.broken == 3 && first.sessions == 6)
        // anna: 2 of 2 earlier, 0 of 2 later; bela: 0 of 1 earlier, 1 of 1 later — 2 of 3 against 1 of 3.
        #expect(first.direction == .improving)
        #expect(cohort.guidelines.map(\.guideline) == ["G1", "G18"])

        let text = ReportText().render(cohort)
        #expect(text.contains("Guidelines most often broken"))
        #expect(text.contains("G1         anna               2    3 of 6  improving"), "\(text)")
        let json = ReportJSON.cohort(cohort).serialized(pretty: false)
        #expect(json.contains(#"{"guideline":"G1","habit-of":["anna"],"trainees":2,"broken":3,"sessions":6,"trend":"improving"}"#), "\(json)")
    }

    @Test func theTraineesReportShowsEachGuidelineWithItsSessionsAndTrend() {
        let sessions = (0..<4).map { session("s\($0)", day: $0, breaking: $0 < 2 ? ["G27"] : []) }
        let report = ProgressReport(trainee: "anna", sessions: sessions)
        let text = ReportText().render(report)
        #expect(text.contains("G27  ●●··   2 of 4  improving  Why G27, as of s1."), "\(text)")
        let json = ReportJSON.progress(report).serialized(pretty: false)
        #expect(json.contains(#""guidelines":[{"guideline":"G27","broken":2,"sessions":4,"marks":[true,true,false,false],"trend":"improving""#), "\(json)")
        let html = ReportHTML().render(report)
        #expect(html.contains("<td>G27</td><td class=\"marks\" title=\"oldest first\">●●··</td><td class=\"n\">2 of 4</td><td>improving</td>"))
    }
}
