import Foundation
import Testing

@testable import CoachKit

/// The mistakes trainers make most, each said once, at its place, with what to do.
@Suite struct PlainWordsDiagnosticsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var find: String
        var replace: String
        var code: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { code + " " + message }
    }

    static let cases: [Case] = [
        Case(find: "briefing: For unit tests.", replace: "briefing: Note: this is for unit tests.", code: "YAML-SYNTAX",
             line: 6, column: 15, message: "a value with ': ' in it must be quoted"),
        Case(find: "turn-limit: 6", replace: "turn-limit: 6\n\tfoo: 1", code: "YAML-SYNTAX",
             line: 8, column: 1, message: "use spaces, not a tab, to indent"),
        Case(find: "      - if: {any: [dismiss, rudeness]}", replace: "      - if:\n          turn: > 10", code: "YAML-SYNTAX",
             line: 30, column: 19, message: "'>' and '|' begin a block of text; to compare with a number, quote it"),
        Case(find: "briefing: For unit tests.", replace: "briefing: @home", code: "YAML-SYNTAX",
             line: 6, column: 11, message: "a value cannot begin with '@': put it in double quotes"),
        Case(find: "briefing: For unit tests.", replace: "briefing: \"C:\\path\"", code: "YAML-SYNTAX",
             line: 6, column: 14, message: "in double quotes a backslash begins an escape"),
        Case(find: "briefing: For unit tests.", replace: "briefing: *nothing", code: "YAML-ALIAS",
             line: 6, column: 11, message: "found undefined alias: define the anchor (&name) before the alias (*name)"),
        Case(find: "start: open\n", replace: "", code: "MISSING-KEY",
             line: 17, column: 1, message: "a scenario needs the key 'start': the state it begins in (one of: open, details, closing)"),
        Case(find: "    say: Order PX-48213.", replace: "    says: Order PX-48213.", code: "UNKNOWN-KEY",
             line: 37, column: 5, message: "unknown key 'says' in the state 'details' (did you mean 'say'?)"),
        Case(find: "guidelines: [G18]", replace: "guidelines: [G18, G99]", code: "SCN-GUIDELINE",
             line: 40, column: 101, message: "'G99' is not a guideline id (G1–G46)"),
        Case(find: "    hint: Ask first.", replace: "    hint: Ask first.\n    provokes: yes", code: "TYPE",
             line: 25, column: 15, message: "provokes must be true or false; YAML reads 'yes' as text"),
    ]

    @Test(arguments: cases)
    func aMistakeIsOneDiagnosticAtItsPlace(mistake: Case) throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        #expect(text.contains(mistake.find))
        text = text.replacingOccurrences(of: mistake.find, with: mistake.replace)
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        // Said once: no follow-on errors or warnings that bury the cause.
        #expect(diagnostics.diagnostics.count == 1, "\(diagnostics.diagnostics)")
        let found = try #require(diagnostics.diagnostics.first)
        #expect(found.code == mistake.code)
        #expect(found.message.hasPrefix(mistake.message), "\(found.message)")
        #expect(found.location?.line == mistake.line && found.location?.column == mistake.column, "\(found)")
    }

    @Test func mergeKeysShareAMappingAndXKeysHoldTheAnchors() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "endings:\n  done: {outcome: resolved, say: Thanks.}\n  lost: {outcome: customer-lost, say: Bye.}",
            with: "x-endings:\n  gone: &gone {outcome: customer-lost, say: Bye.}\nendings:\n  done: {outcome: resolved, say: Thanks.}\n  lost: {<<: *gone, say: Goodbye.}")
        var diagnostics = DiagnosticCollector()
        let scenario = try #require(ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics))
        #expect(diagnostics.diagnostics.isEmpty, "\(diagnostics.diagnostics)")
        // The merged key, and the key written beside the merge winning over the merged one.
        #expect(scenario.endings["lost"]?.outcome == .customerLost)
        #expect(scenario.endings["lost"]?.say.map(\.parts) == [["Goodbye."]])
    }

    @Test func aMergeOfSomethingThatIsNotAMappingSaysSo() throws {
        var diagnostics = DiagnosticCollector()
        _ = YAMLDocument.parse(text: "a: &x [1, 2]\nb: {<<: *x, c: 3}\n", file: "f.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.map(\.code) == ["YAML-MERGE"])
    }

    @Test func aNoEventsIdThatIsNoRuleFailsTheTestInsteadOfPassingIt() throws {
        let here = SourceLocation(file: "t.yaml", line: 1, column: 1)
        var test = TranscriptTest(
            name: "t", steps: [.reply("What happened?", interrupt: false)], expect: .init(location: here), location: here)
        test.expect.noEvents = ["hollw"]
        let result = TranscriptRunner.run(test, setup: Fixtures.tinySetup)
        #expect(result.failures.contains { $0.hasPrefix("no-events: 'hollw' is not a rule (did you mean 'hollow'?)") })
        test.expect.noEvents = ["hollow"]
        #expect(TranscriptRunner.run(test, setup: Fixtures.tinySetup).failures.isEmpty)
    }
}
