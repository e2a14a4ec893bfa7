import Testing

@testable import CoachKit

/// The detector of a lexicon written in the test, which must load.
private func compiledDetector(_ text: String) -> MoveDetector {
    let (lexicon, diagnostics) = Fixtures.lexicon(text)
    guard let lexicon else { fatalError("\(diagnostics)") }
    return MoveDetector(lexicon: lexicon)
}

/// Loads lexicon text and expects a diagnostic with `code` at `line`:`column`.
private func expectDiagnostic(
    _ code: String, at line: Int, _ column: Int, loading text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let (_, diagnostics) = Fixtures.lexicon(text)
    let found = diagnostics.first { $0.code == code }
    #expect(found != nil, "\(diagnostics)", sourceLocation: sourceLocation)
    #expect(found?.location?.line == line, sourceLocation: sourceLocation)
    #expect(found?.location?.column == column, sourceLocation: sourceLocation)
}

/// The lexicon settings that let one pattern cover how people really type: spellings,
/// one typo in a long word, negation barriers and clause-wide suppression.
@Suite struct NaturalTypingTests {
    static let lexiconText = """
        language: en
        normalise:
          spellings: {dont: "don't", ill: "i'll", whats: "what's"}
          typo-tolerance: 7
        negation:
          cues: [not, "don't", "can't"]
          window: 3
          barriers: [but, "i'll"]
        moves:
          plan:
            patterns: ["i'll (call|ring) ~2 (them|you)"]
          question:
            patterns: ["< what's"]
          apology:
            patterns: ["apologi*", "inconvenience"]
          empathy:
            patterns: ["completely understand", "feeling ill"]
          rudeness:
            patterns: ["idiot*", "pathetic", "you ~3 on purpose"]
            typos: false
          amends:
            patterns: ["free (case|phone|month*)", "discount*"]
          limit:
            negation: false
            patterns: ["(i|we) can't (give|offer|discount)"]
            clause-suppresses: [amends]
        """

    static let detector = compiledDetector(lexiconText)

    func ids(_ text: String) -> [String] { Self.detector.detect(text).idList }

    @Test(arguments: [
        ("ill call them now", ["plan"]),
        ("whats the order number", ["question"]),
        ("I'll call them", ["plan"]),
        // The typed word keeps its own meaning too.
        ("you're feeling ill", ["empathy"]),
    ])
    func spellingsReadATypedWordAsTheWordItStandsFor(text: String, expected: [String]) {
        #expect(ids(text) == expected)
    }

    /// A possessive typed without its apostrophe reads as the pattern's possessive, and the
    /// bare form keeps its own meaning (the plural) too.
    static let possessives = compiledDetector(
        """
        language: en
        moves:
          deflect:
            patterns: ["(the|it's the) courier's fault", "chef's decision"]
          amends:
            patterns: ["couriers (refund|pay)"]
        """)

    @Test(arguments: [
        ("its the couriers fault", ["deflect"]),
        ("that was the chefs decision", ["deflect"]),
        ("the couriers refund it", ["amends"]),
        ("the chefs were busy", []),
    ])
    func aPossessiveTypedWithoutItsApostropheIsRead(text: String, expected: [String]) {
        #expect(Self.possessives.detect(text).idList == expected)
    }

    @Test func aPossessiveReadingIsExplainedAsThePossessive() {
        let readings = Self.possessives.detect("that was the chefs decision").readings
        #expect(readings.map(\.description) == ["\"chefs\" read as \"chef's\""])
    }

    @Test func aSpellingOfACueIsACue() {
        #expect(ids("dont worry") == [])
        let detection = Self.detector.detect("dont discount it")
        #expect(detection.move(.amends) == nil)
        #expect(detection.rejected.first?.reason == .negated(cue: "dont"))
    }

