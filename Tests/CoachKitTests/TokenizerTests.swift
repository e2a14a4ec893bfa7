import Testing

@testable import CoachKit

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer(
        normaliser: TextNormaliser(foldsDiacritics: true), abbreviations: [TextNormaliser(foldsDiacritics: true).fold("mrs")])

    func words(_ text: String, with tokenizer: Tokenizer? = nil) -> [String] {
        let tokenized = (tokenizer ?? self.tokenizer).tokenize(text)
        return tokenized.tokens.filter { $0.kind == .word }.map { tokenized.foldedWord($0) }
    }

    func kinds(_ text: String) -> [Token.Kind] { tokenizer.tokenize(text).tokens.map(\.kind) }

    @Test(arguments: [
        ("I’M Sorry, Café", ["i'm", "sorry", "cafe"]),
        ("follow-up", ["follow", "up"]),
        ("don't  can`t", ["don't", "can't"]),
        ("'quoted' words", ["quoted", "words"]),
        ("it costs 3.50 or 1,000", ["it", "costs", "3.50", "or", "1,000"]),
        ("ÁRVÍZTŰRŐ tükörfúrógép", ["arvizturo", "tukorfurogep"]),
        ("e\u{301}te\u{301}", ["ete"]),
        ("", []),
    ])
    func foldsWords(text: String, expected: [String]) {
        #expect(words(text) == expected)
    }

    @Test func russianKeepsShortIButFoldsYo() {
        let russian = Tokenizer(normaliser: TextNormaliser(foldsDiacritics: false, equivalents: ["ё": "е"]))
        #expect(words("Всё ЙОД ещё", with: russian) == ["все", "йод", "еще"])
    }

    @Test func marksAreTokensAndRepeatsMerge() {
        #expect(kinds("Why?! No... OK") == [.begin, .word, .questionMark, .exclamationMark, .word, .period, .word, .end])
        #expect(kinds("What??") == [.begin, .word, .questionMark, .end])
    }

    @Test func titleAbbreviationDoesNotEndTheSentence() {
        #expect(kinds("Mrs. Varga") == [.begin, .word, .word, .end])
        #expect(kinds("Fine. Varga") == [.begin, .word, .period, .word, .end])
    }

    @Test func clauseBreaksAreMarkedNotTokens() {
        let tokens = tokenizer.tokenize("No, sorry - really").tokens.filter { $0.kind == .word }
        #expect(tokens.map(\.startsClause) == [true, true, true])
        let joined = tokenizer.tokenize("not sorry").tokens.filter { $0.kind == .word }
        #expect(joined.map(\.startsClause) == [true, false])
    }

    @Test func offsetsCountScalarsOfTheOriginal() {
        let text = "Ой, 👋 sorry"
        let tokenized = tokenizer.tokenize(text)
        let sorry = tokenized.tokens.first { $0.kind == .word && tokenized.foldedWord($0) == "sorry" }!
        #expect(sorry.start == 6 && sorry.end == 11)
        #expect(tokenized.text(from: sorry.start, to: sorry.end) == "sorry")
    }

    @Test func greekSemicolonIsAQuestionMark() {
        let greek = Tokenizer(normaliser: TextNormaliser(foldsDiacritics: true), semicolonIsQuestionMark: true)
        #expect(greek.tokenize("Τι έγινε;").tokens.map(\.kind) == [.begin, .word, .word, .questionMark, .end])
        #expect(tokenizer.tokenize("a; b").tokens.map(\.kind) == [.begin, .word, .word, .end])
    }

    @Test func controlCharactersAndReplacementCharactersAreHarmless() {
        #expect(words("sorry\u{0}\u{1B}[31m\u{FFFD}ok") == ["sorry", "31m", "ok"])
    }
}
