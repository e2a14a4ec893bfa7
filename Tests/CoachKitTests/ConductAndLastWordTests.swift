import Testing

@testable import CoachKit

/// Faults of conduct (a rule with a `ceiling`) and the trainee's last word after the
/// customer's final line.
@Suite struct ConductTests {
    static let rubricText = """
        rules:
          - {id: asked, kind: expected, moves: [question], by-turn: 2, points: 10, category: listening, guidelines: [G2], why: Ask first., try: Ask.}
          - {id: please, kind: credit, moves: [please], points: 2, category: courtesy, guidelines: [G10], why: Polite.}
          - {id: rude, kind: never, moves: [rudeness], points: -20, category: courtesy, also: [composure], ceiling: 20, guidelines: [G10], why: Rude., try: Be kind.}
          - {id: dismissed, kind: never, moves: [dismiss], points: -10, category: composure, ceiling: 50, guidelines: [G13], why: Dismissive., try: Take it seriously.}
          - {id: paired, kind: pairing, moves: [plan], with: [deadline], within: 1, points: 8, category: resolution, guidelines: [G18], why: Pair., try: Say when.}
        outcomes: {resolved: 20, customer-lost: 0}
        categories:
          composure: {base: 20}
        """

    static let setup: Setup = {
        var diagnostics = DiagnosticCollector()
        guard let rubric = RubricLoader.load(text: rubricText, file: "conduct.yaml", diagnostics: &diagnostics) else {
            fatalError("\(diagnostics.diagnostics)")
        }
        return Setup(scenario: Fixtures.tinySetup.scenario, rubric: rubric, detector: Fixtures.miniDetector)
    }()

    func card(_ replies: [String]) -> Scorecard {
        var conversation = Self.setup.conversation(seed: 1)
        for reply in replies { _ = conversation.receive(.reply(reply)) }
        return conversation.scorecard()
    }

    func credited(_ card: Scorecard) -> [String] { card.events.filter { $0.kind == .credit }.map(\.rule) }

    @Test func aRudeReplyEarnsNoCreditForWhatElseItDoes() {
        let polite = card(["What happened, please?"])
        #expect(credited(polite) == ["please", "asked"])
        let rude = card(["What happened, idiot? Please."])
        #expect(credited(rude).isEmpty)
        #expect(rude.events.contains { $0.rule == "asked" && $0.kind == .missed })
    }

    @Test func aRudeReplyForfeitsTheScenariosOwnPointsToo() {
        let fair = card(["What happened?", "I'll call the courier today"])
        #expect(fair.events.contains { $0.rule == "scenario:details" && $0.points == 5 })
        let rude = card(["What happened?", "I'll call the courier today, idiot"])
        #expect(!rude.events.contains { $0.rule == "scenario:details" })
        #expect(!rude.events.contains { $0.rule == "paired" && $0.kind == .credit })
    }

    @Test func anInsultCostsComposureAsWellAsCourtesy() {
        let rude = card(["What happened?", "shut up"])
        #expect(rude.categories.first { $0.category == .courtesy }?.score == 0)
        #expect(rude.categories.first { $0.category == .composure }?.score == 0)
        // Listed once, under its own category.
        #expect(rude.events.filter { $0.rule == "rude" }.count == 1)
    }

    @Test func faultsOfConductCapTheScoreAndEachFurtherOneHalvesTheCap() {
        let clean = card(["What happened, please?", "I'll call the courier today"])
        #expect(clean.ceiling == nil)
        #expect(clean.score > 50)
        let once = card(["What happened, please?", "I'll call the courier today", "calm down"])
        #expect(once.ceiling == .init(limit: 50, replies: [3]))
        #expect(once.score == 50)
        let twice = card(["What happened, please?", "shut up", "calm down"])
        #expect(twice.ceiling?.limit == 10)
        #expect(twice.ceiling?.replies == [2, 3])
        #expect(twice.score <= 10)
    }

    @Test func theCapIsShownWithTheRepliesThatSetIt() {
        let text = ScorecardText().render(card(["What happened, please?", "I'll call the courier today", "calm down"]))
        #expect(text.contains("At most 50: a fault of conduct fails the conversation (reply 3)"))
        let json = card(["What happened, please?", "shut up", "calm down"]).json.serialized()
        #expect(json.contains(#""ceiling":{"limit":10,"replies":[2,3]}"#))
    }

