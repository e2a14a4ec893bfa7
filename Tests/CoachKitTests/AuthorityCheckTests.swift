import Testing

@testable import CoachKit

/// Authority as data: offering what `beyond-authority:` forbids is a fault; a refusal is not.
@Suite struct AuthorityCheckTests {
    static let forbidden: [Scenario.Forbidden] = [
        .init(label: "a free phone", words: ["free phone", "phone for free"], location: .init(file: "t", line: 1, column: 1)),
        .init(label: "free months", words: ["months free", "free month"], location: .init(file: "t", line: 2, column: 1)),
    ]

    func gifts(_ text: String) throws -> [String] {
        let detector = try #require(Fixtures.detector("en"))
        let check = AuthorityCheck(Self.forbidden, detector: detector, names: detector.customerNames(["Daniel Kovacs"]))
        return check.gifts(in: text).map(\.label)
    }

    @Test(arguments: [
        "OK fine, I'll give you a free phone.",
        "ok ill give u a FREE PHONE then",
        "Alright, you can have two months free.",
        "I can do the phone for free if that helps",
    ])
    func offeringWhatIsForbiddenIsAGift(text: String) throws {
        #expect(try !gifts(text).isEmpty, "\(text)")
    }

    @Test(arguments: [
        "I can't give you a free phone, but I can waive the upgrade fee.",
        "No free phone, sorry, but I can add 10 GB a month.",
        "A free phone isn't something I'm able to offer.",
        "I'll pass your request for a free phone to the retention team today.",
        "Let me explain why a free phone is not possible.",
        "To sum up: the upgrade fee waived, and your request for free months sent to retention.",
        "I know you're asking for a free phone, and I'd love to help.",
    ])
    func refusingOrNamingItIsNot(text: String) throws {
        #expect(try gifts(text).isEmpty, "\(text)")
    }

    /// An amount is one clause with its words: "€80" does not start a new one, so a refusal
    /// before it still covers it, and an offer of it is still an offer.
    @Test(arguments: [
        ("I can't pay €80 in compensation", false), ("I cannot pay $80 in compensation", false),
        ("I'm not able to give you 20% off as compensation", false),
        ("I'll refund you €80 in compensation today", true), ("ok I'll credit £80 compensation to your account", true),
    ])
    func anAmountStaysInItsClause(text: String, isGift: Bool) throws {
        let detector = try #require(Fixtures.detector("en"))
        let compensation = Scenario.Forbidden(label: "compensation", words: ["compensation"], location: .init(file: "t", line: 1, column: 1))
        let check = AuthorityCheck([compensation], detector: detector, names: detector.customerNames(["Daniel Kovacs"]))
        #expect(check.gifts(in: text).isEmpty != isGift, "\(text)")
    }

    @Test func eachThingCountsOnceWithTheSentenceThatOfferedIt() throws {
        let detector = try #require(Fixtures.detector("en"))
        let check = AuthorityCheck(Self.forbidden, detector: detector, names: detector.customerNames([]))
        let found = check.gifts(
            in: "Fine. I'll give you a free phone. And I can give you a free phone case. I can also give you a free month.")
        #expect(found.map(\.label) == ["a free phone", "free months"])
        #expect(found.first?.quote == "I'll give you a free phone")
        #expect(found.last?.quote == "I can also give you a free month")
    }

    @Test func theShippedScenarioFaultsAGiftAndNamesIt() throws {
        let setup = try #require(ShippedScenarioTests.setups["upgrade-demands"])
        var conversation = setup.conversation(seed: 1)
        _ = conversation.receive(.reply("What happened with your phone?"))
        let response = conversation.receive(.reply("OK fine, I'll give you a free phone."))
        let event = try #require(response.events.first { $0.rule == "beyond-authority" })
        #expect(event.kind == .fault && event.points < 0)
        #expect(event.quote == "a free phone: I'll give you a free phone")
    }
}

extension AuthorityCheckTests {
    @Test func aPhraseDoesNotRunAcrossAClause() throws {
        let text = "What I can add is 10 GB of extra data a month, free, for your first three months."
        #expect(try gifts(text).isEmpty)
    }
}

extension AuthorityCheckTests {
    @Test func theThingsOwnNameIsNoOffer() throws {
        // "free months" alone reads as amends; in a list of what retention decides it is named, not given.
        #expect(try gifts("No, that's where my limit is. Free months, a free phone and money off are retention's call.").isEmpty)
    }
}

