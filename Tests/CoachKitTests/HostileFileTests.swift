import Foundation
import Testing

@testable import CoachKit

/// Numbers and nesting in a trainer's file that once crashed coach are diagnostics now.
@Suite struct HostileFileTests {
    @Test func tenThousandNestedBracketsInAPatternAreAnErrorNotAStackOverflow() throws {
        let deep = String(repeating: "(", count: 10_678) + "x" + String(repeating: ")", count: 10_678)
        let parser = PatternParser(tokenizer: Fixtures.miniLexicon.tokenizer)
        #expect(throws: PatternSyntaxError.self) { try parser.parse(deep) }
        do {
            _ = try parser.parse(deep)
        } catch {
            #expect(error.message == "brackets are nested more than 32 deep")
            #expect(error.offset == 32)
        }
        // 32 levels are fine.
        let allowed = String(repeating: "(", count: 31) + "(x)" + String(repeating: ")", count: 31)
        #expect((try? parser.parse(allowed)) != nil)
    }

    @Test(arguments: ["> 1e19", "< -9223372036854775808", ">= 1000001"])
    func aGuardNumberBeyondAMillionIsAnError(comparison: String) throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "      - if: {any: [dismiss, rudeness]}", with: "      - if: {any: [dismiss, rudeness], turn: \"\(comparison)\"}")
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.filter { $0.code == "COMPARISON" }.count == 1)
    }

    @Test(arguments: [
        ("anger: {initial: 50, max-ending: lost}", "anger: {initial: 50, min: -1e9, max-ending: lost}"),
        ("anger: {initial: 50, max-ending: lost}", "anger: {initial: 50, max: 1e300, max-ending: lost}"),
        ("mood: {anger: +10}", "mood: {anger: +1e300}"),
        ("mood: {anger: -10}", "mood: {anger: -100000000000}"),
    ])
    func aMoodNumberBeyondAMillionIsAnError(original: String, hostile: String) throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        #expect(text.contains(original))
        text = text.replacingOccurrences(of: original, with: hostile)
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.filter { $0.code == "RANGE" }.count == 1)
    }

    @Test(arguments: ["1e308", "-1", "101"])
    func aCategoryWeightOutsideZeroToAHundredIsAnError(weight: String) throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-rubric.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "composure: {base: 20}", with: "composure: {base: 20, weight: \(weight)}")
        var diagnostics = DiagnosticCollector()
        _ = RubricLoader.load(text: text, file: "rubric.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.filter { $0.code == "RANGE" }.count == 1)
    }

    /// 3,000 patterns that all begin with "please", each written so that no two share a
    /// beginning ("(please|q7) ~ w7"): the shape that once made a 100 KB reply take minutes.
    static func fanningLexicon(patterns count: Int) -> String {
        let patterns = (0..<count).map { "    - \"(please|q\($0)) ~ w\($0)\"" }.joined(separator: "\n")
        return "language: en\nmoves:\n  apology:\n    patterns:\n" + patterns + "\n"
    }

    @Test func aWordThatBeginsThousandsOfPatternsIsALintErrorAtItsFirstPattern() throws {
        let diagnostics = Linter.lint(text: Self.fanningLexicon(patterns: 3_000), file: "/lexicons/en.yaml", library: Fixtures.library)
        let fanOut = diagnostics.filter { $0.code == "LEX-FANOUT" }
        #expect(fanOut.count == 2)
        #expect(fanOut.allSatisfy { $0.severity == .error && $0.location?.line == 5 && $0.location?.column == 7 })
        #expect(fanOut.contains { $0.message.hasPrefix("the word 'please' can begin 3000 patterns (at most 2048)") })
        #expect(fanOut.contains { $0.message.hasPrefix("the word 'please' is in 3004 different choices and stems (at most 1024)") })
        // Under the limits, no such error.
        let fine = Linter.lint(text: Self.fanningLexicon(patterns: 900), file: "/lexicons/en.yaml", library: Fixtures.library)
        #expect(!fine.contains { $0.code == "LEX-FANOUT" })
    }

    @Test func matchingLooksAtABoundedNumberOfPatternsPerWordWhateverTheLexicon() throws {
        let (lexicon, diagnostics) = Fixtures.lexicon(Self.fanningLexicon(patterns: 3_000))
        let detector = MoveDetector(lexicon: try #require(lexicon, "\(diagnostics)"))
        // The first patterns of the word are tried, in the lexicon's order; past the limits,
        // none: the work per word has a ceiling.
        #expect(detector.detect("please w5").contains(.apology))
        #expect(detector.detect("please w1000").contains(.apology))
        #expect(!detector.detect("please w2999").contains(.apology))
        let automaton = detector.automaton
        let atoms = automaton.atoms(of: detector.tokenizer.tokenize("please"))
        #expect(atoms.offsets[2] - atoms.offsets[1] == Int32(MoveAutomaton.tokenAtomLimit + 1))
    }

    @Test(arguments: ["en", "ru"])
    func theShippedLexiconsStayWellUnderTheFanOutLimits(language: String) throws {
        let automaton = try #require(Fixtures.detector(language)).automaton
        #expect(automaton.widestWord(by: \.starts).starts * 3 < MoveAutomaton.tokenStartLimit)
        #expect(automaton.widestWord(by: \.atoms).atoms * 2 < MoveAutomaton.tokenAtomLimit)
    }
}
