import Foundation
import GRDB

/// Sends sessions to a Learning Record Store and remembers which ones it accepted.
///
/// One POST per session (its statement and, if asked, its replies'), so a session is either
/// wholly accepted or not at all. A session is marked sent only after the LRS answered 2xx;
/// one that failed stays unsent and goes again next time. Statement ids are name-based, so
/// sending again after a lost answer cannot make duplicates. The whole run ends by the
/// client's ``LRSClient/timeLimit``; a redirect stops it too (it is never followed).
///
/// Delivery is remembered by statement id: a session reviewed after it was sent has a new
/// statement (``XAPIStatements/statementID(session:reviews:)``), so it goes again by itself,
/// and the LRS, holding the replies' statements already, stores only the new one.
public struct LRSUpload: Sendable {
    public var client: LRSClient
    public var statements: XAPIStatements
    public var store: SessionStore
    public var clock: @Sendable () -> Date

    public init(client: LRSClient, statements: XAPIStatements, store: SessionStore, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.statements = statements
        self.store = store
        self.clock = clock
    }

    /// What happened to each session.
    public struct Report: Sendable, Equatable {
        /// Accepted now: session id and the attempts it took.
        public var sent: [Sent] = []
        /// Accepted by this LRS before, not sent again.
        public var alreadySent: [String] = []
        /// Without a result (in progress or aborted): nothing to send.
        public var notFinished: [String] = []
        /// Session id and why it was not accepted.
        public var failed: [Failure] = []
        /// Why sending stopped before the end (wrong credentials, LRS down), if it did.
        public var stopped: String?
        /// Finished sessions not tried because sending stopped: they go next time.
        public var unsent: [String] = []

        /// A session the LRS accepted in this run.
        public struct Sent: Sendable, Equatable {
            public var session: String
            public var statements: Int
            public var attempts: Int
        }

        /// A session that is still unsent, and why.
        public struct Failure: Sendable, Equatable {
            public var session: String
            public var message: String
        }

        /// Every selected session is now accepted (or was before).
        public var succeeded: Bool { failed.isEmpty && stopped == nil }
    }

    /// The key deliveries are recorded under, and the name printed for the LRS: the statements
    /// URL with any query (a token, perhaps) and user redacted (``URLRedaction``).
    public var endpointKey: String { URLRedaction.text(client.statementsURL) }

    /// Sends the finished sessions not yet accepted by this LRS (all of them with `resend`).
    public func run(_ sessions: [StoredSession], resend: Bool = false) -> Report {
        var report = Report()
        let accepted: [String: String]
        do {
            accepted = resend ? [:] : try store.deliveredStatements(to: endpointKey)
        } catch {
            report.stopped = "cannot read which sessions were sent: \(error)"
            return report
        }
        /// Whether this LRS holds the session's statement as it is now (reviews included).
        func isDelivered(_ session: StoredSession) -> Bool {
            accepted[session.summary.id] == Self.statementID(of: session)
        }
        // Still to go: finished sessions this LRS has not accepted.
        func pending(_ rest: ArraySlice<StoredSession>) -> [String] {
            rest.filter { !isDelivered($0) && $0.summary.hasResult }.map(\.summary.id)
        }
        let deadline = client.clock().addingTimeInterval(client.timeLimit)
        for (index, session) in sessions.enumerated() {
            let id = session.summary.id
            if isDelivered(session) {
                report.alreadySent.append(id)
                continue
            }
            let batch = statements.statements(for: session)
            if batch.isEmpty {
                report.notFinished.append(id)
                continue
            }
            if client.clock() >= deadline {
                report.stopped = outOfTime(attempts: 0, message: "")
                report.unsent = pending(sessions[index...])
                break
            }
            switch client.post(batch, until: deadline) {
            case .accepted(let attempts):
                do {
                    try store.markDelivered(
                        session: id, endpoint: endpointKey, statementID: Self.statementID(of: session),
                        statements: batch.count, at: clock())
                    report.sent.append(.init(session: id, statements: batch.count, attempts: attempts))
                } catch {
                    report.failed.append(
                        .init(session: id, message: "accepted, but not marked as sent (\(error)); it will be sent again, harmlessly"))
                }
            case .rejected(let status, let message):
                let hint = status == 409 ? " (the LRS holds different statements with these ids)" : ""
                report.failed.append(.init(session: id, message: "rejected: HTTP \(status)\(hint)" + (message.isEmpty ? "" : ": \(message)")))
            case .unauthorized(let status, let message):
                report.stopped = "the LRS refused the credentials (HTTP \(status))" + (message.isEmpty ? "" : ": \(message)")
            case .unavailable(let attempts, let message):
                report.stopped = "the LRS did not accept statements after \(attempts) attempts: \(message)"
            case .redirected(let status, let location, let host):
                report.stopped = Self.redirected(status: status, location: location, host: host)
            case .outOfTime(let attempts, let message):
                report.stopped = outOfTime(attempts: attempts, message: message)
            }
            if report.stopped != nil {
                // The rest would meet the same wall: keep them unsent for the next run.
                report.unsent = pending(sessions[(index + 1)...])
                report.failed.append(.init(session: id, message: "not accepted"))
                break
            }
        }
        return report
    }

    /// The id of the session's own statement as it would be sent now.
    static func statementID(of session: StoredSession) -> String {
        XAPIStatements.statementID(session: session.summary.id, reviews: session.reviews.count)
    }

    /// Why a redirect stopped the run, naming where it pointed.
    static func redirected(status: Int, location: String?, host: String?) -> String {
        guard let location, let host else {
            return "the LRS answered HTTP \(status) (a redirect, with no address) instead of accepting the statements; nothing was stored"
        }
        return "the LRS answered HTTP \(status), a redirect to \(host) (\(location)); redirects are not followed, so "
            + "nothing was stored and nothing was sent there. If the LRS has moved, use its new address"
    }

    func outOfTime(attempts: Int, message: String) -> String {
        var text = "the upload's time limit of \(RecordDates.seconds(client.timeLimit)) ran out"
        if attempts > 0 {
            text += " after \(attempts) attempt\(attempts == 1 ? "" : "s") at this session" + (message.isEmpty ? "" : ": \(message)")
        }
        return text
    }
}

extension SessionStore {
    /// The sessions an LRS (by statements URL) has accepted.
    public func deliveredSessions(to endpoint: String) throws -> Set<String> {
        try Set(deliveredStatements(to: endpoint).keys)
    }

    /// For each session an LRS (by statements URL) has accepted, the id of the session's
    /// statement it accepted last.
    public func deliveredStatements(to endpoint: String) throws -> [String: String] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT session_id, statement_id FROM lrs_delivery WHERE endpoint = ?", arguments: [endpoint])
            return Dictionary(rows.map { (($0["session_id"] as String), ($0["statement_id"] as String)) }) { $1 }
        }
    }

    /// Records that `endpoint` accepted the session's statements.
    public func markDelivered(session: String, endpoint: String, statementID: String, statements: Int, at time: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO lrs_delivery (session_id, endpoint, statement_id, statements, accepted_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (session_id, endpoint) DO UPDATE SET
                      statement_id = excluded.statement_id, statements = excluded.statements, accepted_at = excluded.accepted_at
                    """,
                arguments: [session, endpoint, statementID, statements, time])
        }
    }
}
