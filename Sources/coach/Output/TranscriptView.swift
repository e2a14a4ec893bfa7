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

    func render(_ output: SessionController.Output) -> String {
        switch output {
        case .customer(let line): customer(line)
        case .trainee(let text): trainee(text)
        case .coaching(let text): coaching(text.printable(keepingNewlines: true))
        case .scorecard(let card): ScorecardText(style: style).render(card)
        }
    }
}
