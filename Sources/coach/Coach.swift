import ArgumentParser
import CoachKit
import Foundation

@main
struct Coach: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coach",
        abstract: "A conversation-coaching simulator for people who serve customers.",
        version: "0.1.0",
        subcommands: [PlayCommand.self, DrillCommand.self, TrainCommand.self, ListCommand.self, MovesCommand.self, LintCommand.self, TestCommand.self, ReportCommand.self, GraphCommand.self, ProbeCommand.self, NewCommand.self, ScoreCommand.self, ReviewCommand.self]
    )

    static func main() {
        // A reader that goes away (`coach play … | head`) must not kill the process before
        // the session is recorded: writes then fail with EPIPE, which StandardOutput handles.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
            try StandardOutput.finish()
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every command that reads the library shares.
struct LibraryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The library folder (scenarios, lexicons/).", valueName: "dir"))
    var library: String?

    @Option(name: .long, help: ArgumentHelp("A folder of lexicon files to use instead of the library's.", valueName: "dir"))
    var lexicons: String?

    var resolved: Library {
        if let library { return Library(root: library) }
        return Library.standard()
    }

    func lexiconPath(for language: String) -> String {
        if let lexicons { return (lexicons as NSString).appendingPathComponent("\(language).yaml") }
        return resolved.lexiconFile(for: language)
    }
}

/// Exit codes scripts can rely on (documented in the README).
enum ExitStatus {
    /// The input had errors (lint found errors, a test failed).
    static let failure = ExitCode(1)
    /// The command could not run: a file was missing or unusable.
    static let unusable = ExitCode(2)
}
