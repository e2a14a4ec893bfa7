import ArgumentParser
import CoachKit
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check scenario, lexicon and rubric files.",
        discussion: """
            Prints file:line:col: error|warning: [CODE] message, with the line and a caret; exits 1 when there \
            is an error, 0 otherwise (warnings included). Folders are searched recursively. A scenario is checked \
            against the rubric and lexicon of its own folder (or the nearest folder above it with a rubric.yaml \
            or lexicons/), else the library's. Every code is explained in docs/diagnostics.md.
            """
    )

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Print the diagnostics as a JSON array.")
    var json = false

    @Argument(help: "Files or folders to check (default: the library).")
    var paths: [String] = []

    func run() throws {
        let lib = library.resolved
        let targets = paths.isEmpty ? [lib.root] : paths
        let sorted = Linter.lint(targets, library: lib)
        if json {
            let value = JSONValue.array(sorted.map(\.json))
            StandardOutput.write(value.serialized(pretty: true) + "\n")
        } else {
            DiagnosticPrinter.standardOutput.print(sorted)
            let errors = sorted.filter { $0.severity == .error }.count
            let warnings = sorted.filter { $0.severity == .warning }.count
            if errors + warnings > 0 {
                let summary = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
                StandardOutput.write(summary)
            }
        }
        if sorted.contains(where: { $0.severity == .error }) { throw ExitStatus.failure }
    }
}
