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
}

/// Runs one conversation: in a terminal with readline, else line by line from a pipe.
enum SessionLaunch {
    /// Plays `setup` to its end, recording it. `reader` is the terminal's line reader if the
    /// command already opened one (the scenario picker does); it is made here otherwise.
    /// A session `from` a starting point is a preview and never recorded.
    static func run(
        _ setup: Setup, options: SessionOptions, records: RecordsOptions, reader: inout ReadlineReader?,
        from startingPoint: Conversation.StartingPoint? = nil
    ) throws {
        let recorded = !options.noRecord && startingPoint == nil
        let trainee = TraineeName.resolve(options.trainee)
        let controller = SessionController(
            setup: setup, seed: options.seed ?? UInt64.random(in: 0...999_999),
            trainee: trainee, recorder: recorded ? try records.openRecorder() : nil, from: startingPoint)
        if isatty(STDIN_FILENO) == 1 {
            let terminal =
                reader
                ?? ReadlineReader(historyFile: StatePaths.historyFile(trainee: trainee), drawOnStandardError: options.json)
            reader = terminal
            let style = options.json ? TerminalStyle.standardError : TerminalStyle.standardOutput
            let view = TranscriptView(scenario: setup.scenario, style: style)
            TerminalSession(controller: controller, reader: terminal, view: view, pace: options.pace, json: options.json)
                .run()
        } else {
            let view = TranscriptView(scenario: setup.scenario, style: TerminalStyle.standardOutput)
            PipeSession(controller: controller, json: options.json, view: view).run()
        }
    }
}
