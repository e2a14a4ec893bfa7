import Foundation
import Testing

@testable import CoachKit

/// A scripted LRS: answers in order, records requests.
final class FakeLRS: LRSTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [LRSResponse]
    private(set) var requests: [LRSRequest] = []

    init(_ answers: [LRSResponse]) { self.answers = answers }

    static func status(_ code: Int, retryAfter: TimeInterval? = nil) -> LRSResponse {
        .response(status: code, body: Data("answer \(code)".utf8), retryAfter: retryAfter)
    }

    func post(_ request: LRSRequest) -> LRSResponse {
        lock.withLock {
            requests.append(request)
            return answers.isEmpty ? Self.status(200) : answers.removeFirst()
        }
    }

    var count: Int { lock.withLock { requests.count } }
}

/// Records the waits instead of waiting.
final class Sleeps: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [TimeInterval] = []
    var all: [TimeInterval] { lock.withLock { waits } }
    var function: @Sendable (TimeInterval) -> Void { { value in self.lock.withLock { self.waits.append(value) } } }
}

@Suite struct RecordsLRSTests {
    typealias F = RecordsFixtures
    let endpoint = URL(string: "https://lrs.example/xapi")!

    func client(_ fake: FakeLRS, _ sleeps: Sleeps = Sleeps(), credentials: LRSCredentials? = nil) -> LRSClient {
        LRSClient(endpoint: endpoint, credentials: credentials, transport: fake, sleep: sleeps.function)
    }

    @Test func aPostCarriesTheVersionTheCredentialsAndTheStatements() throws {
        let fake = FakeLRS([])
        let outcome = client(fake, credentials: LRSCredentials(user: "lead", password: "s3cret")).post([.object([("id", .string("x"))])])
        #expect(outcome == .accepted(attempts: 1))
        let request = try #require(fake.requests.first)
        #expect(request.url.absoluteString == "https://lrs.example/xapi/statements")
        let headers = Dictionary(request.headers, uniquingKeysWith: { a, _ in a })
        #expect(headers["X-Experience-API-Version"] == "1.0.3")
        #expect(headers["Authorization"] == "Basic bGVhZDpzM2NyZXQ=")
        #expect(headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(String(decoding: request.body, as: UTF8.self) == "[{\"id\":\"x\"}]")
    }

    @Test(arguments: ["https://lrs.example/xapi/statements", "https://lrs.example/xapi/statements/"])
    func anEndpointAlreadyEndingInStatementsIsUsedAsItIs(text: String) {
        let client = LRSClient(endpoint: URL(string: text)!, credentials: nil, transport: FakeLRS([]))
        #expect(client.statementsURL.path.hasSuffix("/statements"))
        #expect(!client.statementsURL.path.contains("statements/statements"))
    }

    @Test func transientFailuresAreRetriedWithGrowingWaits() {
        let fake = FakeLRS([FakeLRS.status(503), .failed("connection refused"), FakeLRS.status(429, retryAfter: 3), FakeLRS.status(200)])
        let sleeps = Sleeps()
        #expect(client(fake, sleeps).post([]) == .accepted(attempts: 4))
        #expect(sleeps.all == [0.5, 1, 3])
    }

    @Test func aServerThatStaysDownIsGivenUpOn() {
        let fake = FakeLRS(Array(repeating: FakeLRS.status(502), count: 10))
        let sleeps = Sleeps()
        #expect(client(fake, sleeps).post([]) == .unavailable(attempts: 4, message: "HTTP 502: answer 502"))
        #expect(fake.count == 4 && sleeps.all.count == 3)
    }

    @Test(arguments: [400, 404, 409, 413])
    func aRefusalIsNotRetried(status: Int) {
        let fake = FakeLRS([FakeLRS.status(status)])
        #expect(client(fake).post([]) == .rejected(status: status, message: "answer \(status)"))
        #expect(fake.count == 1)
    }

    @Test(arguments: [401, 403])
    func wrongCredentialsAreNotRetried(status: Int) {
        let fake = FakeLRS([FakeLRS.status(status)])
        #expect(client(fake).post([]) == .unauthorized(status: status, message: "answer \(status)"))
        #expect(fake.count == 1)
    }

