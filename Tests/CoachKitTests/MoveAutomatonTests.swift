import Testing

@testable import CoachKit

/// The automaton against a matcher written the obvious way: for every pattern and every
/// token a match of it can end at, `matches(in:)` must report exactly one match, the one
/// that starts earliest. The patterns exercise what the automaton does to be fast, each
/// of which must change no match: gaps side by side merged, closures looked up by atom
/// when large, threads never started for a pattern whose required words the reply lacks,
/// and choices of single words compiled to one class.
@Suite struct MoveAutomatonTests {
    let parser = PatternParser(tokenizer: Fixtures.miniLexicon.tokenizer)
    let tokenizer = Fixtures.miniLexicon.tokenizer

    /// Many alternatives of two words: a closure larger than the size that is scanned.
    static let manyPhrases = (1...30).map { "w\($0) x\($0)" }.joined(separator: "|")

    static let patterns = [
        "sorry",
        "i ~3 sorry",
        "i ~2 ~2 ~1 sorry",
        "< ~8 ~8 ?",
        "(i'll|we'll|i will) ~4 (call|ring) you",
        "call ~2 (back|later) [today|tomorrow]",
        "(the|a) ~3 (\(manyPhrases)|parcel) >",
        "so ~5 (\(manyPhrases)) ?",
        "refund* ~3 (today|now) !",
        "[please] (send|post) (it|the parcel) ~2 today",
        "^ no",
        "(good|great|fine) .",
        "we ~1 we ~1 we",
        "x7 ~8 x9",
        // Alternatives that end together from different starts: one match, the earliest.
        "(w1 x1|x1)",
        "(a big parcel|big parcel|parcel)",
        // Shared beginnings: one pattern the prefix of another, the same pattern twice.
        "we ~1 we",
        "i ~3 sorry",
        "sorry sorry",
        // Endings and numbers.
        "i ~2 *ing (it|you)",
        "(*ed|*ing) @number",
        "@number (days|weeks)",
    ]

    static let replies = [
        "I am so sorry, I will call you back today.",
        "sorry sorry i sorry i i sorry",
        "so w3 x3 w4 x4 w5 x5? And so w7 x7 ?",
        "The w12 x12. A big parcel. the the w30 x30",
        "No refunds today! refund it now! Refunded, now !",
        "please send it today. Post the parcel later today. send it to them today",
        "we we we we we we",
        "Is that good? Fine. Great. great.",
        "i'll ring you. We'll be sure to call you. I will, I will call you!",
        "x7 a b c d e f g h x9 x7 x9",
        "",
        "?!.",
        "no no no. No?",
        "w1 x1 x1 w1 w1 x1",
        "I am sending it, I'm bringing you 3 ring it in 10 days, posted 2024 sing 5 weeks",
        "ed 5 red 7 fixed 1x2 mailed 24 days",
    ]

    @Test(arguments: replies)
    func reportsTheEarliestStartOfEveryMatchEnd(reply: String) throws {
        let patterns = try Self.patterns.map { try parser.parse($0) }
        let automaton = MoveAutomaton(patterns: patterns, cues: [])
        let text = tokenizer.tokenize(reply)
        let found = automaton.matches(in: automaton.atoms(of: text))
        var expected: [MoveAutomaton.Match] = []
        for (index, pattern) in patterns.enumerated() {
            var earliest: [Int: Int] = [:]
            for start in 0..<text.tokens.count {
                for end in Self.ends(of: pattern, from: start, in: text) where earliest[end] == nil {
                    earliest[end] = start
                }
            }
            expected += earliest.map { MoveAutomaton.Match(pattern: index, start: $0.value, end: $0.key) }
        }
        #expect(Set(found) == Set(expected), "\(reply)")
        #expect(found.count == Set(found).count, "each match once: \(reply)")
    }

    @Test(arguments: replies)
    func findsTheLongestMatchOfOnePatternAtAStart(reply: String) throws {
        // Patterns share their first states, so this also checks that another pattern's
        // accept is never taken for this one's.
        let patterns = try Self.patterns.map { try parser.parse($0) }
        let automaton = MoveAutomaton(patterns: patterns, cues: [])
        let text = tokenizer.tokenize(reply)
        let atoms = automaton.atoms(of: text)
        for (index, pattern) in patterns.enumerated() {
            for start in 0..<text.tokens.count {
                let longest = automaton.longestMatch(of: index, at: start, in: atoms)
                let expected = Self.ends(of: pattern, from: start, in: text).filter { $0 > start }.max()
                #expect(longest == expected, "\(Self.patterns[index]) at \(start) in \(reply)")
            }
        }
    }

