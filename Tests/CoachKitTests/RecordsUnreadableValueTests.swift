import Foundation
import GRDB
import Testing

@testable import CoachKit

/// A session database that holds values coach never writes: each is reported once and its row
/// skipped, and every report and export still runs.
@Suite struct RecordsUnreadableValueTests {
    typealias F = RecordsFixtures

    /// A database file written by the recorder: `a-1` and `b-1` finished, `c-1` aborted.
    func recorded() throws -> (SessionStore, String) {
        let path = F.databasePath()
        let store = try SessionStore(path: path)
        for prefix in ["a", "b"] { F.play(F.goodLines, recorder: F.recorder(store, prefix: prefix)) }
        F.play(["What happened?"], recorder: F.recorder(store, prefix: "c"), finish: false)
        return (store, path)
    }

    /// What `sqlite3` would do to the file: another connection, plain SQL.
    func damage(_ path: String, _ sql: String) throws {
        // Outside a transaction, as the sqlite3 shell runs it (a PRAGMA may come first).
        let changed = try DatabaseQueue(path: path).writeWithoutTransaction { db in
            try db.execute(sql: sql)
            return db.changesCount
        }
        #expect(changed > 0, "the damage hit no row: \(sql)")
    }

    /// Everything a report builds from the sessions, so that none of it may trap.
    func everyView(of sessions: [StoredSession]) {
        let report = ProgressReport(trainee: "anna", sessions: sessions)
        let cohort = CohortReport(summaries: sessions.map(\.summary))
        _ = ReportText(style: .plain).render(report)
        _ = ReportText(style: .plain).render(cohort)
        _ = ReportJSON.progress(report).serialized(pretty: true)
        _ = ReportJSON.cohort(cohort).serialized(pretty: true)
        _ = ReportCSV.sessions(report)
        _ = ReportCSV.cohort(cohort)
        _ = ReportHTML().render(report)
        _ = ReportHTML().render(cohort, trainees: [report])
        for session in sessions {
            _ = SessionTranscriptText(style: .plain).render(session)
            _ = ReportJSON.session(session, passMark: .standard, scorecard: true).serialized(pretty: true)
            _ = XAPIStatements(includeReplies: true).statements(for: session)
        }
    }

