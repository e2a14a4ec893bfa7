import Testing

@testable import CoachKit

/// Greek typed in Latin letters (`normalise: transliteration: greeklish`): read as the
/// lexicon's Greek words it sounds like, however the writer chose to spell it.
@Suite struct GreeklishReadingTests {
    static let lexiconText = """
        language: el
        normalise:
          fold-diacritics: true
          semicolon-question-mark: true
          equivalents: {ς: σ}
          transliteration: greeklish
        negation:
          cues: [δεν, μην]
          window: 3
        name-forms:
          titles: [κυριε, κυριοσ, κυρια]
          strip-endings: [οσ, ησ]
          max-extra: 2
        moves:
          thanks:
            patterns: ["ευχαριστ*"]
          apology:
            patterns: ["συγγνωμη", "λυπαμαι"]
          empathy:
            patterns: ["(καταλαβαινω|καταλαβαινουμε) [τον|την|το]"]
          plan:
            patterns: ["θα (σασ|σου) (στειλουμε|στειλω|καλεσουμε|καλεσω|ξαναστειλουμε)"]
          deadline:
            patterns: ["(αυριο|σημερα) [το] [πρωι|απογευμα]"]
          amends:
            patterns: ["δωρεαν (μεταφορικα|επισκευη)"]
          rudeness:
            patterns: ["ηλιθι*"]
          question:
            patterns: ["?"]
        """

    static let lexicon: Lexicon = {
        let (lexicon, diagnostics) = Fixtures.lexicon(lexiconText)
        guard let lexicon else { fatalError("\(diagnostics)") }
        return lexicon
    }()

    static let detector = MoveDetector(lexicon: lexicon)

    func ids(_ text: String) -> [String] { Self.detector.detect(text).idList }

    @Test(arguments: [
        // The same word as different writers type it.
        ("efxaristo poly", ["thanks"]),
        ("euxaristw poly", ["thanks"]),
        ("eyxaristo", ["thanks"]),
        ("EYXARISTOUME", ["thanks"]),  // a stem, with its ending
        ("sygnomi", ["apology"]),
        ("signwmh", ["apology"]),
        ("lypamai poli", ["apology"]),
        ("katalavaino ton thymo sas", ["empathy"]),
        ("tha sas steiloume nea siskevi", ["plan"]),
        ("8a sas kalesoume avrio to prwi", ["plan", "deadline"]),
        ("dorean metaforika", ["amends"]),
        ("ilithie", ["rudeness"]),
        // x is χ, and ξ where χ reads as nothing.
        ("tha sas xanasteiloume", ["plan"]),
        ("tha sas ksanasteiloume", ["plan"]),
    ])
    func aWordInLatinLettersReadsAsTheGreekWordItSoundsLike(text: String, expected: [String]) {
        #expect(ids(text) == expected)
    }

    @Test(arguments: [
        ("Efxaristo poli kyrie Papadopoule", "kyrie Papadopoule"),  // the title taken in, inflected
        ("kalhspera kyrie papadopoulo", "kyrie papadopoulo"),
        ("ευχαριστώ κύριε Παπαδόπουλε", "κύριε Παπαδόπουλε"),  // Greek as before
    ])
    func theCustomersNameInLatinLettersIsTheirName(text: String, evidence: String) {
        let names = CustomerNames(["Παπαδόπουλος"], lexicon: Self.lexicon)
        #expect(Self.detector.detect(text, names: names).move(.name)?.evidence == evidence)
    }

    @Test func aLatinWordThatOnlyBeginsLikeTheNameIsNotIt() {
        let names = CustomerNames(["Παπαδόπουλος"], lexicon: Self.lexicon)
        #expect(Self.detector.detect("papades kai papadia", names: names).move(.name) == nil)
        #expect(Self.detector.detect("papadopoulopoula", names: names).move(.name) == nil)  // too long
    }

    @Test func aGreeklishCueNegatesAsTheGreekOneDoes() {
        let detection = Self.detector.detect("den tha sas steiloume tipota")
        #expect(detection.move(.plan) == nil)
        #expect(detection.rejected.first?.reason == .negated(cue: "den"))
    }

    @Test func theExplanationSaysWhatTheWordWasReadAs() {
        let readings = Self.detector.detect("Ευχαριστώ, efxaristo").readings
        // The stem the word was read through, with the rest of the word in Greek letters.
        #expect(readings.map(\.description) == ["\"efxaristo\" read as \"ευχαριστο\""])
    }

    @Test(arguments: [
        "Ευχαριστώ πολύ",  // Greek text reads as before
        "ευχαριστω",
    ])
    func greekTextIsReadAsBefore(text: String) {
        #expect(ids(text) == ["thanks"])
        #expect(Self.detector.detect(text).readings.isEmpty)
    }

    @Test(arguments: [
        "ok, to email to esteila",  // Latin words that sound like nothing here
        "please call me",
        "sms 4417",
        "ti na kanoume",  // Greek, but no word of this lexicon
    ])
    func latinWordsThatSoundLikeNothingStayUnread(text: String) {
        #expect(ids(text) == [])
    }

    @Test func withoutTheSettingLatinLettersAreNotRead() {
        let text = Self.lexiconText.replacingOccurrences(of: "  transliteration: greeklish\n", with: "")
        let (lexicon, diagnostics) = Fixtures.lexicon(text)
        let detector = MoveDetector(lexicon: try! #require(lexicon, "\(diagnostics)"))
        #expect(detector.detect("efxaristo poly").idList == [])
        #expect(detector.detect("ευχαριστώ πολύ").idList == ["thanks"])
    }

    @Test func anUnknownSchemeIsAnError() {
        let text = Self.lexiconText.replacingOccurrences(of: "transliteration: greeklish", with: "transliteration: latin")
        let (_, diagnostics) = Fixtures.lexicon(text)
        let found = diagnostics.first { $0.code == "LEX-TRANSLITERATION" }
        #expect(found?.location?.line == 6)
        #expect(found?.location?.column == 20)
        #expect(found?.message.contains("'latin'") == true)
    }

    @Test func oneLatinWordIsReadAsAFewGreekWordsAtMost() {
        // Twelve spellings of one sound: a lexicon full of them costs a reply a few look-ups a word.
        let spellings = ["μιλο", "μηλο", "μυλο", "μειλο", "μοιλο", "μιλω", "μηλω", "μυλω", "μειλω", "μοιλω", "μυιλο", "μυιλω"]
        let reader = GreeklishReading(patterns: spellings.map { .word(Array($0.unicodeScalars.map(\.value))) })
        let readings = reader.readings(of: Array("milo".unicodeScalars.map(\.value))[...])
        #expect(readings.count == GreeklishReading.maximumReadings)
    }

    @Test(arguments: [
        (["ευχαριστω"], ["efxaristo", "euxaristw", "eyxaristo", "efxaristw"]),
        (["θελω"], ["thelo", "8elw", "thelw"]),
        (["μπορω"], ["mporw", "boro", "mporo"]),
        (["ντροπη"], ["ntropi", "dropi", "ntroph"]),
        (["ειναι"], ["einai", "ine", "eine", "inai"]),
        (["ξερω"], ["ksero", "3erw"]),
    ])
    func spellingsOfOneWordShareItsKey(greek: [String], latin: [String]) {
        let key = GreeklishReading.key(greek: Array(greek[0].unicodeScalars.map(\.value)))
        #expect(key != nil)
        for typed in latin {
            #expect(GreeklishReading.key(latin: typed.unicodeScalars.map(\.value)) == key, "\(typed)")
        }
    }
}
