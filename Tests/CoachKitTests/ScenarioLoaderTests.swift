import Testing

@testable import CoachKit

@Suite struct ScenarioLoaderTests {
    /// A valid scenario; each case below breaks one thing in it.
    static let base = """
        id: base
        title: Base
        kind: genuine-grievance
        difficulty: 2
        language: en
        briefing: Test.
        customer:
          names: [Anna Varga]
        mood:
          anger: {initial: 50, max-ending: lost}
        start: open
        states:
          open:
            say: Hello.
            on:
              - if: {any: [question]}
                mood: {anger: -10}
                goto: done
            fallback: {say: [Hm?], limit: 2, goto: lost}
        endings:
          done: {outcome: resolved}
          lost: {outcome: customer-lost}
        """

    func load(_ text: String) -> (Scenario?, [Diagnostic]) {
        var diagnostics = DiagnosticCollector()
        let scenario = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        return (scenario, diagnostics.sorted)
    }

    @Test func theBaseLoadsCleanly() throws {
        let (scenario, diagnostics) = load(Self.base)
        #expect(diagnostics.isEmpty)
        #expect(try #require(scenario).stateOrder == ["open"])
    }

    @Test(arguments: [
        ("title: Base", "title: [Base", "YAML-SYNTAX", 3, 5),
        ("difficulty: 2", "difficulty: hard", "TYPE", 4, 13),
        ("difficulty: 2", "difficulty: 5", "RANGE", 4, 13),
        ("title: Base", "titel: Base", "UNKNOWN-KEY", 2, 1),
        ("briefing: Test.\n", "", "MISSING-KEY", 1, 1),
        ("goto: done", "goto: dnoe", "SCN-UNKNOWN-TARGET", 18, 15),
        ("start: open", "start: opne", "SCN-UNKNOWN-STATE", 11, 8),
        ("any: [question]", "any: [questoin]", "UNKNOWN-MOVE", 16, 20),
        ("mood: {anger: -10}", "mood: {angr: -10}", "SCN-UNKNOWN-MOOD", 17, 16),
        ("  lost: {outcome: customer-lost}", "  lost: {outcome: customer-lost}\n  open: {outcome: resolved}", "SCN-DUPLICATE-ID", 23, 3),
        ("kind: genuine-grievance", "kind: angry", "SCN-KIND", 3, 7),
        ("  anger: {initial: 50, max-ending: lost}", "  anger: {initial: 50, max-ending: lost}\n  anger: {initial: 5}", "YAML-DUPLICATE-KEY", 11, 3),
        ("if: {any: [question]}", "if: {turn: soon}", "COMPARISON", 16, 20),
        ("max-ending: lost", "max-ending: gone", "SCN-UNKNOWN-TARGET", 10, 3),
        ("outcome: resolved", "outcome: happy", "SCN-OUTCOME", 21, 19),
    ] as [(String, String, String, Int, Int)])
    func reportsEachProblemWithItsPlace(find: String, replace: String, code: String, line: Int, column: Int)
        throws
    {
        let text = Self.base.replacingOccurrences(of: find, with: replace)
        #expect(text != Self.base)
        let (scenario, diagnostics) = load(text)
        #expect(scenario == nil)
        let error = try #require(diagnostics.first { $0.code == code }, "\(diagnostics)")
        #expect(error.severity == .error)
        #expect(error.location?.line == line, "\(error)")
        #expect(error.location?.column == column, "\(error)")
    }

    @Test func aTransitionSaysOneLineInParts() throws {
        let text = Self.base.replacingOccurrences(
            of: "mood: {anger: -10}", with: "mood: {anger: -10}\n        say: [\"Right.\", \"Go on, then.\"]")
        let (scenario, diagnostics) = load(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let transition = try #require(scenario?.states["open"]?.on.first)
        #expect(transition.say.map(\.parts) == [["Right.", "Go on, then."]])
        // A list of lists is variants, said in turn.
        let variants = Self.base.replacingOccurrences(
            of: "mood: {anger: -10}", with: "mood: {anger: -10}\n        say: [[\"Right.\"], [\"Fine.\", \"Go on.\"]]")
        let loaded = load(variants)
        #expect(loaded.1.isEmpty, "\(loaded.1)")
        #expect(loaded.0?.states["open"]?.on.first?.say.map(\.parts) == [["Right."], ["Fine.", "Go on."]])
    }

    @Test func misspeltKeysGetASuggestion() {
        let (_, diagnostics) = load(Self.base.replacingOccurrences(of: "title: Base", with: "titel: Base"))
        #expect(diagnostics.first { $0.code == "UNKNOWN-KEY" }?.message.contains("did you mean 'title'") == true)
    }

    @Test func unreachableStatesAreWarnedAbout() {
        let text = Self.base.replacingOccurrences(
            of: "endings:", with: "  island:\n    say: Nobody comes here.\nendings:")
        let (scenario, diagnostics) = load(text)
        #expect(scenario != nil)
        #expect(diagnostics.map(\.code) == ["SCN-UNREACHABLE"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location == CoachKit.SourceLocation(file: "s.yaml", line: 20, column: 3))
    }

    @Test func aConversationThatCannotEndIsAnError() {
        let text = Self.base
            .replacingOccurrences(of: "goto: done", with: "goto: open")
            .replacingOccurrences(of: "fallback: {say: [Hm?], limit: 2, goto: lost}", with: "fallback: {say: [Hm?]}")
            .replacingOccurrences(of: ", max-ending: lost", with: "")
        let (scenario, diagnostics) = load(text)
        #expect(scenario == nil)
        #expect(diagnostics.map(\.code).contains("SCN-NO-ENDING"))
        let error = diagnostics.first { $0.code == "SCN-NO-ENDING" }
        #expect(error?.location == CoachKit.SourceLocation(file: "s.yaml", line: 13, column: 3))
    }

    @Test func hugeAndHostileFilesAreRefusedWithAMessage() {
        let (_, nested) = load("id: [" + String(repeating: "[", count: 10_000))
        #expect(nested.map(\.code) == ["YAML-LIMIT"])
        #expect(nested.first?.location == CoachKit.SourceLocation(file: "s.yaml", line: 1, column: 53))
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...7 { bomb += "b\(level): &b\(level) [\(Array(repeating: level == 1 ? "*a" : "*b\(level - 1)", count: 10).joined(separator: ", "))]\n" }
        let (_, expanded) = load(bomb)
        #expect(expanded.map(\.code) == ["YAML-LIMIT"])
    }

    @Test func everyProblemIsReportedInOnePass() {
        let text = Self.base
            .replacingOccurrences(of: "title: Base", with: "titel: Base")
            .replacingOccurrences(of: "goto: done", with: "goto: dnoe")
            .replacingOccurrences(of: "any: [question]", with: "any: [questoin]")
        let codes = Set(load(text).1.map(\.code))
        // "titel" is read as the title it was meant to be: one error, not a second "missing title".
        #expect(codes == ["UNKNOWN-KEY", "SCN-UNKNOWN-TARGET", "UNKNOWN-MOVE"])
    }
}
