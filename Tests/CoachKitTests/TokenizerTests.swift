import Testing

@testable import CoachKit

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer(normaliser: TextNormaliser(foldsDiacritics: true))

    func words(_ text: String) -> [String] {
        let tokenized = tokenizer.tokenize(text)
        return tokenized.tokens.filter { $0.kind == .word }.map { tokenized.foldedWord($0) }
    }

    @Test func foldsCaseQuotesAndAccents() {
        #expect(words("I’M Sorry, Café") == ["i'm", "sorry", "cafe"])
    }
}
