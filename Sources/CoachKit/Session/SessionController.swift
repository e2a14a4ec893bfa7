import Foundation

/// One trainee's session with a scenario, independent of any terminal.
///
/// It turns typed lines (replies and slash commands) and timing facts into engine
/// events, keeps the recorder informed, and says what to show as ``SessionOutput``.
/// The pipe session and the live terminal both drive it, so they behave the same.
public final class SessionController {
    public let setup: Setup
    public let seed: UInt64
    public let trainee: String
    public private(set) var conversation: Conversation
    public private(set) var lastTurn: TurnRecord?
    /// Problems the recorder reported; the session goes on, and the driver shows them.
    public private(set) var recorderErrors: [String] = []
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

    /// `clock` is read only at the edges (session start and end) for the records. A session
    /// `from` a starting point other than the scenario's start is a trainer's preview.
    public init(
        setup: Setup, seed: UInt64, trainee: String, recorder: SessionRecorder? = nil,
        from startingPoint: Conversation.StartingPoint? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.setup = setup
        self.seed = seed
        self.trainee = trainee
        self.recorder = recorder
        self.clock = clock
        conversation = setup.conversation(seed: seed, trainee: trainee, from: startingPoint)
        started()
    }

    public var isOver: Bool { conversation.isOver || finished }

    /// The customer has said their last line; the trainee may say a last word.
    public var awaitingLastWord: Bool { conversation.awaitingLastWord && !finished }

    /// The customer's opening line, to show first.
    public var opening: CustomerLine { conversation.opening }

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
            if conversation.awaitingLastWord { outputs.append(.coaching(Self.lastWordPrompt(customerName))) }
            if conversation.isOver { outputs += finish() }
            return outputs
        case .note(let text):
            let response = conversation.receive(.note(text))
            recordEvent(.note, text, response)
            let facts = response.factsNoted.isEmpty ? "" : " (\(response.factsNoted.joined(separator: ", ")) ✓)"
            return [.coaching("noted: \(text)\(facts)")]
        case .notes:
            let notes = conversation.notes
            return [.coaching(notes.isEmpty ? "no notes yet" : notes.map { "• \($0)" }.joined(separator: "\n"))]
        case .hint:
            let response = conversation.receive(.hint)
            let hint = response.hint ?? "no hint for this moment"
            recordEvent(.hint, hint, response)
            let cost = response.events.map(\.points).reduce(0, +)
            return [.coaching("hint: \(hint)" + (cost < 0 ? " (\(cost) points)" : ""))]
        case .why:
            return [.coaching(lastTurn.map(Self.explain) ?? "no reply yet")]
        case .score:
            return [.coaching(Self.running(conversation.scorecard()))]
        case .help:
            return [.coaching(Self.help)]
        case .restart:
            var outputs = finish(showScorecard: false)
            conversation = setup.conversation(seed: seed, trainee: trainee)
            lastTurn = nil
            finished = false
            started()
            outputs += [.coaching("restarted: \(setup.scenario.title)"), .customer(conversation.opening)]
            return outputs
        case .quit:
            return finish()
        case .unknown(let name, let suggestion):
            let hint = suggestion.map { "; did you mean \($0)?" } ?? ""
            return [.coaching("unknown command \(name)\(hint) (/help lists them)")]
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
    public var customerName: String { setup.scenario.customer.names.first ?? "Customer" }

    /// What the trainee is told when the customer has said their last line.
    static func lastWordPrompt(_ customer: String) -> String {
        "\(customer) is about to go: your last word (or Enter for the scorecard)"
    }

    static let help = SessionCommand.all.map {
        $0.name.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + $0.summary
    }.joined(separator: "\n")

    static func running(_ card: Scorecard) -> String {
        let categories = card.categories.compactMap { category in
            category.score.map { "\(category.category.rawValue) \($0)" }
        }
        return "running score: \(card.score)/100 (if it ended now) — " + categories.joined(separator: ", ")
    }

    /// `/why`, for the trainee: the moves seen in their last reply, in their own words,
    /// what was not counted and why in plain terms, and what the rubric made of it. The
    /// lexicon's patterns and files stay under `coach moves --explain`, for trainers.
    public static func explain(_ turn: TurnRecord) -> String {
        var lines = ["reply \(turn.number): \"\(turn.text)\""]
        if turn.detection.moves.isEmpty { lines.append("no move recognised in this reply") }
        for move in turn.detection.moves {
            lines.append("\(move.id.rawValue): \"\(move.evidence)\"")
        }
        // A frame that lacked its content ("sorry" is sarcasm only about the customer's slip)
        // was never a candidate in the trainee's eyes: not listed.
        let candidates = turn.detection.rejected.filter { rejected in
            if case .clauseLacks = rejected.reason { return false }
            return !turn.detection.ids.contains(rejected.id)
        }
        for rejected in candidates {
            lines.append("not \(rejected.id.rawValue): \"\(rejected.evidence)\" — \(plain(rejected.reason, rejected.id))")
        }
        for event in turn.events {
            let sign = event.points > 0 ? "+\(event.points)" : "\(event.points)"
            lines.append("\(sign) \(event.why)" + (event.tryText.map { " Try: \($0)" } ?? ""))
        }
        if let step = turn.circuitStep { lines.append("circuit: step \(step) done") }
        return lines.joined(separator: "\n")
    }

    /// Why a match did not count, in words a trainee needs (no patterns, no files).
    static func plain(_ reason: RejectedMatch.Reason, _ move: MoveID) -> String {
        switch reason {
        case .negated(let cue): "\"\(cue)\" before it turns it round"
        case .excepted: "in these words it means something else"
        case .suppressed(let other), .suppressedInClause(let other): "the words read as \(other.rawValue) instead"
        case .clauseHas(_, let words): "\"\(words)\" changes what it means here"
        case .clauseLacks: "nothing in the sentence makes it \(move.rawValue)"
        case .typo(let word): "\"\(word)\" looks like a typo, and for \(move.rawValue) the words must be exact"
        case .courtesy(let other): "the reply also has \(other.rawValue), so it is not bare"
        }
    }
}