    @Test(arguments: [
        ("I apologise for the inconvenence", ["apology"]),  // a letter left out
        ("I completly understand", ["empathy"]),  // a letter left out
        ("I completley understand", ["empathy"]),  // two letters swapped
        ("I compleeetly understand", []),  // two edits
        ("I appologise", ["apology"]),  // a letter added
        ("what an idiotic delay", ["rudeness"]),  // a stem, matched exactly
    ])
    func oneTypoInALongWordIsForgiven(text: String, expected: [String]) {
        #expect(ids(text) == expected)
    }

    @Test func aTypoNeverTouchesAWordsStartOrEndOrAShortStem() {
        // "xompletely": the first letters are never edited.
        #expect(ids("I xompletely understand") == [])
        // "inconveniencs": the last letter is never edited.
        #expect(ids("sorry for the inconveniencs") == [])
        // "discounts" is a stem match; "dizcount" reaches the 8-letter stem through a typo,
        // but "idioms" is too short to be read as a typo of "idiot*".
        #expect(ids("we can dizcount it") == ["amends"])
        #expect(ids("those idioms") == [])
    }

    @Test func aDetectionSaysWhichWordsItReadAsOthers() {
        let readings = Self.detector.detect("dont worry ill call them, I completly understand").readings
        #expect(readings.map(\.description) == [
            "\"dont\" read as \"don't\"", "\"ill\" read as \"i'll\"", "\"completly\" read with one typo",
        ])
        #expect(readings.map(\.start) == [0, 11, 28])
        #expect(Self.detector.detect("I'll call them").readings.isEmpty)
    }

    @Test func aMoveWithoutTyposNeverTakesOne() {
        #expect(ids("how pathetic") == ["rudeness"])
        let detection = Self.detector.detect("how pathettic")
        #expect(detection.idList == [])
        #expect(detection.rejected.map(\.reason) == [.typo(word: "pathettic")])
    }

    @Test func aTypoInAGapIsNotTheMatchsTypo() {
        // "inconvenence" is read as a typo, but it only fills the gap of "you ~3 on purpose".
        #expect(ids("you inconvenence us on purpose").contains("rudeness"))
    }

    @Test func anApostropheIsNeverEdited() {
        // "completel'y" would be one substitution away from "completely".
        #expect(ids("I completel'y understand") == [])
    }

    @Test func typoToleranceCanBeTurnedOff() throws {
        let text = Self.lexiconText.replacingOccurrences(of: "typo-tolerance: 7", with: "typo-tolerance: 0")
        let (lexicon, diagnostics) = Fixtures.lexicon(text)
        let detector = MoveDetector(lexicon: try #require(lexicon, "\(diagnostics)"))
        #expect(detector.detect("I completly understand").idList == [])
        #expect(detector.detect("I completely understand").idList == ["empathy"])
    }

    @Test(arguments: [
        ("dont worry ill call them", ["plan"]),
        ("don't worry but I'll ring you", ["plan"]),
        ("I can't discount it", ["limit"]),
    ])
    func aBarrierStopsANegationCue(text: String, expected: [String]) {
        #expect(ids(text) == expected)
    }

    @Test func aLimitSuppressesEveryAmendsInItsClause() {
        let detection = Self.detector.detect("I can't discount the price or give a free case")
        #expect(detection.idList == ["limit"])
        #expect(detection.rejected.contains { $0.id == .amends && $0.reason == .suppressedInClause(by: .limit) })
        // A comma ends the clause: what follows is offered.
        #expect(ids("I can't give you a free phone, but a free month is yours") == ["limit", "amends"])
    }

    @Test(arguments: [
        ("normalise:\n  spellings: {\"dont worry\": \"don't\"}", "LEX-SPELLING", 3, 15),
        ("normalise:\n  spellings: {thx: \"thank you\"}", "LEX-SPELLING", 3, 20),
        ("negation:\n  barriers: [\"but then\"]", "LEX-CUE", 3, 14),
        ("normalise:\n  typo-tolerance: 99", "RANGE", 3, 19),
    ])
    func badSettingsAreReportedWhereTheyAreWritten(setting: String, code: String, line: Int, column: Int) {
        expectDiagnostic(code, at: line, column, loading: "language: en\n\(setting)\nmoves: {}\n")
    }
}

