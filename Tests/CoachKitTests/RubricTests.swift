import Testing

@testable import CoachKit

@Suite struct RubricTests {
    func events(_ replies: [String]) -> [RuleEvent] {
        Fixtures.play(replies.map { .reply($0) }).scorecard().events
    }

    func rules(_ replies: [String]) -> [String] { events(replies).filter { $0.kind != .missed }.map(\.rule) }

    @Test func anApologyIsHollowBeforeAskingAndSincereAfter() {
        #expect(rules(["I'm so sorry"]).contains("hollow"))
        #expect(!rules(["What happened?", "I'm so sorry"]).contains("hollow"))
        #expect(rules(["What happened?", "I'm so sorry"]).contains("after"))
        // Within one reply, order matters: apologising first is still hollow.
        #expect(rules(["I'm so sorry, what happened?"]).contains("hollow"))
        #expect(!rules(["What happened? I'm so sorry"]).contains("hollow"))
    }

    @Test func anApologyInTheClosingIsRight() {
        let found = rules(["What happened?", "I'll call the courier today", "I'm so sorry about this"])
        #expect(found.contains("closing"))
    }

    @Test func compensationBeforeUnderstandingIsAFault() {
        #expect(rules(["I'll refund you"]).contains("early-amends"))
        #expect(!rules(["What happened?", "I'll refund you"]).contains("early-amends"))
    }

