import Foundation
import Testing

@testable import CoachKit

/// A scenario's own reaction to a reply it cannot place (`unclear:`), and its own say on
/// the library's rubric (`rubric:`): texts in its words, rules that do not apply to it.
@Suite struct ScenarioRubricTests {
    static let tinyText = (try? String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)) ?? ""

    /// The tiny scenario with `extra` YAML added at the top level and `inOpen` in its first state.
    static func setup(extra: String = "", inOpen: String = "") throws -> Setup {
        var text = tinyText.replacingOccurrences(of: "    hint: Ask first.\n", with: "    hint: Ask first.\n" + inOpen)
        text += extra
        var diagnostics = DiagnosticCollector()
        let scenario = try #require(
            ScenarioLoader.load(text: text, file: "tiny.yaml", diagnostics: &diagnostics),
            "\(diagnostics.diagnostics)")
        return Setup(scenario: scenario, rubric: Fixtures.tinySetup.rubric, detector: Fixtures.miniDetector)
    }

    static func say(_ replies: [String], _ setup: Setup) -> (Conversation, [[String]]) {
        var conversation = setup.conversation(seed: 1, trainee: "t")
        let lines = replies.map { conversation.receive(.reply($0)).customer.map(\.text) }
        return (conversation, lines)
    }

    @Test func aReplyWithNoMoveIsAnsweredAsUnclearNotAsSilence() throws {
        let setup = try Self.setup(inOpen: "    unclear: {say: [What do you mean?, Sorry?], mood: {patience: -5}}\n")
        let (conversation, lines) = Self.say(["hm", "qwerty"], setup)
        #expect(lines == [["What do you mean?"], ["Sorry?"]])
        #expect(conversation.mood["patience"] == 20)
        #expect(conversation.state == "open")
    }

    @Test func aMoveTheStateIgnoresStillGetsTheFallback() throws {
        let setup = try Self.setup(inOpen: "    unclear: {say: [What do you mean?]}\n")
        // "thank you" is a move (thanks) that `open` has no transition for.
        let (_, lines) = Self.say(["thank you"], setup)
        #expect(lines == [["Hello?"]])
    }

    @Test func theScenarioWideUnclearServesStatesWithoutTheirOwn() throws {
        let setup = try Self.setup(extra: "unclear: {say: Come again?}\n")
        let (_, lines) = Self.say(["hm"], setup)
        #expect(lines == [["Come again?"]])
    }

    @Test func repliesThatMoveNothingOnStillRunOutTheCustomersPatience() throws {
        // Unclear or ignored, three replies that do not move things on reach the fallback's limit.
        let setup = try Self.setup(inOpen: "    unclear: {say: [What do you mean?]}\n")
        let (conversation, lines) = Self.say(["hm", "thank you", "hm"], setup)
        #expect(lines == [["What do you mean?"], ["Hello?"], ["Bye."]])
        #expect(conversation.ending == "lost")
    }

    @Test func aScenarioRewordsARulesTryAndNamesItsCustomer() throws {
        let setup = try Self.setup(extra: "rubric:\n  hollow: {try: 'Ask {customer} what happened first.'}\n")
        let (conversation, _) = Self.say(["Sorry about that."], setup)
        let event = try #require(conversation.scorecard().events.first { $0.rule == "hollow" })
        #expect(event.tryText == "Ask Mrs Varga what happened first.")
        #expect(event.why == "Hollow.")
    }

    @Test func aRuleSwitchedOffNeitherScoresNorCountsAsAChance() throws {
        let replies = ["What happened?", "Sorry about that."]
        let (before, _) = Self.say(replies, Fixtures.tinySetup)
        #expect(before.scorecard().events.contains { $0.rule == "after" })
        let (after, _) = Self.say(replies, try Self.setup(extra: "rubric:\n  after: {applies: false}\n"))
        let card = after.scorecard()
        #expect(!card.events.contains { $0.rule == "after" })
        // Courtesy's only credit is gone, so nothing in it counts as possible either.
        #expect(card.categories.first { $0.category == .courtesy }?.possible ?? 0 == 0)
    }

    @Test func lintFindsARubricEntryForAnUnknownRule() throws {
        let text = Self.tinyText + "rubric:\n  hollw: {try: Ask.}\n"
        var loading = DiagnosticCollector()
        let source = try #require(YAMLDocument.parse(text: text, file: "tiny.yaml", diagnostics: &loading))
        let scenario = try #require(ScenarioLoader.load(text: text, file: "tiny.yaml", diagnostics: &loading))
        let diagnostics = ScenarioLint.check(scenario, source: source, rubric: Fixtures.tinySetup.rubric, lexicon: nil)
        let found = try #require(diagnostics.first { $0.code == "SCN-RUBRIC" })
        #expect(found.severity == .error)
        #expect(found.message.contains("'hollw' is not a rule of the rubric (did you mean 'hollow'?)"))
        // The line of `hollw:`, right after `rubric:`, which follows the tiny scenario's last line.
        #expect(found.location?.line == Self.tinyText.split(separator: "\n", omittingEmptySubsequences: false).count + 1)
    }

    @Test(arguments: [
        ("Ask first — '\"Could you tell me?\"'", "will show both quote marks"),
        ("\"Could you tell me?", "do not pair up"),
        ("Ask {name} first.", "'{name}' is not a placeholder"),
        ("Ask {customer first.", "never closed"),
    ])
    func feedbackTextThatWouldRenderBadlyIsFound(text: String, problem: String) {
        #expect(ScenarioRubric.problem(in: text)?.contains(problem) == true)
    }

    @Test(arguments: ["\"Could you tell me what happened?\"", "Ask {customer} first — \"What happened?\"", "Wait."])
    func wellFormedFeedbackTextPasses(text: String) {
        #expect(ScenarioRubric.problem(in: text) == nil)
    }

    @Test func theRubricLintWarnsAboutDoublyQuotedTry() throws {
        let rubric = """
            rules:
              - id: r
                kind: never
                moves: [rudeness]
                points: -5
                category: courtesy
                guidelines: [G10]
                why: Rude.
                try: Be kind — '"Let me help."'
            """
        var diagnostics = DiagnosticCollector()
        _ = RubricLoader.load(text: rubric, file: "rubric.yaml", diagnostics: &diagnostics)
        let found = try #require(diagnostics.diagnostics.first { $0.code == "RUB-TEXT" })
        #expect(found.severity == .warning)
        #expect(found.location?.line == 9)
    }
}
