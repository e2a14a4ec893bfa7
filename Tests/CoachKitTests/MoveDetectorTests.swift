import Testing

@testable import CoachKit

@Suite struct MoveDetectorTests {
    let detector = Fixtures.miniDetector

    func ids(_ text: String, customer: [String] = []) -> [String] {
        detector.detect(text, names: detector.customerNames(customer)).idList
    }

    @Test func findsSeveralMovesWithEvidence() {
        let detection = detector.detect(
            "I'm so sorry, Mrs. Varga, I'll call the courier today", names: detector.customerNames(["Varga"]))
        #expect(detection.idList == ["apology", "name", "plan", "deadline"])
        #expect(detection.move(.apology)?.evidence == "I'm so sorry")
        #expect(detection.move(.name)?.evidence == "Mrs. Varga")
        #expect(detection.move(.plan)?.evidence == "I'll call the courier")
        let deadline = detection.move(.deadline)!
        #expect((deadline.start, deadline.end) == (48, 53))
    }

    @Test(arguments: [
        ("I'm not sorry", [String]()),
        ("I won't apologise", []),
        ("No, I'm sorry", ["contradict", "apology"]),
        ("I can't apologise enough", ["apology"]),
        ("It's not my department", ["deflect"]),
    ])
    func negationHasAScope(text: String, expected: [String]) {
        #expect(ids(text) == expected)
    }

    @Test func aNegatedLongMatchLeavesALaterShortOne() {
        // "don't" reaches "I will" but not "call": the pattern's later match stands.
        let detection = detector.detect("Don't worry I will call the courier")
        #expect(detection.move(.plan)?.evidence == "call the courier")
        #expect(detection.rejected.map(\.evidence) == ["I will call the courier"])
        #expect(ids("I will not call the courier") == [])
    }

    @Test func exceptionsAndSuppressionResolveAmbiguity() {
        #expect(ids("No problem at all") == [])
        #expect(ids("Sorry to hear that") == ["empathy"])
        #expect(ids("Sorry, but that's not my department") == ["apology", "deflect"])
        #expect(ids("please calm down") == ["please", "dismiss"])
        let rejected = detector.detect("Sorry to hear that").rejected
        #expect(rejected.map(\.reason) == [.suppressed(by: .empathy)])
    }

    @Test func anExceptJudgesTheWordsThePatternMatched() throws {
        let (lexicon, diagnostics) = Fixtures.lexicon(
            """
            language: en
            moves:
              question:
                patterns: ["?", "right >"]
                except: ["(that's|that is) right"]
            """)
        let detector = MoveDetector(lexicon: try #require(lexicon, "\(diagnostics)"))
        // "?" quotes its whole sentence, yet only the mark is its match: the except leaves it.
        #expect(detector.detect("Is that right?").move(.question)?.evidence == "Is that right?")
        #expect(detector.detect("That's right?").move(.question)?.evidence == "That's right?")
        // The tag pattern matched "right", which the except covers.
        #expect(detector.detect("That's right.").move(.question) == nil)
        #expect(detector.detect("That's right.").rejected.map(\.evidence) == ["right"])
        #expect(detector.detect("You ordered it on Monday, right").move(.question)?.evidence == "right")
    }

    /// A customer whose name is also a word (Nagy is "big" in Hungarian, Negru "black" in
    /// Romanian): the `name` move's `except:` keeps the word from reading as the name.
    @Test func aNameThatIsAlsoAWordYieldsToTheNameExcept() throws {
        let (lexicon, diagnostics) = Fixtures.lexicon(
            """
            language: en
            moves:
              name:
                patterns: []
                except: ["(a|the|so|very) black", "black (model|one|colour|color)"]
            """)
        let detector = MoveDetector(lexicon: try #require(lexicon, "\(diagnostics)"))
        let names = detector.customerNames(["Tom Black", "Mr Black"])
        #expect(detector.detect("Thank you, Mr Black.", names: names).move(.name)?.evidence == "Mr Black")
        #expect(detector.detect("Black, I hear you.", names: names).move(.name)?.evidence == "Black")
        let colour = detector.detect("We have the black one in stock.", names: names)
        #expect(colour.move(.name) == nil)
        #expect(colour.rejected.map(\.evidence) == ["black"])
    }

    @Test func anchorsAndMarks() {
        #expect(ids("No.") == ["contradict"])
        #expect(ids("I said no") == [])
        #expect(ids("That was today, right?") == ["question", "deadline"])
        #expect(detector.detect("Fine. What happened?").move(.question)?.evidence == "What happened?")
    }

    @Test func bareDemandNeedsNoCourtesy() {
        #expect(ids("Account number?") == ["bare-demand", "question"])
        #expect(ids("Account number, please?") == ["question", "please"])
        #expect(ids("Thanks. Order number?") == ["thanks", "question"])
    }

    @Test(arguments: [
        ("I AM TRYING TO HELP", true), ("WHY?", false), ("I live in the USA now", false), ("Stop it!!!", true),
        ("Stop it!", false), ("Okay OK", false),
    ])
    func shouting(text: String, shouts: Bool) {
        #expect(detector.detect(text).contains(.shouting) == shouts)
    }

    @Test func namesAreMatchedInflectedAndWithTitles() {
        #expect(ids("Thank you, Mrs Varga's team", customer: ["Anna Varga"]) == ["thanks", "name"])
        #expect(ids("Vargaland is far", customer: ["Anna Varga"]) == [])
        #expect(ids("Hello Anna", customer: ["Anna Varga"]) == ["name"])
        #expect(ids("Hello Mrs", customer: ["Mrs Varga"]) == [])
    }

    @Test(arguments: [
        ("Hello Mrs O'Sullivan", "Mrs O'Sullivan"), ("hello mrs osullivan", "mrs osullivan"),
        ("hi mrs o sullivan", "sullivan"), ("Hi Ms. O’Sullivan", "Ms. O’Sullivan"), ("hello siobhan", "siobhan"),
    ])
    func aNameWithAnApostropheIsFoundTypedWithoutIt(text: String, evidence: String) {
        let detection = detector.detect(text, names: detector.customerNames(["Siobhan O'Sullivan"]))
        #expect(detection.move(.name)?.evidence == evidence)
    }

    @Test func emptyAndOddInputGiveNoMoves() {
        #expect(ids("") == [])
        #expect(ids("   \t ") == [])
        #expect(ids("\u{0}\u{1}\u{FFFD}") == [])
        #expect(ids("?!?!") == ["question", "shouting"] || ids("?!?!") == ["question"])
    }

    @Test func hugeRepliesAreHandled() {
        // A megabyte of words: linear work, no crash; the evidence is still right.
        let text = String(repeating: "sorry calm down ", count: 65_536)
        let detection = detector.detect(text)
        #expect(detection.idList == ["apology", "dismiss"])
        #expect(detection.move(.dismiss)?.start == 6)
    }

    @Test func everyExampleOfTheTestLexiconHolds() {
        #expect(LexiconCheck.run(Fixtures.miniLexicon).isEmpty)
    }
}
