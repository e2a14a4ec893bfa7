import ArgumentParser
import Foundation

/// `coach: error: …` on standard error, for a database or file a command cannot use.
enum CommandFailure {
    /// Prints the message and gives the exit status for an unusable database or file (2).
    static func unusable(_ message: String) -> ExitCode {
        let style = TerminalStyle.standardError
        StandardError.write("coach: \(style.red(style.bold("error"))): \(message.printable)\n")
        return ExitStatus.unusable
    }
}
