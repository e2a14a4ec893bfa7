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

/// An HTTP/1.1 server on 127.0.0.1 that misbehaves on request, standing in for an LRS.
///
/// Each connection gets the next behaviour of the script (the last one repeats): answer with
/// a status (a redirect is a status with a `Location`), hang without answering, or drip an
/// answer one byte at a time. Every connection has its own thread, so an attempt that hangs
/// does not hide the retry behind it. Only loopback and bounded reads; `stop()` ends every
/// hang and drip at once, so a test never waits on the server.
final class LocalHTTPServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// Answers at once.
        case answer(Int, headers: [String: String] = [:], body: String = "[]")
        /// Reads the request, then says nothing until the server stops.
        case hang
        /// Sends a 200 answer one byte per `every` seconds; it would take minutes to finish.
        case drip(every: TimeInterval)
    }

    struct Request {
        var method: String
        var path: String
        /// Header names lowercased.
        var headers: [String: String]
        var body: Data
    }

    let port: UInt16
    private let listener: Int32
    private let condition = NSCondition()
    private var script: [Behaviour]
    private var received: [Request] = []
    private var stopping = false
    private let threads = DispatchGroup()

    init(_ script: [Behaviour]) throws {
        precondition(!script.isEmpty)
        self.script = script
        (listener, port) = try Self.openListener()
        threads.enter()
        Thread { [self] in
            defer { threads.leave() }
            acceptConnections()
        }.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    var requests: [Request] { condition.withLock { received } }

    /// Stops accepting, ends hangs and drips, and waits for every thread.
    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        threads.wait()
    }

    /// A port on 127.0.0.1 where nothing listens, so connecting is refused.
    static func closedPort() throws -> UInt16 {
        let (socket, port) = try openListener()
        close(socket)
        return port
    }

    private static func openListener() throws -> (Int32, UInt16) {
        let listener = socket(AF_INET, streamSocket, 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        return (listener, UInt16(bigEndian: address.sin_port))
    }

    private func acceptConnections() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let behaviour = condition.withLock { script.count > 1 ? script.removeFirst() : script[0] }
            threads.enter()
            Thread { [self] in
                defer {
                    close(connection)
                    threads.leave()
                }
                serve(connection, behaviour)
            }.start()
        }
    }

    private func serve(_ connection: Int32, _ behaviour: Behaviour) {
        guard let request = read(connection) else { return }
        condition.withLock { received.append(request) }
        switch behaviour {
        case .answer(let status, let headers, let body):
            var head = "HTTP/1.1 \(status) Scripted\r\nContent-Type: application/json\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            transmit(connection, Array((head + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body).utf8))
        case .hang:
            condition.withLock { while !stopping { condition.wait() } }
        case .drip(let interval):
            let body = String(repeating: " ", count: 4096) + "[]"
            let answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
            for byte in answer.utf8 {
                guard transmit(connection, [byte]), pause(interval) else { return }
            }
        }
    }

    /// Waits `seconds`, or less if the server stops; false when it stopped.
    private func pause(_ seconds: TimeInterval) -> Bool {
        let until = Date().addingTimeInterval(seconds)
        return condition.withLock {
            while !stopping && condition.wait(until: until) {}
            return !stopping
        }
    }

    private func read(_ connection: Int32) -> Request? {
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
        while buffer.range(of: separator) == nil { guard readMore() else { return nil } }
        let headerEnd = buffer.range(of: separator)!
        let head = String(decoding: buffer[..<headerEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" { transmit(connection, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count - headerEnd.upperBound < length { guard readMore() else { break } }
        return Request(
            method: String(requestLine[0]), path: String(requestLine[1]), headers: headers,
            body: Data(buffer[headerEnd.upperBound...].prefix(length)))
    }

    @discardableResult
    private func transmit(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBufferPointer { send(connection, $0.baseAddress, $0.count, noSignal) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }
}
