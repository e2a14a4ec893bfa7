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
}
