import ArgumentParser
import CoachKit
import Foundation

/// The options of every command that runs a conversation: `play` and `drill`.
struct SessionOptions: ParsableArguments {
    @Option(help: "Who is playing (default: $COACH_TRAINEE, else the login name).")
    var trainee: String?

    @Option(help: "The seed that picks the customer's lines (default: random; printed in the result).")
    var seed: UInt64?

    @Flag(help: "Print only the result, as JSON.")
    var json = false

    @Option(help: "How fast the customer speaks in a terminal: instant, natural or slow.")
    var pace: Pace = .natural

    @Flag(name: .customLong("no-record"), help: "A preview: play without recording the session.")
    var noRecord = false

    @OptionGroup var interfaceOptions: InterfaceOptions

    /// coach's own texts for a run in `library`, for a scenario in `scenarioLanguage` (none
    /// yet while the trainee picks one); see ``InterfaceLanguage``.
    func interface(in library: Library, scenarioLanguage: String?) -> InterfaceCatalogue {
        interfaceOptions.catalogue(in: library, scenarioLanguage: scenarioLanguage)
    }
}

/// Runs one conversation: in a terminal with readline, else line by line from a pipe.
enum SessionLaunch {
    /// Plays `setup` to its end, recording it. `reader` is the terminal's line reader if the
    /// command already opened one (the scenario picker does); it is made here otherwise.
    /// A session `from` a starting point is a preview and never recorded. The customer's
    /// opening is shown while the setup is still being made; a setup that cannot be made is
    /// said then, before the trainee's first reply is read, and ends the command.
    static func run(
        _ setup: PendingSetup, library: Library, options: SessionOptions, records: RecordsOptions,
        reader: inout ReadlineReader?, from startingPoint: Conversation.StartingPoint? = nil
    ) throws {
        var setup = setup
        let interface = options.interface(in: library, scenarioLanguage: setup.scenario.language)
        setup.interface = interface
        let recorded = !options.noRecord && startingPoint == nil
        let trainee = TraineeName.resolve(options.trainee)
        let controller = SessionController(
            pending: setup, seed: options.seed ?? UInt64.random(in: 0...999_999),
            trainee: trainee, recorder: recorded ? try records.openRecorder() : nil, from: startingPoint)
        if isatty(STDIN_FILENO) == 1 {
            let terminal =
                reader
                ?? ReadlineReader(historyFile: StatePaths.historyFile(trainee: trainee), drawOnStandardError: options.json)
            reader = terminal
            let style = options.json ? TerminalStyle.standardError : TerminalStyle.standardOutput
            let view = TranscriptView(scenario: setup.scenario, style: style, texts: interface)
            try TerminalSession(controller: controller, reader: terminal, view: view, pace: options.pace, json: options.json)
                .run()
        } else {
            let view = TranscriptView(scenario: setup.scenario, style: TerminalStyle.standardOutput, texts: interface)
            try PipeSession(controller: controller, json: options.json, view: view).run()
        }
    }

    /// Waits for the session's setup (``SessionController/prepare()``). A setup that cannot
    /// be made is said, and ends the command as unusable.
    static func prepare(_ controller: SessionController) throws {
        if let problems = controller.prepare() {
            var diagnostics = DiagnosticCollector()
            diagnostics.append(contentsOf: problems)
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        announceUntranslated(controller.setup)
    }

    /// A text missing from a translation is shown in English; the trainee is told so once,
    /// on standard error, rather than left to wonder (and `coach lint` lists which).
    static func announceUntranslated(_ setup: Setup) {
        let texts = setup.interface
        var missing = texts.untranslated.count
        if setup.scenario.language == texts.language { missing += setup.rubric.untranslated.count }
        guard missing > 0 else { return }
        StandardError.write("coach: " + texts(.sessionUntranslated, count: missing, ["language": texts.name]) + "\n")
    }
}
