import Testing

@testable import CoachKit

/// A scenario's own words for moves (`phrases:`): they count in that scenario only, parse
/// with the lexicon's syntax and definitions, and a broken one is an error at its place.
@Suite struct ScenarioPhrasesTests {
    static let phrases = """
        phrases:
          amends: ["take (it|that) off the bill", "throw in $dessert"]
          referral: [front desk]
        start: open
        """

    static func setup(_ edit: String, lexiconDefines: String = "") throws -> (Setup?, [Diagnostic]) {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "start: open", with: edit)
        var diagnostics = DiagnosticCollector()
        let scenario = try #require(ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics))
        var lexicon = Fixtures.miniLexicon
        let parser = PatternParser(tokenizer: lexicon.tokenizer)
        lexicon.definitions["dessert"] = try parser.parseDefinition("[a|the] (dessert|pudding|cake)")
        let made = Setup.make(scenario, rubric: Fixtures.tinySetup.rubric, lexicon: lexicon, diagnostics: &diagnostics)
        return (made, diagnostics.diagnostics)
    }

    @Test func aScenariosPhrasesAreReadAsTheirMovesInThatScenarioOnly() throws {
        let (made, diagnostics) = try Self.setup(Self.phrases)
        let setup = try #require(made, "\(diagnostics)")
        #expect(setup.detector.detect("I'll take that off the bill").contains(.amends))
        #expect(setup.detector.detect("we could throw in the cake").contains(.amends))
        #expect(setup.detector.detect("ask the front desk").contains(.referral))
        // The lexicon's own rules apply to them: a negation cue before a phrase drops it.
        #expect(!setup.detector.detect("I can't take it off the bill").contains(.amends))
        // Without the phrases, the same lexicon reads none of it.
        #expect(!Fixtures.miniDetector.detect("I'll take that off the bill").contains(.amends))
    }

    @Test func aPhraseMayWriteAPriceWithItsCurrencySign() throws {
        let (made, diagnostics) = try Self.setup("phrases:\n  amends: [\"(5|10) € (voucher|credit)\"]\nstart: open")
        let setup = try #require(made, "\(diagnostics)")
        for reply in ["here is a 10 € voucher", "here is a €10 credit", "a 10 voucher for you"] {
            #expect(setup.detector.detect(reply).contains(.amends), "\(reply)")
        }
    }

    @Test func aPhraseThatDoesNotParseIsAnErrorAtItsPlaceAndTheScenarioIsNotPlayed() throws {
        let (made, diagnostics) = try Self.setup("phrases:\n  amends: [\"take (it off the bill\"]\nstart: open")
        #expect(made == nil)
        let error = try #require(diagnostics.first { $0.code == "LEX-PATTERN" })
        #expect(error.location?.line == 18)
        #expect(error.location?.column == 18)  // the "(" that is never closed
    }

    @Test func aPhraseForAMoveThatDoesNotExistIsAnError() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "start: open", with: "phrases:\n  amend: [x]\nstart: open")
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.map(\.message) == ["unknown move 'amend' (did you mean 'amends'?)"])
    }

    /// A scenario's phrases compile into an automaton of their own beside the lexicon's
    /// (``MoveDetector/extended(to:)``), and every reply reads as if both were one: the same
    /// moves, words and sources, the same dropped matches and the same words read as typos.
    /// The phrases here are one typo away from the lexicon's words, so a word known to one
    /// automaton must stop the other from reading it as a typo.
    /// Threads that ask for one lexicon version at once (lint's workers, at their start)
    /// share one compile: the second waits for the first's detector instead of compiling
    /// the lexicon again. Two copies of one compiled detector share their storage.
    @Test func threadsAskingForOneLexiconAtOnceShareOneCompile() async throws {
        var lexicon = try #require(Fixtures.detector("en")).lexicon
        lexicon.version = "shared-compile-\(UInt64.random(in: 0...UInt64.max))"
        let asked = lexicon
        let detectors = await withTaskGroup(of: MoveDetector.self) { group in
            for _ in 0..<2 { group.addTask { MoveDetector.compiled(for: asked) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let storage = detectors.map { detector in detector.rules.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } }
        #expect(storage.count == 2 && storage[0] != 0)
        #expect(storage[0] == storage[1], "two compiles of one lexicon version")
    }

    @Test func phrasesBesideTheLexiconReadAsOneAutomatonOfBoth() throws {
        let base = try #require(Fixtures.detector("en")).lexicon
        let phrases = Fixtures.phrases([
            (.amends, "replacemint voucher"), (.referral, "compansation scheme"), (.exception, "just this once ~3 waive"),
            (.plan, "i'll (ring|phone) ~3 depot"), (.exception, "compansat* plan"),
        ])
        var diagnostics = DiagnosticCollector()
        let extended = base.adding(phrases, diagnostics: &diagnostics)
        #expect(!diagnostics.hasErrors)
        let whole = MoveDetector(lexicon: extended)
        let beside = MoveDetector.compiled(for: base).extended(to: extended)
        #expect(beside.added != nil && whole.added == nil)
        // The extended lexicon is not the file's any more: it is never given the file's detector.
        #expect(!base.version.isEmpty && extended.version.isEmpty)
        #expect(MoveDetector.compiled(for: extended).automatonSize == whole.automatonSize)
        let replies = [
            "We can give you a replacemint voucher today.",
            "A replacemint is on its way, and a replacement voucher too.",
            "I'll send a replacement tomorrow morning.",
            "we cant offer a replacemint voucher, sorry",
            "Please ask about the compensation scheme.",
            "ask about the compansatoin scheme",
            "Just this once I will waive the fee, Mrs Varga.",
            "I'll ring the depot now and call you back by 5.",
            "I won't ring the depot, but I'll phone the depot after lunch.",
            "i'll ring teh depot asap",
            "There is a compensation plan for this.",
            "the compansation plan covers it",
            "the compansatoin plan covers it",
            "This is ridiculous, you never listen!",
            "",
        ]
        for reply in replies {
            let one = whole.detect(reply), two = beside.detect(reply)
            #expect(one.moves == two.moves, "\(reply)")
            #expect(Set(one.rejected) == Set(two.rejected), "\(reply)")
            #expect(one.readings == two.readings, "\(reply)")
        }
        #expect(beside.detect("We can give you a replacemint voucher today.").contains(.amends))
        #expect(!beside.detect("ask about the compensation scheme").contains(.referral))
    }

}
