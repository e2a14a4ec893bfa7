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

    @Option(help: "Who is playing (default: $COACH_TRAINEE, else the login name).")
    var trainee: String?

    @Option(help: "The seed that picks the customer's lines (default: random; printed in the result).")
    var seed: UInt64?

    @Flag(help: "Print only the result, as JSON.")
    var json = false

    @Option(help: "How fast the customer speaks in a terminal: instant, natural or slow.")
    var pace: Pace = .natural

    @Argument(help: "The scenario: an id from `coach list`, or a file.")
    var scenario: String?

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
            reader = ReadlineReader(historyFile: StatePaths.historyFile(), drawOnStandardError: json)
            let style = json ? TerminalStyle.standardError : TerminalStyle.standardOutput
            guard let picked = ScenarioPicker(scenarios: scenarios, style: style).pick(with: reader!)
            else { return }
            chosen = picked
        }
        guard let setup = library.setup(for: chosen, diagnostics: &diagnostics) else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        let controller = SessionController(
            setup: setup, seed: seed ?? UInt64.random(in: 0...999_999), trainee: TraineeName.resolve(trainee),
            recorder: try records.openRecorder())
        if interactive {
            let terminal = reader ?? ReadlineReader(historyFile: StatePaths.historyFile(), drawOnStandardError: json)
            reader = terminal
            let style = json ? TerminalStyle.standardError : TerminalStyle.standardOutput
            let view = TranscriptView(scenario: setup.scenario, style: style)
            TerminalSession(controller: controller, reader: terminal, view: view, pace: pace, json: json).run()
        } else {
            let view = TranscriptView(scenario: setup.scenario, style: TerminalStyle.standardOutput)
            PipeSession(controller: controller, json: json, view: view).run()
        }
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
    /// The scenario's rubric and lexicon, honouring `--lexicons`.
    func setup(for scenario: Scenario, diagnostics: inout DiagnosticCollector) -> Setup? {
        let lib = resolved
        guard let rubric = lib.loadRubric(diagnostics: &diagnostics) else { return nil }
        let path = lexiconPath(for: scenario.language)
        guard FileManager.default.fileExists(atPath: path) else {
            diagnostics.error(
                "NO-LEXICON", "no lexicon for the scenario's language '\(scenario.language)' at \(path)", at: nil)
            return nil
        }
        guard let lexicon = LexiconLoader.load(path: path, diagnostics: &diagnostics) else { return nil }
        return Setup(scenario: scenario, rubric: rubric, detector: MoveDetector(lexicon: lexicon))
    }
}
