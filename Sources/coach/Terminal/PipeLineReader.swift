import Foundation

/// Reads lines from a non-terminal standard input, waking for SIGTERM and SIGHUP.
///
/// A blocking `readLine()` would let a signal kill the process mid-session; this
/// reader polls, so the session can finish and record itself first. Bytes that are
/// not UTF-8 are repaired; a line may be of any length.
final class PipeLineReader {
    private var buffer: [UInt8] = []
    private var atEnd = false

    init() { Signals.install() }

    enum Event: Equatable {
        case line(String)
        case end
        case terminate
    }

    func next() -> Event {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var bytes = buffer[..<newline]
                if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
                let line = String(decoding: bytes, as: UTF8.self)
                buffer.removeSubrange(...newline)
                return .line(line)
            }
            if atEnd {
                guard !buffer.isEmpty else { return .end }
                defer { buffer.removeAll() }
                return .line(String(decoding: buffer, as: UTF8.self))
            }
            let signals = Signals.take()
            if signals.contains(.terminate) || signals.contains(.hangUp) { return .terminate }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 250) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = read(STDIN_FILENO, &chunk, chunk.count)
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                atEnd = true
            }
        }
    }
}
