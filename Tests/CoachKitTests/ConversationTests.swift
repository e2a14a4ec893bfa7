import Testing

@testable import CoachKit

@Suite struct ConversationTests {
    @Test func aGoodConversationFollowsTheTransitions() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        #expect(conversation.state == "open")
        let first = conversation.receive(.reply("What happened?"))
        #expect(first.customer.map(\.text) == ["Order PX-48213."])
        #expect(conversation.mood["anger"] == 40)
        _ = conversation.receive(.reply("I'll call the courier today"))
        _ = conversation.receive(.reply("Anything else?"))
        #expect(conversation.awaitingLastWord)
        _ = conversation.receive(.reply("Goodbye"))
        #expect(conversation.isOver)
        #expect(conversation.outcome == .resolved)
        #expect(conversation.ending == "done")
        #expect(conversation.path == ["open", "details", "closing", "done"])
        #expect(conversation.customerLines.last?.text == "Thanks.")
    }

    @Test func theSameSeedGivesTheSameConversation() {
        let replies: [InputEvent] = [.reply("hm"), .reply("What happened?"), .reply("I'll call the courier by Friday")]
        for seed: UInt64 in [1, 2, 3, 99] {
            let a = Fixtures.play(replies, seed: seed), b = Fixtures.play(replies, seed: seed)
            #expect(a.customerLines == b.customerLines)
            #expect(a.scorecard().json == b.scorecard().json)
        }
        // Different seeds can pick different variants of the opening line.
        let openings = Set((0..<20).map { Fixtures.tinySetup.conversation(seed: UInt64($0)).opening.text })
        #expect(openings.count == 2)
    }

    @Test func aLongLineArrivesInParts() {
        let conversation = Fixtures.tinySetup.conversation(seed: 4)
        let parts = conversation.opening.parts
        #expect(parts.count == 2 || parts == ["Where is my parcel?"])
    }

    @Test func fallbacksRepeatThenGiveUp() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        #expect(conversation.receive(.reply("hm")).customer.map(\.text) == ["Hello?"])
        #expect(conversation.receive(.reply("hm")).customer.map(\.text) == ["Are you there?"])
        #expect(conversation.receive(.reply("hm")).customer.map(\.text) == ["Bye."])
        #expect(conversation.outcome == .customerLost)
    }

    /// The tiny scenario with a scenario-wide `unclear:` reaction, and a state that has its own.
    static let unclearSetup = Fixtures.tinySetup(editing: [
        ("start: open\n", "unclear: {say: [\"Sorry, what do you mean?\", You lost me there.], mood: {anger: +5}}\nstart: open\n"),
        ("    say: Order PX-48213.\n", "    say: Order PX-48213.\n    unclear: {say: Meaning what?}\n"),
    ])

    @Test func aReplyWithNoKnownMoveIsAnsweredAsHeardNotAsSilence() {
        var conversation = Self.unclearSetup.conversation(seed: 1)
        let first = conversation.receive(.reply("hm"))
        #expect(first.customer.map(\.text) == ["Sorry, what do you mean?"])
        #expect(conversation.mood["anger"] == 55)
        #expect(conversation.receive(.reply("hm")).customer.map(\.text) == ["You lost me there."])
        #expect(conversation.state == "open")
    }

    @Test func unclearAndIgnoredRepliesShareTheFallbacksLimit() {
        var conversation = Self.unclearSetup.conversation(seed: 1)
        _ = conversation.receive(.reply("hm"))
        _ = conversation.receive(.reply("hm"))
        #expect(!conversation.isOver)
        // The third reply that moves nothing on is past the fallback's limit of 2.
        #expect(conversation.receive(.reply("hm")).customer.map(\.text) == ["Bye."])
        #expect(conversation.outcome == .customerLost)
    }

    @Test func aMoveTheStateIgnoresGetsTheFallbackNotTheUnclearReaction() {
        var conversation = Self.unclearSetup.conversation(seed: 1)
        #expect(conversation.receive(.reply("I'll call the courier today")).customer.map(\.text) == ["Hello?"])
        #expect(conversation.mood["anger"] == 50)
    }

    @Test func aStatesOwnUnclearWinsOverTheScenarios() {
        var conversation = Self.unclearSetup.conversation(seed: 1)
        _ = conversation.receive(.reply("What happened?"))
        #expect(conversation.state == "details")
        #expect(conversation.receive(.reply("hm")).customer.map(\.text) == ["Meaning what?"])
        #expect(conversation.mood["anger"] == 40)
    }

    @Test func withoutAnUnclearReactionTheFallbackStillAnswers() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        #expect(conversation.receive(.reply("hm")).customer.map(\.text) == ["Hello?"])
    }

    @Test func aMoodAtItsBoundEndsTheConversation() {
        let conversation = Fixtures.play([.reply("calm down")])
        #expect(conversation.mood["anger"] == 100)
        #expect(conversation.ending == "lost")
    }

    @Test func theTurnLimitEndsAnyLoop() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        _ = conversation.receive(.reply("What happened?"))
        for _ in 0..<10 { _ = conversation.receive(.reply("Let me see.")) }
        #expect(conversation.turns.count == 6)
        #expect(conversation.outcome == .timedOut)
    }

    @Test func interruptingMakesTheCustomerReactAndIsRecorded() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        let response = conversation.receive(.reply("What happened?", interrupted: true))
        #expect(response.customer.first?.text == "Let me finish!")
        #expect(response.events.contains { $0.rule == "interrupt" && $0.points == -8 })
        #expect(conversation.mood["anger"] == 50)  // +10 for the interruption, -10 for the question
        #expect(conversation.turns[0].interrupted)
    }

    @Test func silenceNudgesOnlyPastTheThreshold() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        #expect(conversation.receive(.silence(seconds: 10)).customer.isEmpty)
        #expect(conversation.receive(.silence(seconds: 45)).customer.map(\.text) == ["Hello?"])
        #expect(conversation.mood["patience"] == 10)
        #expect(conversation.receive(.silence(seconds: 45)).customer.map(\.text) == ["Hello?", "Bye."])
        #expect(conversation.ending == "lost")
    }

    @Test func notesCreditTheFactsTheyContain() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        #expect(conversation.receive(.note("customer upset")).factsNoted.isEmpty)
        let response = conversation.receive(.note("Order PX-48213, parcel missing"))
        #expect(response.factsNoted == ["order number"])
        #expect(response.events.map(\.rule) == ["noted"])
        #expect(conversation.receive(.note("48213 again")).factsNoted.isEmpty)
        #expect(conversation.notes.count == 3)
    }

    @Test func aFactTheCustomerNeverGaveIsNoChanceMissed() {
        func listeningPossible(_ conversation: Conversation) -> Int? {
            conversation.scorecard().categories.first { $0.category == .listening }?.possible
        }
        let early = Fixtures.play([.reply("hm")])
        #expect(early.factsGiven.isEmpty)
        let told = Fixtures.play([.reply("What happened?")])
        #expect(told.factsGiven == ["order"])
        // Noting the order number (3 points) is a chance only once the customer has said it.
        #expect(listeningPossible(told) == (listeningPossible(early) ?? 0) + 3)
        // A fact noted before the customer said it (from the briefing) still counts.
        let ahead = Fixtures.play([.note("order 48213"), .reply("hm")])
        #expect(listeningPossible(ahead) == listeningPossible(told))
    }

    @Test func hintsHelpAndCost() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        let response = conversation.receive(.hint)
        #expect(response.hint == "Ask first.")
        #expect(response.events.map(\.points) == [-2])
    }

    @Test func nothingHappensAfterTheEnd() {
        var conversation = Fixtures.play([.reply("calm down")])
        let response = conversation.receive(.reply("What happened?"))
        #expect(response.customer.isEmpty && conversation.turns.count == 1)
    }

    @Test func scenarioPointsQuoteTheMovesThatEarnedThem() {
        let conversation = Fixtures.play([.reply("What happened?"), .reply("Sure. I'll call the courier today")])
        let event = conversation.scorecard().events.first { $0.rule == "scenario:details" }
        #expect(event?.quote == "I'll call the courier")
        #expect(event?.points == 5)
    }
}