    @Test func wordsThatBreakTwoRulesCostOnceByTheHeavierRule() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-rubric.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "rules:\n",
            with: "rules:\n  - {id: bribe, kind: never, moves: [amends], points: -10, category: control, "
                + "guidelines: [G20], why: Bribe., try: Hold the line.}\n")
        var diagnostics = DiagnosticCollector()
        let rubric = try #require(RubricLoader.load(text: text, file: "rubric.yaml", diagnostics: &diagnostics))
        let setup = Setup(scenario: Fixtures.tinySetup.scenario, rubric: rubric, detector: Fixtures.miniDetector)
        func faults(_ reply: String) -> [String] {
            var conversation = setup.conversation(seed: 1)
            return conversation.receive(.reply(reply)).events.filter { $0.kind == .fault }.map(\.rule)
        }
        // "refund" is both a bribe (-10) and compensation too early (-8): one act, the heavier fault.
        #expect(faults("I'll refund you") == ["bribe"])
        // Different words are different acts: both count.
        #expect(Set(faults("I'll refund you. Calm down.")) == ["bribe", "rude"])
        // Without the heavier rule, the lighter one still counts.
        #expect(rules(["I'll refund you"]).contains("early-amends"))
    }

    @Test func overlappingWordsReadAsTwoMovesAreOneActToo() {
        var evaluator = RubricEvaluator(rubric: Fixtures.tinySetup.rubric, scenario: Fixtures.tinySetup.scenario)
        func move(_ id: MoveID, _ start: Int, _ end: Int) -> DetectedMove {
            DetectedMove(id: id, evidence: id.rawValue, start: start, end: end, source: .capitals)
        }
        // "these things happen" read as dismiss (rude, -20) and, overlapping, as amends too
        // early (-8); an apology elsewhere in the reply is hollow (-6) on words of its own.
        let detection = MoveDetection(
            text: "", moves: [move(.dismiss, 0, 19), move(.amends, 6, 12), move(.apology, 21, 26)])
        let events = evaluator.reply(.init(turn: 1, detection: detection, phase: .opening, acts: []))
        #expect(events.filter { $0.kind == .fault }.map(\.rule).sorted() == ["hollow", "rude"])
    }

    @Test func aFaultOfConductOutranksAHeavierFaultOnTheSameWords() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-rubric.yaml"), encoding: .utf8)
        // The lighter rule is made a fault of conduct: it must survive, its ceiling with it.
        text = text.replacingOccurrences(of: "points: -6, category: listening", with: "points: -6, ceiling: 50, category: listening")
        var diagnostics = DiagnosticCollector()
        let rubric = try #require(RubricLoader.load(text: text, file: "rubric.yaml", diagnostics: &diagnostics))
        var evaluator = RubricEvaluator(rubric: rubric, scenario: Fixtures.tinySetup.scenario)
        let detection = MoveDetection(
            text: "", moves: [
                DetectedMove(id: .dismiss, evidence: "dismiss", start: 0, end: 10, source: .capitals),
                DetectedMove(id: .apology, evidence: "apology", start: 2, end: 8, source: .capitals),
            ])
        let events = evaluator.reply(.init(turn: 1, detection: detection, phase: .opening, acts: []))
        #expect(events.filter { $0.kind == .fault }.map(\.rule) == ["hollow"])
    }

    @Test func aPlanWantsADeadline() {
        let paired = events(["What happened?", "I'll call the courier today"])
        #expect(paired.first { $0.rule == "paired" }?.kind == .credit)
        // The quote is the plan and the deadline it was paired with, not the plan alone.
        #expect(paired.first { $0.rule == "paired" }?.quote == "I'll call the courier … today")
        let next = events(["What happened?", "I'll call the carrier", "By Friday"])
        #expect(next.first { $0.rule == "paired" }?.kind == .credit)
        #expect(next.first { $0.rule == "paired" }?.quote == "I'll call the carrier … By Friday")
        let lonely = events(["What happened?", "I'll call the carrier", "Hm", "Hm"])
        #expect(lonely.first { $0.rule == "paired" }?.kind == .missed)
    }

    @Test func expectedMovesAreCreditedOrMissed() {
        #expect(events(["What happened?"]).first { $0.rule == "asked" }?.kind == .credit)
        let missed = events(["Hm", "Hm"]).first { $0.rule == "asked" }
        #expect(missed?.kind == .missed && missed?.tryText == "Ask.")
    }

    @Test func everyFaultHasATryAndItsWords() {
        for event in events(["I'm so sorry", "calm down"]) where event.kind == .fault {
            #expect(event.tryText != nil)
            #expect(event.quote != nil)
            #expect(!event.guidelines.isEmpty)
        }
    }

    @Test func scoresAreBoundedAndCategorised() {
        let good = Fixtures.play(
            ["What happened?", "I'll call the courier today", "I'm so sorry about this"].map { .reply($0) }
        ).scorecard()
        let bad = Fixtures.play([.reply("calm down, idiot")]).scorecard()
        #expect(good.score > bad.score)
        #expect((0...100).contains(good.score) && (0...100).contains(bad.score))
        #expect(bad.categories.first { $0.category == .courtesy }?.score == 0)
        #expect(good.categories.first { $0.category == .composure }?.score == 100)
    }

    @Test func theRubricLoaderChecksRules() {
        var diagnostics = DiagnosticCollector()
        let text = """
            rules:
              - {id: a, kind: never, moves: [rudenes], points: -5, category: courtesy, guidelines: [G99], why: x}
              - {id: a, kind: sometimes, points: 1, category: tone, guidelines: [], why: y}
            """
        #expect(RubricLoader.load(text: text, file: "r.yaml", diagnostics: &diagnostics) == nil)
        let codes = Set(diagnostics.diagnostics.map(\.code))
        #expect(codes == ["UNKNOWN-MOVE", "RUB-GUIDELINE", "RUB-TRY", "RUB-RULE-KIND", "RUB-DUPLICATE-ID", "RUB-CATEGORY", "RUB-RULE"] || codes.isSuperset(of: ["UNKNOWN-MOVE", "RUB-GUIDELINE", "RUB-TRY", "RUB-RULE-KIND"]))
    }
}

@Suite struct CircuitTests {
    func detection(_ moves: [MoveID], statement: Bool = true) -> MoveDetection {
        MoveDetection(
            text: "", moves: moves.map { DetectedMove(id: $0, evidence: $0.rawValue, start: 0, end: 1, source: .capitals) },
            hasStatement: statement)
    }

    @Test func aCompleteCircuit() {
        var tracker = CircuitTracker()
        tracker.customerSpoke(.provokes, turn: 0)
        #expect(tracker.traineeReplied(detection([.cause]), turn: 1) == 2)
        tracker.customerSpoke([], turn: 1)
        #expect(tracker.traineeReplied(detection([.leadingQuestion]), turn: 2) == 3)
        tracker.customerSpoke(.agrees, turn: 2)
        #expect(tracker.traineeReplied(detection([.positiveClose]), turn: 3) == 5)
        #expect(tracker.completed == [3])
        #expect(tracker.broken.isEmpty)
    }

