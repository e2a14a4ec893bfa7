import Foundation

/// Posts xAPI statements to a Learning Record Store, retrying what may pass on a second try.
///
/// `POST <endpoint>/statements` with `X-Experience-API-Version: 1.0.3` and HTTP Basic
/// authentication. Server errors (5xx), 408, 429 and failed connections are retried with
/// exponential backoff (honouring `Retry-After`); other answers are final. Only a 2xx
/// answer counts as accepted: a redirect is never followed and never delivery. Every post
/// ends by its deadline (``timeLimit`` from its start unless the caller gives one), however
/// slowly the LRS answers.
public struct LRSClient: Sendable {
    /// The LRS's xAPI endpoint, without `/statements`.
    public var endpoint: URL
    public var credentials: LRSCredentials?
    public var transport: any LRSTransport
    public var retry: RetryPolicy
    /// The longest one upload may take, every attempt and wait included: a lone ``post(_:until:)``,
    /// or all the sessions of one ``LRSUpload/run(_:resend:)``.
    public var timeLimit: TimeInterval
    /// Waits between attempts; tests pass one that does not really wait.
    public var sleep: @Sendable (TimeInterval) -> Void
    /// The time deadlines are measured on; tests pass one that moves with their fake waits.
    public var clock: @Sendable () -> Date

    /// Two minutes: a scheduled job ends even when the LRS never answers; what was not sent goes next time.
    public static let defaultTimeLimit: TimeInterval = 120

    /// How often and how patiently to retry a transient failure.
    public struct RetryPolicy: Sendable {
        /// Attempts in all, the first included.
        public var attempts: Int
        public var firstDelay: TimeInterval
        public var maximumDelay: TimeInterval

        public init(attempts: Int = 4, firstDelay: TimeInterval = 0.5, maximumDelay: TimeInterval = 8) {
            self.attempts = max(1, attempts)
            self.firstDelay = firstDelay
            self.maximumDelay = maximumDelay
        }

        /// The wait before attempt `attempt + 1`: doubling from the first delay, capped.
        public func delay(after attempt: Int, retryAfter: TimeInterval?) -> TimeInterval {
            let backoff = firstDelay * pow(2, Double(attempt - 1))
            return min(max(backoff, retryAfter ?? 0), maximumDelay)
        }
    }

    /// What became of one POST.
    public enum Outcome: Sendable, Equatable {
        case accepted(attempts: Int)
        /// The LRS refused the statements (4xx other than auth): sending them again will not help.
        case rejected(status: Int, message: String)
        /// 401 or 403: the credentials are missing or wrong.
        case unauthorized(status: Int, message: String)
        /// Still failing after every retry: the LRS is down or unreachable.
        case unavailable(attempts: Int, message: String)
        /// The LRS answered with a redirect (3xx), which is not followed: nothing was stored,
        /// and nothing went to the place it points to. `location` is redacted (``URLRedaction``).
        case redirected(status: Int, location: String?, host: String?)
        /// The deadline came before the LRS accepted; `message` is the last failure, if any.
        case outOfTime(attempts: Int, message: String)
    }

    /// A client for `endpoint` that sends through `transport`; `sleep` and `clock` are replaced in tests.
    public init(
        endpoint: URL, credentials: LRSCredentials?, transport: any LRSTransport,
        retry: RetryPolicy = RetryPolicy(), timeLimit: TimeInterval = LRSClient.defaultTimeLimit,
        sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.transport = transport
        self.retry = retry
        self.timeLimit = timeLimit
        self.sleep = sleep
        self.clock = clock
    }

    /// The URL statements are posted to.
    public var statementsURL: URL {
        endpoint.path.hasSuffix("/statements") ? endpoint : endpoint.appendingPathComponent("statements")
    }

