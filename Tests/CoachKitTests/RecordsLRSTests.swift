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

/// A clock that moves only when told: by fake waits and by fake attempts that take time.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time = RecordsFixtures.start

    var now: Date { lock.withLock { time } }
    func advance(_ seconds: TimeInterval) { lock.withLock { time += seconds } }
    var function: @Sendable () -> Date { { self.now } }
    var sleep: @Sendable (TimeInterval) -> Void { { self.advance($0) } }
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

    @Test func aSessionReviewedAfterItWasSentGoesAgainByItselfOnce() throws {
        let (store, sessions) = try storeWithSessions()
        let fake = FakeLRS([])
        let upload = LRSUpload(client: client(fake), statements: XAPIStatements(), store: store, clock: F.clock())
        #expect(upload.run(sessions).sent.count == 3)

        try store.add(SessionReview(change: .comment(reply: 1), text: "a good first question", reviewer: "lead", at: F.start), toSession: "b-1")
        let reviewed = try store.sessions(.all, resolver: F.gone)
        let second = upload.run(reviewed)
        #expect(second.sent.map(\.session) == ["b-1"])
        #expect(second.alreadySent == ["a-1", "c-1"])
        let body = try #require(fake.requests.last).body
        let statements = try #require(try JSONSerialization.jsonObject(with: body) as? [[String: Any]])
        #expect(statements.first?["id"] as? String == XAPIStatements.statementID(session: "b-1", reviews: 1))

        // Recorded under the reviewed statement: the next run has nothing to send.
        let third = upload.run(try store.sessions(.all, resolver: F.gone))
        #expect(third.sent.isEmpty)
        #expect(third.alreadySent == ["a-1", "b-1", "c-1"])
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

    @Test func theDeadlineBoundsEachAttemptAndEndsTheRetries() {
        let clock = ManualClock()
        let slow = TimedFake(clock: clock, cost: 100)
        let client = LRSClient(
            endpoint: endpoint, credentials: nil, transport: slow, timeLimit: 25, sleep: clock.sleep, clock: clock.function)
        // Attempt 1 gets all 25 s and uses them; no second attempt could start in time.
        #expect(client.post([]) == .outOfTime(attempts: 1, message: "no complete answer within 25 s"))
        #expect(slow.limits == [25])
        #expect(clock.now == RecordsFixtures.start + 25)
    }

    @Test func retriesGetOnlyWhatIsLeftOfTheTimeLimit() {
        let clock = ManualClock()
        let fake = FakeLRS([.failed("refused"), .failed("refused"), .failed("refused"), .failed("refused")])
        let timed = TimedFake(fake, clock: clock, cost: 10)
        let client = LRSClient(
            endpoint: endpoint, credentials: nil, transport: timed, timeLimit: 25, sleep: clock.sleep, clock: clock.function)
        // 10 s, wait 0.5, 10 s, wait 1: the third attempt has 3.5 s left, and no fourth can start.
        #expect(client.post([]) == .outOfTime(attempts: 3, message: "no complete answer within 3.5 s"))
        #expect(timed.limits == [25, 14.5, 3.5])
    }

    @Test func anUploadOutOfTimeMarksWhatWasAcceptedAndLeavesTheRestForNextTime() throws {
        let (store, sessions) = try storeWithSessions()
        let clock = ManualClock()
        let client = LRSClient(
            endpoint: endpoint, credentials: nil, transport: TimedFake(clock: clock, cost: 70), timeLimit: 120,
            sleep: clock.sleep, clock: clock.function)
        let upload = LRSUpload(client: client, statements: XAPIStatements(), store: store)
        let report = upload.run(sessions)
        #expect(report.sent.map(\.session) == ["a-1"])
        #expect(report.failed.map(\.session) == ["b-1"])
        #expect(report.unsent == ["c-1"])
        #expect(report.stopped == "the upload's time limit of 120 s ran out after 1 attempt at this session: no complete answer within 50 s")
        #expect(try store.deliveredSessions(to: upload.endpointKey) == ["a-1"])
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

/// Passes attempts to a scripted fake, each costing `cost` seconds of a manual clock, and
/// records each attempt's time limit. An attempt whose limit is shorter than its cost uses the
/// whole limit and fails, as the real transport does.
final class TimedFake: LRSTransport, @unchecked Sendable {
    private let lock = NSLock()
    private let inner: FakeLRS
    private let clock: ManualClock
    private let cost: TimeInterval
    private(set) var limits: [TimeInterval] = []

    init(_ inner: FakeLRS = FakeLRS([]), clock: ManualClock, cost: TimeInterval) {
        self.inner = inner
        self.clock = clock
        self.cost = cost
    }

    func post(_ request: LRSRequest) -> LRSResponse {
        lock.withLock { limits.append(request.timeLimit) }
        guard cost < request.timeLimit else {
            clock.advance(request.timeLimit)
            return .failed("no complete answer within \(RecordDates.seconds(request.timeLimit))")
        }
        clock.advance(cost)
        return inner.post(request)
    }
}

/// What crosses to the child process that makes an LRS attempt, and back.
@Suite struct LRSWireTests {
    @Test func aRequestSurvivesTheTripWithItsHeadersInOrder() throws {
        let request = LRSRequest(
            url: URL(string: "https://lrs.example.org/xapi/statements")!,
            headers: [("Authorization", "Basic a2V5OnNlY3JldA=="), ("X-Experience-API-Version", "1.0.3")],
            body: Data("[{\"id\": \"é\"}]".utf8), timeLimit: 12.5)
        let back = try #require(LRSWire.decodeRequest(LRSWire.encode(request)))
        #expect(back.url == request.url)
        #expect(back.headers.map { [$0.0, $0.1] } == request.headers.map { [$0.0, $0.1] })
        #expect(back.body == request.body)
        #expect(back.timeLimit == 12.5)
        let unbounded = LRSRequest(url: request.url, headers: [], body: Data())
        #expect(LRSWire.decodeRequest(LRSWire.encode(unbounded))?.timeLimit == .infinity)
    }

    @Test func everyKindOfAnswerSurvivesTheTrip() throws {
        let answers: [LRSResponse] = [
            .response(status: 200, body: Data("[\"x\"]".utf8), retryAfter: nil),
            .response(status: 429, body: Data(), retryAfter: 3),
            .redirect(status: 307, location: URL(string: "https://elsewhere.example/x")),
            .redirect(status: 301, location: nil),
            .failed("no complete answer within 30 s"),
        ]
        for answer in answers {
            let back = try #require(LRSWire.decodeResponse(LRSWire.encode(answer)))
            #expect(String(describing: back) == String(describing: answer))
        }
        // What is not an answer is nil, and the transport calls that a failed attempt.
        #expect(LRSWire.decodeResponse(Data("HTTP/1.1 200".utf8)) == nil)
        #expect(LRSWire.decodeResponse(Data("{\"kind\":\"response\",\"status\":\"x\"}".utf8)) == nil)
    }
}
