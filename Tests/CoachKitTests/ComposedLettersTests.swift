import Foundation
import Testing

@testable import CoachKit

/// A letter typed as a base letter and a combining mark (as some keyboards, input methods
/// and editors send it) reads as the same letter precomposed, in replies and in lexicons.
@Suite struct ComposedLettersTests {
    static func decomposed(_ text: String) -> String { text.decomposedStringWithCanonicalMapping }

    /// Replies in each language of the source documents whose letters decompose.
    @Test(arguments: [
        ("ru", "Пожалуйста, извините за задержку"),
        ("ro", "Îmi pare rău pentru întârziere, vă rog să mă scuzați"),
        ("hu", "Elnézést kérek a késésért, köszönöm a türelmét"),
        ("sk", "Ospravedlňujem sa za meškanie, ďakujem za trpezlivosť"),
        ("el", "Συγγνώμη για την καθυστέρηση, ευχαριστώ για την υπομονή σας"),
    ])
    func aDecomposedReplyReadsAsTheComposedOne(language: String, text: String) throws {
        var diagnostics = DiagnosticCollector()
        let lexicon = try #require(
            LexiconLoader.load(path: Fixtures.library.lexiconPath(for: language), diagnostics: &diagnostics))
        let detector = MoveDetector(lexicon: lexicon)
        let typed = Self.decomposed(text)
        try #require(Array(typed.unicodeScalars) != Array(text.unicodeScalars), "the text has nothing to decompose")
        let composed = detector.detect(text)
        let fromDecomposed = detector.detect(typed)
        #expect(!composed.moves.isEmpty)
        #expect(fromDecomposed.idList == composed.idList)
        // The detection carries the recomposed text, which its offsets count.
        #expect(Array(fromDecomposed.text.unicodeScalars) == Array(text.unicodeScalars))
        #expect(fromDecomposed.moves.map(\.evidence) == composed.moves.map(\.evidence))
        #expect(fromDecomposed.moves.map(\.start) == composed.moves.map(\.start))
    }

    /// A lexicon saved by an editor that decomposes still matches replies typed composed.
    @Test func aDecomposedPatternMatchesAComposedReply() throws {
        let text = """
            language: ru
            moves:
              please:
                patterns: ["пожалуи\u{0306}ста"]
            """
        let (lexicon, diagnostics) = Fixtures.lexicon(text)
        let detector = MoveDetector(lexicon: try #require(lexicon, "\(diagnostics)"))
        #expect(detector.detect("Пожалуйста, подождите").idList == ["please"])
        #expect(detector.detect(Self.decomposed("Пожалуйста, подождите")).idList == ["please"])
    }

    @Test func textWithoutCombiningMarksIsLeftAsItIs() {
        let scalars = Array("Пожалуйста, ăîșț, café".unicodeScalars)
        #expect(!TextNormaliser.needsComposing(scalars))
        #expect(TextNormaliser.composed(scalars) == scalars)
        let decomposed = Array("café".decomposedStringWithCanonicalMapping.unicodeScalars)
        #expect(TextNormaliser.needsComposing(decomposed))
        #expect(TextNormaliser.composed(decomposed) == Array("café".unicodeScalars))
    }
}
