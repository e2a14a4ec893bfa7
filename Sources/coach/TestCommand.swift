import ArgumentParser
import CoachKit
import Foundation

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the transcript tests of scenarios.",
        discussion: "Exits 1 when a test fails, 2 when a scenario cannot be loaded."
    )

    @OptionGroup var library: LibraryOptions

    @Argument(help: "Scenario files or folders (default: the library).")
    var paths: [String] = []

    func run() throws {
        var diagnostics = DiagnosticCollector()
        let lib = library.resolved
        let files = paths.isEmpty ? lib.scenarioFiles : paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue ? Library(root: path).scenarioFiles : [path]
        }
        let style = TerminalStyle.standardOutput
        var passed = 0, failed = 0
        var output = ""
        for file in files {
            guard let scenario = ScenarioLoader.load(path: file, diagnostics: &diagnostics),
                let setup = library.setup(for: scenario, diagnostics: &diagnostics)
            else { continue }
            for test in scenario.tests {
                let result = TranscriptRunner.run(test, setup: setup)
                let summary = "\(scenario.id) › \(test.name)  (score \(result.scorecard.score), \(result.scorecard.ending ?? result.scorecard.outcome.rawValue))"
                if result.passed {
                    passed += 1
                    output += style.green("PASS") + " \(summary)\n"
                } else {
                    failed += 1
                    output += style.red("FAIL") + " \(summary)\n"
                    output += "     \(test.location)\n"
                    for failure in result.failures {
                        let lines = failure.split(separator: "\n").map { String($0).printable }
                        output += "     - " + lines.joined(separator: "\n       ") + "\n"
                    }
                }
            }
        }
        output += "\(passed) passed, \(failed) failed\n"
        FileHandle.standardOutput.write(Data(output.utf8))
        if diagnostics.hasErrors {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        if failed > 0 { throw ExitStatus.failure }
    }
}
