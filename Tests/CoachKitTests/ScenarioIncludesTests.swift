import Foundation
import Testing

@testable import CoachKit

/// `include:`: fragments of a library shared by its scenarios.
@Suite struct ScenarioIncludesTests {
    /// A library folder (a rubric marks it) with the tiny scenario and `fragments/`.
    struct Library {
        let root = NSTemporaryDirectory() + "coach-includes-" + UUID().uuidString

        init(fragments: [String: String], scenarioEdits: [(String, String)] = []) throws {
            let manager = FileManager.default
            try manager.createDirectory(atPath: root + "/fragments", withIntermediateDirectories: true)
            try manager.copyItem(atPath: Fixtures.path("tiny-rubric.yaml"), toPath: root + "/rubric.yaml")
            for (name, text) in fragments { try write(text, to: "fragments/\(name).yaml") }
            var scenario = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
            for (find, replace) in scenarioEdits {
                precondition(scenario.contains(find), "the tiny scenario has no '\(find)'")
                scenario = scenario.replacingOccurrences(of: find, with: replace)
            }
            try write(scenario, to: "s.yaml")
        }

        var scenario: String { root + "/s.yaml" }

        func write(_ text: String, to file: String) throws {
            try text.write(toFile: root + "/" + file, atomically: true, encoding: .utf8)
        }

