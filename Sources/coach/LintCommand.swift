import ArgumentParser
import CoachKit
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check scenario, lexicon and rubric files.",
        discussion: "Prints file:line:col: error|warning: [CODE] message; exits 1 when there is an error."
    )

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Print the diagnostics as a JSON array.")
    var json = false

    @Argument(help: "Files or folders to check (default: the library).")
    var paths: [String] = []

    func run() throws {
        let targets = paths.isEmpty ? [library.resolved.root] : paths
        let sorted = Linter.lint(targets)
        if json {
            let value = JSONValue.array(sorted.map(\.json))
            FileHandle.standardOutput.write(Data((value.serialized(pretty: true) + "\n").utf8))
        } else {
            DiagnosticPrinter.standardOutput.print(sorted)
        }
        if sorted.contains(where: { $0.severity == .error }) { throw ExitStatus.failure }
    }
}

