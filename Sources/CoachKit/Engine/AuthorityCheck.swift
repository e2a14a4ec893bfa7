/// Whether a reply gives away what the briefing does not allow: authority as data.
///
/// A scenario lists under `beyond-authority:` what the trainee may not give, each with the
/// phrases that name it ("free phone", "phone for free"). A reply gives it away when one
/// sentence names it *and* offers something (an `amends` or `exception` move: a plan to
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

    /// What the reply gives away beyond authority, each with the sentence that offers it.
    ///
    /// A sentence that names a forbidden thing is detected again on its own: a reply's
    /// detection lists each move once, at its first words, and the offer may come later.
    public func gifts(in text: String) -> [(label: String, quote: String)] {
        guard !items.isEmpty else { return [] }
        let tokens = detector.lexicon.tokenizer.tokenize(text)
        var found: [(label: String, quote: String)] = []
        for sentence in Self.sentences(tokens) {
            let words = sentence.map { tokens.foldedWord($0) }
            let named = items.filter { item in
                !found.contains { $0.label == item.label } && item.phrases.contains { Self.contains(sentence, words, $0) }
            }
            guard !named.isEmpty, let first = sentence.first, let last = sentence.last else { continue }
            let quote = tokens.text(from: first.start, to: last.end)
            let moves = detector.detect(quote, names: names).ids
            guard !moves.isDisjoint(with: Self.offers), !moves.contains(.limit) else { continue }
            found += named.map { ($0.label, quote) }
        }
        return found
    }

    /// The reply's word tokens, sentence by sentence.
    static func sentences(_ text: TokenizedText) -> [[Token]] {
        var sentences: [[Token]] = [[]]
        for token in text.tokens {
            switch token.kind {
            case .word: sentences[sentences.count - 1].append(token)
            case .questionMark, .exclamationMark, .period: sentences.append([])
            case .begin, .end: continue
            }
        }
        return sentences.filter { !$0.isEmpty }
    }

    /// Whether the sentence has the phrase word for word, within one clause: "10 GB a
    /// month, free, for three months" does not say "month free".
    static func contains(_ sentence: [Token], _ words: [String], _ phrase: [String]) -> Bool {
        guard phrase.count <= words.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in
            words[start..<(start + phrase.count)].elementsEqual(phrase)
                && !sentence[(start + 1)..<(start + phrase.count)].contains(where: \.startsClause)
        }
    }
}