    /// Posts `statements` as one JSON array (the LRS stores all of them or none), giving up at
    /// `deadline` (by default ``timeLimit`` from now).
    public func post(_ statements: [JSONValue], until deadline: Date? = nil) -> Outcome {
        let deadline = deadline ?? clock().addingTimeInterval(timeLimit)
        var headers = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("X-Experience-API-Version", XAPIStatements.version),
        ]
        if let credentials { headers.append(("Authorization", credentials.authorization)) }
        var request = LRSRequest(
            url: statementsURL, headers: headers, body: Data(JSONValue.array(statements).serialized().utf8))
        var attempt = 0
        var failure = ""
        while true {
            let remaining = deadline.timeIntervalSince(clock())
            guard remaining > 0 else { return .outOfTime(attempts: attempt, message: failure) }
            attempt += 1
            request.timeLimit = remaining
            var retryAfter: TimeInterval?
            switch transport.post(request) {
            case .response(let status, let body, let after):
                let said = message(body)
                switch status {
                case 200..<300: return .accepted(attempts: attempt)
                case 300..<400: return .redirected(status: status, location: nil, host: nil)
                case 401, 403: return .unauthorized(status: status, message: said)
                case 408, 429, 500..<600:
                    failure = "HTTP \(status)" + (said.isEmpty ? "" : ": \(said)")
                    retryAfter = after
                default: return .rejected(status: status, message: said)
                }
            case .redirect(let status, let location):
                return .redirected(
                    status: status, location: location.map(URLRedaction.text), host: location.map(URLRedaction.host))
            case .failed(let text): failure = URLRedaction.scrub(text, of: statementsURL)
            }
            if attempt >= retry.attempts { return .unavailable(attempts: attempt, message: failure) }
            let wait = retry.delay(after: attempt, retryAfter: retryAfter)
            // No attempt could start in time: say so now rather than sleep through the deadline.
            if clock().addingTimeInterval(wait) >= deadline { return .outOfTime(attempts: attempt, message: failure) }
            sleep(wait)
        }
    }

    /// The start of an error body, on one line and without the endpoint's query, for messages.
    func message(_ body: Data) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return URLRedaction.scrub(line, of: statementsURL)
    }
}

/// HTTP Basic credentials for an LRS, from the environment, never from the command line
/// (where `ps` and shell history would show them).
public struct LRSCredentials: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The `Authorization` header value.
    public var authorization: String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }

    /// `COACH_LRS_USER` and `COACH_LRS_PASSWORD`, else `COACH_LRS_KEY` and `COACH_LRS_SECRET`
    /// (the key/secret pair many LRSs issue); `nil` when neither pair is set.
    public static func from(environment: [String: String]) throws -> LRSCredentials? {
        for (userKey, passwordKey) in [("COACH_LRS_USER", "COACH_LRS_PASSWORD"), ("COACH_LRS_KEY", "COACH_LRS_SECRET")] {
            let user = environment[userKey].flatMap { $0.isEmpty ? nil : $0 }
            let password = environment[passwordKey].flatMap { $0.isEmpty ? nil : $0 }
            switch (user, password) {
            case (let user?, let password?): return LRSCredentials(user: user, password: password)
            case (nil, nil): continue
            default: throw LRSConfigurationError.halfCredentials(userKey, passwordKey)
            }
        }
        return nil
    }
}

/// A problem with how the LRS was named or authenticated, found before sending anything.
public enum LRSConfigurationError: Error, CustomStringConvertible, Equatable {
    case halfCredentials(String, String)
    case badEndpoint(String)
    case credentialsInURL

    public var description: String {
        switch self {
        case .halfCredentials(let a, let b): "set both \(a) and \(b), or neither"
        case .badEndpoint(let url): "the LRS endpoint must be an http or https URL: \(URLRedaction.text(url))"
        case .credentialsInURL:
            "put the LRS credentials in COACH_LRS_USER and COACH_LRS_PASSWORD, not in the URL"
        }
    }

    /// Checks an endpoint given on the command line.
    public static func endpoint(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else { throw LRSConfigurationError.badEndpoint(text) }
        if url.user != nil || url.password != nil { throw LRSConfigurationError.credentialsInURL }
        return url
    }
}

/// One HTTP POST, as the client sees it.
public struct LRSRequest: Sendable {
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data
    /// How long this attempt may take at most: what is left before the upload's deadline.
    public var timeLimit: TimeInterval = .infinity

    public init(url: URL, headers: [(String, String)], body: Data, timeLimit: TimeInterval = .infinity) {
        self.url = url
        self.headers = headers
        self.body = body
        self.timeLimit = timeLimit
    }
}

/// The answer to a POST, or why there was none.
public enum LRSResponse: Sendable {
    case response(status: Int, body: Data, retryAfter: TimeInterval?)
    /// A redirect (3xx) the transport did not follow, and where it pointed.
    case redirect(status: Int, location: URL?)
    case failed(String)
}

/// How requests reach the LRS: URLSession in a child process in the program, a fake in unit tests.
///
/// CoachKit itself never loads FoundationNetworking (with libcurl it brings some thirty
/// libraries, which every command would load at start): the URLSession transport lives in
/// the `coach-lrs-post` program, which `coach report --lrs` runs for each attempt.
public protocol LRSTransport: Sendable {
    func post(_ request: LRSRequest) -> LRSResponse
}
