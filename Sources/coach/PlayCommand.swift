import ArgumentParser
import CoachKit
import Foundation

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Talk to a difficult customer, then see your scorecard.",
        discussion: """
            From a pipe or a file, each line is one reply (slash commands such as /note work too); \
            the transcript and the scorecard are printed. --json prints only the result, as one JSON document \
            (docs/results.md).
            """
    )

    @OptionGroup var library: LibraryOptions

    @OptionGroup var records: RecordsOptions

    @OptionGroup var session: SessionOptions

    @Argument(help: "The scenario: an id from `coach list`, or a file.")
    var scenario: String?

    @Option(help: ArgumentHelp("Begin in this state instead of the start: a preview, not recorded.", valueName: "state"))
    var from: String?

    @Option(
        parsing: .singleValue,
        help: ArgumentHelp("With --from: a mood value to begin with, as name=value (repeatable).", valueName: "name=value"))
    var mood: [String] = []

    func validate() throws {
        _ = try MoodValues.parse(mood)
        if !mood.isEmpty && from == nil { throw ValidationError("--mood goes with --from STATE") }
    }

    func run() throws {
        var diagnostics = DiagnosticCollector()
        let lib = library.resolved
        let interactive = isatty(STDIN_FILENO) == 1
        var reader: ReadlineReader?
        defer { reader?.close() }

        let chosen: Scenario
        if let reference = scenario {
            guard let found = lib.scenario(reference, diagnostics: &diagnostics) else {
                DiagnosticPrinter.standardError.print(diagnostics.sorted)
                throw ExitStatus.unusable
            }
            chosen = found
        } else {
            guard interactive else { throw ValidationError("name a scenario (see `coach list`)") }
            let scenarios = lib.loadScenarios(diagnostics: &diagnostics)
            guard !scenarios.isEmpty else {
                DiagnosticPrinter.standardError.print(diagnostics.sorted)
                throw ExitStatus.unusable
            }
            reader = ReadlineReader(
                historyFile: StatePaths.historyFile(trainee: TraineeName.resolve(session.trainee)),
                drawOnStandardError: session.json)
            let style = session.json ? TerminalStyle.standardError : TerminalStyle.standardOutput
            guard let picked = ScenarioPicker(scenarios: scenarios, style: style, texts: session.interface(in: lib, scenarioLanguage: nil)).pick(with: reader!)
            else { return }
            chosen = picked
        }
        guard let setup = library.pendingSetup(for: chosen, diagnostics: &diagnostics) else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        var start: Conversation.StartingPoint?
        if let from {
            let point = Conversation.StartingPoint(state: from, mood: try MoodValues.parse(mood))
            if let problem = setup.problem(with: point) {
                StandardError.write("coach: \(problem.printable)\n")
                throw ExitCode(64)
            }
            start = point
        }
        try SessionLaunch.run(setup, library: lib, options: session, records: records, reader: &reader, from: start)
    }
}

extension Pace: ExpressibleByArgument {}

/// Who is playing: the option, else `$COACH_TRAINEE`, else the login name.
enum TraineeName {
    static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let option, !option.isEmpty { return option }
        if let name = environment["COACH_TRAINEE"], !name.isEmpty { return name }
        if let name = environment["USER"] ?? environment["LOGNAME"], !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "trainee"
    }
}

extension LibraryOptions {
    /// The scenario's rubric and lexicon, honouring `--lexicons`: those of the scenario's own
    /// library folder (the `rubric.yaml` nearest to it), as `coach lint` and `coach test` use,
    /// else the library's.
    func setup(for scenario: Scenario, diagnostics: inout DiagnosticCollector) -> Setup? {
        guard let pending = pendingSetup(for: scenario, diagnostics: &diagnostics) else { return nil }
        switch pending.wait() {
        case .success(let setup): return setup
        case .failure(let failure):
            diagnostics.append(contentsOf: failure.diagnostics)
            return nil
        }
    }

    /// ``setup(for:diagnostics:)`` with the lexicon read and compiled on another thread, for a
    /// session that shows the customer's opening meanwhile (``PendingSetup``). What can be
    /// checked without the lexicon is checked here, at once.
    func pendingSetup(for scenario: Scenario, diagnostics: inout DiagnosticCollector) -> PendingSetup? {
        let lib = resolved
        var context = LintContext(fallback: lib)
        let rubricPath = context.rubricPath(near: scenario.file) ?? lib.rubricFile
        guard let rubric = RubricLoader.load(path: rubricPath, diagnostics: &diagnostics) else { return nil }
        guard LanguageCode.isValid(scenario.language) else {
            diagnostics.error("BAD-LANGUAGE", LanguageCode.problem(scenario.language), at: nil)
            return nil
        }
        // `--lexicons` first; else the lexicon of the scenario's own library folder, as lint uses.
        let path =
            lexicons.map { ($0 as NSString).appendingPathComponent("\(scenario.language).yaml") }
            ?? context.lexiconPath(for: scenario.language, near: scenario.file) ?? lib.lexiconFile(for: scenario.language)
        guard FileManager.default.fileExists(atPath: path) else {
            diagnostics.error(
                "NO-LEXICON", "no lexicon for the scenario's language '\(scenario.language)' at \(path)", at: nil)
            return nil
        }
        // What lint calls an error (a guard that can never hold, a test naming no rule) makes a
        // conversation that cannot work as written: it is not played, as docs/diagnostics.md says.
        let errors = ScenarioLint.check(scenario, source: nil, rubric: rubric, lexicon: nil).filter { $0.severity == .error }
        guard errors.isEmpty else {
            diagnostics.append(contentsOf: errors)
            diagnostics.error("SCN-NOT-PLAYED", "the scenario has errors; `coach lint \(scenario.file)` shows them all", at: nil)
            return nil
        }
        return PendingSetup(scenario: scenario) {
            var diagnostics = DiagnosticCollector()
            guard let lexicon = LexiconLoader.load(path: path, diagnostics: &diagnostics) else {
                return (nil, diagnostics.diagnostics)
            }
            let setup = Setup.make(scenario, rubric: rubric, lexicon: lexicon, diagnostics: &diagnostics)
            return (setup, diagnostics.diagnostics)
        }
    }
}
