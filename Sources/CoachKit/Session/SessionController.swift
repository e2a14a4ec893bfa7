import Foundation

/// One trainee's session with a scenario, independent of any terminal.
///
/// It turns typed lines (replies and slash commands) and timing facts into engine
/// events, keeps the recorder informed, and says what to show as ``SessionOutput``.
/// The pipe session and the live terminal both drive it, so they behave the same.
public final class SessionController {
    public let seed: UInt64
    public let trainee: String
    /// The scenario played, known before the setup is ready.
    public let scenario: Scenario
    /// The customer's opening line, to show first; known before the setup is ready.
    public let opening: CustomerLine
    public private(set) var lastTurn: TurnRecord?
    /// Problems the recorder reported; the session goes on, and the driver shows them.
    public private(set) var recorderErrors: [String] = []
    private let pending: PendingSetup
    private let startingPoint: Conversation.StartingPoint?
    private var made: (setup: Setup, conversation: Conversation)?
    private let recorder: SessionRecorder?
    private let clock: @Sendable () -> Date
    private var finished = false

    /// What the driver should show.
    public enum Output: Sendable, Equatable {
        case customer(CustomerLine)
        case trainee(String)
        /// A coaching note: command output, a hint, a fact noted.
        case coaching(String)
        case scorecard(Scorecard)

        public static func == (lhs: Output, rhs: Output) -> Bool {
            switch (lhs, rhs) {
            case (.customer(let a), .customer(let b)): a == b
            case (.trainee(let a), .trainee(let b)): a == b
            case (.coaching(let a), .coaching(let b)): a == b
            case (.scorecard(let a), .scorecard(let b)): a.json == b.json
            default: false
            }
        }
    }

    /// A session on a ready setup. `clock` is read only at the edges (session start and
    /// end) for the records. A session `from` a starting point other than the scenario's
    /// start is a trainer's preview.
    public convenience init(
        setup: Setup, seed: UInt64, trainee: String, recorder: SessionRecorder? = nil,
        from startingPoint: Conversation.StartingPoint? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(
            pending: PendingSetup(ready: setup), seed: seed, trainee: trainee, recorder: recorder,
            from: startingPoint, clock: clock)
        _ = prepare()
    }

    /// A session whose setup may still be being made: show ``opening``, then ``prepare()``
    /// before handing it anything else.
    public init(
        pending: PendingSetup, seed: UInt64, trainee: String, recorder: SessionRecorder? = nil,
        from startingPoint: Conversation.StartingPoint? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.pending = pending
        self.seed = seed
        self.trainee = trainee
        self.recorder = recorder
        self.clock = clock
        self.startingPoint = startingPoint
        scenario = pending.scenario
        opening = Conversation.opening(of: pending.scenario, seed: seed, from: startingPoint)
    }

    /// Waits for the setup and opens the conversation (the session starts in the records
    /// then); `nil` when it is ready, else what stopped it, for the driver to say before
    /// the trainee types anything. Only the first call waits.
    public func prepare() -> [Diagnostic]? {
        guard made == nil else { return nil }
        switch pending.wait() {
        case .failure(let failure):
            return failure.diagnostics
        case .success(let setup):
            let conversation = setup.conversation(seed: seed, trainee: trainee, from: startingPoint)
            assert(conversation.opening == opening, "the opening shown is not the conversation's")
            made = (setup, conversation)
            started()
            return nil
        }
    }

    /// The setup; ``prepare()`` must have made it.
    public var setup: Setup {
        guard let made else { preconditionFailure("the session was not prepared") }
        return made.setup
    }

    /// The conversation so far; ``prepare()`` must have opened it.
    public private(set) var conversation: Conversation {
        get {
            guard let made else { preconditionFailure("the session was not prepared") }
            return made.conversation
        }
        set { made?.conversation = newValue }
    }

    public var isOver: Bool { conversation.isOver || finished }

    /// The customer has said their last line; the trainee may say a last word.
    public var awaitingLastWord: Bool { conversation.awaitingLastWord && !finished }