/// A scenario can react to a gift beyond authority, and the rubric credits no such offer.
extension AuthorityCheckTests {
    static let forbiddingTheWholeOrder: [(String, String)] = [
        ("start: open", "beyond-authority:\n  - {label: the whole order refunded, words: [whole order]}\nstart: open"),
        (
            "    say: Order PX-48213.\n    on:\n",
            """
                say: Order PX-48213.
                on:
                  - if: {any: [amends], beyond-authority: true}
                    say: The whole order back? Now we're talking.
                    goto: closing
                  - if: {any: [amends], beyond-authority: false}
                    say: A discount. I suppose that helps.

            """
        ),
    ]

    /// The reply the customer answers after asking, from the `details` state.
    func customerAnswer(to reply: String) throws -> (line: String, state: String) {
        let setup = Fixtures.tinySetup(editing: Self.forbiddingTheWholeOrder)
        var conversation = setup.conversation(seed: 1, trainee: "t")
        _ = conversation.receive(.reply("What is your order number?"))
        let response = conversation.receive(.reply(reply))
        return (response.customer.map(\.text).joined(separator: " "), conversation.state)
    }

    @Test func aTransitionTellsAGiftFromAnAllowedOffer() throws {
        let gift = try customerAnswer(to: "Fine, I'll refund the whole order.")
        #expect(gift.line.hasPrefix("The whole order back?"), "\(gift)")
        #expect(gift.state == "closing")
        let allowed = try customerAnswer(to: "I can give you a discount on your next order.")
        #expect(allowed.line.hasPrefix("A discount."), "\(allowed)")
        #expect(allowed.state == "details")
    }

    @Test func theProbeSaysWhyAnAuthorityGuardDidNotHold() throws {
        let setup = Fixtures.tinySetup(editing: Self.forbiddingTheWholeOrder)
        let probe = StepProbe.run(setup, from: .init(state: "details", mood: [:]), reply: "I can give you a discount.")
        #expect(probe.attempts.first?.unmet == ["the reply gave nothing beyond authority"])
        #expect(probe.attempts.count == 2 && probe.attempts[1].unmet.isEmpty)
    }

    @Test func aGiftBeyondAuthorityEarnsNoCreditForTheOffer() throws {
        var diagnostics = DiagnosticCollector()
        let text = try String(contentsOfFile: Fixtures.path("tiny-rubric.yaml"), encoding: .utf8).replacingOccurrences(
            of: "rules:\n",
            with: "rules:\n  - {id: offered, kind: credit, moves: [amends], points: 4, category: resolution, guidelines: [G23], why: An offer.}\n")
        let rubric = try #require(RubricLoader.load(text: text, file: "rubric.yaml", diagnostics: &diagnostics), "\(diagnostics.diagnostics)")
        let edited = Fixtures.tinySetup(editing: Self.forbiddingTheWholeOrder)
        let setup = Setup(scenario: edited.scenario, rubric: rubric, detector: edited.detector)
        func events(_ reply: String) -> [String] {
            var conversation = setup.conversation(seed: 1, trainee: "t")
            _ = conversation.receive(.reply("What is your order number?"))
            return conversation.receive(.reply(reply)).events.map(\.rule)
        }
        #expect(events("I can give you a discount on your next order.").contains("offered"))
        #expect(!events("Fine, I'll refund the whole order.").contains("offered"))
    }
}

/// The guard is drawn in the graph and weighed by lint's shadowing analysis.
extension AuthorityCheckTests {
    @Test func theGraphNamesTheAuthorityGuard() {
        var condition = Scenario.Condition()
        condition.any = [.amends]
        condition.beyondAuthority = true
        #expect(GraphLabels.guardLines(condition) == ["any: amends", "beyond authority"])
        condition.beyondAuthority = false
        #expect(GraphLabels.guardLines(condition).last == "within authority")
    }

    @Test func anAuthorityGuardShadowsOnlyWhatItCovers() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        for (find, replace) in Self.forbiddingTheWholeOrder { text = text.replacingOccurrences(of: find, with: replace) }
        let apart = Linter.lint(text: text, file: "tiny.yaml", library: Fixtures.library)
        #expect(!apart.contains { $0.code == "SCN-SHADOWED" }, "\(apart)")
        let covered = text.replacingOccurrences(
            of: "      - if: {any: [amends], beyond-authority: true}", with: "      - if: {any: [amends]}")
        let shadowed = Linter.lint(text: covered, file: "tiny.yaml", library: Fixtures.library)
        #expect(shadowed.contains { $0.code == "SCN-SHADOWED" }, "\(shadowed)")
    }
}
