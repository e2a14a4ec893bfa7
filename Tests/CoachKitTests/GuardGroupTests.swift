import Testing

@testable import CoachKit

/// `all: [plan, [apology, empathy]]`: a plan, and at least one of the group — what took
/// authors one transition per pair before.
@Suite struct GuardGroupTests {
    static func condition(_ yaml: String) throws -> (Scenario.Condition, [Diagnostic]) {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "if: {all: [plan, deadline]}", with: "if: \(yaml)")
        var diagnostics = DiagnosticCollector()
        let scenario = try #require(ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics))
        let transition = try #require(scenario.states["details"]?.on.first)
        return (transition.condition, diagnostics.diagnostics)
    }

    @Test func aListInsideAllIsAGroupOfWhichOneIsNeeded() throws {
        let (condition, diagnostics) = try Self.condition("{all: [plan, [apology, empathy]]}")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(condition.all == [.plan])
        #expect(condition.allGroups == [[.apology, .empathy]])
        func holds(_ moves: Set<MoveID>) -> Bool {
            condition.holds(moves: moves, mood: [:], turn: 1, path: ["details"], interrupted: false)
        }
        #expect(holds([.plan, .apology]))
        #expect(holds([.plan, .empathy, .deadline]))
        #expect(!holds([.plan]))
        #expect(!holds([.apology, .empathy]))
        #expect(
            condition.unmet(moves: [.plan], mood: [:], turn: 1, path: ["details"], interrupted: false)
                == ["all: no move of [apology, empathy]"])
    }

    @Test func aGroupNamesOnlyMoves() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "if: {all: [plan, deadline]}", with: "if: {all: [plan, [apology, empaty]]}")
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.map(\.code) == ["UNKNOWN-MOVE"])
        #expect(diagnostics.diagnostics.first?.message.contains("did you mean 'empathy'") == true)
    }

    @Test func theGraphDrawsTheGroup() throws {
        let (condition, _) = try Self.condition("{all: [plan, [apology, empathy]]}")
        #expect(GraphLabels.guardLines(condition) == ["all: plan, (apology | empathy)"])
    }

    @Test func aPlayedTransitionNeedsOneMoveOfTheGroup() {
        let setup = Fixtures.tinySetup(editing: [("if: {all: [plan, deadline]}", "if: {all: [[plan, amends], deadline]}")])
        func stateAfter(_ reply: String) -> String {
            var conversation = setup.conversation(seed: 1, trainee: "t")
            _ = conversation.receive(.reply("What is your order number?"))
            _ = conversation.receive(.reply(reply))
            return conversation.state
        }
        #expect(stateAfter("I'll call the courier today.") == "closing")
        #expect(stateAfter("I'll call the courier.") == "details")
    }

    /// Lint: a group all of whose moves are excluded never holds; a guard whose groups follow
    /// from an earlier one is shadowed by it.
    @Test(arguments: [
        ("{all: [plan, [apology, empathy]], none: [apology, empathy]}", "SCN-GUARD-CONTRADICTION", true),
        ("{all: [plan, [apology, empathy]], none: [apology]}", "SCN-GUARD-CONTRADICTION", false),
    ])
    func lintKnowsTheGroups(guardText: String, code: String, reported: Bool) throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "if: {all: [plan, deadline]}", with: "if: \(guardText)")
        let found = Linter.lint(text: text, file: "tiny.yaml", library: Fixtures.library)
        #expect(found.contains { $0.code == code } == reported, "\(found)")
    }

    @Test(arguments: [
        // The later guard's group lies inside the earlier one's: every reply it takes, the earlier took.
        ("{all: [plan, [apology, empathy]]}", "{all: [plan, [apology]]}", true),
        ("{all: [plan, [apology]]}", "{all: [plan, [apology, empathy]]}", false),
        ("{all: [[apology, empathy]]}", "{all: [empathy, deadline]}", true),
        ("{any: [apology, empathy]}", "{all: [plan, [empathy, apology]]}", true),
    ])
    func aGroupCanShadowOrBeShadowed(earlier: String, later: String, shadowed: Bool) throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "      - if: {all: [plan, deadline]}",
            with: "      - if: \(earlier)\n        say: First.\n      - if: \(later)")
        let found = Linter.lint(text: text, file: "tiny.yaml", library: Fixtures.library)
        #expect(found.contains { $0.code == "SCN-SHADOWED" } == shadowed, "\(found.map(\.message))")
    }
}
