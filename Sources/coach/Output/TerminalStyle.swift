import Foundation

/// Whether and how to colour output: only on a terminal, never with `NO_COLOR` or `TERM=dumb`.
struct TerminalStyle: Sendable {
    var colours: Bool

    static func forDescriptor(_ descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> TerminalStyle
    {
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return TerminalStyle(colours: isatty(descriptor) == 1 && !noColour && !dumb)
    }

    static var standardOutput: TerminalStyle { forDescriptor(STDOUT_FILENO) }
    static var standardError: TerminalStyle { forDescriptor(STDERR_FILENO) }

    func paint(_ text: String, _ code: String) -> String { colours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { paint(text, "1") }
    func red(_ text: String) -> String { paint(text, "31") }
    func green(_ text: String) -> String { paint(text, "32") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func cyan(_ text: String) -> String { paint(text, "36") }
    func dim(_ text: String) -> String { paint(text, "2") }
}

extension String {
    /// The text with control characters made visible, so input can never drive the terminal.
    var printable: String {
        var output = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x09: output.unicodeScalars.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: output.unicodeScalars.append("\u{FFFD}")
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