    /// The positions a match of `pattern` that starts at token `start` can end at.
    static func ends(of pattern: Pattern, from start: Int, in text: TokenizedText) -> Set<Int> {
        let tokens = text.tokens
        func one(_ test: (Token) -> Bool) -> Set<Int> {
            start < tokens.count && test(tokens[start]) ? [start + 1] : []
        }
        switch pattern {
        case .word(let letters):
            return one { $0.kind == .word && Array(text.folded[$0.foldedStart..<$0.foldedEnd]) == letters }
        case .stem(let letters):
            return one { $0.kind == .word && Array(text.folded[$0.foldedStart..<$0.foldedEnd]).starts(with: letters) }
        case .suffix(let letters):
            return one {
                let word = Array(text.folded[$0.foldedStart..<$0.foldedEnd])
                return $0.kind == .word && word.count >= letters.count + Pattern.suffixMinimumStem
                    && Array(word.suffix(letters.count)) == letters
            }
        case .number:
            return one {
                let word = text.folded[$0.foldedStart..<$0.foldedEnd]
                return $0.kind == .word && !word.isEmpty && word.allSatisfy { (0x30...0x39).contains($0) }
            }
        case .mark(let kind):
            return one { $0.kind == kind }
        case .anchor(.replyStart):
            return one { $0.kind == .begin }
        case .anchor(.sentenceStart):
            return one { $0.kind == .begin || $0.kind.endsSentence }
        case .anchor(.sentenceEnd):
            return one { $0.kind == .end || $0.kind.endsSentence }
        case .properName:
            return []
        case .gap(let size):
            var ends: Set<Int> = [start]
            var position = start
            while position < tokens.count, position - start < size, tokens[position].kind == .word {
                position += 1
                ends.insert(position)
            }
            return ends
        case .sequence(let items):
            var positions: Set<Int> = [start]
            for item in items {
                positions = Set(positions.flatMap { ends(of: item, from: $0, in: text) })
            }
            return positions
        case .choice(let items, let optional):
            var positions: Set<Int> = optional ? [start] : []
            for item in items { positions.formUnion(ends(of: item, from: start, in: text)) }
            return positions
        }
    }

    @Test func aReplyWithoutAPatternsRequiredWordsStartsNoneOfItsThreads() throws {
        // The same answer with and without the words the prefilter looks for: the filter may
        // only skip patterns that cannot match.
        let patterns = try ["(i'll|we'll) ~6 this morning", "sorry ~3 morning", "i'll ~2 call"].map { try parser.parse($0) }
        let automaton = MoveAutomaton(patterns: patterns, cues: [])
        let without = automaton.matches(in: automaton.atoms(of: tokenizer.tokenize("I'll call you this afternoon")))
        #expect(without.map(\.pattern) == [2])
        let with = automaton.matches(in: automaton.atoms(of: tokenizer.tokenize("I'll call you this morning, sorry, morning")))
        #expect(Set(with.map(\.pattern)) == [0, 1, 2])
    }

    @Test(arguments: [
        ["sorry about that", "(sorry|apologies) [about] that"],
        ["(sorry|apologies) [about] that", "sorry about that"],
    ])
    func twoPatternsWithTheSameEvidenceCreditTheOneWrittenFirst(patterns: [String]) throws {
        let list = patterns.map { "\"\($0)\"" }.joined(separator: ", ")
        let (lexicon, diagnostics) = Fixtures.lexicon("language: en\nmoves:\n  apology:\n    patterns: [\(list)]\n")
        let detector = MoveDetector(lexicon: try #require(lexicon, "\(diagnostics)"))
        let move = try #require(detector.detect("Sorry about that.").moves.first)
        guard case .pattern(let text, _) = move.source else {
            Issue.record("not found by a pattern: \(move.source)")
            return
        }
        #expect(text == patterns[0])
    }

    @Test(arguments: [
        ("Я вчера отправила вам письмо", true),
        ("мы уже оформили возврат", true),
        ("она была здесь", false),
        ("I've sent it twice", false),
    ])
    func anEndingFindsEveryVerbWithIt(reply: String, isPast: Bool) throws {
        let (lexicon, diagnostics) = Fixtures.lexicon(
            "language: ru\nmoves:\n  plan:\n    patterns: [\"(я|мы) [вчера|уже] (*ла|*ли)\"]\n")
        let detector = MoveDetector(lexicon: try #require(lexicon, "\(diagnostics)"))
        #expect(detector.detect(reply).idList.contains("plan") == isPast)
    }

    @Test func aNumberIsAnyWordInDigits() throws {
        let (lexicon, diagnostics) = Fixtures.lexicon(
            "language: en\nmoves:\n  deadline:\n    patterns: [\"within @number (days|hours)\"]\n")
        let detector = MoveDetector(lexicon: try #require(lexicon, "\(diagnostics)"))
        #expect(detector.detect("You'll have it within 3 days.").idList == ["deadline"])
        #expect(detector.detect("You'll have it within 14 hours.").idList == ["deadline"])
        #expect(detector.detect("You'll have it within three days.").idList.isEmpty)
        #expect(detector.detect("within 3rd days").idList.isEmpty)
    }
}
