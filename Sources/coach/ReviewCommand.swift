import ArgumentParser
import CoachKit
import Foundation

/// `coach review`: a trainer reads a recorded session event by event, overrides a scored
/// event with a reason, or comments; the score is recomputed and the original kept.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a recorded session: its events numbered, overrides with a reason, comments.",
        discussion: """
            Without an action, shows the session's transcript, its scorecard, every scored event \
            numbered, and the reviews so far. --event N --points P --reason TEXT overrides event N \
            (0 strikes a fault; a positive number credits a missed chance); --comment TEXT (with \
            --reply N, on one reply) adds a remark. Reviews are added, never changed; reports, \
            exports and xAPI show the reviewed score beside coach's (docs/records.md).
            """
    )

    @OptionGroup var records: RecordsOptions
    @OptionGroup var library: LibraryOptions
    @OptionGroup var interface: InterfaceOptions

    @Argument(help: ArgumentHelp("The session: its id, or a unique prefix of it.", valueName: "session"))
    var session: String

    @Option(help: ArgumentHelp("The event to override, by its number in the list.", valueName: "n"))
    var event: Int?

    @Option(help: ArgumentHelp("What the event is worth instead (-100…100).", valueName: "points"))
    var points: Int?

    @Option(help: ArgumentHelp("Why the event is overridden (required with --event).", valueName: "text"))
    var reason: String?

    @Option(help: ArgumentHelp("A comment on the session.", valueName: "text"))
    var comment: String?

    @Option(help: ArgumentHelp("The reply the comment is about.", valueName: "n"))
    var reply: Int?

    @Option(help: ArgumentHelp("Who reviews (default: $COACH_REVIEWER, else the account's name).", valueName: "name"))
    var reviewer: String?

    @Flag(help: "Print the session, with its reviews, as JSON.")
    var json = false

    func validate() throws {
        if event != nil || points != nil || reason != nil {
            guard event != nil, let points, let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("an override needs --event N, --points P and --reason TEXT")
            }
            guard (-100...100).contains(points) else { throw ValidationError("--points must be -100…100") }
            if comment != nil { throw ValidationError("override or comment, one at a time") }
        }
        if reply != nil && comment == nil { throw ValidationError("--reply goes with --comment") }
        if let comment, comment.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--comment needs some text")
        }
    }

    func run() throws {
        let store: SessionStore
        do {
            store = try SessionStore(path: records.databasePath)
        } catch {
            throw fail("\(error)")
        }
        let resolver = SessionStatus.Resolver(now: Date())
        var stored: StoredSession
        do {
            stored = try store.session(session, resolver: resolver)
        } catch {
            throw fail("\(error)")
        }
        let who = Self.reviewerName(reviewer)
        if let event, let points, let reason {
            var diagnostics = DiagnosticCollector()
            guard let rubric = library.resolved.loadRubric(diagnostics: &diagnostics) else {
                DiagnosticPrinter.standardError.print(diagnostics.sorted)
                throw ExitStatus.unusable
            }
            var overrides = SessionReview.overrides(in: stored.reviews)
            overrides[event] = points
            let score: Int
            do {
                score = try ReviewedScore.compute(stored, overrides: overrides, rubric: rubric)
            } catch {
                throw fail("\(error)")
            }
            try add(
                SessionReview(change: .override(event: event, points: points), text: reason, reviewer: who, at: Date(), score: score),
                to: stored, in: store)
        } else if let comment {
            if let reply, !stored.turns.contains(where: { $0.number == reply }) {
                throw fail("the session has no reply \(reply) (it has \(stored.turns.count))")
            }
            try add(SessionReview(change: .comment(reply: reply), text: comment, reviewer: who, at: Date()), to: stored, in: store)
        }
        stored = try store.session(stored.summary.id, resolver: resolver)
        if json {
            StandardOutput.write(ReportJSON.session(stored, passMark: .standard, scorecard: true).serialized(pretty: true) + "\n")
        } else {
            let style = TerminalStyle.standardOutput
            // A review is about one session: its own language, unless the trainer asks otherwise.
            let texts = interface.catalogue(in: library.resolved, scenarioLanguage: stored.summary.language)
            var text = SessionTranscriptText(style: style, texts: texts).render(stored)
            text += "\n" + style.bold(texts(.reviewEvents)) + " "
                + style.dim(texts(.reviewEventsHow, ["id": stored.summary.shortID])) + "\n"
            let kinds = stored.events.map { event in
                switch event.kind {
                case .credit: texts(.reviewCredit)
                case .fault: texts(.reviewFault)
                case .missed: texts(.reviewMissed)
                }
            }
            let kindWidth = max(6, kinds.map(\.count).max() ?? 0)
            for (index, event) in stored.events.enumerated() {
                let sign = event.points > 0 ? "+" : ""
                let reply = event.turn.map { texts(.reviewReply, ["number": String($0)]) } ?? texts(.reviewSession)
                let quote = event.quote.map { " \"\($0.printable)\"" } ?? ""
                text += "  \(String(index + 1).leftPadded(3))  \(kinds[index].padding(toLength: kindWidth, withPad: " ", startingAt: 0)) "
                text += "\(event.rule.printable) \(sign)\(event.points)  (\(reply))\(quote)\n"
            }
            StandardOutput.write(text)
        }
    }

    func add(_ review: SessionReview, to session: StoredSession, in store: SessionStore) throws {
        do {
            try store.add(review, toSession: session.summary.id)
        } catch {
            throw fail("cannot write to \(store.path): \(error)")
        }
    }

    /// `--reviewer`, else `$COACH_REVIEWER`, else the account's name.
    static func reviewerName(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let name = environment["COACH_REVIEWER"], !name.isEmpty { return name }
        return TraineeName.resolve(nil, environment: environment.filter { $0.key != "COACH_TRAINEE" })
    }

    func fail(_ message: String) -> ExitCode { CommandFailure.unusable(message) }
}
