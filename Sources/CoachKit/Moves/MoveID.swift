/// The fixed vocabulary of trainee moves (DESIGN.md); the raw values are a contract.
///
/// Lexicons, rubric rules, scenario files, JSON output and tests all use exactly these ids.
public enum MoveID: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case greeting
    case thanks
    case please
    case name
    case bareDemand = "bare-demand"
    case question
    case paraphrase
    case empathy
    case apology
    case plan
    case deadline
    case cause
    case amends
    case followUp = "follow-up"
    case keepInformed = "keep-informed"
    case exception
    case referral
    case escalate
    case boundary
    case limit
    case leadingQuestion = "leading-question"
    case positiveClose = "positive-close"
    case vague
    case excuse
    case deflect
    case dismiss
    case contradict
    case sarcasm
    case rudeness
    case shouting
    case personal

    /// The moves the rubric treats as hostile: any of them breaks composure and the circuit.
    public static let hostile: Set<MoveID> = [.dismiss, .contradict, .sarcasm, .rudeness, .shouting, .personal]

    /// The courtesy moves whose presence makes a short request not a bare demand.
    public static let courtesy: Set<MoveID> = [.please, .thanks, .greeting]

    public var isHostile: Bool { Self.hostile.contains(self) }

    public static func < (lhs: MoveID, rhs: MoveID) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// Parses an id, accepting only the contract spelling.
    public init?(id: String) { self.init(rawValue: id) }
}

extension YAMLNode {
    /// A list of move ids, each unknown one reported (`UNKNOWN-MOVE`, with a did-you-mean) and
    /// left out.
    func moves(_ what: String, _ diagnostics: inout DiagnosticCollector) -> [MoveID] {
        var result: [MoveID] = []
        for scalar in scalars(what, &diagnostics) ?? [] {
            if let move = MoveID(id: scalar.text) {
                result.append(move)
            } else {
                let known = MoveID.allCases.map(\.rawValue)
                diagnostics.error(
                    "UNKNOWN-MOVE", "unknown move '\(scalar.text)'\(Suggestion.hint(for: scalar.text, in: known))",
                    at: scalar.location)
            }
        }
        return result
    }
}