        func load() -> (Scenario?, [Diagnostic]) {
            var diagnostics = DiagnosticCollector()
            let scenario = ScenarioLoader.load(path: self.scenario, diagnostics: &diagnostics)
            return (scenario, diagnostics.diagnostics)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static let abuse = """
        global:
          - if: {any: [rudeness]}
            say: I will not be spoken to like that. I am handing you over.
            goto: handed-over
        endings:
          handed-over: {outcome: escalated, say: Goodbye.}
          lost: {outcome: customer-lost, say: The fragment's goodbye.}
        """

    static let includeAbuse = ("turn-limit: 6", "turn-limit: 6\ninclude: [abuse]")

    @Test func aFragmentsTransitionsAndEndingsPlayAsIfWrittenInTheScenario() throws {
        let library = try Library(fragments: ["abuse": Self.abuse], scenarioEdits: [Self.includeAbuse])
        defer { library.remove() }
        let (loaded, diagnostics) = library.load()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let scenario = try #require(loaded)
        // The scenario's own ending wins over the fragment's of the same name.
        #expect(scenario.endings["lost"]?.say.map(\.text) == ["Bye."])
        let setup = Setup(scenario: scenario, rubric: Fixtures.tinySetup.rubric, detector: Fixtures.miniDetector)
        var conversation = setup.conversation(seed: 1)
        let response = conversation.receive(.reply("shut up", interrupted: false))
        #expect(response.customer.map(\.text) == ["I will not be spoken to like that. I am handing you over.", "Goodbye."])
        #expect(conversation.outcome == .escalated)
        #expect(conversation.ending == "handed-over")
    }

    @Test func theScenariosOwnGlobalTransitionsAreTriedBeforeAFragments() throws {
        let library = try Library(
            fragments: ["abuse": Self.abuse],
            scenarioEdits: [
                Self.includeAbuse,
                ("start: open", "global:\n  - if: {any: [rudeness]}\n    say: Excuse me?\nstart: open"),
            ])
        defer { library.remove() }
        let scenario = try #require(library.load().0)
        #expect(scenario.global.map { $0.say.map(\.text) } == [["Excuse me?"], ["I will not be spoken to like that. I am handing you over."]])
        // Lint says so in the fragment, naming the scenario's file for the transition that wins.
        let shadowed = try #require(Linter.lint([library.scenario]).first { $0.code == "SCN-SHADOWED" })
        #expect(shadowed.location?.file == library.root + "/fragments/abuse.yaml")
        #expect(shadowed.message == "this transition can never fire: the global transition at line 19 of s.yaml fires first whenever this one would")
    }

    @Test func twoFragmentsThatBringTheSameThingClashAtTheSecond() throws {
        let library = try Library(
            fragments: ["abuse": Self.abuse, "farewell": "endings:\n  handed-over: {outcome: escalated, say: Bye now.}\n"],
            scenarioEdits: [("turn-limit: 6", "turn-limit: 6\ninclude: [abuse, farewell]")])
        defer { library.remove() }
        let clash = try #require(library.load().1.first { $0.code == "SCN-INCLUDE" })
        #expect(clash.message == "'handed-over' in endings comes from both 'abuse' and 'farewell'; keep it in one, or write the scenario's own")
        #expect(clash.location?.file == library.root + "/fragments/farewell.yaml")
        #expect(clash.location.map { [$0.line, $0.column] } == [2, 3])
    }

    @Test func aMistakeInAFragmentIsReportedInTheFragment() throws {
        let library = try Library(
            fragments: ["abuse": Self.abuse.replacingOccurrences(of: "goto: handed-over", with: "goto: handed-ovr")],
            scenarioEdits: [Self.includeAbuse])
        defer { library.remove() }
        let (scenario, diagnostics) = library.load()
        #expect(scenario == nil)
        let unknown = try #require(diagnostics.first { $0.code == "SCN-UNKNOWN-TARGET" })
        #expect(unknown.message.contains("did you mean 'handed-over'"))
        #expect(unknown.location?.file == library.root + "/fragments/abuse.yaml")
        #expect(unknown.location.map { [$0.line, $0.column] } == [4, 11])
    }

    @Test(arguments: [
        ("include: [../s]", "'../s' is not a fragment name", 8, 11),
        ("include: [abuze]", "no fragment 'abuze' in", 8, 11),
        ("include: abuse\ninclude: abuse", "duplicate", 9, 1),
    ])
    func aBadIncludeIsAnErrorAtTheName(include: String, message: String, line: Int, column: Int) throws {
        let library = try Library(fragments: ["abuse": Self.abuse], scenarioEdits: [("turn-limit: 6", "turn-limit: 6\n" + include)])
        defer { library.remove() }
        let problem = try #require(library.load().1.first { $0.severity == .error })
        #expect(problem.message.contains(message), "\(problem.message)")
        #expect(problem.location.map { [$0.line, $0.column] } == [line, column])
    }

    @Test func aFragmentThatLeadsOutOfTheFolderIsRefused() throws {
        let library = try Library(fragments: [:], scenarioEdits: [("turn-limit: 6", "turn-limit: 6\ninclude: [secret]")])
        defer { library.remove() }
        try library.write(Self.abuse, to: "secret.yaml")
        try FileManager.default.createSymbolicLink(
            atPath: library.root + "/fragments/secret.yaml", withDestinationPath: library.root + "/secret.yaml")
        let problem = try #require(library.load().1.first { $0.code == "SCN-INCLUDE" })
        #expect(problem.message.contains("leads outside"))
    }

    @Test func aFragmentMayBringOnlySharedParts() throws {
        let library = try Library(
            fragments: ["abuse": "id: other\ninclude: [x]\nglobl: []\n" + Self.abuse],
            scenarioEdits: [Self.includeAbuse])
        defer { library.remove() }
        let problems = library.load().1.filter { $0.code == "SCN-INCLUDE" }
        #expect(problems.map { $0.location?.line } == [1, 2, 3])
        #expect(problems[0].message.hasPrefix("a fragment cannot set 'id': it belongs to each scenario"))
        #expect(problems[1].message.hasPrefix("a fragment cannot include other fragments"))
        #expect(problems[2].message.hasPrefix("unknown key 'globl' in a fragment (did you mean 'global'?)"))
        // Linting the fragment on its own reports the same, and no "not a scenario".
        let linted = Linter.lint([library.root + "/fragments/abuse.yaml"])
        #expect(linted.map(\.code) == ["SCN-INCLUDE", "SCN-INCLUDE", "SCN-INCLUDE"])
    }

    @Test func aChangedFragmentIsANewVersionOfTheScenario() throws {
        let library = try Library(fragments: ["abuse": Self.abuse], scenarioEdits: [Self.includeAbuse])
        defer { library.remove() }
        let before = try #require(library.load().0).contentHash
        try library.write(Self.abuse.replacingOccurrences(of: "Goodbye.", with: "Good day."), to: "fragments/abuse.yaml")
        let after = try #require(library.load().0).contentHash
        #expect(before != after)
    }

    @Test func fragmentsAreNotScenariosOfTheLibrary() throws {
        let library = try Library(fragments: ["abuse": Self.abuse], scenarioEdits: [Self.includeAbuse])
        defer { library.remove() }
        #expect(CoachKit.Library(root: library.root).scenarioFiles == [library.scenario])
        let linted = Linter.lint([library.root]).filter { $0.severity == .error }
        #expect(linted.isEmpty, "\(linted)")
        #expect(ScenarioIncludes.fragmentFiles(ofScenarioAt: library.scenario) == [library.root + "/fragments/abuse.yaml"])
    }
}
