import Foundation

#if canImport(Glibc)
    import Glibc

    private let streamSocket = Int32(SOCK_STREAM.rawValue)
    private let noSignal = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
    import Darwin

    private let streamSocket = SOCK_STREAM
    private let noSignal: Int32 = 0
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 standing in for a Learning Record Store.
///
/// It answers each request with the next status of its script (200 once the script runs
/// out; a 3xx with `Location: location`; ``cutOff``: the headers broken off mid-way and the
/// connection closed), records what it received, and serves one connection at a time until
/// stopped.
/// Only loopback, one thread, bounded reads: it can never reach or wait on anything else.
final class RecordsHTTPListener: @unchecked Sendable {
    struct Request {
        var method: String
        var path: String
        /// Header names lowercased.
        var headers: [String: String]
        var body: Data
    }

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var script: [Int]
    private let location: String?
    private var received: [Request] = []
    private let finished = DispatchSemaphore(value: 0)

    init(statuses: [Int] = [], location: String? = nil) throws {
        script = statuses
        self.location = location
        let listener = socket(AF_INET, streamSocket, 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 8) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in serve() }.start()
    }

    /// A scripted "status" that is no answer: the status line and half a header, then the
    /// connection closes.
    static let cutOff = 0

    var url: String { "http://127.0.0.1:\(port)" }

    var requests: [Request] { lock.withLock { received } }

    /// Sets the statuses for the next requests.
    func answer(_ statuses: [Int]) { lock.withLock { script = statuses } }

    /// Stops accepting and waits for the serving thread to end.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        finished.wait()
    }

    private func serve() {
        defer { finished.signal() }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        func readMore() -> Bool {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[..<count])
            return buffer.count < 16 * 1024 * 1024
        }
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil { guard readMore() else { return } }
        let headerEnd = buffer.range(of: separator)!
        let head = String(decoding: buffer[..<headerEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        guard requestLine.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" { write(connection, "HTTP/1.1 100 Continue\r\n\r\n") }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = buffer[headerEnd.upperBound...]
        while body.count < length {
            guard readMore() else { break }
            body = buffer[headerEnd.upperBound...]
        }
        let status: Int = lock.withLock {
            received.append(
                Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: Data(body.prefix(length))))
            return script.isEmpty ? 200 : script.removeFirst()
        }
        if status == Self.cutOff {
            write(connection, "HTTP/1.1 200 OK\r\nContent-Le")
            return
        }
        let answer = status == 200 ? "[]" : "{\"error\":\"scripted \(status)\"}"
        let redirect = (300..<400).contains(status) ? location.map { "Location: \($0)\r\n" } ?? "" : ""
        write(
            connection,
            "HTTP/1.1 \(status) Scripted\r\nContent-Type: application/json\r\nX-Experience-API-Version: 1.0.3\r\n" + redirect
                + "Content-Length: \(answer.utf8.count)\r\nConnection: close\r\n\r\n\(answer)")
    }

    private func write(_ connection: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBufferPointer { send(connection, $0.baseAddress, $0.count, noSignal) }
            guard count > 0 else { return }
            sent += count
        }
    }
}
