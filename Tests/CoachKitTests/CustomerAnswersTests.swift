import Testing

@testable import CoachKit

/// Facts given when asked, and a transition's variants said in turn.
@Suite struct CustomerAnswersTests {
    /// The tiny scenario whose order number is given when asked, and whose opening state
    /// answers an apology with two variants.
    static let setup = Fixtures.tinySetup(editing: [
        ("accept: [\"48213\"]}", "accept: [\"48213\"], asked-by: [order number, order no], answer: \"It's PX-48213, as I said.\"}"),
        ("    on:\n      - if: {any: [question, paraphrase]}",
         "    on:\n      - if: {any: [apology]}\n        say: [[Sorry is a start.], [Sorry again?]]\n      - if: {any: [question, paraphrase]}"),
    ])

    @Test func aQuestionForAFactGetsItsAnswerBeforeTheStatesLineAndOnlyOnce() {
        var conversation = Self.setup.conversation(seed: 1)
        let first = conversation.receive(.reply("I'm so sorry. What is the order number?"))
        #expect(first.customer.map(\.text) == ["It's PX-48213, as I said.", "Sorry is a start."])
        #expect(conversation.factsGiven == ["order"])
        let second = conversation.receive(.reply("I'm so sorry. What is the order number?"))
        #expect(second.customer.map(\.text) == ["Sorry again?"])
    }

    @Test func anInterruptedCustomerFirstSaysSoThenAnswers() {
        var conversation = Self.setup.conversation(seed: 1)
        let response = conversation.receive(.reply("I'm so sorry. What is the order number?", interrupted: true))
        #expect(response.customer.map(\.text) == ["Let me finish!", "It's PX-48213, as I said.", "Sorry is a start."])
    }

    @Test func theFactsWordsWithoutAQuestionAskForNothing() {
        var conversation = Self.setup.conversation(seed: 1)
        let response = conversation.receive(.reply("I'm so sorry about the order number."))
        #expect(response.customer.map(\.text) == ["Sorry is a start."])
        #expect(conversation.factsGiven.isEmpty)
    }

    @Test func aLineThatGivesTheFactAnywayIsNotDoubled() {
        var conversation = Self.setup.conversation(seed: 1)
        // The question moves on to `details`, whose own line is the order number.
        let response = conversation.receive(.reply("What is your order number?"))
        #expect(response.customer.map(\.text) == ["Order PX-48213."])
    }

    @Test func aTransitionsVariantsAreSaidInTurn() {
        var conversation = Self.setup.conversation(seed: 1)
        let said = (0..<3).flatMap { _ in conversation.receive(.reply("I'm so sorry.")).customer.map(\.text) }
        #expect(said == ["Sorry is a start.", "Sorry again?", "Sorry is a start."])
    }

    @Test(arguments: [
        ("asked-by: [order number]", "'answer'"),
        ("answer: It's PX-48213.", "'asked-by'"),
    ])
    func aFactNeedsBothTheQuestionAndTheAnswer(field: String, missing: String) throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "    - {id: order, label: order number, value: PX-48213, accept: [\"48213\"]}",
            with: "    - id: order\n      value: PX-48213\n      \(field)")
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "answers.yaml", diagnostics: &diagnostics)
        let found = diagnostics.diagnostics.filter { $0.code == "SCN-FACT-ANSWER" }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("no \(missing)") == true)
        // At the half that is there: the fact starts on line 11, its third line is the field.
        #expect(found.first?.location?.line == 13)
    }
}
