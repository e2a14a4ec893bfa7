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
            var spans: [Range<Int>] = []
            let named = items.filter { item in
                guard !found.contains(where: { $0.label == item.label }) else { return false }
                let here = item.phrases.flatMap { Self.occurrences(of: $0, in: words) }
                spans += here
                return !here.isEmpty
            }
            guard !named.isEmpty, let first = clause.first, let last = clause.last else { continue }
            let quote = tokens.text(from: first.start, to: last.end)
            // Offsets of the quote's moves are relative to the clause; so are the phrases'.
            let phraseScalars = spans.map { clause[$0.lowerBound].start - first.start..<clause[$0.upperBound - 1].end - first.start }
            let moves = detector.detect(quote, names: names).moves
            // An offer is words beyond the thing's own name: "free months" alone reads as
            // `amends`, but names the thing, it does not give it.
            let offered = moves.contains { move in
                Self.offers.contains(move.id) && !phraseScalars.contains { $0.lowerBound <= move.start && move.end <= $0.upperBound }
            }
            guard offered, !moves.contains(where: { $0.id == .limit }) else { continue }
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

    /// Where the clause has the phrase word for word (word ranges), other than as the object
    /// of a request.
    static func occurrences(of phrase: [String], in words: [String]) -> [Range<Int>] {
        guard phrase.count <= words.count else { return [] }
        return (0...(words.count - phrase.count)).compactMap { start in
            let range = start..<(start + phrase.count)
            guard words[range].elementsEqual(phrase), !words[max(0, start - 3)..<start].contains(where: requestWords.contains)
            else { return nil }
            return range
        }
    }
}
