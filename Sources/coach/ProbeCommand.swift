import ArgumentParser
import CoachKit
import Foundation

struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "What happens if the trainee says this, here? One reply in one state, explained.",
        discussion: """
            Plays REPLY in STATE (default: the start) with the mood given, and shows the moves read, every \
            transition tried in order and why it did not fire, the one that fired, the mood change, the rubric \
            events and what the customer says. The reply counts as the first (turn 1, only STATE visited). \
            Nothing is recorded. To go on playing from there: coach play SCENARIO --from STATE.
            """
    )

    @OptionGroup var library: LibraryOptions

    @Option(help: ArgumentHelp("The state the reply is said in (default: the scenario's start).", valueName: "state"))
    var state: String?

    @Option(
        parsing: .singleValue,
        help: ArgumentHelp("A mood value to start from, as name=value (repeatable).", valueName: "name=value"))
    var mood: [String] = []

    @Flag(help: "The reply interrupts the customer.")
    var interrupted = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Argument(help: "The scenario: an id from `coach list`, or a file.")
    var scenario: String

    @Argument(help: "The reply (one or more: each is probed from the same state).")
    var replies: [String]

    func validate() throws {
        _ = try MoodValues.parse(mood)
        if replies.isEmpty { throw ValidationError("give the reply to probe") }
    }

    func run() throws {
        var diagnostics = DiagnosticCollector()
        guard let loaded = library.resolved.scenario(scenario, diagnostics: &diagnostics),
            let setup = library.setup(for: loaded, diagnostics: &diagnostics)
        else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        let start = Conversation.StartingPoint(state: state ?? loaded.start, mood: try MoodValues.parse(mood))
        if let problem = setup.problem(with: start) {
            StandardError.write("coach: \(problem.printable)\n")
            throw ExitCode(64)
        }
        let text = StepProbeText(style: TerminalStyle.standardOutput)
        var output = ""
        for reply in replies {
            let probe = StepProbe.run(setup, from: start, reply: reply, interrupted: interrupted)
            output += json ? StepProbeText.json(probe, reply: reply).serialized(pretty: true) + "\n" : text.render(probe, reply: reply) + "\n"
        }
        StandardOutput.write(output)
    }
}

/// `--mood anger=70`: mood values given on the command line.
enum MoodValues {
    static func parse(_ items: [String]) throws -> [String: Double] {
        var values: [String: Double] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]), value.isFinite else {
                throw ValidationError("--mood takes name=value, e.g. anger=70 (got '\(item)')")
            }
            values[parts[0]] = value
        }
        return values
    }
}
