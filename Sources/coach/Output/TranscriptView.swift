import CoachKit

/// How a session looks as text: the header, who says what, coaching notes.
struct TranscriptView {
    var scenario: Scenario
    var style: TextStyle

    var customerName: String { scenario.customer.names.first ?? "Customer" }

    func header(seed: UInt64) -> String {
        var text = style.bold(scenario.title) + "\n"
        text += style.dim("\(scenario.id) · \(scenario.kind.rawValue) · difficulty \(scenario.difficulty) · \(scenario.language) · seed \(seed)") + "\n\n"
        text += scenario.briefing.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
        if !scenario.authority.isEmpty {
            text += "\nYou may:\n" + scenario.authority.map { "  • \($0)" }.joined(separator: "\n") + "\n"
        }
        return text
    }

    func customer(_ line: CustomerLine) -> String {
        style.magenta(style.bold("\(customerName):")) + " " + line.text.printable
    }

    func trainee(_ text: String) -> String {
        style.cyan(style.bold("You:")) + " " + text.printable
    }

    func coaching(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { style.dim("  · " + $0) }.joined(separator: "\n")
    }

    func why(_ turn: TurnRecord) -> String {
        var lines = ["reply \(turn.number): \"\(turn.text.printable)\""]
        if turn.detection.moves.isEmpty { lines.append("no moves detected") }
        for move in turn.detection.moves {
            lines.append("\(move.id.rawValue): \"\(move.evidence.printable)\" (\(move.source.description))")
        }
        for rejected in turn.detection.rejected {
            lines.append("not \(rejected.id.rawValue): \"\(rejected.evidence.printable)\" \(rejected.reason.description)")
        }
        for event in turn.events {
            let sign = event.points > 0 ? "+\(event.points)" : "\(event.points)"
            lines.append("\(event.rule) \(sign): \(event.why)" + (event.tryText.map { " Try: \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    func help() -> String {
        SessionCommand.all.map { "\($0.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.summary)" }
            .joined(separator: "\n")
    }
}
