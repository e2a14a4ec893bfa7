import Testing

@testable import CoachKit

/// Classes of natural Russian replies the shipped Russian detector must read correctly,
/// several wordings each (the English classes are in `RecognitionClassTests`).
@Suite struct RussianRecognitionTests {
    func found(_ text: String) throws -> Set<String> {
        let detector = try #require(Fixtures.detector("ru"))
        return Set(detector.detect(text).idList)
    }

    @Test(arguments: [
        ("К сожалению, я не могу вернуть деньги за вскрытый товар.", "limit", "amends"),
        ("Скидку сверх пяти процентов я дать не имею права.", "limit", "amends"),
        // A warning is a boundary; only a real hand-over is escalate.
        ("Если крик продолжится, я передам звонок старшему смены.", "boundary", "escalate"),
        ("Ещё одно оскорбление, и я переключу вас на руководителя.", "boundary", "escalate"),
        ("Сейчас соединю вас со старшим смены, одну минуту.", "escalate", "boundary"),
        ("Я передаю ваше обращение руководителю отдела, он вам перезвонит.", "escalate", "boundary"),
        // Questions typed without "?" and after a filler.
        ("какой у вас номер заказа", "question", "bare-demand"),
        ("ну и какой у вас номер", "question", "bare-demand"),
        ("а где вы его покупали", "question", "bare-demand"),
        // Everyday typing.
        ("щас посмотрю что с заказом", "plan", "vague"),
        ("в пятницу наберу вас чтобы убедиться что всё дошло", "follow-up", "vague"),
        ("верну вам деньги на карту сегодня же", "amends", "limit"),
        // Someone else's apology is not the agent's.
        ("курьер сказал что извиняется", "", "apology"),
        ("они перед вами извинятся", "", "apology"),
    ])
    func aReplyIsReadForWhatItDoes(text: String, include: String, exclude: String) throws {
        let moves = try found(text)
        if !include.isEmpty { #expect(moves.contains(include), "\(text): \(moves.sorted())") }
        #expect(!moves.contains(exclude), "\(text): \(moves.sorted())")
    }
}
