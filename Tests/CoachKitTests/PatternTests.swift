import Testing

@testable import CoachKit

@Suite struct PatternTests {
    let parser = PatternParser(tokenizer: Fixtures.miniLexicon.tokenizer)

    @Test(arguments: [
        ("sorry", true), ("apologi*", true), ("(thank you|thanks) [so much]", true), ("call ~ back", true),
        ("not ~5 department", true), ("^ no", true), ("< calm down >", true), ("right ?", true), ("[a|(b c|d)] e", true),
        ("follow-up", true),
    ])
    func parses(source: String, valid: Bool) throws {
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
        ("this is @nam", 8, "'@nam' is not an element; the elements are @name"),
        ("sorry @", 6, "'@' alone is not an element"),
        ("@name's", 5, "followed by a space or a bracket"),
        ("[@name]", 0, "match nothing"),
    ] as [(String, Int, String)])
    func rejects(source: String, offset: Int, message: String) {
        #expect {
            _ = try parser.parse(source)
        } throws: { error in
            guard let error = error as? PatternSyntaxError else { return false }
            return error.offset == offset && error.message.contains(message)
        }
    }

    @Test func properNameIsAnElementInAnyCase() throws {
        let this = TextNormaliser(foldsDiacritics: true).fold("this")
        let isWord = TextNormaliser(foldsDiacritics: true).fold("is")
        #expect(try parser.parse("this is @name") == .sequence([.word(this), .word(isWord), .properName]))
        #expect(try parser.parse("(this is @Name)") == .choice([.sequence([.word(this), .word(isWord), .properName])], optional: false))
        #expect(try parser.parse("@name [@name] >") == .sequence([.properName, .choice([.properName], optional: true), .anchor(.sentenceEnd)]))
    }

    @Test func stemsAndWordsAreFoldedLikeReplies() throws {
        #expect(try parser.parse("Café") == .word(TextNormaliser(foldsDiacritics: true).fold("cafe")))
        #expect(try parser.parse("Apologi*") == .stem(TextNormaliser(foldsDiacritics: true).fold("apologi")))
        #expect(try parser.parse("follow-up") == .sequence([.word(Array("follow".unicodeScalars.map(\.value))), .word(Array("up".unicodeScalars.map(\.value)))]))
    }
}