    @Test(arguments: [
        ([:], nil as LRSCredentials?),
        (["COACH_LRS_USER": "u", "COACH_LRS_PASSWORD": "p"], LRSCredentials(user: "u", password: "p")),
        (["COACH_LRS_KEY": "k", "COACH_LRS_SECRET": "s"], LRSCredentials(user: "k", password: "s")),
        (["COACH_LRS_USER": "u", "COACH_LRS_PASSWORD": "p", "COACH_LRS_KEY": "k", "COACH_LRS_SECRET": "s"], LRSCredentials(user: "u", password: "p")),
    ])
    func credentialsComeFromTheEnvironment(environment: [String: String], expected: LRSCredentials?) throws {
        #expect(try LRSCredentials.from(environment: environment) == expected)
    }

    @Test func halfACredentialPairIsAnError() {
        #expect(throws: LRSConfigurationError.halfCredentials("COACH_LRS_USER", "COACH_LRS_PASSWORD")) {
            try LRSCredentials.from(environment: ["COACH_LRS_USER": "u"])
        }
    }

    @Test(arguments: ["ftp://lrs.example/x", "not a url", "https://user:pw@lrs.example/xapi", "/statements"])
    func badEndpointsAreRefused(text: String) {
        #expect(throws: LRSConfigurationError.self) { try LRSConfigurationError.endpoint(text) }
    }

    /// Three finished sessions and one aborted one in a fresh store.
    func storeWithSessions() throws -> (SessionStore, [StoredSession]) {
        let store = try SessionStore()
        for prefix in ["a", "b", "c"] { F.play(F.goodLines, recorder: F.recorder(store, prefix: prefix)) }
        F.play(["What happened?"], recorder: F.recorder(store, prefix: "d"), finish: false)
        return (store, try store.sessions(.all, resolver: F.gone))
    }

    @Test func onlyAcceptedSessionsAreMarkedSentAndTheRestGoNextTime() throws {
        let (store, sessions) = try storeWithSessions()
        let fake = FakeLRS([FakeLRS.status(200), FakeLRS.status(400), FakeLRS.status(503), FakeLRS.status(200)])
        let upload = LRSUpload(client: client(fake), statements: XAPIStatements(), store: store, clock: F.clock())
        let first = upload.run(sessions)
        #expect(first.sent.map(\.session) == ["a-1", "c-1"])
        #expect(first.sent.map(\.attempts) == [1, 2])
        #expect(first.failed.map(\.session) == ["b-1"])
        #expect(first.notFinished == ["d-1"])
        #expect(!first.succeeded)
        #expect(try store.deliveredSessions(to: upload.endpointKey) == ["a-1", "c-1"])

        let second = upload.run(sessions)
        #expect(second.sent.map(\.session) == ["b-1"])
        #expect(second.alreadySent == ["a-1", "c-1"])
        #expect(second.succeeded)
        // The same statement ids each time: a re-send cannot duplicate.
        let bodies = fake.requests.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies[1] == bodies[4])

        let again = upload.run(sessions, resend: true)
        #expect(again.sent.count == 3)
    }

    @Test func aRedirectFromAnyTransportIsNeitherFollowedNorDelivery() {
        #expect(client(FakeLRS([FakeLRS.status(302)])).post([]) == .redirected(status: 302, location: nil, host: nil))
        let moved = URL(string: "https://u:pw@other.example:8443/xapi/statements?token=abcdefgh12345")!
        let fake = FakeLRS([.redirect(status: 308, location: moved)])
        #expect(
            client(fake).post([])
                == .redirected(status: 308, location: "https://other.example:8443/xapi/statements?REDACTED", host: "other.example:8443"))
        #expect(fake.count == 1)
    }

    @Test func wrongCredentialsStopTheUploadAndMarkNothing() throws {
        let (store, sessions) = try storeWithSessions()
        let fake = FakeLRS([FakeLRS.status(401)])
        let upload = LRSUpload(client: client(fake), statements: XAPIStatements(), store: store)
        let report = upload.run(sessions)
        #expect(report.stopped?.contains("HTTP 401") == true)
        #expect(report.sent.isEmpty && fake.count == 1)
        #expect(report.failed.map(\.session) == ["a-1"])
        #expect(report.unsent == ["b-1", "c-1"])
        #expect(try store.deliveredSessions(to: upload.endpointKey).isEmpty)
    }
}
