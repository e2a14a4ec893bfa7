import Foundation
import Synchronization

/// Standard output that a closed pipe or a full disk cannot crash.
///
/// `FileHandle.write` traps on a failed write. `coach play … | head` must instead stop
/// printing, let the session run to its end and be recorded, and end quietly, as a Unix
/// tool does; a full disk must say so and fail, after the session is recorded.
enum StandardOutput {
    enum State: Equatable, Sendable {
        case open
        /// The reader went away (EPIPE): nothing more is written, and it is no error.
        case closed
        /// Writing failed for another reason (ENOSPC, EIO): an error, reported once.
        case failed(Int32)
    }

    private static let state = Mutex<State>(.open)

    /// Whether anyone is still reading: loops over input stop early once nobody is.
    static var isOpen: Bool { state.withLock { $0 == .open } }

    /// Writes all of `text`, or nothing once writing has failed.
    static func write(_ text: String) {
        state.withLock { state in
            guard state == .open, let code = writeAll(text, to: STDOUT_FILENO) else { return }
            state = code == EPIPE ? .closed : .failed(code)
            if code != EPIPE {
                StandardError.write("coach: cannot write to standard output: \(String(cString: strerror(code)))\n")
            }
        }
    }

    /// Ends the command: a write error other than a closed pipe fails it.
    static func finish() throws {
        if case .failed = state.withLock({ $0 }) { throw ExitStatus.failure }
    }
}

/// Standard error, written without trapping: if it is gone too, there is nowhere left to say so.
enum StandardError {
    static func write(_ text: String) { _ = writeAll(text, to: STDERR_FILENO) }
}

/// Writes all of `text` to `descriptor`, retrying interrupted and partial writes; the
/// `errno` of a write that failed, or nil.
func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        if written >= 0 {
            bytes = bytes.dropFirst(written)
        } else if errno != EINTR && errno != EAGAIN {
            return errno
        }
    }
    return nil
}
