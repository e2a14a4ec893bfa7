import Dispatch
import Foundation
import Testing

@testable import CoachKit

/// A session opens while its lexicon is still compiling: the opening is known without a
/// detector, the first reply waits for it, and a setup that fails is said before anything.
struct PendingSetupTests {
    /// Every shipped scenario's opening, drawn without a detector, is the one its conversation says.
    @Test func theOpeningIsTheConversationsOwnWithoutADetector() throws {
        var diagnostics = DiagnosticCollector()
        let scenarios = Fixtures.library.loadScenarios(diagnostics: &diagnostics)
        #expect(scenarios.count > 40)
        let rubric = try #require(Fixtures.library.loadRubric(diagnostics: &diagnostics))
        var varied = 0
        for scenario in scenarios {
            let detector = try #require(Fixtures.detector(scenario.language))
            var openings: Set<[String]> = []
            for seed: UInt64 in [0, 1, 7, 42, 999_999] {
                let conversation = Conversation(scenario: scenario, rubric: rubric, detector: detector, seed: seed)
                let opening = Conversation.opening(of: scenario, seed: seed)
                #expect(opening == conversation.opening, "\(scenario.id), seed \(seed)")
                openings.insert(opening.parts)
            }
            if openings.count > 1 { varied += 1 }
        }
        // The seed matters in some scenarios, or the comparison would prove little.
        #expect(varied > 5)
    }

    @Test func anOpeningFromAStartingPointIsThatStatesLine() throws {
        let setup = Fixtures.tinySetup
        let point = Conversation.StartingPoint(state: try #require(setup.scenario.stateOrder.last))
        let conversation = setup.conversation(seed: 3, from: point)
        #expect(Conversation.opening(of: setup.scenario, seed: 3, from: point) == conversation.opening)
        #expect(conversation.opening.source == point.state)
    }

    @Test func theOpeningIsShownBeforeTheSetupIsMadeAndRepliesWaitForIt() throws {
        let release = DispatchSemaphore(value: 0)
        let setup = Fixtures.tinySetup
        let pending = PendingSetup(scenario: setup.scenario) {
            release.wait()
            return (setup, [])
        }
        let recorder = CountingRecorder()
        let controller = SessionController(pending: pending, seed: 1, trainee: "t", recorder: recorder)
        // The setup is still being made (it waits for `release`), and the opening is known.
        #expect(controller.opening == setup.conversation(seed: 1).opening)
        #expect(recorder.started == 0)
        release.signal()
        #expect(controller.prepare() == nil)
        #expect(recorder.started == 1)
        #expect(controller.prepare() == nil)
        #expect(recorder.started == 1, "the session starts once")
        let outputs = controller.handle(line: "What happened?")
        #expect(outputs.first == .trainee("What happened?"))
        #expect(controller.conversation.turns.count == 1)
    }

    @Test func aSetupThatCannotBeMadeIsSaidAndNothingIsRecorded() throws {
        let problem = Diagnostic(
            .error, "YAML-SYNTAX", "did not find expected node content",
            at: SourceLocation(file: "en.yaml", line: 3, column: 1))
        let pending = PendingSetup(scenario: Fixtures.tinySetup.scenario) { (nil, [problem]) }
        let recorder = CountingRecorder()
        let controller = SessionController(pending: pending, seed: 1, trainee: "t", recorder: recorder)
        #expect(!controller.opening.parts.isEmpty)
        let problems = try #require(controller.prepare())
        #expect(problems.map(\.code) == ["YAML-SYNTAX"])
        #expect(recorder.started == 0)
    }

    @Test func theCommandsInterfaceReplacesTheSetupsOwn() throws {
        var pending = PendingSetup(ready: Fixtures.tinySetup)
        var diagnostics = DiagnosticCollector()
        let russian = try #require(InterfaceCatalogueLoader.load(language: "ru", from: .bundled, diagnostics: &diagnostics))
        pending.interface = russian
        let setup = try pending.wait().get()
        #expect(setup.interface.language == "ru")
        #expect(Fixtures.tinySetup.interface.language == "en")
    }
}

/// Counts the sessions a controller starts in the records.
private final class CountingRecorder: SessionRecorder {
    var started = 0
    func sessionStarted(_ start: SessionStart) throws { started += 1 }
    func turnRecorded(_ turn: TurnRecord) throws {}
    func sessionEventRecorded(_ event: SessionEventRecord) throws {}
    func sessionFinished(_ scorecard: Scorecard, at time: Date, end: SessionEnd) throws {}
}
