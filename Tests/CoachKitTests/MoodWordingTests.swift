import Testing

@testable import CoachKit

/// Customer lines whose wording depends on the conversation so far: `{if: …, say: …}` variants.
@Suite struct MoodWordingTests {
    /// The tiny scenario with the details state worded by anger.
    static let angryDetails = Fixtures.tinySetup(editing: [
        (
            "    say: Order PX-48213.",
            """
                say:
                  - if: {mood: {anger: ">= 60"}}
                    say: Order PX-48213. Write it down this time.
                  - Order PX-48213.
            """
        )
    ])

    @Test(arguments: [
        (75.0, ["Order PX-48213. Write it down this time."]),
        (50.0, ["Order PX-48213."]),
    ])
    func aStateSaysTheWordingForTheMoodItIsEnteredIn(anger: Double, expected: [String]) {
        // A question takes anger down by 10 before the details state is entered.
        var conversation = Self.angryDetails.conversation(seed: 1, from: .init(state: "open", mood: ["anger": anger]))
        let response = conversation.receive(.reply("What happened?", interrupted: false))
        #expect(response.customer.map(\.text) == expected)
    }

    @Test func aTransitionsConditionalVariantsAreSaidInTurnWhileTheyHold() {
        let setup = Fixtures.tinySetup(editing: [
            (
                "        mood: {anger: +60}",
                """
                        mood: {anger: +15}
                        say:
                          - {if: {mood: {anger: "> 70"}}, say: "Do not take that tone with me."}
                          - {if: {mood: {anger: "> 70"}}, say: "I said: not that tone."}
                          - "Excuse me?"
                """
            )
        ])
        var conversation = setup.conversation(seed: 1)
        let said = (1...4).map { _ in conversation.receive(.reply("calm down", interrupted: false)).customer.map(\.text) }
        // 50 → 65 (plain), → 80, → 95: the two sharp wordings in turn, then back to the first.
        #expect(said.prefix(3) == [["Excuse me?"], ["Do not take that tone with me."], ["I said: not that tone."]])
    }

    @Test func anEndingAndATurnConditionPickTheirWording() {
        let setup = Fixtures.tinySetup(editing: [
            (
                "  done: {outcome: resolved, say: Thanks.}",
                """
                  done:
                    outcome: resolved
                    say:
                      - {if: {turn: "<= 3"}, say: [Thanks., That was quick.]}
                      - Thanks, finally.
                """
            )
        ])
        var quick = setup.conversation(seed: 1)
        _ = quick.receive(.reply("What happened?", interrupted: false))
        _ = quick.receive(.reply("I'll call the courier today", interrupted: false))
        let end = quick.receive(.reply("Anything else?", interrupted: false))
        #expect(end.customer.map(\.parts).last == ["Thanks.", "That was quick."])

        var slow = setup.conversation(seed: 1)
        _ = slow.receive(.reply("What happened?", interrupted: false))
        _ = slow.receive(.reply("Hmm.", interrupted: false))
        _ = slow.receive(.reply("I'll call the courier today", interrupted: false))
        let late = slow.receive(.reply("Anything else?", interrupted: false))
        #expect(late.customer.map(\.parts).last == ["Thanks, finally."])
    }

    @Test func aLineWhoseVariantsAllHaveConditionsIsAnErrorWhereItIsWritten() throws {
        let diagnostics = Self.lint(
            replacing: "    say: Order PX-48213.",
            with: """
                    say:
                      - {if: {mood: {anger: "> 60"}}, say: Order PX-48213!}
                      - {if: {mood: {angr: "< 20"}}, say: Order PX-48213.}
                """)
        #expect(diagnostics.map(\.code).contains("SCN-WORDING"))
        let wording = try #require(diagnostics.first { $0.code == "SCN-WORDING" })
        #expect(wording.location.map { [$0.line, $0.column] } == [38, 7])
        let mood = try #require(diagnostics.first { $0.code == "SCN-UNKNOWN-MOOD" })
        #expect(mood.message.contains("'angr'") && mood.message.contains("did you mean 'anger'"))
        #expect(mood.location.map { [$0.line, $0.column] } == [39, 22])
    }

    @Test func aLinesConditionCannotAskForMoves() throws {
        let diagnostics = Self.lint(
            replacing: "    say: Order PX-48213.",
            with: """
                    say:
                      - {if: {any: [apology]}, say: Order PX-48213!}
                      - Order PX-48213.
                """)
        let unknown = try #require(diagnostics.first { $0.message.contains("'any'") })
        #expect(unknown.severity == .error)
        #expect(unknown.message.contains("a line's condition"))
        #expect(unknown.location.map { [$0.line, $0.column] } == [38, 15])
    }

    @Test func languageLintReadsTheWordsOfAConditionalLineNotItsCondition() throws {
        var ignored = DiagnosticCollector()
        let root = try #require(
            YAMLDocument.parse(
                text: """
                    states:
                      a:
                        say:
                          - {if: {mood: {anger: "> 60"}}, say: [Enough., Just fix it.]}
                          - Please fix it.
                    endings:
                      done: {outcome: resolved, say: [{if: {turn: "> 3"}, say: Finally.}, Thanks.]}
                    """, file: "s.yaml", diagnostics: &ignored))
        #expect(LanguageCheck.customerLines(root).map(\.text) == ["Enough. Just fix it.", "Please fix it.", "Finally.", "Thanks."])
    }

    static func lint(replacing find: String, with replacement: String) -> [Diagnostic] {
        var text = try! String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        precondition(text.contains(find))
        text = text.replacingOccurrences(of: find, with: replacement)
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        return diagnostics.diagnostics
    }
}