    private func started() {
        record {
            try $0.sessionStarted(
                SessionStart(
                    scenarioId: setup.scenario.id, scenarioTitle: setup.scenario.title,
                    scenarioKind: setup.scenario.kind, scenarioVersion: setup.scenario.contentHash,
                    rubricVersion: setup.rubric.version, language: setup.scenario.language, seed: seed,
                    trainee: trainee, startedAt: clock(), opening: conversation.opening))
        }
    }

    private func record(_ action: (SessionRecorder) throws -> Void) {
        guard let recorder else { return }
        do { try action(recorder) } catch { recorderErrors.append("\(error)") }
    }

    /// Handles one typed line. `interrupted`: it was sent while the customer was still speaking.
    public func handle(line: String, interrupted: Bool = false) -> [Output] {
        guard !isOver else { return [] }
        switch SessionCommand.parse(line) {
        case .reply(let text):
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                // Enter on an empty line after the customer's last line: no last word.
                return conversation.awaitingLastWord ? finish() : []
            }
            let response = conversation.receive(.reply(text, interrupted: interrupted))
            lastTurn = conversation.turns.last
            if let turn = lastTurn { record { try $0.turnRecorded(turn) } }
            var outputs: [Output] = [.trainee(text)] + response.customer.map(Output.customer)
            if conversation.awaitingLastWord { outputs.append(.coaching(texts(.sessionLastWord, ["customer": customerName]))) }
            if conversation.isOver { outputs += finish() }
            return outputs
        case .note(let text):
            let response = conversation.receive(.note(text))
            recordEvent(.note, text, response)
            let facts = response.factsNoted.isEmpty ? "" : " (\(response.factsNoted.joined(separator: ", ")) ✓)"
            return [.coaching(texts(.noted, ["text": text]) + facts)]
        case .notes:
            let notes = conversation.notes
            return [.coaching(notes.isEmpty ? texts(.noNotes) : notes.map { "• \($0)" }.joined(separator: "\n"))]
        case .hint:
            let response = conversation.receive(.hint)
            let hint = response.hint ?? texts(.noHint)
            recordEvent(.hint, hint, response)
            let cost = response.events.map(\.points).reduce(0, +)
            let costText = cost < 0 ? " " + texts(.hintCost, count: -cost, ["points": String(cost)]) : ""
            return [.coaching(texts(.hint, ["hint": hint]) + costText)]
        case .why:
            return [.coaching(lastTurn.map { Self.explain($0, texts: texts) } ?? texts(.noReplyYet))]
        case .score:
            return [.coaching(Self.running(conversation.scorecard(), texts: texts))]
        case .help:
            return [.coaching(Self.help(texts))]
        case .restart:
            var outputs = finish(showScorecard: false)
            conversation = setup.conversation(seed: seed, trainee: trainee)
            lastTurn = nil
            finished = false
            started()
            outputs += [.coaching(texts(.restarted, ["title": setup.scenario.title])), .customer(conversation.opening)]
            return outputs
        case .quit:
            return finish()
        case .unknown(let name, let suggestion):
            guard let suggestion else { return [.coaching(texts(.unknownCommand, ["command": name]))] }
            return [.coaching(texts(.unknownCommandSuggestion, ["command": name, "suggestion": suggestion]))]
        }
    }

    /// The trainee was silent for `seconds`; the customer may nudge them.
    public func silence(seconds: Double) -> [Output] {
        guard !isOver else { return [] }
        // Silence after the customer's last line: they have gone, and the last word with them.
        if conversation.awaitingLastWord { return finish() }
        let response = conversation.receive(.silence(seconds: seconds))
        guard !response.customer.isEmpty || !response.events.isEmpty else { return [] }
        recordEvent(.silence, String(Int(seconds)), response)
        var outputs = response.customer.map(Output.customer)
        if conversation.isOver { outputs += finish(because: .silence) }
        return outputs
    }

    /// Ends the session: the scorecard, recorded with what ended it. `reason` is what the
    /// caller saw (the trainee quit, a signal, the trainee's silence); a conversation that has
    /// reached its ending ended by itself, whatever came after, unless silence ended it.
    public func finish(showScorecard: Bool = true, because reason: SessionEnd = .quit) -> [Output] {
        guard !finished else { return [] }
        finished = true
        let reachedEnd = conversation.isOver || conversation.awaitingLastWord
        let end: SessionEnd = reason == .silence ? .silence : reachedEnd ? .conversation : reason
        conversation.abandon()
        let card = conversation.scorecard()
        record { try $0.sessionFinished(card, at: clock(), end: end) }
        return showScorecard ? [.scorecard(card)] : []
    }

    private func recordEvent(_ kind: SessionEventRecord.Kind, _ detail: String, _ response: Conversation.Response) {
        let record = SessionEventRecord(
            kind: kind, detail: detail, afterTurn: conversation.turns.count, customer: response.customer,
            events: response.events)
        self.record { try $0.sessionEventRecorded(record) }
    }

    /// The customer's next hint-able state, for completion and the prompt.
    public var customerName: String { scenario.customer.names.first ?? texts(.labelCustomer) }

    /// coach's own texts in this session's interface language.
    public var texts: InterfaceCatalogue { setup.interface }

    static func help(_ texts: InterfaceCatalogue) -> String {
        let commands = SessionCommand.help(in: texts)
        let width = max(12, (commands.map(\.name.count).max() ?? 0) + 1)
        return commands.map { $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + " " + $0.summary }
            .joined(separator: "\n")
    }

    static func running(_ card: Scorecard, texts: InterfaceCatalogue) -> String {
        let categories = card.categories.compactMap { category in
            category.score.map { "\(texts.name(of: category.category)) \($0)" }
        }
        return texts(.runningScore, ["score": String(card.score), "categories": categories.joined(separator: ", ")])
    }

    /// `/why`, for the trainee: the moves seen in their last reply, in their own words,
    /// what was not counted and why in plain terms, and what the rubric made of it. The
    /// lexicon's patterns and files stay under `coach moves --explain`, for trainers.
    public static func explain(_ turn: TurnRecord, texts: InterfaceCatalogue = .english) -> String {
        var lines = [texts(.whyReply, ["number": String(turn.number), "text": turn.text])]
        if turn.detection.moves.isEmpty { lines.append(texts(.whyNothing)) }
        for move in turn.detection.moves {
            lines.append(texts(.whyMove, ["move": texts.name(of: move.id), "evidence": move.evidence]))
        }
        // A frame that lacked its content ("sorry" is sarcasm only about the customer's slip)
        // was never a candidate in the trainee's eyes: not listed.
        let candidates = turn.detection.rejected.filter { rejected in
            if case .clauseLacks = rejected.reason { return false }
            return !turn.detection.ids.contains(rejected.id)
        }
        for rejected in candidates {
            lines.append(
                texts(
                    .whyNot,
                    [
                        "move": texts.name(of: rejected.id), "evidence": rejected.evidence,
                        "reason": plain(rejected.reason, rejected.id, texts),
                    ]))
        }
        for event in turn.events {
            let sign = event.points > 0 ? "+\(event.points)" : "\(event.points)"
            lines.append("\(sign) \(event.why)" + (event.tryText.map { " \(texts(.scorecardTry)) \($0)" } ?? ""))
        }
        if let step = turn.circuitStep { lines.append(texts(.whyCircuitStep, ["step": String(step)])) }
        return lines.joined(separator: "\n")
    }

    /// Why a match did not count, in words a trainee needs (no patterns, no files).
    static func plain(_ reason: RejectedMatch.Reason, _ move: MoveID, _ texts: InterfaceCatalogue) -> String {
        let name = texts.name(of: move)
        return switch reason {
        case .negated(let cue): texts(.whyNegated, ["cue": cue])
        case .excepted: texts(.whyExcepted)
        case .suppressed(let other), .suppressedInClause(let other): texts(.whySuppressed, ["other": texts.name(of: other)])
        case .clauseHas(_, let words): texts(.whyClauseHas, ["words": words])
        case .clauseLacks: texts(.whyClauseLacks, ["move": name])
        case .typo(let word): texts(.whyTypo, ["word": word, "move": name])
        case .courtesy(let other): texts(.whyCourtesy, ["other": texts.name(of: other)])
        }
    }
}
