import CoachKit
import Foundation

/// Colours only on a terminal, never with `NO_COLOR` or `TERM=dumb`.
enum TerminalStyle {
    static func forDescriptor(_ descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> TextStyle
    {
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return TextStyle(colours: isatty(descriptor) == 1 && !noColour && !dumb)
    }

    static var standardOutput: TextStyle { forDescriptor(STDOUT_FILENO) }
    static var standardError: TextStyle { forDescriptor(STDERR_FILENO) }
}
