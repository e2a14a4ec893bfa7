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
            return out + "\n" + ScorecardText(style: style).render(card) + reviews(session)
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

    /// A trainer's reviews, oldest first: each override with the event it changed, each
    /// comment, who made it and when, and the score as reviewed.
    func reviews(_ session: StoredSession) -> String {
        guard !session.reviews.isEmpty else { return "" }
        var out = "\n" + style.bold("Review") + "\n"
        for review in session.reviews {
            let by = style.dim("— \(review.reviewer.printable), \(RecordDates.minute(review.at, in: timeZone))")
            switch review.change {
            case .override(let number, let points):
                let event = session.events.indices.contains(number - 1) ? session.events[number - 1] : nil
                let was = event.map { "\($0.rule) \($0.points > 0 ? "+" : "")\($0.points)" } ?? "event \(number)"
                out += "  event \(number) (\(was.printable)) now \(points > 0 ? "+" : "")\(points): \(review.text.printable) \(by)\n"
            case .comment(let reply):
                out += "  \(reply.map { "on reply \($0): " } ?? "")\(review.text.printable) \(by)\n"
            }
        }
        if let reviewed = session.summary.reviewedScore, let score = session.summary.score {
            out += "  Score as reviewed: \(reviewed)/100 (coach scored \(score))\n"
        }
        return out
    }
}