    @Test func onlyANeverRuleCanHaveACeiling() {
        var diagnostics = DiagnosticCollector()
        let text = """
            rules:
              - {id: a, kind: credit, moves: [please], points: 2, ceiling: 30, category: courtesy, guidelines: [G10], why: x}
            """
        #expect(RubricLoader.load(text: text, file: "r.yaml", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.diagnostics.map(\.code) == ["RUB-RULE"])
    }
}

@Suite struct LastWordTests {
    static let toTheEnding = ["What happened?", "I'll call the courier today", "Anything else?"]

    @Test func afterTheCustomersLastLineTheTraineeHasOneClosingReply() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        for reply in Self.toTheEnding { _ = conversation.receive(.reply(reply)) }
        #expect(conversation.outcome == .resolved)
        #expect(conversation.awaitingLastWord && !conversation.isOver)
        let last = conversation.receive(.reply("I'm so sorry about all this"))
        #expect(last.customer.isEmpty)
        #expect(last.events.contains { $0.rule == "closing" && $0.kind == .credit })
        #expect(conversation.isOver)
        #expect(conversation.outcome == .resolved && conversation.ending == "done")
        #expect(conversation.turns.last?.phase == .closing)
        // Nothing counts after the last word.
        #expect(conversation.receive(.reply("And another thing")).detection == nil)
        #expect(conversation.turns.count == 4)
    }

    @Test func givingUpTheLastWordKeepsTheOutcome() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        for reply in Self.toTheEnding { _ = conversation.receive(.reply(reply)) }
        conversation.abandon()
        #expect(conversation.isOver && conversation.outcome == .resolved)
    }

    @Test func aCustomerWhoLeftHearsNothingMore() {
        var conversation = Fixtures.tinySetup.conversation(seed: 1)
        _ = conversation.receive(.reply("calm down"))
        #expect(conversation.outcome == .customerLost)
        #expect(!conversation.awaitingLastWord && conversation.isOver)
    }

    @Test func theSessionOffersTheLastWordAndEnterSkipsIt() {
        let controller = SessionController(setup: Fixtures.tinySetup, seed: 1, trainee: "t")
        var outputs: [SessionController.Output] = []
        for reply in Self.toTheEnding { outputs = controller.handle(line: reply) }
        #expect(outputs.last == .coaching("Anna Varga is about to go: your last word (or Enter for the scorecard)"))
        #expect(!controller.isOver)
        let skipped = controller.handle(line: "")
        guard case .scorecard(let card) = skipped.last else {
            Issue.record("no scorecard after Enter: \(skipped)")
            return
        }
        #expect(card.outcome == .resolved && card.turns.count == 3)
        #expect(controller.isOver)
    }
}

@Suite struct CalibrationTests {
    func card(fullMarksAt: Int?) throws -> Scorecard {
        let setting = fullMarksAt.map { "full-marks-at: \($0)\n" } ?? ""
        var diagnostics = DiagnosticCollector()
        let rubric = try #require(
            RubricLoader.load(text: setting + ConductTests.rubricText, file: "c.yaml", diagnostics: &diagnostics),
            "\(diagnostics.diagnostics)")
        var conversation = Setup(scenario: Fixtures.tinySetup.scenario, rubric: rubric, detector: Fixtures.miniDetector)
            .conversation(seed: 1)
        // Asked and paired (18 of listening and resolution), no "please" (2 of courtesy's 2 missed).
        for reply in ["What happened?", "I'll call the courier today"] { _ = conversation.receive(.reply(reply)) }
        return conversation.scorecard()
    }

    func score(_ card: Scorecard, _ category: Category) -> Int? {
        card.categories.first { $0.category == category }?.score
    }

    @Test func fullMarksComeBeforeEveryChanceIsTaken() throws {
        let strict = try card(fullMarksAt: nil)
        let calibrated = try card(fullMarksAt: 85)
        #expect(score(strict, .courtesy) == 0 && score(calibrated, .courtesy) == 0)
        // Resolution: 8 for the pairing and 5 for the scenario's points earned, of 13 + 20 for the outcome.
        #expect(score(strict, .resolution)! < score(calibrated, .resolution)!)
        #expect(calibrated.score > strict.score)
    }

    @Test func theSettingIsChecked() {
        var diagnostics = DiagnosticCollector()
        #expect(RubricLoader.load(text: "full-marks-at: 30\n" + ConductTests.rubricText, file: "c.yaml", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.diagnostics.map(\.code) == ["RANGE"])
    }
}