/// Clause facts: named patterns that say something about the clause or sentence they stand
/// in, and the moves whose `clause:` filter uses them.
@Suite struct ClauseFactTests {
    static let detector = compiledDetector(
            """
            language: en
            clause-facts:
              warning:
                scope: sentence
                patterns: ["< if ~4 (continue|carry on|again)"]
              third-party:
                patterns: ["< (they|they'll|he|she|the courier)"]
              asking:
                scope: sentence
                patterns: ["?"]
              first-person:
                patterns: ["< (i|we|i'll|we'll|i'm|we're)"]
            moves:
              escalate:
                patterns: ["(hand|pass|put) ~5 (manager|team leader)"]
                clause: {none: [warning]}
              apology:
                patterns: ["apologi*", "sorry"]
                clause: {none: [third-party]}
              plan:
                patterns: ["call ~2 (courier|them)"]
                clause: {any: [first-person], none: [asking]}
            """)

    func ids(_ text: String) -> [String] { Self.detector.detect(text).idList }

    @Test(arguments: [
        ("If the remarks continue, I'll hand the call to my team leader", [String]()),
        ("I'll hand the call to my team leader", ["escalate"]),
        // The fact holds for its own sentence only.
        ("If it happens again, tell me. I'll pass you to my manager now", ["escalate"]),
        ("They'll apologise to you", []),
        ("I apologise, they were late", ["apology"]),
        ("the courier said sorry", []),
        ("I'll call the courier", ["plan"]),
        ("we will call them today", ["plan"]),
        ("you could call them", []),
        // A fact seen by its "?" holds for the sentence the mark ends, not the next one.
        ("shall I call the courier?", []),
        ("Your order number? I'll call the courier", ["plan"]),
    ])
    func aMoveKeepsOnlyMatchesWhoseClauseFitsItsFilter(text: String, expected: [String]) {
        #expect(ids(text) == expected)
    }

    @Test func aRejectionNamesTheFactAndItsWords() {
        let detection = Self.detector.detect("They'll apologise to you")
        #expect(detection.rejected.map(\.reason) == [.clauseHas(fact: "third-party", words: "They'll")])
        let lacking = Self.detector.detect("you could call them").rejected
        #expect(lacking.map(\.reason) == [.clauseLacks(facts: ["first-person"])])
        #expect(lacking.first?.reason.description == "its clause is not first-person")
    }

    /// A fact of the whole reply: plain typists put the account of a fault and the owning of
    /// it in sentences of their own, and the owning still makes the account a cause.
    static let owning = compiledDetector(
        """
        language: en
        clause-facts:
          owned:
            scope: reply
            patterns: ["our (mistake|fault)"]
          owned-here:
            scope: sentence
            patterns: ["our (mistake|fault)"]
        moves:
          excuse:
            patterns: ["new system"]
            clause: {none: [owned]}
          deflect:
            patterns: ["not my department"]
            clause: {none: [owned-here]}
        """)

    @Test(arguments: [
        ("We moved to a new system. Some bookings were lost. That's our mistake.", [String]()),
        ("That's our fault. We moved to a new system, so a few got lost.", []),
        ("We moved to a new system, so a few got lost.", ["excuse"]),
        // A sentence-wide fact still ends with its sentence.
        ("That's our fault. Refunds are not my department though.", ["deflect"]),
    ])
    func aReplyWideFactHoldsInEverySentence(text: String, expected: [String]) {
        #expect(Self.owning.detect(text).idList == expected)
    }

    @Test(arguments: [
        ("clause-facts:\n  past: {patterns: [was], scope: paragraph}\nmoves: {}", "LEX-FACT", 3, 34),
        ("clause-facts:\n  past: {patterns: [was]}\nmoves:\n  plan: {patterns: [call], clause: {none: [pats]}}", "LEX-FACT", 5, 44),
        ("clause-facts:\n  \"two words\": {patterns: [was]}\nmoves: {}", "LEX-FACT", 3, 3),
    ])
    func badFactsAreReportedWhereTheyAreWritten(text: String, code: String, line: Int, column: Int) {
        expectDiagnostic(code, at: line, column, loading: "language: en\n\(text)\n")
    }

