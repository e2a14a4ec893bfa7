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

    @Argument(help: "The scenario: an id from `coach list`, or a file.")
    var scenario: String?

    func run() throws {
        var diagnostics = DiagnosticCollector()
        let lib = library.resolved
        guard let reference = scenario else {
            throw ValidationError("name a scenario (see `coach list`)")
        }
        guard let scenario = lib.scenario(reference, diagnostics: &diagnostics),
            let setup = library.setup(for: scenario, diagnostics: &diagnostics)
        else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        let controller = SessionController(
            setup: setup, seed: seed ?? UInt64.random(in: 0...999_999), trainee: TraineeName.resolve(trainee),
            recorder: try records.openRecorder())
        let view = TranscriptView(scenario: setup.scenario, style: TerminalStyle.standardOutput)
        PipeSession(controller: controller, json: json, view: view).run()
    }
}

/// Who is playing: the option, else `$COACH_TRAINEE`, else the login name.
enum TraineeName {
    static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let option, !option.isEmpty { return option }
        if let name = environment["COACH_TRAINEE"], !name.isEmpty { return name }
        if let name = environment["USER"] ?? environment["LOGNAME"], !name.isEmpty { return name }
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
