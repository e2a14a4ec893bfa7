import CoachKit
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends with Foundation's URLSession: one attempt, never redirected, never longer than its limit.
///
/// Left to itself URLSession follows a redirect to wherever it points, with the `Authorization`
/// header and, after 301/302/303, as a GET without the statements; that host's 200 would then
/// look like delivery. So every redirect is refused and handed back as
/// ``LRSResponse/redirect(status:location:)``. On Linux URLSession also ignores the request's
/// timeout (a silent server costs 60 s) and lets a server that drips its answer byte by byte
/// hold the connection for as long as it likes, so the attempt is bounded here instead: after
/// `timeout` (or the request's ``LRSRequest/timeLimit``, if shorter) it is cancelled and
/// reported as failed.
struct URLSessionTransport: LRSTransport {
    /// The longest one attempt may take: connecting, sending, and reading the whole answer.
    var timeout: TimeInterval

    init(timeout: TimeInterval = 30) { self.timeout = timeout }

    func post(_ request: LRSRequest) -> LRSResponse {
        let limit = min(timeout, request.timeLimit)
        guard limit > 0 else { return .failed("no time left for another attempt") }
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: limit)
        urlRequest.httpMethod = "POST"
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let configuration = URLSessionConfiguration.ephemeral
        // On Linux these are cut to whole seconds (0.5 s times out at once): keep them past the
        // limit, so that the wait below, not URLSession, ends a slow attempt.
        configuration.timeoutIntervalForRequest = min(limit, 1e9).rounded(.up) + 1
        configuration.timeoutIntervalForResource = min(limit, 1e9).rounded(.up) + 1
        let exchange = Exchange(url: request.url)
        let session = URLSession(configuration: configuration, delegate: exchange, delegateQueue: nil)
        session.dataTask(with: urlRequest).resume()
        // The command is synchronous: wait here, but never past the limit, whatever the server does.
        // (An infinite or absurd limit would trap in DispatchTime's arithmetic: such a limit is none.)
        let until: DispatchTime = limit < 1e9 ? .now() + limit : .distantFuture
        guard exchange.finished.wait(timeout: until) == .success else {
            session.invalidateAndCancel()
            return .failed("no complete answer within \(RecordDates.seconds(limit))")
        }
        session.finishTasksAndInvalidate()
        return exchange.outcome ?? .failed("no response")
    }
}

/// Collects one task's answer and refuses its redirects (URLSession's delegate must be a class).
private final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let url: URL
    let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var response: HTTPURLResponse?
    private var body = Data()
    private var refused: (status: Int, location: URL?)?
    private var result: LRSResponse?

    /// Enough of an answer's body for a message; an LRS has no reason to say more to a POST.
    private static let bodyLimit = 64 * 1024

    init(url: URL) { self.url = url }

    var outcome: LRSResponse? { lock.withLock { result } }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        lock.withLock { refused = (response.statusCode, request.url) }
        // nil: do not follow; the 3xx answer itself completes the task.
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        lock.withLock { self.response = response as? HTTPURLResponse }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.withLock {
            if body.count < Self.bodyLimit { body.append(data.prefix(Self.bodyLimit - body.count)) }
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.withLock { result = Self.outcome(url: url, response: response, body: body, refused: refused, error: error) }
        finished.signal()
    }

    private static func outcome(
        url: URL, response: HTTPURLResponse?, body: Data, refused: (status: Int, location: URL?)?, error: (any Error)?
    ) -> LRSResponse {
        if let refused { return .redirect(status: refused.status, location: refused.location) }
        guard let response else { return .failed(error.map(describe) ?? "no HTTP response") }
        let status = response.statusCode
        let location = response.value(forHTTPHeaderField: "Location").flatMap { URL(string: $0, relativeTo: url)?.absoluteURL }
        // Should a redirect ever be followed regardless, the answer came from elsewhere: not the LRS's word.
        if (300..<400).contains(status) || response.url.map({ URLRedaction.host($0) != URLRedaction.host(url) }) == true {
            return .redirect(status: status, location: location ?? response.url)
        }
        let retryAfter = response.value(forHTTPHeaderField: "Retry-After").flatMap(TimeInterval.init)
        return .response(status: status, body: body, retryAfter: retryAfter)
    }

    /// A network error in words; Foundation's own text on Linux is a bare error number.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? URLError else { return error.localizedDescription }
        switch error.code {
        case .timedOut: return "no answer in time"
        case .cannotConnectToHost: return "could not connect (connection refused)"
        case .cannotFindHost, .dnsLookupFailed: return "the host name could not be resolved"
        case .networkConnectionLost: return "the connection was closed before the answer was complete"
        case .notConnectedToInternet: return "no network connection"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return "the TLS connection failed (URL error \(error.code.rawValue))"
        default: return "network error (URL error \(error.code.rawValue))"
        }
    }
}
