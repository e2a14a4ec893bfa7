import Foundation
import GRDB
import Testing

@testable import CoachKit
@testable import coach_lrs_post

/// The LRS upload through the real URLSession transport, against a server on 127.0.0.1 that
/// redirects, hangs, drips or is not there: what Foundation on this platform really does.
@Suite struct RecordsLRSNetworkTests {
    typealias F = RecordsFixtures

    /// Two finished sessions, `a-1` and `b-1`, in a fresh store (in memory unless given a path).
    func finishedSessions(path: String? = nil) throws -> (SessionStore, [StoredSession]) {
        let store = try path.map { try SessionStore(path: $0) } ?? SessionStore()
        for prefix in ["a", "b"] { F.play(F.goodLines, recorder: F.recorder(store, prefix: prefix)) }
        return (store, try store.sessions(.all, resolver: F.gone))
    }

    func client(
        _ endpoint: String, timeout: TimeInterval = 30, retry: LRSClient.RetryPolicy = .init(), timeLimit: TimeInterval = 30
    ) -> LRSClient {
        LRSClient(
            endpoint: URL(string: endpoint)!, credentials: LRSCredentials(user: "lead", password: "s3cret"),
            transport: URLSessionTransport(timeout: timeout), retry: retry, timeLimit: timeLimit)
    }

    /// Seconds `work` took.
    func timed<T>(_ work: () throws -> T) rethrows -> (T, TimeInterval) {
        let start = Date()
        let value = try work()
        return (value, Date().timeIntervalSince(start))
    }

    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectIsNeitherFollowedNorDelivery(status: Int) throws {
        let elsewhere = try LocalHTTPServer([.answer(200)])
        defer { elsewhere.stop() }
        let target = elsewhere.url + "/xapi/statements?token=elsewhere-secret"
        let lrs = try LocalHTTPServer([.answer(status, headers: ["Location": target]), .answer(200)])
        defer { lrs.stop() }
        let (store, sessions) = try finishedSessions()
        let upload = LRSUpload(client: client(lrs.url + "/xapi"), statements: XAPIStatements(), store: store)

        let report = upload.run(sessions)
        // Nothing reached the other host: not the credentials, not a GET standing in for the POST.
        #expect(elsewhere.requests.isEmpty)
        #expect(lrs.requests.map(\.method) == ["POST"])
        #expect(report.sent.isEmpty)
        #expect(report.failed.map(\.session) == ["a-1"])
        #expect(report.unsent == ["b-1"])
        #expect(!report.succeeded)
        let stopped = try #require(report.stopped)
        #expect(stopped.contains("HTTP \(status), a redirect to 127.0.0.1:\(elsewhere.port)"), "\(stopped)")
        #expect(!stopped.contains("elsewhere-secret"))
        #expect(try store.deliveredSessions(to: upload.endpointKey).isEmpty)

        // Unsent, so the next run sends them, to the LRS itself.
        let next = upload.run(sessions)
        #expect(next.sent.map(\.session) == ["a-1", "b-1"])
        #expect(elsewhere.requests.isEmpty)
    }

    @Test func aSilentLRSCostsTheRequestTimeoutNotAMinute() throws {
        let lrs = try LocalHTTPServer([.hang])
        defer { lrs.stop() }
        let (outcome, seconds) = timed {
            client(lrs.url, timeout: 0.5, retry: .init(attempts: 2, firstDelay: 0.1)).post([])
        }
        #expect(outcome == .unavailable(attempts: 2, message: "no complete answer within 0.5 s"))
        #expect(seconds < 3, "took \(seconds) s")
        #expect(lrs.requests.count == 2)
    }

    @Test(arguments: [LocalHTTPServer.Behaviour.hang, .drip(every: 1)])
    func theTimeLimitEndsTheWholeUploadWhateverTheLRSDoes(behaviour: LocalHTTPServer.Behaviour) throws {
        let lrs = try LocalHTTPServer([behaviour])
        defer { lrs.stop() }
        let (store, sessions) = try finishedSessions()
        // The default 30 s per attempt, four attempts; the time limit alone must end it.
        let upload = LRSUpload(client: client(lrs.url, timeLimit: 1.5), statements: XAPIStatements(), store: store)
        let (report, seconds) = timed { upload.run(sessions) }
        #expect(seconds < 4, "took \(seconds) s")
        #expect(report.stopped?.hasPrefix("the upload's time limit of 1.5 s ran out after 1 attempt at this session") == true, "\(report)")
        #expect(report.failed.map(\.session) == ["a-1"])
        #expect(report.unsent == ["b-1"])
        #expect(try store.deliveredSessions(to: upload.endpointKey).isEmpty)
    }

    @Test func aRefusedConnectionIsRetriedAndSaidPlainly() throws {
        let port = try LocalHTTPServer.closedPort()
        let (outcome, seconds) = timed {
            client("http://127.0.0.1:\(port)/xapi", retry: .init(attempts: 3, firstDelay: 0.05)).post([])
        }
        #expect(outcome == .unavailable(attempts: 3, message: "could not connect (connection refused)"))
        #expect(seconds < 3, "took \(seconds) s")
    }

    @Test func aTokenInTheQueryIsSentButNeverPrintedOrStored() throws {
        let token = "s3cret-token-123"
        let lrs = try LocalHTTPServer([.answer(500, body: "no route for POST /xapi/statements?token=\(token)"), .answer(200)])
        defer { lrs.stop() }
        let path = F.databasePath()
        let (store, sessions) = try finishedSessions(path: path)
        let endpoint = lrs.url + "/xapi?token=\(token)"
        let upload = LRSUpload(
            client: client(endpoint, retry: .init(attempts: 1)), statements: XAPIStatements(), store: store)
        #expect(upload.endpointKey == lrs.url + "/xapi/statements?REDACTED")

        let failed = upload.run(sessions)
        let stopped = try #require(failed.stopped)
        #expect(stopped.contains("no route for POST /xapi/statements?REDACTED"), "\(stopped)")
        #expect(!stopped.contains(token))
        #expect(upload.run(sessions).sent.count == 2)
        // The LRS got its token; the database did not.
        #expect(lrs.requests.map(\.path) == Array(repeating: "/xapi/statements?token=\(token)", count: 3))
        let rows = try DatabaseQueue(path: path).read { try Row.fetchAll($0, sql: "SELECT * FROM lrs_delivery") }
        #expect(rows.map { $0["endpoint"] as String } == [upload.endpointKey, upload.endpointKey])
        #expect(!rows.description.contains(token))
    }
}