    /// A pattern may carry its own filter: irony is a frame ("oh well done") said about a
    /// slip of the customer's, which one fact can stand for across every frame.
    static let framed = compiledDetector(
        """
        language: en
        clause-facts:
          customer-slip:
            scope: sentence
            patterns: ["you (forgot|lost|missed|broke|deleted)"]
        moves:
          sarcasm:
            patterns:
              - {pattern: "(well done|congratulations|bravo|genius)", clause: {any: [customer-slip]}}
              - "yeah right"
          thanks:
            patterns: ["thank you"]
        """)

    @Test(arguments: [
        ("Well done, you forgot the password again.", ["sarcasm"]),
        ("Bravo, you deleted the whole account.", ["sarcasm"]),
        ("Well done on finishing the form!", [String]()),
        ("Congratulations on the new house.", []),
        // The move's other patterns are not filtered.
        ("yeah right", ["sarcasm"]),
    ])
    func aPatternsOwnFilterAppliesToItAlone(text: String, expected: [String]) {
        #expect(Self.framed.detect(text).idList == expected)
    }

    @Test func aPatternsOwnFilterIsExplained() {
        let rejected = Self.framed.detect("Well done on finishing the form!").rejected
        #expect(rejected.map(\.reason) == [.clauseLacks(facts: ["customer-slip"])])
    }

    @Test(arguments: [
        ("clause-facts:\n  past: {patterns: [was]}\nmoves:\n  plan:\n    patterns:\n      - {pattern: call, clause: {none: [pats]}}",
         "LEX-FACT", 7, 41),
        ("moves:\n  plan:\n    patterns:\n      - {pattern: call}", "MISSING-KEY", 5, 9),
        ("moves:\n  plan:\n    patterns:\n      - {pattern: \"(call\", clause: {}}", "LEX-PATTERN", 5, 20),
    ])
    func badPatternFiltersAreReportedWhereTheyAreWritten(text: String, code: String, line: Int, column: Int) {
        expectDiagnostic(code, at: line, column, loading: "language: en\n\(text)\n")
    }
}

/// `name-forms: not-endings:` keeps a patronymic from being read as the customer's surname.
@Suite struct NameEndingTests {
    @Test(arguments: [
        ("Спасибо, господин Петров", true),
        ("Передам Петрову", true),
        ("Спасибо, Сергей Петрович", false),
        ("Анна Петровна уже в курсе", false),
        ("Петровичем займётся коллега", false),
    ])
    func aPatronymicIsNotTheCustomersName(text: String, isName: Bool) throws {
        let detector = try #require(Fixtures.detector("ru"))
        #expect(detector.detect(text, names: detector.customerNames(["Петров"])).contains(.name) == isName)
    }
}

/// `fillers:` lets `<` match after the words a speaker puts before a sentence's first word.
@Suite struct FillerTests {
    static let detector = compiledDetector(
            """
            language: en
            fillers: [so, um, ok, well]
            moves:
              question:
                patterns: ["< what happened"]
            """)

    @Test(arguments: [
        ("what happened", true),
        ("so um what happened", true),
        ("Thanks. ok well what happened", true),
        // Only at a sentence's start: "so" after other words is just a word.
        ("tell me so what happened", false),
        ("and what happened", false),
    ])
    func aSentenceMayStartAfterFillers(text: String, found: Bool) {
        #expect(Self.detector.detect(text).contains(.question) == found)
    }

    @Test func aFillerIsOneWord() {
        let (_, diagnostics) = Fixtures.lexicon("language: en\nfillers: [so, \"you know\"]\nmoves: {}\n")
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["LEX-FILLER"])
        #expect(errors.first?.location?.line == 2)
    }
}
