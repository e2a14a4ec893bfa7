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

    @Test(arguments: ["1e308", "-1", "101"])
    func aCategoryWeightOutsideZeroToAHundredIsAnError(weight: String) throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-rubric.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "composure: {base: 20}", with: "composure: {base: 20, weight: \(weight)}")
        var diagnostics = DiagnosticCollector()
        _ = RubricLoader.load(text: text, file: "rubric.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.filter { $0.code == "RANGE" }.count == 1)
    }
}