    @Test func answerAndLeadingQuestionInOneReply() {
        var tracker = CircuitTracker()
        tracker.customerSpoke(.provokes, turn: 0)
        #expect(tracker.traineeReplied(detection([.plan, .leadingQuestion]), turn: 1) == 3)
        tracker.customerSpoke(.agrees, turn: 1)
        #expect(tracker.traineeReplied(detection([.positiveClose]), turn: 2) == 5)
    }

    @Test(arguments: [[MoveID.positiveClose], [.thanks, .plan], [.thanks]])
    func aPositiveCloseOrThanksAfterTheYesCompletesTheCircuit(close: [MoveID]) {
        var tracker = CircuitTracker()
        tracker.customerSpoke(.provokes, turn: 0)
        _ = tracker.traineeReplied(detection([.plan, .leadingQuestion]), turn: 1)
        tracker.customerSpoke(.agrees, turn: 1)
        #expect(tracker.traineeReplied(detection(close), turn: 2) == 5)
        #expect(tracker.completed == [2])
    }

    @Test(arguments: [
        ([MoveID.sarcasm], true, 2), ([.vague], true, 2), ([], false, 2),
    ] as [([MoveID], Bool, Int)])
    func breaksAtTheAnswer(moves: [MoveID], statement: Bool, step: Int) {
        var tracker = CircuitTracker()
        tracker.customerSpoke(.provokes, turn: 0)
        #expect(tracker.traineeReplied(detection(moves, statement: statement), turn: 1) == nil)
        #expect(tracker.broken.map(\.step) == [step])
    }

    @Test func breaksWhenTheCustomerDoesNotAgreeOrThereIsNoClose() {
        var tracker = CircuitTracker()
        tracker.customerSpoke(.provokes, turn: 0)
        _ = tracker.traineeReplied(detection([.plan, .leadingQuestion]), turn: 1)
        tracker.customerSpoke(.provokes, turn: 1)
        #expect(tracker.broken.map(\.step) == [4])
        _ = tracker.traineeReplied(detection([.plan, .leadingQuestion]), turn: 2)
        tracker.customerSpoke(.agrees, turn: 2)
        _ = tracker.traineeReplied(detection([.plan]), turn: 3)
        #expect(tracker.broken.map(\.step) == [4, 5])
        #expect(tracker.completed.isEmpty)
    }

    @Test func aNewProvocationEndsACircuitStillWaitingForItsQuestion() {
        var tracker = CircuitTracker()
        tracker.customerSpoke(.provokes, turn: 0)
        #expect(tracker.traineeReplied(detection([.cause]), turn: 1) == 2)
        // The customer fires the next loaded question before the trainee asked anything.
        tracker.customerSpoke(.provokes, turn: 1)
        #expect(tracker.broken.map(\.step) == [3])
        #expect(tracker.broken.first?.reason.contains("before the next provocation") == true)
        // The next reply answers the new provocation: a bare question is no answer to it.
        #expect(tracker.traineeReplied(detection([.leadingQuestion], statement: false), turn: 2) == nil)
        #expect(tracker.broken.map(\.step) == [3, 2])
    }

    @Test func aWrongGuidelineIdIsReportedWhereItIsWritten() throws {
        var diagnostics = DiagnosticCollector()
        let text = """
            rules:
              - id: a
                kind: never
                moves: [rudeness]
                points: -5
                category: courtesy
                guidelines: [G3, G99, X1]
                why: x
                try: y
            """
        _ = RubricLoader.load(text: text, file: "r.yaml", diagnostics: &diagnostics)
        let wrong = diagnostics.diagnostics.filter { $0.code == "RUB-GUIDELINE" }
        #expect(wrong.map(\.message) == ["'G99' is not a guideline id (G1–G46)", "'X1' is not a guideline id (G1–G46)"])
        #expect(wrong.map { $0.location.map { [$0.line, $0.column] } } == [[7, 22], [7, 27]])
    }
}
