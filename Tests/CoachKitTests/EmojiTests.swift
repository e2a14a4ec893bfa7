import Testing

@testable import CoachKit

/// Emoji as a lexicon reads them (`emoji:`): found in a reply with their variants, never
/// taken for words, and a rude one costs the reply its credit as a rude word does.
@Suite struct EmojiTests {
    static let lexiconText = """
        language: en
        moves:
          sarcasm:
            emoji: ["🙄", "🤦"]
          plan:
            patterns: ["i'll send"]
          dismiss:
            emoji: "🥱"
        """

    static let detector: MoveDetector = {
        let (lexicon, diagnostics) = Fixtures.lexicon(lexiconText)
        precondition(diagnostics.allSatisfy { $0.severity != .error }, "\(diagnostics)")
        return MoveDetector(lexicon: lexicon!)
    }()

    func found(_ text: String) -> [String] {
        Emoji.occurrences(in: Array(text.unicodeScalars)).map { occurrence in
            String(Array(text.unicodeScalars)[occurrence.start..<occurrence.end].map(Character.init))
        }
    }

    @Test(arguments: [
        ("Sure 🙄", ["🙄"]),
        // A run of one emoji is one; two different ones are two.
        ("ok 🙄🙄🙄 fine 🥱🙄", ["🙄🙄🙄", "🥱", "🙄"]),
        // Skin tones, a gender joined on and presentation selectors belong to their emoji.
        ("thanks 👍🏽 and 🤦🏻‍♀️ and ☹️", ["👍🏽", "🤦🏻‍♀️", "☹️"]),
        // A flag is one emoji of two letters.
        ("from 🇬🇧 today", ["🇬🇧"]),
        // Digits, # and © are emoji in Unicode's data, but typed as text they are text.
        ("order #12, © 2026, 3 items", []),
        ("no emoji here at all", []),
    ])
    func emojiAreFoundWithTheirVariants(text: String, expected: [String]) {
        #expect(found(text) == expected)
    }

    @Test func anEmojiShowsItsMoveWithItselfAsTheEvidence() {
        let detection = Self.detector.detect("Sure, I'll send it right over 🙄")
        #expect(detection.idList == ["plan", "sarcasm"])
        let sarcasm = detection.moves.first { $0.id == .sarcasm }
        #expect(sarcasm?.evidence == "🙄")
        #expect(sarcasm?.start == 30)
        guard case .pattern(let text, let location)? = sarcasm?.source else {
            Issue.record("an emoji is quoted as the lexicon entry it matched")
            return
        }
        #expect(text == "🙄")
        #expect(location.line == 4)
    }

    @Test func aVariantMatchesTheEmojiItIsAVariantOf() {
        let detection = Self.detector.detect("not again 🤦🏽‍♂️")
        #expect(detection.idList == ["sarcasm"])
        #expect(detection.moves.first?.evidence == "🤦🏽‍♂️")
    }

    @Test func aSingleEmojiIsAListOfOne() {
        #expect(Self.detector.detect("right 🥱").idList == ["dismiss"])
    }

    @Test func anEmojiNoEntryNamesChangesNothing() {
        let plain = Fixtures.miniDetector.detect("I'll call the courier today")
        let withEmoji = Fixtures.miniDetector.detect("I'll call the courier today 😊")
        #expect(withEmoji.idList == plain.idList)
        #expect(withEmoji.moves.map(\.evidence) == plain.moves.map(\.evidence))
    }

    @Test(arguments: ["eye-roll", "🙄 lol", "🙄 🥱", ""])
    func anEntryThatIsNotOneEmojiIsAnErrorAtItsPlace(entry: String) {
        let (_, diagnostics) = Fixtures.lexicon(
            """
            language: en
            moves:
              sarcasm:
                emoji: ["🙄", "\(entry)"]
            """)
        let error = diagnostics.first { $0.code == "LEX-EMOJI" }
        #expect(error?.severity == .error)
        #expect(error?.location?.line == 4)
        // The second item's opening quote: columns count characters, and 🙄 is one.
        #expect(error?.location?.column == 18)
    }

    /// Emoji are read the same in every language, so every shipped lexicon names the same ones.
    @Test(arguments: ["en", "ru", "hu", "ro", "sk", "el"])
    func everyShippedLexiconReadsTheEyeRollAndTheFinger(language: String) throws {
        let detector = try #require(Fixtures.detector(language))
        #expect(detector.detect("ok 🙄").idList.contains("sarcasm"))
        #expect(detector.detect("ok 🖕🏻").idList.contains("rudeness"))
        #expect(detector.detect("ok 🥱").idList.contains("dismiss"))
        // A friendly emoji is left to the words beside it.
        #expect(detector.detect("ok 😊").idList == detector.detect("ok").idList)
    }

    @Test func aRudeEmojiTakesTheCreditOfItsReplyAsARudeWordDoes() {
        let setup = ConductTests.setup
        func credited(_ replies: [String]) -> [String] {
            var conversation = setup.conversation(seed: 1)
            for reply in replies { _ = conversation.receive(.reply(reply)) }
            return conversation.scorecard().events.filter { $0.kind == .credit }.map(\.rule)
        }
        #expect(credited(["What happened, please?"]) == ["please", "asked"])
        #expect(credited(["What happened, please? 🖕"]).isEmpty)
        #expect(credited(["What happened, please? 🖕🏿"]).isEmpty)
    }
}
