import ArgumentParser
import CoachKit
import Foundation

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the transcript tests of scenarios, with coverage; or record a new test.",
        discussion: """
            Prints PASS or FAIL per test (a failure with a reply-by-reply diff; --verbose shows every test so), \
            then a coverage table: the states, transitions, endings, moves and rubric rules each scenario's \
            tests reach. Exits 1 when a test \
            fails or coverage is below --min-coverage, 2 when a scenario cannot be loaded.

            --record SCENARIO reads a session from standard input (one reply per line; /note TEXT, \
            /silence SECONDS, /interrupt TEXT) and prints a new test that expects what the run produced, \
            ready to paste under the scenario's tests: (or --append it to the file).
            """
    )

    @OptionGroup var library: LibraryOptions

    @Option(help: ArgumentHelp("Also write the results as JUnit XML to this file.", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Fail when a scenario's coverage is below this percentage.", valueName: "percent"))
    var minCoverage: Double?

    @Option(
        name: .customLong("coverage-of"),
        help: ArgumentHelp(
            "What --min-coverage checks: states, transitions, endings, moves or rules (repeatable; default: states).",
            valueName: "kind"))
    var coverageOf: [String] = []

    @Flag(name: .shortAndLong, help: "Show every test reply by reply (moves, state, transition), passing ones too.")
    var verbose = false

    @Flag(help: "List what the tests do not reach, with file:line:col.")
    var uncovered = false

    @Option(help: ArgumentHelp("Record a session from standard input as a new test of this scenario.", valueName: "scenario"))
    var record: String?

    @Option(help: ArgumentHelp("The recorded test's name.", valueName: "name"))
    var name = "recorded session"

    @Flag(help: "With --record: append the test to the scenario file instead of printing it.")
    var append = false

    @Argument(help: "Scenario files or folders (default: the library).")
    var paths: [String] = []

    var checkedKinds: Set<ScenarioCoverage.Kind> {
        coverageOf.isEmpty ? [.states] : Set(coverageOf.compactMap(ScenarioCoverage.Kind.init(rawValue:)))
    }

    func validate() throws {
        if let minCoverage, !(0...100).contains(minCoverage) {
            throw ValidationError("--min-coverage must be between 0 and 100")
        }
        for kind in coverageOf where ScenarioCoverage.Kind(rawValue: kind) == nil {
            let known = ScenarioCoverage.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown coverage kind '\(kind)'; use \(known)")
        }
        if record != nil, !paths.isEmpty { throw ValidationError("--record takes one scenario and no other paths") }
        if append, record == nil { throw ValidationError("--append only goes with --record") }
    }

    func run() throws {
        if let record { return try recordTest(record) }
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
        var suites: [TranscriptReport.Suite] = []
        var coverages: [ScenarioCoverage] = []
        var context = LintContext(fallback: lib)
        for file in files {
            var local = DiagnosticCollector()
            guard let scenario = ScenarioLoader.load(path: file, diagnostics: &local),
                let setup = setup(for: scenario, context: &context, diagnostics: &local)
            else {
                diagnostics.append(contentsOf: local.diagnostics)
                suites.append(.init(name: file, file: file, results: [], errors: local.diagnostics.filter { $0.severity == .error }))
                continue
            }
            var results: [TranscriptRunner.Result] = []
            for test in scenario.tests {
                let result = TranscriptRunner.run(test, setup: setup)
                results.append(result)
                let summary = "\(scenario.id) › \(test.name)  (score \(result.scorecard.score), \(result.scorecard.ending ?? result.scorecard.outcome.rawValue))"
                if result.passed {
                    passed += 1
                    output += style.green("PASS") + " \(summary)\n"
                } else {
                    failed += 1
                    output += style.red("FAIL") + " \(summary)\n"
                    output += "     \(test.location)\n"
                }
                if !result.passed || verbose {
                    for line in TranscriptReport.diff(result, style: style).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                        output += "     \(line)\n"
                    }
                }
            }
            suites.append(.init(name: scenario.id, file: file, results: results))
            coverages.append(ScenarioCoverage.compute(scenario, rubric: setup.rubric, results: results))
        }
        output += "\(passed) passed, \(failed) failed\n"
        if !coverages.isEmpty {
            output += "\n" + TranscriptReport.coverageTable(coverages, minimum: minCoverage, checked: checkedKinds, style: style)
            if uncovered {
                let gaps = TranscriptReport.uncovered(coverages, style: style)
                output += gaps.isEmpty ? "\nThe tests reach everything.\n" : "\n" + gaps
            }
        }
        var below: [String] = []
        if let minCoverage {
            for coverage in coverages {
                for kind in ScenarioCoverage.Kind.allCases where checkedKinds.contains(kind) && coverage[kind].percent < minCoverage {
                    below.append("\(coverage.scenario) \(kind.rawValue) \(Int(coverage[kind].percent.rounded(.down)))%")
                }
            }
            if !below.isEmpty {
                output += style.red("coverage below \(Self.percent(minCoverage))%: ") + below.joined(separator: ", ") + "\n"
            }
        }
        StandardOutput.write(output)
        if let junit {
            do {
                try OutputFile.write(TranscriptReport.junit(suites), to: junit)
            } catch {
                StandardError.write("coach: cannot write \(junit): \(error)\n")
                throw ExitStatus.unusable
            }
        }
        if diagnostics.hasErrors {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        if failed > 0 || !below.isEmpty { throw ExitStatus.failure }
    }

    /// A scenario plays with the rubric and lexicon of its own library folder (as `coach lint`
    /// checks it), else the library's; `--lexicons` overrides the lexicon.
    func setup(for scenario: Scenario, context: inout LintContext, diagnostics: inout DiagnosticCollector) -> Setup? {
        if library.lexicons != nil { return library.setup(for: scenario, diagnostics: &diagnostics) }
        return context.setup(for: scenario, diagnostics: &diagnostics)
    }

    /// 80, not 80.0.
    static func percent(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// `--record`: a session from standard input, played as it comes (shown on standard
    /// error when typed at a terminal), then written as a test.
    func recordTest(_ reference: String) throws {
        var diagnostics = DiagnosticCollector()
        var context = LintContext(fallback: library.resolved)
        guard let scenario = library.resolved.scenario(reference, diagnostics: &diagnostics),
            let setup = setup(for: scenario, context: &context, diagnostics: &diagnostics)
        else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        let live = isatty(STDIN_FILENO) == 1
        let view = TranscriptView(scenario: scenario, style: TerminalStyle.standardError)
        var conversation = setup.conversation(seed: TranscriptRunner.seed, trainee: "test")
        func show(_ text: String) { if live { StandardError.write(text + "\n") } }
        if live {
            show("Recording a test of \(scenario.title). Type the replies; /note TEXT, /silence SECONDS, /interrupt TEXT; Ctrl-D to finish.")
            show(view.customer(conversation.opening))
        }
        var lines: [String] = []
        while let line = readLine(strippingNewline: true) {
            lines.append(line)
            let (steps, _) = TranscriptRecorder.steps(fromLines: [line])
            if line.trimmingCharacters(in: .whitespaces).lowercased() == "/restart" {
                conversation = setup.conversation(seed: TranscriptRunner.seed, trainee: "test")
                show(view.customer(conversation.opening))
            }
            if line.trimmingCharacters(in: .whitespaces).lowercased() == "/quit" { break }
            for step in steps where !conversation.isOver {
                let event: InputEvent
                switch step {
                case .reply(let text, let interrupt): event = .reply(text, interrupted: interrupt)
                case .silence(let seconds): event = .silence(seconds: seconds)
                case .note(let text): event = .note(text)
                }
                for said in conversation.receive(event).customer { show(view.customer(said)) }
            }
            if live, conversation.isOver {
                show("(the conversation is over; Ctrl-D to write the test)")
            }
        }
        let (steps, skipped) = TranscriptRecorder.steps(fromLines: lines)
        for line in skipped { StandardError.write("coach: left out \(line)\n") }
        guard !steps.isEmpty else {
            StandardError.write("coach: no replies on standard input; nothing to record\n")
            throw ExitStatus.unusable
        }
        let recording = TranscriptRecorder.record(steps: steps, name: name, setup: setup)
        if recording.unused > 0 {
            StandardError.write("coach: the conversation ended before the last \(recording.unused) step(s); they are left out\n")
        }
        guard append else {
            StandardOutput.write(recording.yaml)
            return
        }
        let file = scenario.file
        // The built-in library is part of the program; a trainer's file is what they mean to change.
        let bundled = URL(fileURLWithPath: Library.bundled.root).resolvingSymlinksInPath().path
        if URL(fileURLWithPath: file).resolvingSymlinksInPath().path.hasPrefix(bundled + "/") {
            StandardError.write("coach: \(reference) is in the built-in library; give the path of your copy (e.g. scenarios/\(scenario.id).yaml) to --append to it\n")
            throw ExitStatus.unusable
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            StandardError.write("coach: cannot read \(file)\n")
            throw ExitStatus.unusable
        }
        switch TranscriptRecorder.append(recording, to: text, file: file) {
        case .failure(let reason):
            StandardError.write("coach: cannot append to \(file): \(reason)\n")
            throw ExitStatus.unusable
        case .text(let updated):
            guard FileManager.default.createFile(atPath: file, contents: Data(updated.utf8)) else {
                StandardError.write("coach: cannot write \(file)\n")
                throw ExitStatus.unusable
            }
            StandardOutput.write("appended the test '\(name)' to \(file)\n")
        }
    }
}
