import CoachKit

/// How a session looks as text: the header, who says what, coaching notes.
struct TranscriptView {
    var scenario: Scenario
    var style: TextStyle
    /// coach's own texts, in the session's interface language.
    var texts: InterfaceCatalogue = .english

    var customerName: String { scenario.customer.names.first ?? texts(.labelCustomer) }

    /// The title, the briefing and the trainee's authority; wrapped when `width` is given.
    func header(seed: UInt64, width: Int = .max) -> String {
        func wrap(_ text: String, indent: Int) -> String {
            width == .max ? text : TextWrap.wrap(text, width: width, indent: indent)
        }
        var text = style.bold(scenario.title) + "\n"
        let meta = texts(
            .headerMeta,
            [
                "id": scenario.id, "kind": texts.name(of: scenario.kind), "difficulty": String(scenario.difficulty),
                "language": scenario.language, "seed": String(seed),
            ])
        text += style.dim(meta) + "\n\n"
        text += wrap(scenario.briefing.trimmingCharacters(in: .whitespacesAndNewlines), indent: 0) + "\n"
        if !scenario.authority.isEmpty {
            text += "\n\(texts(.headerAuthority))\n" + scenario.authority.map { wrap("  • \($0)", indent: 4) }.joined(separator: "\n") + "\n"
        }
        return text
    }

    func customer(_ line: CustomerLine) -> String {
        style.magenta(style.bold("\(customerName):")) + " " + line.text.printable
    }

    /// A customer line wrapped to the terminal, continuation lines under the text.
    func customer(_ line: CustomerLine, width: Int) -> String {
        let label = "\(customerName):"
        let wrapped = TextWrap.wrap(label + " " + line.text.printable, width: width, indent: 2)
        return style.magenta(style.bold(label)) + String(wrapped.dropFirst(label.count))
    }

    func trainee(_ text: String) -> String {
        style.cyan(style.bold(texts(.labelYou))) + " " + text.printable
    }

    func coaching(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { style.dim("  · " + $0) }.joined(separator: "\n")
    }

    /// A coaching note wrapped at word boundaries to the terminal, continuations under the text.
    func coaching(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            style.dim(TextWrap.wrap("  · " + $0, width: width, indent: 4))
        }.joined(separator: "\n")
    }

    func render(_ output: SessionController.Output) -> String {
        switch output {
        case .customer(let line): customer(line)
        case .trainee(let text): trainee(text)
        case .coaching(let text): coaching(text.printable(keepingNewlines: true))
        case .scorecard(let card): ScorecardText(style: style, texts: texts).render(card)
        }
    }
}
