import Foundation

/// Questions about standard input that `readLine` does not answer.
enum StandardInput {
    /// Whether more input can be read now without waiting: more lines in a file or a busy
    /// pipe, or its end. False while a person at a terminal (or a quiet pipe) has not typed
    /// the next line yet. Input already in `readLine`'s buffer is not seen here, so the
    /// answer may be "no" too often, never "yes" too often.
    static var hasWaitingInput: Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }
}
