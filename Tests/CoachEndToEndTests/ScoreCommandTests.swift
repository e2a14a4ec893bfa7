import Foundation
import Testing

/// `coach score`: a training lead scores a real conversation on the same scorecard.
@Suite struct ScoreCommandTests {
    static func transcript(_ text: String, name: String = "call.txt") throws -> String {
        let file = CoachBinary.temporaryFolder() + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    static let call = """
        title: Lamp call
        customer-name: Anna Varga, Mrs Varga
        customer: My lamp came broken and it was a present.
        agent: Good afternoon Mrs Varga, I'm sorry to hear that. What happened when you opened it?
        customer: The glass was in pieces. Order AB-12345.
        agent: I'll send a new lamp by express today, it reaches you by Friday. Would that work for you?
        customer: Yes, thank you.
        agent: Thank you for your patience, glad we could sort it out.
        """

    @Test func aTranscriptGetsTheScorecardAPlayedSessionWould() throws {
        let file = try Self.transcript(Self.call)
        let text = try CoachBinary.run(["score", file])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Scorecard · Lamp call"))
        #expect(text.stdout.contains("Outcome: completed"))
        #expect(text.stdout.contains("(reply 1: \"Mrs Varga\")"), "\(text.stdout)")

        let json = try CoachBinary.run(["score", "--json", "--trainee", "tom", file])
        let card = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(card["outcome"] as? String == "completed")
        #expect(card["trainee"] as? String == "tom")
        #expect((card["turns"] as? [Any])?.count == 3)
        #expect((card["score"] as? Int ?? 0) >= 70)
    }

    /// A Russian call is scored in Russian: the scorecard's words and the rubric's feedback.
    @Test func aRussianCallGetsARussianScorecard() throws {
        let file = try Self.transcript(
            """
            title: Звонок о лампе
            language: ru
            customer-name: Анна Варга, Анна Сергеевна
            customer: Лампа пришла разбитой, а это был подарок.
            agent: Добрый день, Анна Сергеевна. Расскажите, пожалуйста, что случилось, когда вы её открыли?
            customer: Стекло вдребезги. Заказ AB-12345.
            agent: Я сегодня же отправлю новую лампу экспресс-доставкой, она будет у вас к пятнице. Вам так удобно?
            customer: Да, спасибо.
            agent: Спасибо за терпение, рада, что мы всё решили.
            """, name: "ru-call.txt")
        let result = try CoachBinary.run(["score", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Оценочный лист · Звонок о лампе"), "\(result.stdout)")
        #expect(result.stdout.contains("Что получилось"))
        #expect(!result.stdout.contains("Scorecard") && !result.stdout.contains("What went well"))
        // The rubric's why lines are the Russian translation's, not English.
        #expect(!result.stdout.contains("Finding out what happened comes before anything else."))
        let english = try CoachBinary.run(["score", file, "--interface-language", "en"])
        #expect(english.stdout.contains("Scorecard · Звонок о лампе"))
    }

    @Test func aBadTranscriptIsAnErrorAtItsLineAndNothingIsScored() throws {
        let file = try Self.transcript("title: x\ncustomr: hello\nagent: hi\n", name: "bad.txt")
        let result = try CoachBinary.run(["score", file])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("bad.txt:2:1: error: [REAL-LINE] 'customr' is not who spoke"), "\(result.stderr)")
        // A good file after a bad one is still scored, and the run still fails.
        let both = try CoachBinary.run(["score", "--json", file, try Self.transcript(Self.call)])
        #expect(both.status == 2)
        let cards = try #require(try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [[String: Any]])
        #expect(cards.map { $0["outcome"] as? String } == ["completed"])
    }
}
