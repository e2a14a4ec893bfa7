/// A move found in a reply, with the words that show it.
///
/// `start` and `end` count Unicode scalars (code points) in the reply as received,
/// after invalid UTF-8 was repaired; `end` is exclusive. Python's `text[start:end]`
/// gives the evidence back.
public struct DetectedMove: Sendable, Hashable {
    public var id: MoveID
    public var evidence: String
    public var start: Int
    public var end: Int
    /// What made the detector see this move.
    public var source: Source

    /// Why a move was detected: which lexicon entry, or which built-in check.
    public enum Source: Sendable, Hashable {
        case pattern(text: String, location: SourceLocation)
        case customerName(String)
        case capitals
        case exclamations

        public var description: String {
            switch self {
            case .pattern(let text, let location): "pattern \"\(text)\" at \(location)"
            case .customerName(let name): "the customer's name \"\(name)\""
            case .capitals: "words written in capitals"
            case .exclamations: "a run of exclamation marks"
            }
        }
    }

    public init(id: MoveID, evidence: String, start: Int, end: Int, source: Source) {
        self.id = id
        self.evidence = evidence
        self.start = start
        self.end = end
        self.source = source
    }
}

/// A pattern match that did not become a move, and why: the raw material of `--why-not`.
public struct RejectedMatch: Sendable, Hashable {
    public var id: MoveID
    public var evidence: String
    public var start: Int
    public var end: Int
    public var pattern: String
    public var location: SourceLocation?
    public var reason: Reason

    public enum Reason: Sendable, Hashable {
        /// A negation cue stood before the match in the same clause.
        case negated(cue: String)
        /// The match overlapped one of the move's `except` patterns.
        case excepted(pattern: String, location: SourceLocation)
        /// A move that `suppresses` this one matched the same words.
        case suppressed(by: MoveID)
        /// A move that `clause-suppresses` this one matched in the same clause.
        case suppressedInClause(by: MoveID)
        /// The move's `clause: none:` names a fact its clause has ("conditional", shown by "if").
        case clauseHas(fact: String, words: String)
        /// The move's `clause: any:` names facts its clause has none of.
        case clauseLacks(facts: [String])
        /// The move takes no typos (`typos: false`), and this word of it was read with one.
        case typo(word: String)
        /// A bare demand with a courtesy move in the same reply is not bare.
        case courtesy(MoveID)

        public var description: String {
            switch self {
            case .negated(let cue): "negated by \"\(cue)\" before it"
            case .excepted(let pattern, let location): "overlaps the exception \"\(pattern)\" at \(location)"
            case .suppressed(let move): "the same words are \(move.rawValue), which takes precedence"
            case .suppressedInClause(let move): "the clause is \(move.rawValue), which takes precedence"
            case .clauseHas(let fact, let words): "its clause is \(fact) (\"\(words)\")"
            case .clauseLacks(let facts): "its clause is not \(facts.joined(separator: " or "))"
            case .typo(let word): "\"\(word)\" was read with a typo, which this move does not take"
            case .courtesy(let move): "the reply also has \(move.rawValue), so the request is not bare"
            }
        }
    }
}

/// A word of a reply that the detector also read as another word.
public struct WordReading: Sendable, Hashable {
    /// The word as typed, and its scalar offsets.
    public var word: String
    public var start: Int
    public var end: Int
    /// The word it stands for (`spellings:`), or nil when it was read with one typo.
    public var readAs: String?

    public var description: String {
        if let readAs { return "\"\(word)\" read as \"\(readAs)\"" }
        return "\"\(word)\" read with one typo"
    }
}

/// What the detector made of one reply.
public struct MoveDetection: Sendable, Hashable {
    /// The reply as analysed (invalid UTF-8 already repaired by the caller).
    public var text: String
    /// The moves, in the order their evidence appears.
    public var moves: [DetectedMove]
    /// Matches that were dropped, with the reason.
    public var rejected: [RejectedMatch]
    /// Whether the reply has a sentence of two or more words that is not a question:
    /// the "complete, clear answer" of the circuit (G41) is a statement.
    public var hasStatement: Bool
    /// Words read as another word, for `--explain`: "dont" as "don't", "completly" with a typo.
    public var readings: [WordReading] = []

    public init(text: String, moves: [DetectedMove], rejected: [RejectedMatch] = [], hasStatement: Bool = true) {
        self.text = text
        self.moves = moves
        self.rejected = rejected
        self.hasStatement = hasStatement
    }

    public var ids: Set<MoveID> { Set(moves.map(\.id)) }

    public func contains(_ move: MoveID) -> Bool { moves.contains { $0.id == move } }

    public func move(_ id: MoveID) -> DetectedMove? { moves.first { $0.id == id } }
}

extension DetectedMove: JSONRepresentable {
    public var json: JSONValue {
        .object([
            ("id", .string(id.rawValue)), ("evidence", .string(evidence)), ("start", .int(start)), ("end", .int(end)),
        ])
    }
}

extension MoveDetection: JSONRepresentable {
    /// `{"text": …, "moves": [{"id", "evidence", "start", "end"}]}`, the `coach moves --json` contract.
    public var json: JSONValue {
        .object([("text", .string(text)), ("moves", .array(moves.map(\.json)))])
    }
}
