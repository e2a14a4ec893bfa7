import Testing

@testable import CoachKit

/// `/why` speaks to the trainee: their words and what they counted for, never the lexicon's machinery.
@Suite struct WhyTests {
    func why(_ replies: [String]) -> String {
        let controller = SessionController(setup: Fixtures.tinySetup, seed: 1, trainee: "t")
        for reply in replies { _ = controller.handle(line: reply) }
        guard case .coaching(let text) = controller.handle(line: "/why").first else { return "" }
        return text
    }

    @Test func itNamesTheMovesWithTheTraineesWordsAndWhatTheyEarned() {
        let text = why(["What happened?", "I'll call the courier today"])
        #expect(text.contains("reply 2: \"I'll call the courier today\""))
        #expect(text.contains("plan: \"I'll call the courier\""))
        #expect(text.contains("deadline: \"today\""))
        #expect(text.contains("+5 Plan and time together"))
    }

    @Test func itExplainsWhatDidNotCountInPlainWords() {
        let text = why(["What happened? I can't call the courier"])
        #expect(text.contains("not plan: \"call the courier\" — \"can't\" before it turns it round"))
    }

    @Test func itShowsNoPatternsOrFiles() {
        for replies in [["hm"], ["What happened?"], ["What happened? I can't call the courier"], ["calm down"]] {
            let text = why(replies)
            #expect(!text.contains("pattern"), "\(text)")
            #expect(!text.contains(".yaml"), "\(text)")
            #expect(!text.contains("/"), "\(text)")
        }
        #expect(why(["hm"]).contains("no move recognised"))
    }
}