    @Test(arguments: [
        // The session row or its result: the session is skipped.
        ("UPDATE session SET started_at = 'not a date' WHERE id = 'b-1'", "session.started_at", true),
        ("UPDATE session SET last_activity_at = x'00ff' WHERE id = 'b-1'", "session.last_activity_at", true),
        ("UPDATE session SET started_at = 1e300 WHERE id = 'b-1'", "session.started_at", true),
        ("UPDATE session SET pid = 'many' WHERE id = 'b-1'", "session.pid", true),
        ("UPDATE session SET pid = 99999999999999999999 WHERE id = 'b-1'", "session.pid", true),
        ("UPDATE session SET seed = 'lucky' WHERE id = 'b-1'", "session.seed", true),
        ("UPDATE session SET trainee = x'ff' WHERE id = 'b-1'", "session.trainee", true),
        ("UPDATE result SET score = 'high' WHERE session_id = 'b-1'", "result.score", true),
        ("UPDATE result SET score = 9223372036854775807 WHERE session_id = 'b-1'", "result.score", true),
        ("UPDATE result SET ended_at = x'' WHERE session_id = 'b-1'", "result.ended_at", true),
        // Another row: that row is skipped.
        ("UPDATE turn SET recorded_at = 'yesterday' WHERE session_id = 'b-1' AND number = 2", "turn.recorded_at", false),
        ("UPDATE turn SET interrupted = 'maybe' WHERE session_id = 'b-1' AND number = 1", "turn.interrupted", false),
        ("UPDATE move SET start = 'x' WHERE session_id = 'b-1'", "move.start", false),
        ("UPDATE rule_event SET points = 1e300 WHERE session_id = 'b-1'", "rule_event.points", false),
        ("UPDATE customer_line SET acts = x'01' WHERE session_id = 'b-1'", "customer_line.acts", false),
        ("UPDATE session_event SET after_turn = 'later' WHERE session_id = 'b-1'", "session_event.after_turn", false),
        ("UPDATE category_score SET score = 101 WHERE session_id = 'b-1' AND category = 'listening'", "category_score.score", false),
        // A JSON column: read as empty.
        ("UPDATE result SET path = x'ff' WHERE session_id = 'b-1'", "result.path", false),
        ("UPDATE customer_line SET parts = 'not json' WHERE session_id = 'b-1'", "customer_line.parts", false),
    ])
    func aBadValueIsReportedOnceAndItsRowSkipped(sql: String, column: String, skipsSession: Bool) throws {
        let (store, path) = try recorded()
        let intact = try store.sessions(.all, resolver: F.gone)
        try damage(path, sql)

        var unreadable: [UnreadableValue] = []
        let sessions = try store.sessions(.all, resolver: F.gone, unreadable: &unreadable)
        #expect(unreadable.count == 1, "\(unreadable)")
        let problem = try #require(unreadable.first)
        #expect(problem.session == "b-1")
        #expect("\(problem.table).\(problem.column)" == column)
        #expect(sessions.map(\.summary.id) == (skipsSession ? ["a-1", "c-1"] : ["a-1", "b-1", "c-1"]))
        // The other sessions are read whole.
        for id in ["a-1", "c-1"] {
            let before = try #require(intact.first { $0.summary.id == id })
            let after = try #require(sessions.first { $0.summary.id == id })
            #expect(after.transcript == before.transcript && after.events == before.events)
        }
        // The summaries alone skip the same sessions.
        var summaryProblems: [UnreadableValue] = []
        let summaries = try store.summaries(.all, resolver: F.gone, unreadable: &summaryProblems)
        #expect(summaries.map(\.id) == sessions.map(\.summary.id))
        if skipsSession { #expect(summaryProblems == unreadable) }
        everyView(of: sessions)
    }

    @Test func theWarningNamesTheSessionTheColumnAndWhatWasSkipped() throws {
        let (store, path) = try recorded()
        try damage(path, "UPDATE session SET started_at = 'not a date' WHERE id = 'b-1'")
        try damage(path, "UPDATE turn SET recorded_at = 'yesterday' WHERE session_id = 'a-1'")
        try damage(path, "UPDATE customer_line SET parts = x'ff' WHERE session_id = 'a-1' AND turn_number = 1")
        var unreadable: [UnreadableValue] = []
        _ = try store.sessions(.all, resolver: F.gone, unreadable: &unreadable)
        #expect(
            unreadable.map(\.description).sorted() == [
                "session a-1: customer_line.parts holds a blob of 1 byte, not JSON text; read as the line's text",
                "session a-1: turn.recorded_at holds the text \"yesterday\", not a time, in 3 rows; each such reply is skipped",
                "session b-1: session.started_at holds the text \"not a date\", not a time; the session is skipped",
            ])
    }

    @Test func aSessionWhoseIdIsNotTextIsNamedByItsRowid() throws {
        let (store, path) = try recorded()
        // Its rows keep the old id: the foreign keys would refuse the update, so they are off.
        try damage(path, "PRAGMA foreign_keys = OFF; UPDATE session SET id = x'ff00' WHERE id = 'c-1'")
        var unreadable: [UnreadableValue] = []
        let sessions = try store.sessions(.all, resolver: F.gone, unreadable: &unreadable)
        #expect(sessions.map(\.summary.id) == ["a-1", "b-1"])
        #expect(unreadable.map(\.description) == ["session rowid 3: session.id holds a blob of 2 bytes, not text; the session is skipped"])
        #expect(try store.resolveID("a-") == "a-1")
    }
}
