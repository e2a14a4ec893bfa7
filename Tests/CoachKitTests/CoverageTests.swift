import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import CoachKit

/// `coach test`: what the tests reach, the per-reply diff, JUnit XML, and recording a session as a test.
@Suite struct CoverageTests {
    static var setup: Setup { Fixtures.tinySetup }

    static func test(
        _ replies: [TranscriptTest.Step], path: [String]? = nil, moves: [Int: [MoveID]] = [:], name: String = "t"
    ) -> TranscriptTest {
        var expect = TranscriptTest.Expectation(location: SourceLocation(file: "tiny.yaml", line: 1, column: 1))
        expect.path = path
        expect.moves = moves
        return TranscriptTest(
            name: name, steps: replies, expect: expect, location: SourceLocation(file: "tiny.yaml", line: 40, column: 5))
    }

    static let happy: [TranscriptTest.Step] = [
        .reply("What happened?", interrupt: false), .reply("I'll call the courier today", interrupt: false),
        .reply("Thanks", interrupt: false),
    ]

    // MARK: - Coverage

    @Test func coverageCountsWhatTheTestsReached() throws {
        let result = TranscriptRunner.run(Self.test(Self.happy), setup: Self.setup)
        #expect(result.passed)
        #expect(result.fired == [.on(state: "open", index: 0), .on(state: "details", index: 0), .on(state: "closing", index: 0)])
        let coverage = ScenarioCoverage.compute(Self.setup.scenario, rubric: Self.setup.rubric, results: [result])
        #expect(coverage[.states].covered == 3 && coverage[.states].total == 3)
        #expect(coverage[.endings].missing.map(\.name) == ["lost"])
        #expect(coverage[.transitions].total == 5)
        #expect(coverage[.transitions].missing.map(\.name) == ["open #2", "open fallback"])
        #expect(coverage[.transitions].missing.first?.location?.line == 29)
        #expect(Set(coverage[.moves].missing.map(\.name)) == ["paraphrase", "dismiss", "rudeness"])
        #expect(coverage[.rules].total == Self.setup.rubric.rules.count)
        #expect(!coverage[.rules].missing.map(\.name).contains("asked"))
        #expect(coverage[.rules].missing.map(\.name).contains("rude"))
        #expect(coverage[.transitions].percent == 60)
    }

    @Test func fallbacksAndTheirLimitCountAsTheFallback() {
        let misses: [TranscriptTest.Step] = Array(repeating: .reply("Hmm.", interrupt: false), count: 3)
        let result = TranscriptRunner.run(Self.test(misses), setup: Self.setup)
        #expect(result.fired == Array(repeating: .fallback(state: "open"), count: 3))
        #expect(result.scorecard.ending == "lost")
    }

