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
            --watch checks again, and runs the scenarios' tests, each time a file is saved (Ctrl-C stops).
            """
    )

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Print the diagnostics as a JSON array.")
    var json = false

    @Flag(help: "Check again, and run the scenarios' tests, whenever a file changes.")
    var watch = false

    @Argument(help: "Files or folders to check (default: the library).")
    var paths: [String] = []

    func validate() throws {
        if watch && json { throw ValidationError("--watch prints for a person; leave out --json") }
    }

    func run() throws {
        let targets = paths.isEmpty ? [library.resolved.root] : paths
        guard watch else {
            if !lintOnce(targets) { throw ExitStatus.failure }
            return
        }
        // Watching ends with Ctrl-C or a kill: make sure those arrive, even if whoever started
        // coach left them blocked (a child inherits its parent's signal mask).
        var stoppers = sigset_t()
        sigemptyset(&stoppers)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stoppers, signal) }
        sigprocmask(SIG_UNBLOCK, &stoppers, nil)
        var watcher = FileWatcher(paths: targets)
        while true {
            if lintOnce(targets) { runTests(of: targets) }
            StandardOutput.write("Watching \(watcher.fileCount) file\(watcher.fileCount == 1 ? "" : "s"); Ctrl-C stops.\n")
            let changed = watcher.waitForChange()
            StandardOutput.write("\n── \(Self.clock()) · \(changed.joined(separator: ", ")) changed ──\n")
        }
    }

    /// Lints `targets` and prints what it finds; whether there were no errors.
    func lintOnce(_ targets: [String]) -> Bool {
        let sorted = Linter.lint(targets, library: library.resolved, lexicons: library.lexicons)
        if json {
            let value = JSONValue.array(sorted.map(\.json))
            StandardOutput.write(value.serialized(pretty: true) + "\n")
        } else {
            DiagnosticPrinter.standardOutput.print(sorted)
            let errors = sorted.filter { $0.severity == .error }.count
            let warnings = sorted.filter { $0.severity == .warning }.count
            if errors + warnings > 0 || watch {
                let summary = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
                StandardOutput.write(summary)
            }
        }
        return !sorted.contains { $0.severity == .error }
    }

    /// The tests of the scenarios among `targets`, as `coach test` runs them.
    func runTests(of targets: [String]) {
        var scratch = DiagnosticCollector()
        let scenarios = Linter.files(in: targets, diagnostics: &scratch).filter(Self.isScenario)
        guard !scenarios.isEmpty else { return }
        var arguments = scenarios
        if let root = library.library { arguments += ["--library", root] }
        if let lexicons = library.lexicons { arguments += ["--lexicons", lexicons] }
        // A failing test is part of what the trainer watches for, not a reason to stop watching.
        if let command = try? TestCommand.parse(arguments) { try? command.run() }
    }

    /// Whether `file` is a scenario, as lint tells its files apart.
    static func isScenario(_ file: String) -> Bool {
        guard !ScenarioIncludes.isFragment(file) else { return false }
        var scratch = DiagnosticCollector()
        guard let root = YAMLDocument.load(contentsOf: file, diagnostics: &scratch) else { return false }
        return Linter.kind(of: root) == .scenario
    }

    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }
}

/// Notices when files are saved, by polling their size and modification time (portable, and
/// an editor's save-by-rename is seen as a change like any other).
struct FileWatcher {
    let paths: [String]
    private var stamps: [String: String] = [:]
    /// The fragments each scenario includes, read again only when the scenario is saved.
    private var included: [String: (stamp: String, fragments: [String])] = [:]

    init(paths: [String]) {
        self.paths = paths
        stamps = currentStamps()
    }

    var fileCount: Int { stamps.count }

    /// Blocks until a file is added, removed or saved; returns the names of those that changed.
    mutating func waitForChange(every interval: TimeInterval = 0.3) -> [String] {
        while true {
            Thread.sleep(forTimeInterval: interval)
            let now = currentStamps()
            guard now != stamps else { continue }
            let changed = Set(now.keys).union(stamps.keys).filter { now[$0] != stamps[$0] }.sorted()
            stamps = now
            return changed.map { ($0 as NSString).lastPathComponent }
        }
    }

    /// The files under `paths`, and the fragments their scenarios include: saving a shared
    /// fragment changes every scenario that includes it.
    private mutating func currentStamps() -> [String: String] {
        var scratch = DiagnosticCollector()
        var stamps: [String: String] = [:]
        for file in Linter.files(in: paths, diagnostics: &scratch) {
            let stamp = Self.stamp(of: file)
            stamps[file] = stamp
            guard !ScenarioIncludes.isFragment(file) else { continue }
            if included[file]?.stamp != stamp {
                included[file] = (stamp, ScenarioIncludes.fragmentFiles(ofScenarioAt: file))
            }
            for fragment in included[file]?.fragments ?? [] where stamps[fragment] == nil {
                stamps[fragment] = Self.stamp(of: fragment)
            }
        }
        return stamps
    }

    private static func stamp(of file: String) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)/\(modified)"
    }
}
