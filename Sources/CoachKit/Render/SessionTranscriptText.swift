import Foundation

/// One stored session again, as text: what was said, then the scorecard (or why there is none).
public struct SessionTranscriptText: Sendable {
    public var style: TextStyle
    public var timeZone: TimeZone

    public init(style: TextStyle = .plain, timeZone: TimeZone = .current) {
        self.style = style
        self.timeZone = timeZone
    }

    public func render(_ session: StoredSession) -> String {
        let summary = session.summary
        var out = style.bold(summary.scenarioTitle.printable) + "\n"
        out += style.dim(
            "session \(summary.id) · \(summary.trainee.printable) · \(summary.scenarioId.printable) · seed \(summary.seed) · "
                + "\(RecordDates.minute(summary.startedAt, in: timeZone)) · \(RecordDates.spoken(summary.duration))") + "\n\n"
        for entry in session.transcript {
            switch entry {
            case .customer(let line): out += style.magenta(style.bold("Customer:")) + " " + line.text.printable + "\n"
            case .trainee(_, let text): out += style.cyan(style.bold("You:")) + " " + text.printable + "\n"
            case .note(let text): out += style.dim("  · noted: \(text.printable)") + "\n"
            case .hint(let text): out += style.dim("  · hint: \(text.printable)") + "\n"
            case .silence(let seconds): out += style.dim("  · (silent for \(seconds.printable) s)") + "\n"
            }
        }
        if let card = session.scorecard {
            return out + "\n" + ScorecardText(style: style).render(card)
        }
        out += "\n"
        switch summary.status {
        case .interrupted:
            out += style.red("Interrupted") + ": the session ended without a scorecard (its process stopped after "
                + "\(summary.replies) repl\(summary.replies == 1 ? "y" : "ies"); everything said until then is kept).\n"
        case .inProgress:
            out += style.yellow("In progress") + ": the session is still being played.\n"
        case .finished, .abandoned, .walkedOut:
            out += "The scorecard could not be rebuilt from the records.\n"
        }
        let faults = session.events.filter { $0.kind == .fault }
        if !faults.isEmpty {
            out += "\nFaults so far:\n"
            for event in faults {
                out += "  - \(event.why.printable)" + (event.quote.map { ": \"\($0.printable)\"" } ?? "")
                    + style.dim("  [\(event.rule.printable) \(event.points)]") + "\n"
            }
        }
        return out
    }
}
