import CoachKit
import Foundation

/// A session read from a pipe or a file: one reply per line, no prompts, no escape codes.
///
/// The output is a plain transcript followed by the scorecard (or only the JSON
/// result), byte-identical across runs with the same seed and input.
struct PipeSession {
    var setup: Setup
    var seed: UInt64
    var trainee: String
    var json: Bool
    var style: TextStyle

    func run() {
        var conversation = setup.conversation(seed: seed, trainee: trainee)
        let view = TranscriptView(scenario: setup.scenario, style: style)
        let out = OutputBuffer(enabled: !json)
        out.write(view.header(seed: seed))
        out.write(view.customer(conversation.opening))
        var lastTurn: TurnRecord?
        while !conversation.isOver, let raw = readLine(strippingNewline: true) {
            let line = raw.trimmingTrailingCarriageReturn
            switch SessionCommand.parse(line) {
            case .reply(let text):
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                out.write(view.trainee(text))
                let response = conversation.receive(.reply(text))
                lastTurn = conversation.turns.last
                for said in response.customer { out.write(view.customer(said)) }
            case .note(let text):
                let response = conversation.receive(.note(text))
                out.write(view.coaching("noted: \(text.printable)" + noted(response)))
            case .notes:
                out.write(view.coaching(conversation.notes.isEmpty ? "no notes yet" : conversation.notes.map { "• \($0.printable)" }.joined(separator: "\n")))
            case .hint:
                let response = conversation.receive(.hint)
                out.write(view.coaching("hint: " + (response.hint ?? "no hint here")))
            case .why:
                out.write(view.coaching(lastTurn.map(view.why) ?? "no reply yet"))
            case .score:
                out.write(view.coaching("running score: \(conversation.scorecard().score)/100"))
            case .help:
                out.write(view.coaching(view.help()))
            case .restart:
                conversation = setup.conversation(seed: seed, trainee: trainee)
                lastTurn = nil
                out.write(view.coaching("restarted"))
                out.write(view.customer(conversation.opening))
            case .quit:
                conversation.abandon()
            case .unknown(let name, let suggestion):
                out.write(view.coaching("unknown command \(name.printable)" + (suggestion.map { "; did you mean \($0)?" } ?? "") + " (/help lists them)"))
            }
        }
        conversation.abandon()
        let card = conversation.scorecard()
        if json {
            FileHandle.standardOutput.write(Data((card.json.serialized(pretty: true) + "\n").utf8))
        } else {
            out.write("\n" + ScorecardText(style: style).render(card))
        }
    }

    func noted(_ response: Conversation.Response) -> String {
        response.factsNoted.isEmpty ? "" : " (\(response.factsNoted.joined(separator: ", ")) ✓)"
    }
}

/// Writes as it goes, so a long session shows progress; silent in `--json` mode.
struct OutputBuffer {
    var enabled: Bool

    func write(_ text: String) {
        guard enabled, !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
