/// Whether a reply gives away what the briefing does not allow: authority as data.
///
/// A scenario lists under `beyond-authority:` what the trainee may not give, each with the
/// phrases that name it ("free phone", "phone for free"). A reply gives it away when one
/// clause names it *and* offers something (an `amends` or `exception` move: a plan to
/// log the customer's demand as a complaint names the demand without granting it)
/// *without* stating a limit (a `limit` move): "I'll get you a free phone today" gives it
/// away, "I can't give you a free phone, but I can waive the fee" does not — the refusal
/// is credited by the rubric's own rules for limits. Phrases match word for word on
/// folded words (case, accents and apostrophe forms aside), so they stay cheap and exact.
public struct AuthorityCheck: Sendable {
    /// Each forbidden thing with its phrases as folded words.
    let items: [(label: String, phrases: [[String]])]
    let detector: MoveDetector
    let names: CustomerNames

    static let offers: Set<MoveID> = [.amends, .exception]

    public init(_ forbidden: [Scenario.Forbidden], detector: MoveDetector, names: CustomerNames) {
        self.detector = detector
        self.names = names
        let tokenizer = detector.lexicon.tokenizer
        items = forbidden.map { item in
            let phrases = item.words.map { phrase in
                let tokens = tokenizer.tokenize(phrase)
                return tokens.tokens.filter { $0.kind == .word }.map { tokens.foldedWord($0) }
            }
            return (item.label, phrases.filter { !$0.isEmpty })
        }
    }

    /// What the reply gives away beyond authority, each with the clause that offers it.
    ///
    /// Judged clause by clause: a summary such as "the fee waived, and your request for
    /// free months sent to retention" offers one thing and only names the other. A clause
    /// that names a forbidden thing is detected again on its own: a reply's detection lists
    /// each move once, at its first words, and the offer may come later.
    public func gifts(in text: String) -> [(label: String, quote: String)] {
        guard !items.isEmpty else { return [] }
        let tokens = detector.lexicon.tokenizer.tokenize(text)
        var found: [(label: String, quote: String)] = []
        for clause in Self.clauses(tokens) {
            let words = clause.map { tokens.foldedWord($0) }
            let named = items.filter { item in
                !found.contains { $0.label == item.label } && item.phrases.contains { Self.contains(words, $0) }
            }
            guard !named.isEmpty, let first = clause.first, let last = clause.last else { continue }
            let quote = tokens.text(from: first.start, to: last.end)
            let moves = detector.detect(quote, names: names).ids
            guard !moves.isDisjoint(with: Self.offers), !moves.contains(.limit) else { continue }
            found += named.map { ($0.label, quote) }
        }
        return found
    }

    /// The reply's word tokens, clause by clause (a sentence end or a clause break splits).
    static func clauses(_ text: TokenizedText) -> [[Token]] {
        var clauses: [[Token]] = [[]]
        for token in text.tokens {
            switch token.kind {
            case .word:
                if token.startsClause, !clauses[clauses.count - 1].isEmpty { clauses.append([]) }
                clauses[clauses.count - 1].append(token)
            case .questionMark, .exclamationMark, .period: clauses.append([])
            case .begin, .end: continue
            }
        }
        return clauses.filter { !$0.isEmpty }
    }

    /// Whether the clause has the phrase word for word.
    /// A phrase right after one of these is the customer's request being named ("your
    /// request for free months", "asking for a free phone"), not something offered.
    static let requestWords: Set<String> = [
        "request", "requests", "requested", "ask", "asks", "asked", "asking", "claim", "claims", "demand", "demands",
        "want", "wants", "wanted", "wanting", "wish",
    ]

    /// Whether the clause has the phrase word for word, other than as the object of a request.
    static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard phrase.count <= words.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in
            words[start..<(start + phrase.count)].elementsEqual(phrase)
                && !words[max(0, start - 3)..<start].contains(where: requestWords.contains)
        }
    }
}
