/// The scorecard as text for a person: outcome, scores, what went well, what to improve.
public struct ScorecardText: Sendable {
    public var style: TextStyle

    public init(style: TextStyle = .plain) { self.style = style }

    public func render(_ card: Scorecard) -> String {
        var out = ""
        let rule = String(repeating: "─", count: 60)
        out += style.dim(rule) + "\n"
        out += style.bold("Scorecard · \(card.scenarioTitle)") + "\n"
        out += "Outcome: \(outcomeText(card.outcome))   Score: \(style.bold("\(card.score)/100"))\n"
        if let ceiling = card.ceiling {
            let count = ceiling.replies.count
            let replies = ceiling.replies.map(String.init).joined(separator: ", ")
            let what = count == 1 ? "a fault of conduct fails" : "\(count) faults of conduct fail"
            out += style.red("At most \(ceiling.limit): \(what) the conversation (reply \(replies)), whatever else went well.")
            out += "\n"
        }
        out += "\n"
        for category in card.categories {
            let name = category.category.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
            guard let score = category.score else {
                out += "  \(name) " + style.dim("—  (nothing to score here)") + "\n"
                continue
            }
            out += "  \(name) \(bar(score)) \(String(score).leftPadded(to: 3))\n"
        }
        let good = card.strengths
        if !good.isEmpty {
            out += "\n" + style.green(style.bold("What went well")) + "\n"
            for event in good {
                out += "  + \(event.why)\(quote(event))  \(style.dim("[\(event.rule) \(guidelines(event)) +\(event.points)]"))\n"
            }
        }
        let improve = card.improvements
        if !improve.isEmpty {
            out += "\n" + style.yellow(style.bold("What to improve")) + "\n"
            for event in improve {
                let points = event.points < 0 ? " \(event.points)" : ""
                out += "  - \(event.why)\(quote(event))  \(style.dim("[\(event.rule) \(guidelines(event))\(points)]"))\n"
                if let text = event.tryText { out += "    \(style.cyan("Try:")) \(text)\n" }
            }
        }
        if card.scenarioKind == .provocateur || card.circuits.completed > 0 || !card.circuits.broken.isEmpty {
            out += "\n" + style.bold("Circuits (G41)") + ": \(card.circuits.completed) completed"
            out += card.circuits.completedAt.isEmpty ? "" : " (ending at reply \(card.circuits.completedAt.map(String.init).joined(separator: ", ")))"
            out += "\n"
            for broken in card.circuits.broken {
                out += "  broken at step \(broken.step) in reply \(broken.turn): \(broken.reason.printable)\n"
            }
        }
        out += style.dim(rule) + "\n"
        return out
    }

    func quote(_ event: RuleEvent) -> String {
        var text = ""
        if let turn = event.turn { text += " (reply \(turn)" }
        if let quote = event.quote {
            text += event.turn == nil ? " (" : ": "
            text += "\"\(quote.printable)\""
        }
        if !text.isEmpty { text += ")" }
        return text
    }

    func guidelines(_ event: RuleEvent) -> String { event.guidelines.joined(separator: " ") }

    func outcomeText(_ outcome: Outcome) -> String {
        switch outcome {
        case .resolved: style.green(outcome.rawValue)
        case .escalated: style.yellow(outcome.rawValue)
        case .customerLost, .timedOut, .abandoned: style.red(outcome.rawValue)
        case .completed: outcome.rawValue
        }
    }

    func bar(_ score: Int) -> String {
        let filled = score / 5
        let text = String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
        return score >= 80 ? style.green(text) : score >= 50 ? style.yellow(text) : style.red(text)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
