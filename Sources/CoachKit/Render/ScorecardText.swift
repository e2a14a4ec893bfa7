/// The scorecard as text for a person: outcome, scores, what went well, what to improve.
public struct ScorecardText: Sendable {
    public var style: TextStyle
    public var texts: InterfaceCatalogue

    public init(style: TextStyle = .plain, texts: InterfaceCatalogue = .english) {
        self.style = style
        self.texts = texts
    }

    public func render(_ card: Scorecard) -> String {
        var out = ""
        let rule = String(repeating: "─", count: 60)
        out += style.dim(rule) + "\n"
        out += style.bold(texts(.scorecardHeading, ["title": card.scenarioTitle])) + "\n"
        out += texts(.scorecardOutcome, ["outcome": outcomeText(card.outcome), "score": style.bold("\(card.score)/100")]) + "\n"
        if let ceiling = card.ceiling {
            // Two faults of conduct in one reply are two faults, and one reply to name.
            var seen: Set<Int> = []
            let replies = ceiling.replies.filter { seen.insert($0).inserted }.map(String.init).joined(separator: ", ")
            out += style.red(
                texts(.scorecardCeiling, count: ceiling.replies.count, ["limit": String(ceiling.limit), "replies": replies]))
            out += "\n"
        }
        out += "\n"
        let width = max(11, card.categories.map { texts.name(of: $0.category).count }.max() ?? 0)
        for category in card.categories {
            let name = texts.name(of: category.category).padding(toLength: width, withPad: " ", startingAt: 0)
            guard let score = category.score else {
                out += "  \(name) " + style.dim(texts(.scorecardNotScored)) + "\n"
                continue
            }
            out += "  \(name) \(bar(score)) \(String(score).leftPadded(to: 3))\n"
        }
        let good = card.strengths
        if !good.isEmpty {
            out += "\n" + style.green(style.bold(texts(.scorecardWentWell))) + "\n"
            for event in good {
                let tag = texts(.scorecardCredit, ["rule": event.rule, "guidelines": guidelines(event), "points": "+\(event.points)"])
                out += "  + \(event.why)\(quote(event))  \(style.dim(Self.tidy(tag)))\n"
            }
        }
        let improve = card.improvements
        if !improve.isEmpty {
            out += "\n" + style.yellow(style.bold(texts(.scorecardToImprove))) + "\n"
            for event in improve {
                let points = event.points < 0 ? " \(event.points)" : ""
                let tag = texts(.scorecardFault, ["rule": event.rule, "guidelines": guidelines(event), "points": points])
                out += "  - \(event.why)\(quote(event))  \(style.dim(Self.tidy(tag)))\n"
                if let text = event.tryText { out += "    \(style.cyan(texts(.scorecardTry))) \(text)\n" }
            }
        }
        if card.scenarioKind == .provocateur || card.circuits.completed > 0 || !card.circuits.broken.isEmpty {
            out += "\n" + style.bold(texts(.scorecardCircuits, count: card.circuits.completed))
            if !card.circuits.completedAt.isEmpty {
                let replies = card.circuits.completedAt.map(String.init).joined(separator: ", ")
                out += " " + texts(.scorecardCircuitsEnding, ["replies": replies])
            }
            out += "\n"
            for broken in card.circuits.broken {
                let reason = broken.reason.printable
                out += "  " + texts(.scorecardCircuitBroken, ["step": String(broken.step), "reply": String(broken.turn), "reason": reason]) + "\n"
            }
        }
        out += style.dim(rule) + "\n"
        return out
    }

    func quote(_ event: RuleEvent) -> String {
        switch (event.turn, event.quote) {
        case (let turn?, let quote?): " " + texts(.scorecardReplyQuote, ["reply": String(turn), "quote": quote.printable])
        case (let turn?, nil): " " + texts(.scorecardReply, ["reply": String(turn)])
        case (nil, let quote?): " " + texts(.scorecardQuote, ["quote": quote.printable])
        case (nil, nil): ""
        }
    }

    /// A tag without the doubled or edge spaces an empty part leaves: "[ G4]" is "[G4]".
    static func tidy(_ tag: String) -> String {
        var text = tag
        while text.contains("  ") { text = text.replacingOccurrences(of: "  ", with: " ") }
        return text.replacingOccurrences(of: "[ ", with: "[").replacingOccurrences(of: " ]", with: "]")
    }

    func guidelines(_ event: RuleEvent) -> String { event.guidelines.joined(separator: " ") }

    func outcomeText(_ outcome: Outcome) -> String {
        let name = texts.name(of: outcome)
        return switch outcome {
        case .resolved: style.green(name)
        case .escalated: style.yellow(name)
        case .customerLost, .timedOut, .abandoned: style.red(name)
        case .completed: name
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
