import Testing

@testable import CoachKit

/// The `@name` element: which capitalised words count as names.
@Suite struct ProperNameTests {
    static let detector: MoveDetector = {
        let (lexicon, diagnostics) = Fixtures.lexicon(
            """
            language: en
            negation:
              cues: [not]
            proper-names:
              not-names: [monday, British]
            moves:
              greeting:
                patterns: ["< [hello|hi] this is @name", "(i'm|i am) @name", "@name speaking"]
            """)
        guard let lexicon else { fatalError("the @name test lexicon does not load: \(diagnostics)") }
        return MoveDetector(lexicon: lexicon)
    }()

    func greeting(_ text: String) -> String? { Self.detector.detect(text).move(.greeting)?.evidence }

    @Test(arguments: [
        ("Hello, this is Archie.", "Hello, this is Archie"),
        ("hi this is Élodie from billing", "hi this is Élodie"),
        ("I'm O'Brien, from the depot", "I'm O'Brien"),
        ("Parcelo returns, Bea speaking.", "Bea speaking"),
        ("Good morning Mr Khan, I am Dana", "I am Dana"),
        ("I'm McAllister", "I'm McAllister"),
    ])
    func aCapitalisedWordInMidSentenceIsAName(text: String, evidence: String) {
        #expect(greeting(text) == evidence)
    }

    @Test(arguments: [
        "this is ridiculous",  // no capital
        "THIS IS ARCHIE",  // capitals only: shouting, not a name
        "Archie speaking",  // the start of a sentence is capitalised anyway
        "Thanks. Bea speaking.",  // ...also after a sentence mark
        "this is Parcelo's fault",  // an apostrophe before a small letter: a possessive
        "I'm I",  // one letter
        "this is Monday",  // not-names
        "I'm British",  // not-names, written with a capital in the file
        "I'm Not sure",  // a negation cue
        "this is \"Archie\"",  // the start of a quotation
        "I am (It is) short",  // the start of an aside
        "this is the Archie account",  // the pattern wants the name next to "this is"
    ])
    func otherWordsAreNot(text: String) {
        #expect(greeting(text) == nil)
    }

    @Test func theShippedEnglishLexiconTellsIntroductionsFromJudgements() throws {
        let english = try #require(Fixtures.detector("en"))
        #expect(english.detect("Hi, this is Archie from the returns desk.").move(.greeting)?.evidence == "Hi, this is Archie")
        #expect(english.detect("Hi, this is ridiculous, I know.").move(.greeting)?.evidence == "Hi")
        #expect(english.detect("I'm Sorry about the wait").idList.contains("greeting") == false)
    }
}
