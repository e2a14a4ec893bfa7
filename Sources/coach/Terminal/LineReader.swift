/// What the terminal can report to a session: the only way the session sees it.
enum LineEvent: Equatable {
    /// The trainee pressed Enter.
    case line(String)
    /// Ctrl-C: the line being typed was abandoned.
    case interrupt
    /// Ctrl-D on an empty line, or the input closed.
    case end
    /// SIGTERM or SIGHUP: finish now.
    case terminate
    /// Nothing happened before the timeout.
    case timeout
}

/// A line editor that can print above the line being typed.
///
/// The session talks to the terminal only through this protocol, so the readline
/// wrapper stays small and replaceable.
protocol LineReader: AnyObject {
    /// Waits up to `timeout` seconds (forever when `nil`) for the next event.
    func next(timeout: Double?) -> LineEvent
    /// Prints text above the prompt, keeping what the trainee is typing.
    func show(_ text: String)
    func setPrompt(_ prompt: String)
    /// Whether the trainee has typed something on the current line.
    var isTyping: Bool { get }
    /// The terminal's width in columns.
    var width: Int { get }
    /// Words offered by Tab completion (beyond slash commands).
    func setCompletions(_ words: [String])
    /// Restores the terminal; further calls do nothing.
    func close()
}
