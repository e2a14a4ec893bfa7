import Foundation
import Testing

@testable import CoachKit

/// `coach score`: a real conversation, read from a transcript and scored without a script.
@Suite struct RealConversationTests {
    static func parse(_ text: String) -> (RealConversation?, [Diagnostic]) {
        var diagnostics = DiagnosticCollector()
        let conversation = RealConversation.parse(text: text, file: "call.txt", diagnostics: &diagnostics)
        return (conversation, diagnostics.diagnostics)
    }

    static let call = """
        # written down by the team lead
        title: Winter bill
        kind: provocateur
        customer-name: Victor Hale, Mr Hale

        customer: You're recording this? Good, so am I.
        Why does your company rob pensioners?
        agent: Good morning Mr Hale. The bill was estimated because no meter reading reached us.
        agent: Could you read me the meter now?
        customer: 18342. Satisfied?
        agent: Thank you. I'll re-issue the bill from that reading today; you'll have it by email within two working days. Would that work for you?
        customer: Fine.
        """

    @Test func aPlainTextTranscriptIsReadWithItsSettingsAndContinuations() throws {
        let (read, diagnostics) = Self.parse(Self.call)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let conversation = try #require(read)
        #expect(conversation.title == "Winter bill")
        #expect(conversation.kind == .provocateur)
        #expect(conversation.customerNames == ["Victor Hale", "Mr Hale"])
        #expect(conversation.lines.map(\.speaker) == [.customer, .agent, .agent, .customer, .agent, .customer])
        // A line without a label goes on with the last speaker.
        #expect(conversation.lines[0].text == "You're recording this? Good, so am I. Why does your company rob pensioners?")
        let turns = conversation.turns
        #expect(turns.customer.count == 2 && turns.replies.count == 2)
        // Two agent lines in a row are one reply; the customer's last words come after the last reply.
        #expect(turns.replies[0].hasSuffix("reached us. Could you read me the meter now?"))
        #expect(turns.after == ["Fine."])
    }

    @Test func jsonIsReadToo() throws {
        let (read, diagnostics) = Self.parse(
            """
            {"language": "en", "customer-name": "Anna Varga",
             "lines": [{"speaker": "agent", "text": "Hello, how can I help?"}, {"speaker": "customer", "text": "My parcel never came."},
                       {"speaker": "agent", "text": "I'm sorry to hear that. What's the order number?"}]}
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let conversation = try #require(read)
        // The agent spoke first: the customer had said nothing before the first reply.
        #expect(conversation.turns.customer == [[], ["My parcel never came."]])
        #expect(conversation.turns.after.isEmpty)
    }

    @Test(arguments: [
        ("kind: angry\nagent: hi", "SCN-KIND", 1, 1),
        ("customr: hello\nagent: hi", "REAL-LINE", 1, 1),
        ("language: ../x\nagent: hi", "BAD-LANGUAGE", 1, 1),
        ("customer: hello\n\ncustomer: anyone?", "REAL-EMPTY", 1, 1),
        ("{\"lines\": [{\"speaker\": \"boss\", \"text\": \"x\"}]}", "REAL-LINE", 1, 24),
    ])
    func mistakesAreReportedWhereTheyAre(text: String, code: String, line: Int, column: Int) throws {
        let (read, diagnostics) = Self.parse(text)
        #expect(read == nil)
        let problem = try #require(diagnostics.first)
        #expect(problem.code == code, "\(diagnostics)")
        #expect(problem.location.map { [$0.line, $0.column] } == [line, column])
    }

    @Test func theCustomerSaysWhatTheRealCustomerSaidWhateverTheAgentReplies() throws {
        let conversation = try #require(Self.parse(Self.call).0)
        let detector = try #require(Fixtures.detector("en"))
        let scenario = conversation.scenario(detector: detector)
        #expect(scenario.stateOrder == ["said-1", "said-2"])
        #expect(scenario.stateOrder.map { scenario.states[$0]!.phase } == [.opening, .resolving])
        // With a provocateur, the customer's questions are provocations (the circuit, G41).
        #expect(scenario.states["said-1"]!.acts.contains(.provokes))
        let card = conversation.scorecard(rubric: Fixtures.library.loadRubricOrFail(), detector: detector, trainee: "tom")
        #expect(card.outcome == .completed)
        #expect(card.trainee == "tom")
        #expect(card.turns.map(\.text) == conversation.turns.replies)
        #expect(card.turns.flatMap(\.customer).map(\.text) == ["18342. Satisfied?", "Fine."])
        // No scripted ending to reach: the outcome neither earns nor misses resolution points.
        #expect(!card.events.contains { $0.rule == "outcome" })
    }

    @Test func aGoodCallScoresFarAboveARudeOneOnTheSameCustomer() throws {
        let detector = try #require(Fixtures.detector("en"))
        let rubric = Fixtures.library.loadRubricOrFail()
        let good = try #require(Self.parse(Self.call).0).scorecard(rubric: rubric, detector: detector)
        let rude = try #require(
            Self.parse(
                """
                kind: provocateur
                customer: You're recording this? Good, so am I. Why does your company rob pensioners?
                agent: oh grow up. nobody is robbing you, read your own meter for once
                customer: 18342. Satisfied?
                agent: whatever, pay the bill or dont
                customer: Fine.
                """
            ).0
        ).scorecard(rubric: rubric, detector: detector)
        #expect(good.score >= 70, "\(good.score)")
        #expect(rude.score <= 20, "\(rude.score)")
    }

    @Test func insultsInTheCustomersWordsAreInsults() throws {
        let conversation = try #require(
            Self.parse("customer: You useless idiot, where is my parcel?\nagent: I can help with the parcel.").0)
        let scenario = conversation.scenario(detector: try #require(Fixtures.detector("en")))
        #expect(scenario.states["said-1"]!.acts.contains(.insults))
        // Not a provocateur (the default kind is a genuine grievance): a question is only a question.
        #expect(!scenario.states["said-1"]!.acts.contains(.provokes))
    }
}

extension Library {
    /// The library's rubric, for tests where it must load.
    func loadRubricOrFail() -> Rubric {
        var diagnostics = DiagnosticCollector()
        return loadRubric(diagnostics: &diagnostics)!
    }
}
