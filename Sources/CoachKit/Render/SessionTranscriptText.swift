import Foundation

/// One stored session again, as text: what was said, then the scorecard (or why there is none).
///
/// coach's own words, dates and durations come from `texts`; what was said and the
/// scorecard's recorded why and Try lines are shown as they were recorded.
public struct SessionTranscriptText: Sendable {
    public var style: TextStyle
    public var timeZone: TimeZone
    public var texts: InterfaceCatalogue

    public init(style: TextStyle = .plain, timeZone: TimeZone = .current, texts: InterfaceCatalogue = .english) {
        self.style = style
        self.timeZone = timeZone
        self.texts = texts
    }

    /// The session's transcript, then its scorecard and a trainer's reviews.
    public func render(_ session: StoredSession) -> String {
        let summary = session.summary
        var out = style.bold(summary.scenarioTitle.printable) + "\n"
        let meta = texts(
            .reportTranscriptMeta,
            [
                "id": summary.id, "trainee": summary.trainee.printable, "scenario": summary.scenarioId.printable,
                "seed": String(summary.seed), "started": texts.dates.minute(summary.startedAt, in: timeZone),
                "duration": texts.duration(summary.duration),
            ])
        out += style.dim(meta) + "\n\n"
        for entry in session.transcript {
            switch entry {
            case .customer(let line): out += style.magenta(style.bold(texts(.reportCustomer))) + " " + line.text.printable + "\n"
            case .trainee(_, let text): out += style.cyan(style.bold(texts(.labelYou))) + " " + text.printable + "\n"
            case .note(let text): out += style.dim("  · " + texts(.noted, ["text": text.printable])) + "\n"
            case .hint(let text): out += style.dim("  · " + texts(.hint, ["hint": text.printable])) + "\n"
            case .silence(let seconds): out += style.dim("  · (" + texts(.reportSilence, ["seconds": seconds.printable]) + ")") + "\n"
            }
        }
        if let card = session.scorecard {
            return out + "\n" + ScorecardText(style: style, texts: texts).render(card) + reviews(session)
        }
        out += "\n"
        switch summary.status {
        case .interrupted:
            out += texts(.reportInterruptedText, count: summary.replies, ["status": style.red(texts(.reportInterrupted))]) + "\n"
        case .inProgress:
            out += texts(.reportInProgressText, ["status": style.yellow(texts(.reportInProgress))]) + "\n"
        case .finished, .abandoned, .walkedOut:
            out += texts(.reportNoScorecard) + "\n"
        }
        let faults = session.events.filter { $0.kind == .fault }
        if !faults.isEmpty {
            out += "\n" + texts(.reportFaultsSoFar) + "\n"
            for event in faults {
                out += "  - \(event.why.printable)" + (event.quote.map { ": " + texts(.reportQuote, ["quote": $0.printable]) } ?? "")
                    + style.dim("  [\(event.rule.printable) \(event.points)]") + "\n"
            }
        }
        return out
    }

    /// A trainer's reviews, oldest first: each override with the event it changed, each
    /// comment, who made it and when, and the score as reviewed.
    func reviews(_ session: StoredSession) -> String {
        guard !session.reviews.isEmpty else { return "" }
        var out = "\n" + style.bold(texts(.reportReview)) + "\n"
        for review in session.reviews {
            let by = style.dim("— \(review.reviewer.printable), \(texts.dates.minute(review.at, in: timeZone))")
            switch review.change {
            case .override(let number, let points):
                let event = session.events.indices.contains(number - 1) ? session.events[number - 1] : nil
                let name = texts(.reportEvent, ["number": String(number)])
                let was = event.map { "\($0.rule) \($0.points > 0 ? "+" : "")\($0.points)" } ?? name
                let line = texts(
                    .reportOverride,
                    ["event": "\(name) (\(was.printable))", "points": "\(points > 0 ? "+" : "")\(points)", "text": review.text.printable])
                out += "  \(line) \(by)\n"
            case .comment(let reply):
                let text = review.text.printable
                out += "  \(reply.map { texts(.reportOnReply, ["reply": String($0), "text": text]) } ?? text) \(by)\n"
            }
        }
        if let reviewed = session.summary.reviewedScore, let score = session.summary.score {
            out += "  " + texts(.reportReviewedScore, ["reviewed": String(reviewed), "score": String(score)]) + "\n"
        }
        return out
    }
}
