import Testing

@testable import CoachKit

@Suite struct PatternTests {
    let parser = PatternParser(tokenizer: Fixtures.miniLexicon.tokenizer)

    @Test(arguments: [
        "sorry", "apologi*", "(thank you|thanks) [so much]", "call ~ back", "not ~5 department", "^ no",
        "< calm down >", "right ?", "[a|(b c|d)] e", "follow-up", "this is @name",
        "i ~2 *ing", "(*ла|*ли) ~2 вчера", "@number (days|дней)",
    ])
    func parses(source: String) throws {
        _ = try parser.parse(source)
    }

    @Test(arguments: [
        ("(sorry", 0, "never closed"),
        ("sorry)", 5, "unexpected"),
        ("~ sorry", 0, "begin with a gap"),
        ("sorry ~", 6, "end with a gap"),
        ("sorry ~9 me", 6, "gap must be"),
        ("a*b", 1, "may only end"),
        ("s*", 0, "at least two letters"),
        ("[sorry]", 0, "match nothing"),
        ("(a||b)", 3, "empty alternative"),
        ("''", 0, "no word"),
        ("10 %", 3, "'%' contains no word"),
        ("this is @nam", 8, "'@nam' is not an element; the elements are @name, @number"),
        ("*i", 0, "at least two letters after '*'"),
        ("*in*", 3, "may only end a word stem or begin an ending"),
        ("*ed.", 0, "one word ending"),
        ("sorry @", 6, "'@' alone is not an element"),
        ("@name's", 5, "followed by a space or a bracket"),
        ("[@name]", 0, "match nothing"),
        ("did $you", 4, "'$you' is not defined: the lexicon has no `define:` entries"),
        ("$", 0, "'$' must be followed by the name of a definition"),
    ] as [(String, Int, String)])
    func rejects(source: String, offset: Int, message: String) {
        #expect {
            _ = try parser.parse(source)
        } throws: { error in
            guard let error = error as? PatternSyntaxError else { return false }
            return error.offset == offset && error.message.contains(message)
        }
    }

    /// A reply's currency signs are not tokens, so a pattern's are not elements either.
    @Test(arguments: [("10 € voucher", "10 voucher"), ("£10 off", "10 off"), ("(5|10) ₽ (off|back)", "(5|10) (off|back)")])
    func currencySignsAreReadAsRepliesReadThem(written: String, meaning: String) throws {
        #expect(try parser.parse(written) == parser.parse(meaning))
    }

    @Test func properNameIsAnElementInAnyCase() throws {
        let this = TextNormaliser(foldsDiacritics: true).fold("this")
        let isWord = TextNormaliser(foldsDiacritics: true).fold("is")
        #expect(try parser.parse("this is @name") == .sequence([.word(this), .word(isWord), .properName]))
        #expect(try parser.parse("(this is @Name)") == .choice([.sequence([.word(this), .word(isWord), .properName])], optional: false))
        #expect(try parser.parse("@name [@name] >") == .sequence([.properName, .choice([.properName], optional: true), .anchor(.sentenceEnd)]))
    }

    @Test func definitionsStandForTheirPatterns() throws {
        var parser = parser
        parser.definitions["marker"] = try parser.parseDefinition("[uh|well]")
        parser.definitions["start"] = try parser.parseDefinition("< $marker $marker")
        let expanded = try parser.parse("< [uh|well] [uh|well] did you")
        guard case .sequence(let items) = try parser.parse("$start did you") else {
            Issue.record("a sequence was expected")
            return
        }
        // The definition is one element of the sequence, and the same pattern as if written out.
        #expect(items.count == 3)
        #expect(Pattern.flattened(.sequence(items)) == Pattern.flattened(expanded))
        // An optional definition may stand alone as a definition, never as a whole pattern.
        #expect(throws: PatternSyntaxError.self) { try parser.parse("$marker") }
    }

    @Test func definitionsCannotGrowWithoutBound() throws {
        var parser = parser
        parser.definitions["a"] = try parser.parseDefinition("(w|x|y|z)")
        for (name, inner) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e")] {
            parser.definitions[name] = try parser.parseDefinition("$\(inner) $\(inner) $\(inner) $\(inner)")
        }
        #expect(parser.definitions["f"]?.elementCount == 4_096)
        #expect {
            _ = try parser.parseDefinition("$f $f")
        } throws: { error in
            (error as? PatternSyntaxError)?.message.contains("8192 elements") == true
        }
    }

    @Test func stemsAndWordsAreFoldedLikeReplies() throws {
        #expect(try parser.parse("Café") == .word(TextNormaliser(foldsDiacritics: true).fold("cafe")))
        #expect(try parser.parse("Apologi*") == .stem(TextNormaliser(foldsDiacritics: true).fold("apologi")))
        #expect(try parser.parse("follow-up") == .sequence([.word(Array("follow".unicodeScalars.map(\.value))), .word(Array("up".unicodeScalars.map(\.value)))]))
    }
}

extension Pattern {
    /// Nested sequences spliced into their parent: the shape the automaton compiles them to.
    static func flattened(_ pattern: Pattern) -> Pattern {
        switch pattern {
        case .sequence(let items):
            return .sequence(
                items.flatMap { item -> [Pattern] in
                    if case .sequence(let inner) = flattened(item) { return inner }
                    return [flattened(item)]
                })
        case .choice(let items, let optional): return .choice(items.map(flattened), optional: optional)
        default: return pattern
        }
    }
}
