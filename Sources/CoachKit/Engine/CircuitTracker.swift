/// Follows the five-step circuit of G41 through a provocation scene.
///
/// (1) the customer asks a negative question → (2) the trainee answers completely
/// and clearly (a statement, nothing hostile, vague or deflecting) → (3) the trainee
/// asks a question inviting "yes" → (4) the customer agrees → (5) the trainee closes
/// positively. Steps 2 and 3 may share a reply.
public struct CircuitTracker: Sendable {
    /// A circuit that broke: at which step, in which reply, and why.
    public struct Broken: Sendable, Hashable {
        public var step: Int
        public var turn: Int
        public var reason: String
    }

    enum Stage: Sendable, Hashable {
        case idle
        case awaitingAnswer
        case awaitingLeadingQuestion
        case awaitingYes
        case awaitingClose
    }

    private(set) var stage = Stage.idle
    public private(set) var completed: [Int] = []
    public private(set) var broken: [Broken] = []

    /// The language the reasons for a broken circuit are written in.
    private let texts: InterfaceCatalogue

    public init(texts: InterfaceCatalogue = .english) { self.texts = texts }

    /// A move and its words, for a reason's placeholders.
    private func said(_ move: DetectedMove) -> [String: String] {
        ["move": texts.name(of: move.id), "evidence": move.evidence]
    }

    static let unclear: Set<MoveID> = [.vague, .excuse, .deflect]

    /// Takes the trainee's reply; returns the step (2, 3 or 5) it completed, if any.
    mutating func traineeReplied(_ detection: MoveDetection, turn: Int) -> Int? {
        let hostile = detection.moves.first { $0.id.isHostile }
        func breakAt(_ step: Int, _ reason: String) -> Int? {
            broken.append(Broken(step: step, turn: turn, reason: reason))
            stage = .idle
            return nil
        }
        switch stage {
        case .idle, .awaitingYes:
            return nil
        case .awaitingAnswer:
            if let hostile { return breakAt(2, texts(.circuitHostileAnswer, said(hostile))) }
            if let unclear = detection.moves.first(where: { Self.unclear.contains($0.id) }) {
                return breakAt(2, texts(.circuitUnclearAnswer, said(unclear)))
            }
            guard detection.hasStatement else { return breakAt(2, texts(.circuitNoStatement)) }
            if detection.contains(.leadingQuestion) {
                stage = .awaitingYes
                return 3
            }
            stage = .awaitingLeadingQuestion
            return 2
        case .awaitingLeadingQuestion:
            if let hostile { return breakAt(3, texts(.circuitHostileQuestion, said(hostile))) }
            guard detection.contains(.leadingQuestion) else {
                return breakAt(3, texts(.circuitNoYesQuestion))
            }
            stage = .awaitingYes
            return 3
        case .awaitingClose:
            if let hostile { return breakAt(5, texts(.circuitHostileClose, said(hostile))) }
            // "Thank you, Mr Hale" after his yes closes the exchange as warmly as "great, that's
            // settled": a strong agent says one or the other, then gets on with the business.
            guard detection.contains(.positiveClose) || detection.contains(.thanks) else {
                return breakAt(5, texts(.circuitNoClose))
            }
            completed.append(turn)
            stage = .idle
            return 5
        }
    }

    /// Takes what the customer said after reply `turn` (0 for the opening line).
    mutating func customerSpoke(_ acts: Scenario.CustomerAct, turn: Int) {
        if stage == .awaitingYes {
            if acts.contains(.agrees) {
                stage = .awaitingClose
                return
            }
            broken.append(Broken(step: 4, turn: turn, reason: texts(.circuitNoYes)))
            stage = .idle
        }
        guard acts.contains(.provokes) else { return }
        if stage == .awaitingLeadingQuestion {
            // The trainee answered but asked nothing, and the customer has moved on to a new
            // provocation: a question now would belong to the new one, not complete the old.
            broken.append(Broken(step: 3, turn: turn, reason: texts(.circuitNoQuestionBeforeNext)))
        }
        stage = .awaitingAnswer
    }

    /// Closes the books when the conversation ends. A circuit in progress is neither
    /// completed nor broken: the conversation may have ended rightly (a hand-over after
    /// abuse, G36), and the scorecard counts only what was finished.
    mutating func conversationEnded() {
        stage = .idle
    }
}
