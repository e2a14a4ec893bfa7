import Foundation
import Testing

@testable import CoachKit

/// A trainer's review of a recorded session: overrides recompute the score, the original
/// stays, comments and who made them are kept, and every report shows them.
@Suite struct RecordsReviewTests {
    typealias F = RecordsFixtures

    /// The tiny rubric with a ceiling on its rudeness rule, as the shipped rubric has.
    static let rubricWithCeiling: Rubric = {
        var text = try! String(contentsOfFile: Fixtures.path("tiny-rubric.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "points: -20, category: courtesy,", with: "points: -20, ceiling: 20, category: courtesy,")
        var diagnostics = DiagnosticCollector()
        return RubricLoader.load(text: text, file: "rubric.yaml", diagnostics: &diagnostics)!
    }()

    /// One session of the tiny scenario in a fresh store.
    static func session(_ lines: [String], rubric: Rubric = Fixtures.tinySetup.rubric) throws -> (SessionStore, StoredSession) {
        let store = try SessionStore()
        let setup = Setup(scenario: Fixtures.tinySetup.scenario, rubric: rubric, detector: Fixtures.miniDetector)
        F.play(lines, recorder: F.recorder(store), setup: setup)
        return (store, try store.session("s-1", resolver: F.gone))
    }

    @Test func anOverrideThatChangesNothingGivesCoachsOwnScore() throws {
        for lines in [F.goodLines, ["What happened?", "calm down"], ["calm down", "What happened?", "I'll call the courier today"]] {
            let (_, session) = try Self.session(lines)
            let score = try #require(session.summary.score)
            for number in session.events.indices {
                let same = [number + 1: session.events[number].points]
                #expect(try ReviewedScore.compute(session, overrides: same, rubric: Fixtures.tinySetup.rubric) == score)
            }
        }
    }

    @Test func strikingAFaultOfConductLiftsItsCeilingAndTheScore() throws {
        let (_, session) = try Self.session(["calm down", "What happened?", "I'll call the courier today"], rubric: Self.rubricWithCeiling)
        let score = try #require(session.summary.score)
        #expect(score == 20)
        let fault = try #require(session.events.firstIndex { $0.kind == .fault }) + 1
        let reviewed = try ReviewedScore.compute(session, overrides: [fault: 0], rubric: Self.rubricWithCeiling)
        #expect(reviewed > 20)
        // Worth less than a struck fault: the same fault made heavier never raises it.
        #expect(try ReviewedScore.compute(session, overrides: [fault: -40], rubric: Self.rubricWithCeiling) <= score)
    }

    @Test func anEventThatIsNotThereOrASessionWithoutAScoreIsRefused() throws {
        let (_, finished) = try Self.session(F.goodLines)
        #expect(throws: ReviewedScore.Problem.noSuchEvent(99, count: finished.events.count)) {
            try ReviewedScore.compute(finished, overrides: [99: 0], rubric: Fixtures.tinySetup.rubric)
        }
        let store = try SessionStore()
        F.play(["What happened?"], recorder: F.recorder(store), finish: false)
        let open = try store.session("s-1", resolver: F.gone)
        #expect(throws: ReviewedScore.Problem.noScore) {
            try ReviewedScore.compute(open, overrides: [1: 0], rubric: Fixtures.tinySetup.rubric)
        }
    }

    @Test func reviewsAreKeptWithWhoAndWhenAndEveryReportShowsTheReviewedScore() throws {
        let (store, session) = try Self.session(F.goodLines)
        let original = try #require(session.summary.score)
        // A credit the trainer disagrees with: the words did not mean what the lexicon read.
        let credit = try #require(session.events.firstIndex { $0.kind == .credit && $0.rule != "outcome" }) + 1
        let event = session.events[credit - 1]
        let reviewed = try ReviewedScore.compute(session, overrides: [credit: 0], rubric: Fixtures.tinySetup.rubric)
        #expect(reviewed < original)
        try store.add(
            SessionReview(change: .override(event: credit, points: 0), text: "not meant so", reviewer: "lead", at: F.start, score: reviewed),
            toSession: "s-1")
        try store.add(SessionReview(change: .comment(reply: 2), text: "good recovery", reviewer: "lead", at: F.start), toSession: "s-1")

        let read = try store.session("s-1", resolver: F.gone)
        #expect(read.reviews.map(\.text) == ["not meant so", "good recovery"])
        #expect(read.reviews.map(\.reviewer) == ["lead", "lead"])
        // The original stays; the reviewed score is beside it, and is the one reports use.
        #expect(read.summary.score == original && read.summary.reviewedScore == reviewed)
        #expect(read.scorecard?.score == original)
        let report = ProgressReport(trainee: "anna", sessions: [read])
        #expect(report.scores == [reviewed])

        let text = ReportText(style: .plain).render(report)
        #expect(text.contains("\(original)→\(reviewed)"))
        let page = SessionTranscriptText(style: .plain, timeZone: TimeZone(identifier: "UTC")!).render(read)
        #expect(page.contains("event \(credit) (\(event.rule) +\(event.points)) now 0: not meant so — lead, 2025-01-01 10:00"), "\(page)")
        #expect(page.contains("on reply 2: good recovery — lead"))
        #expect(page.contains("Score as reviewed: \(reviewed)/100 (coach scored \(original))"))
        let json = ReportJSON.session(read, passMark: .standard).serialized()
        #expect(json.contains("\"reviewed-score\":\(reviewed)"))
        #expect(json.contains("\"reviews\":[{\"kind\":\"override\",\"event\":\(credit),\"points\":0,\"text\":\"not meant so\""))
        #expect(ReportCSV.sessions(report).contains(",\(original),\(reviewed),"))

        // xAPI: a new statement (the one sent before stays as it was) with the reviewed score.
        let statement = try #require(XAPIStatements().statements(for: read).first)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(statement.serialized().utf8)) as? [String: Any])
        #expect(object["id"] as? String != XAPIStatements.statementID(session: "s-1"))
        let result = try #require(object["result"] as? [String: Any])
        #expect((result["score"] as? [String: Any])?["raw"] as? Int == reviewed)
        let extensions = try #require(result["extensions"] as? [String: Any])
        let review = try #require(extensions["https://coach.example/xapi/extensions/review"] as? [String: Any])
        #expect(review["original-score"] as? Int == original)
        #expect((review["reviews"] as? [Any])?.count == 2)
    }
}
