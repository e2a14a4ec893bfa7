import ArgumentParser
import CoachKit
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check lexicon files (and, later, scenarios and rubrics).",
        discussion: "Prints file:line:col: error|warning: [CODE] message; exits 1 when there is an error."
    )

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Print the diagnostics as a JSON array.")
    var json = false

    @Argument(help: "Files or folders to check (default: the library).")
    var paths: [String] = []

    func run() throws {
        let targets = paths.isEmpty ? [library.resolved.root] : paths
        var diagnostics = DiagnosticCollector()
        for file in LintTargets.files(in: targets, diagnostics: &diagnostics) {
            if let lexicon = LexiconLoader.load(path: file, diagnostics: &diagnostics) {
                diagnostics.append(contentsOf: LexiconCheck.run(lexicon, requireMinimums: true))
            }
        }
        let sorted = diagnostics.sorted
        if json {
            let value = JSONValue.array(sorted.map(\.json))
            FileHandle.standardOutput.write(Data((value.serialized(pretty: true) + "\n").utf8))
        } else {
            DiagnosticPrinter.standardOutput.print(sorted)
        }
        if diagnostics.hasErrors { throw ExitStatus.failure }
    }
}

/// Expands the paths given to `lint` into the files to check.
enum LintTargets {
    static func files(in paths: [String], diagnostics: inout DiagnosticCollector) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.error("FILE-READ", "no such file or folder", at: SourceLocation(file: path, line: 1, column: 1))
                continue
            }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let item = enumerator?.nextObject() as? String {
                if item.hasSuffix(".yaml") || item.hasSuffix(".yml") {
                    found.append((path as NSString).appendingPathComponent(item))
                }
            }
            files += found.sorted()
        }
        return files.filter { $0.contains("/lexicons/") || $0.hasPrefix("lexicons/") }
    }
}
