import Testing

@testable import CoachKit

/// `coach new`: every kind's skeleton loads, lints clean, passes its own tests and reaches every state.
@Suite struct SkeletonTests {
    static func load(_ kind: Scenario.Kind) throws -> (Scenario, [Diagnostic]) {
        var diagnostics = DiagnosticCollector()
        let text = ScenarioSkeleton.text(kind: kind, id: "my-\(kind.rawValue)")
        let scenario = try #require(ScenarioLoader.load(text: text, file: "/nonexistent-coach-new/x.yaml", diagnostics: &diagnostics))
        return (scenario, diagnostics.diagnostics)
    }

    @Test(arguments: Scenario.Kind.allCases)
    func itLoadsAsTheKindAskedFor(kind: Scenario.Kind) throws {
        let (scenario, diagnostics) = try Self.load(kind)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(scenario.kind == kind)
        #expect(scenario.id == "my-\(kind.rawValue)")
        #expect(scenario.tests.count >= 2)
        #expect(Set(scenario.endings.values.map(\.outcome)).isSuperset(of: [.resolved, .customerLost]))
    }

    @Test(arguments: Scenario.Kind.allCases)
    func itLintsClean(kind: Scenario.Kind) {
        let text = ScenarioSkeleton.text(kind: kind, id: "my-\(kind.rawValue)")
        let diagnostics = Linter.lint(text: text, file: "/nonexistent-coach-new/x.yaml", library: Fixtures.library)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: Scenario.Kind.allCases)
    func itPassesItsOwnTestsAndReachesEveryState(kind: Scenario.Kind) throws {
        let (scenario, _) = try Self.load(kind)
        var diagnostics = DiagnosticCollector()
        let setup = try #require(Setup.load(scenario, from: Fixtures.library, diagnostics: &diagnostics))
        let results = scenario.tests.map { TranscriptRunner.run($0, setup: setup) }
        for result in results {
            #expect(result.passed, "\(result.test): \(TranscriptReport.diff(result))")
        }
        let coverage = ScenarioCoverage.compute(scenario, rubric: setup.rubric, results: results)
        #expect(coverage[.states].percent == 100, "\(coverage[.states].missing.map(\.name))")
        // The strong sample shows what the rubric rewards: it must reach the target score.
        let strong = try #require(results.first { $0.test == "strong trainee" })
        #expect(strong.scorecard.score >= ScenarioLint.targetScore)
    }

    @Test(arguments: Scenario.Kind.allCases)
    func itTellsTheTrainerWhatToDoNext(kind: Scenario.Kind) {
        let text = ScenarioSkeleton.text(kind: kind, id: "mine")
        #expect(text.hasPrefix("# yaml-language-server: $schema=schema/scenario.schema.json\n"))
        for step in ["coach lint mine.yaml", "coach graph mine.yaml", "coach test --uncovered mine.yaml", "docs/authoring.md"] {
            #expect(text.contains(step), "\(step)")
        }
    }
}