    @Test func anInterruptionsMoodCountsBeforeTheGuards() throws {
        // Anger 50 + 10 for interrupting: a guard on anger sees 60.
        let text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "      - if: {any: [question, paraphrase]}\n", with: "      - if: {any: [question, paraphrase], mood: {anger: \">= 60\"}}\n")
        var diagnostics = DiagnosticCollector()
        let scenario = try #require(ScenarioLoader.load(text: text, file: "tiny.yaml", diagnostics: &diagnostics))
        let setup = Setup(scenario: scenario, rubric: Self.setup.rubric, detector: Self.setup.detector)
        let result = TranscriptRunner.run(Self.test([.reply("What happened?", interrupt: true)]), setup: setup)
        #expect(result.fired == [.on(state: "open", index: 0)])
        #expect(result.scorecard.path == ["open", "details"])
    }

    @Test func theTableShowsEachKindAndMarksWhatIsBelowTheMinimum() {
        let result = TranscriptRunner.run(Self.test(Self.happy), setup: Self.setup)
        let coverage = ScenarioCoverage.compute(Self.setup.scenario, rubric: Self.setup.rubric, results: [result])
        let table = TranscriptReport.coverageTable([coverage], minimum: 80, checked: [.transitions])
        let lines = table.split(separator: "\n")
        #expect(lines[0].hasPrefix("COVERAGE  TESTS  STATES"))
        #expect(lines[1].hasPrefix("tiny          1  3/3     100%   3/5      60%!"))
        let uncovered = TranscriptReport.uncovered([coverage])
        #expect(uncovered.contains("    open fallback  \(Fixtures.path("tiny-scenario.yaml")):32:7"))
    }

    // MARK: - The diff

    @Test func theDiffShowsEachReplyExpectedAgainstActual() {
        let test = Self.test(Self.happy, path: ["open", "details", "done"], moves: [1: [.apology]])
        let result = TranscriptRunner.run(test, setup: Self.setup)
        #expect(!result.passed)
        #expect(result.replies.map(\.differs) == [true, true, false])
        #expect(result.replies[1].expectedStateAfter == "done")
        let diff = TranscriptReport.diff(result)
        #expect(diff.contains("- path: expected open → details → done\n    got open → details → closing → done"))
        #expect(diff.contains("✗  1  \"What happened?\"\n      moves  - apology  (expected, not detected)\n             + question\n"))
        #expect(diff.contains("      state  - details → done  (the test's path)\n             + details → closing  (details #1)\n"))
        #expect(diff.contains("   3  \"Thanks\"\n      moves    thanks\n      state    closing → done  (closing #1)\n"))
    }

    @Test func aPathThatShouldHaveStayedSaysSo() {
        let test = Self.test(Self.happy, path: ["open"])
        let result = TranscriptRunner.run(test, setup: Self.setup)
        #expect(result.replies[0].expectedStateAfter == "stay in open")
    }

    // MARK: - JUnit

    @Test func junitIsWellFormedAndEscaped() throws {
        let passing = TranscriptRunner.run(Self.test(Self.happy, name: "fine"), setup: Self.setup)
        let failing = TranscriptRunner.run(
            Self.test(Self.happy, moves: [1: [.apology]], name: "a <tricky> & \"quoted\" 'name'\u{1}"), setup: Self.setup)
        let broken = Diagnostic(.error, "YAML-SYNTAX", "bad <yaml> & more", at: SourceLocation(file: "x.yaml", line: 2, column: 3))
        let xml = TranscriptReport.junit([
            .init(name: "tiny", file: "tiny.yaml", results: [passing, failing]),
            .init(name: "x.yaml", file: "x.yaml", results: [], errors: [broken]),
        ])
        #expect(xml.contains("name=\"a &lt;tricky&gt; &amp; &quot;quoted&quot; &apos;name&apos;\u{FFFD}\""))
        #if canImport(FoundationXML) || os(macOS)
            let document = try XMLDocument(data: Data(xml.utf8))
            let root = try #require(document.rootElement())
            #expect(root.name == "testsuites")
            #expect(root.attribute(forName: "tests")?.stringValue == "3")
            #expect(root.attribute(forName: "failures")?.stringValue == "1")
            #expect(root.attribute(forName: "errors")?.stringValue == "1")
            let failures = try document.nodes(forXPath: "//failure")
            #expect(failures.count == 1)
            #expect(failures.first?.stringValue?.contains("- apology  (expected, not detected)") == true)
            let errors = try document.nodes(forXPath: "//error")
            #expect(errors.first?.stringValue?.contains("x.yaml:2:3: error: [YAML-SYNTAX] bad <yaml> & more") == true)
        #endif
    }

    // MARK: - Recording

    @Test func sessionLinesBecomeSteps() {
        let (steps, skipped) = TranscriptRecorder.steps(fromLines: [
            "Ignore me", "/restart", "What happened?", "", "/note order 48213", "/silence 45", "/interrupt Sorry!",
            "/hint", "/nope", "//slash reply", "Thanks\r", "/quit", "After the end",
        ])
        #expect(
            steps == [
                .reply("What happened?", interrupt: false), .note("order 48213"), .silence(seconds: 45),
                .reply("Sorry!", interrupt: true), .reply("/slash reply", interrupt: false), .reply("Thanks", interrupt: false),
            ])
        #expect(skipped.count == 2)
        #expect(skipped[0].hasPrefix("/hint"))
    }

    static let tinyText = (try? String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)) ?? ""

    @Test func aRecordedTestExpectsWhatTheRunProducedAndPasses() throws {
        let steps: [TranscriptTest.Step] = [.note("order PX-48213")] + Self.happy
        let recording = TranscriptRecorder.record(steps: steps, name: "recorded, with \"quotes\"", setup: Self.setup)
        #expect(recording.result.passed, "\(recording.result.failures)")
        #expect(recording.yaml.hasPrefix("  - name: \"recorded, with \\\"quotes\\\"\"\n    replies:\n      - {note: \"order PX-48213\"}\n"))
        #expect(recording.yaml.contains("    expect:\n      ending: done\n      score: {min: "))
        #expect(recording.yaml.contains("      path: [open, details, closing, done]\n"))
        #expect(recording.yaml.contains("      moves:\n        1: [question]\n        2: [plan, deadline]\n        3: [thanks]\n"))
        // Appended to a file without tests, it loads and passes as written.
        guard case .text(let text) = TranscriptRecorder.append(recording, to: Self.tinyText, file: "tiny.yaml") else {
            Issue.record("the test was not appended")
            return
        }
        var diagnostics = DiagnosticCollector()
        let scenario = try #require(ScenarioLoader.load(text: text, file: "tiny.yaml", diagnostics: &diagnostics))
        let test = try #require(scenario.tests.last)
        #expect(test.name == "recorded, with \"quotes\"")
        let setup = Setup(scenario: scenario, rubric: Self.setup.rubric, detector: Self.setup.detector)
        #expect(TranscriptRunner.run(test, setup: setup).passed)
    }

    @Test func stepsAfterTheEndAreLeftOut() {
        // The first reply after the ending is the trainee's last word; the next is left out.
        let steps: [TranscriptTest.Step] =
            Self.happy + [.reply("Thanks, goodbye", interrupt: false), .reply("Still there?", interrupt: false)]
        let recording = TranscriptRecorder.record(steps: steps, name: "t", setup: Self.setup)
        #expect(recording.unused == 1)
        #expect(recording.result.passed)
    }

    @Test func appendingGoesAfterTheLastTestEvenWhenKeysFollow() throws {
        let existing = Self.tinyText.replacingOccurrences(
            of: "endings:\n",
            with: "tests:\n    -   name: first\n        replies: [\"What happened?\"]\n\n# the endings\nendings:\n")
        let recording = TranscriptRecorder.record(steps: Self.happy, name: "second", setup: Self.setup)
        guard case .text(let text) = TranscriptRecorder.append(recording, to: existing, file: "tiny.yaml") else {
            Issue.record("the test was not appended")
            return
        }
        #expect(text.contains("        replies: [\"What happened?\"]\n    - name: \"second\"\n"))
        #expect(text.contains("      ending: done\n"))
        #expect(text.contains("\n\n# the endings\nendings:\n"))
        var diagnostics = DiagnosticCollector()
        let scenario = try #require(ScenarioLoader.load(text: text, file: "tiny.yaml", diagnostics: &diagnostics))
        #expect(scenario.tests.map(\.name) == ["first", "second"])
    }

    @Test func aFlowListOfTestsIsLeftToTheTrainer() {
        let existing = Self.tinyText + "tests: [{name: a, replies: [Hi]}]\n"
        let recording = TranscriptRecorder.record(steps: Self.happy, name: "b", setup: Self.setup)
        guard case .failure(let reason) = TranscriptRecorder.append(recording, to: existing, file: "tiny.yaml") else {
            Issue.record("a flow list was appended to")
            return
        }
        #expect(reason.contains("flow list"))
    }
}
