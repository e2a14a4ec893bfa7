import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Posts xAPI statements to a Learning Record Store, retrying what may pass on a second try.
///
/// `POST <endpoint>/statements` with `X-Experience-API-Version: 1.0.3` and HTTP Basic
/// authentication. Server errors (5xx), 408, 429 and failed connections are retried with
/// exponential backoff (honouring `Retry-After`); other answers are final. Only a 2xx
/// answer counts as accepted: a redirect is never followed and never delivery.
public struct LRSClient: Sendable {
    /// The LRS's xAPI endpoint, without `/statements`.
    public var endpoint: URL
    public var credentials: LRSCredentials?
    public var transport: any LRSTransport
    public var retry: RetryPolicy
    /// Waits between attempts; tests pass one that does not really wait.
    public var sleep: @Sendable (TimeInterval) -> Void

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
    }

    /// A client for `endpoint`; `transport` and `sleep` are replaced in tests.
    public init(
        endpoint: URL, credentials: LRSCredentials?, transport: any LRSTransport = URLSessionTransport(),
        retry: RetryPolicy = RetryPolicy(), sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.transport = transport
        self.retry = retry
        self.sleep = sleep
    }

    /// The URL statements are posted to.
    public var statementsURL: URL {
        endpoint.path.hasSuffix("/statements") ? endpoint : endpoint.appendingPathComponent("statements")
    }

    /// Posts `statements` as one JSON array (the LRS stores all of them or none).
    public func post(_ statements: [JSONValue]) -> Outcome {
        var headers = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("X-Experience-API-Version", XAPIStatements.version),
        ]
        if let credentials { headers.append(("Authorization", credentials.authorization)) }
        let request = LRSRequest(
            url: statementsURL, headers: headers, body: Data(JSONValue.array(statements).serialized().utf8))
        var attempt = 0
        while true {
            attempt += 1
            let failure: String
            var retryAfter: TimeInterval?
            switch transport.post(request) {
            case .response(let status, let body, let after):
                switch status {
                case 200..<300: return .accepted(attempts: attempt)
                case 300..<400: return .redirected(status: status, location: nil, host: nil)
                case 401, 403: return .unauthorized(status: status, message: message(body))
                case 408, 429, 500..<600:
                    failure = "HTTP \(status)" + (message(body).isEmpty ? "" : ": \(message(body))")
                    retryAfter = after
                default: return .rejected(status: status, message: message(body))
                }
            case .redirect(let status, let location):
                return .redirected(
                    status: status, location: location.map(URLRedaction.text), host: location.map(URLRedaction.host))
            case .failed(let text): failure = URLRedaction.scrub(text, of: statementsURL)
            }
            if attempt >= retry.attempts { return .unavailable(attempts: attempt, message: failure) }
            sleep(retry.delay(after: attempt, retryAfter: retryAfter))
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
}

/// The answer to a POST, or why there was none.
public enum LRSResponse: Sendable {
    case response(status: Int, body: Data, retryAfter: TimeInterval?)
    /// A redirect (3xx) the transport did not follow, and where it pointed.
    case redirect(status: Int, location: URL?)
    case failed(String)
}

/// How requests reach the LRS: URLSession in the program, a fake in unit tests.
public protocol LRSTransport: Sendable {
    func post(_ request: LRSRequest) -> LRSResponse
}
