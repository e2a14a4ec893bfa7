import Testing

@testable import CoachKit

/// A guard's `asked:` reacts to a reply that asks for a customer fact, whatever other moves
/// it makes: the path must not hang on whether the question also read as a leading one.
@Suite struct AskedGuardTests {
    static let askingForTheOrder: [(String, String)] = [
        (
            "    - {id: order, label: order number, value: PX-48213, accept: [\"48213\"]}",
            "    - {id: order, label: order number, value: PX-48213, accept: [\"48213\"], asked-by: [order number], answer: It's PX-48213.}"
        ),
        (
            "      - if: {any: [question, paraphrase]}\n        mood: {anger: -10}\n        goto: details",
            """
                  - if: {asked: [order]}
                    goto: details
                  - if: {any: [question, paraphrase]}
                    say: That's not what I need to hear.
            """
        ),
    ]

    func stateAfter(_ reply: String) -> (state: String, line: String) {
        let setup = Fixtures.tinySetup(editing: Self.askingForTheOrder)
        var conversation = setup.conversation(seed: 1, trainee: "t")
        let response = conversation.receive(.reply(reply))
        return (conversation.state, response.customer.map(\.text).joined(separator: " "))
    }

    @Test(arguments: [
        "What is your order number?",
        "I'll look into it right now. Could you give me the order number?",
        "Sorry, which order number was it?",
    ])
    func askingForTheFactTakesItsTransition(reply: String) {
        let after = stateAfter(reply)
        #expect(after.state == "details", "\(after)")
        // The customer still gives what he was asked, once: here the state's own line has it.
        #expect(after.line.components(separatedBy: "PX-48213").count == 2, "\(after)")
    }

    @Test(arguments: ["What happened exactly?", "The order number is on the receipt."])
    func anotherQuestionOrTheWordsWithoutAQuestionDoNot(reply: String) {
        #expect(stateAfter(reply).state == "open")
    }

    @Test func theProbeSaysWhyAnAskedGuardDidNotHold() {
        let setup = Fixtures.tinySetup(editing: Self.askingForTheOrder)
        let probe = StepProbe.run(setup, from: .init(state: "open", mood: [:]), reply: "What happened exactly?")
        #expect(probe.attempts.first?.unmet == ["asked: the reply asks for none of order"])
        let asked = StepProbe.run(setup, from: .init(state: "open", mood: [:]), reply: "What's the order number?")
        #expect(asked.attempts.first?.unmet == [])
    }

    @Test(arguments: [
        ("asked: [order]", "asked: [ordr]", "no customer fact is called 'ordr' (did you mean 'order'?)"),
        ("asked-by: [order number], answer: It's PX-48213.", "answer: It's PX-48213.", "the fact 'order' has no asked-by: words"),
    ])
    func anAskedGuardNamesAFactThatCanBeAskedFor(find: String, replace: String, message: String) throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        for (old, new) in Self.askingForTheOrder { text = text.replacingOccurrences(of: old, with: new) }
        text = text.replacingOccurrences(of: find, with: replace)
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        let problem = try #require(diagnostics.diagnostics.first { $0.code == "SCN-UNKNOWN-FACT" }, "\(diagnostics.diagnostics)")
        #expect(problem.message.hasPrefix(message))
        #expect(problem.location?.line == 26)
    }

    @Test func theGraphAndTheShadowingAnalysisKnowTheGuard() throws {
        var condition = Scenario.Condition()
        condition.asked = ["order", "reading"]
        #expect(GraphLabels.guardLines(condition) == ["asked: order, reading"])
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        for (old, new) in Self.askingForTheOrder { text = text.replacingOccurrences(of: old, with: new) }
        // `asked: [order]` before `any: [question, …]` covers only some questions: no shadowing.
        #expect(!Linter.lint(text: text, file: "tiny.yaml", library: Fixtures.library).contains { $0.code == "SCN-SHADOWED" })
        let repeated = text.replacingOccurrences(
            of: "        say: That's not what I need to hear.\n",
            with: "        say: That's not what I need to hear.\n      - if: {asked: [order], any: [question]}\n        goto: closing\n")
        #expect(Linter.lint(text: repeated, file: "tiny.yaml", library: Fixtures.library).contains { $0.code == "SCN-SHADOWED" })
    }
}
