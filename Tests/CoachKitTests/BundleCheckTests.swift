import Testing

@testable import CoachKit

/// `SCN-BUNDLE`: guards that the lexicon's own examples say are (almost) never met, because
/// the moves they ask for come bundled with others.
@Suite struct BundleCheckTests {
    /// A lexicon in which every hand-over is also a plan ("let me get my manager"), and most
    /// leading questions are questions.
    static let lexicon: Lexicon = {
        var diagnostics = DiagnosticCollector()
        let text = """
            language: en
            name: Bundles
            moves:
              plan:
                patterns: ["let me (get|call|ring)", "i'll (call|ring|send)"]
                examples: ["Let me call the courier", "I'll send a new one"]
              escalate:
                patterns: ["(get|call|ring) ~2 (manager|supervisor)"]
                examples: ["Let me get my manager", "Let me call a supervisor", "I'll ring the duty manager"]
              question:
                patterns: ["?"]
              leading-question:
                patterns: ["would that work", "is that ok"]
                examples: ["Would that work?", "Is that ok?", "Would that work for you?", "Is that ok with you?"]
              apology:
                patterns: ["sorry"]
                examples: ["I'm sorry", "So sorry about that", "Sorry for the wait"]
            """
        return LexiconLoader.load(text: text, file: "bundles.yaml", diagnostics: &diagnostics)!
    }()

    /// The tiny scenario's `details` transitions replaced by `transitions` (a state left
    /// unreachable is only a warning here).
    static func warnings(_ transitions: String) throws -> [Diagnostic] {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        let details = "      - if: {all: [plan, deadline]}\n        points: {value: 5, category: resolution, because: Plan and time together, guidelines: [G18]}\n        goto: closing"
        #expect(text.contains(details))
        text = text.replacingOccurrences(of: details, with: transitions)
        var diagnostics = DiagnosticCollector()
        let scenario = try #require(ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics))
        return ScenarioLint.check(
            scenario, source: nil, rubric: nil, lexicon: lexicon, readings: ExampleReadings(lexicon: lexicon)
        ).filter { $0.code == "SCN-BUNDLE" }
    }

    @Test func aHandOverTriedAfterAPlanIsReportedWithTheTransitionThatTakesItFirst() throws {
        let found = try Self.warnings(
            """
                  - if: {any: [plan]}
                    goto: closing
                  - if: {any: [escalate]}
                    goto: lost
            """)
        let warning = try #require(found.first)
        #expect(found.count == 1)
        #expect(
            warning.message
                == "this transition fires for none of the lexicon's 3 examples of escalate: all 3 also read as plan,"
                + " taken first by the transition at line 39 (e.g. \"Let me get my manager\"); see `coach probe` for a reply of your own")
        #expect(warning.location.map { [$0.line, $0.column] } == [41, 9])
    }

    @Test func aGuardThatExcludesWhatItsMoveAlwaysComesWithIsReported() throws {
        let found = try Self.warnings(
            """
                  - if: {any: [escalate], none: [plan]}
                    goto: lost
            """)
        #expect(found.map(\.message).first?.contains("all 3 also read as plan, which its `none:` excludes") == true)
    }

    @Test(arguments: [
        // The narrower transition first: each fires as meant.
        "      - if: {any: [escalate]}\n        goto: lost\n      - if: {any: [plan]}\n        goto: closing",
        // An earlier transition that holds only at some moods does not always take the reply.
        "      - if: {any: [plan], mood: {anger: \"> 80\"}}\n        goto: closing\n      - if: {any: [escalate]}\n        goto: lost",
        // Too little evidence: one example of a move says nothing.
        "      - if: {any: [apology]}\n        goto: closing\n      - if: {all: [apology, plan]}\n        goto: lost",
    ])
    func guardsThatCanFireAreNotReported(transitions: String) throws {
        #expect(try Self.warnings(transitions).isEmpty)
    }

    @Test func theShippedScenariosHaveNoBundledGuards() throws {
        for file in Fixtures.library.scenarioFiles {
            let found = Linter.lint([file]).filter { $0.code == "SCN-BUNDLE" }
            #expect(found.isEmpty, "\(file): \(found.map(\.message))")
        }
    }

    /// The guard check tests readings as bits, one per move: every move has its own bit,
    /// and a guard's bits ask what its move lists ask.
    /// With a scenario's phrases, lint reads again only the examples the phrases bear on;
    /// the others keep the lexicon's own reading. Every reading must still be the one the
    /// scenario's detector gives, and some must differ from the lexicon's (the phrases here
    /// add a move to every example that says "tomorrow", and know words one typo away from
    /// the lexicon's).
    @Test func readingsWithPhrasesAreReadAgainOnlyWhereThePhrasesBearOnThem() throws {
        let lexicon = try #require(Fixtures.detector("en")).lexicon
        let phrases = Fixtures.phrases([
            (.personal, "tomorrow"), (.amends, "replacemint voucher"), (.plan, "i'll (ring|phone) ~3 depot"),
        ])
        let shared = ExampleReadings.shared(lexicon: lexicon, phrases: phrases)
        var diagnostics = DiagnosticCollector()
        let extended = lexicon.adding(phrases, diagnostics: &diagnostics)
        let detector = MoveDetector.compiled(for: lexicon).extended(to: extended)
        let afresh = ExampleReadings(lexicon: extended, detector: detector)
        let alone = ExampleReadings.shared(lexicon: lexicon, phrases: [])
        var differ = 0, untouched = 0
        for move in [MoveID.plan, .deadline, .followUp, .keepInformed, .amends, .personal] {
            let derived = shared.readings(of: move), fresh = afresh.readings(of: move)
            #expect(derived.map(\.text) == fresh.map(\.text))
            #expect(derived.map(\.moves) == fresh.map(\.moves), "\(move)")
            #expect(derived.map(\.bits) == fresh.map(\.bits), "\(move)")
            for (with, without) in zip(derived, alone.readings(of: move)) {
                if with.moves != without.moves { differ += 1 }
                if !detector.addedPatternsBear(on: with.text) { untouched += 1 }
            }
        }
        #expect(differ > 10, "the phrases change some readings")
        #expect(untouched > 50, "examples the phrases cannot bear on are not read again")
    }

    /// Scenarios with phrases of their own, each linted once, never push the lexicon's own
    /// readings out of the cache: every scenario on that lexicon uses those.
    @Test func manyScenariosPhrasesKeepTheLexiconsOwnReadings() throws {
        let lexicon = try #require(Fixtures.detector("en")).lexicon
        let alone = ExampleReadings.shared(lexicon: lexicon, phrases: [])
        for index in 0..<20 {
            _ = ExampleReadings.shared(lexicon: lexicon, phrases: Fixtures.phrases([(.amends, "coupon number \(index)")]))
        }
        #expect(ExampleReadings.shared(lexicon: lexicon, phrases: []) === alone)
    }

    @Test func everyMoveHasABitOfItsOwn() {
        #expect(MoveID.allCases.count <= 64)
        let bits = MoveID.allCases.map { ExampleReadings.bits(of: [$0]) }
        #expect(Set(bits).count == MoveID.allCases.count && !bits.contains(0))
        #expect(ExampleReadings.bits(of: MoveID.allCases) == bits.reduce(0, |))
        var condition = Scenario.Condition()
        condition.any = [.plan, .escalate]
        condition.none = [.rudeness]
        condition.allGroups = [[.apology, .empathy]]
        let guardBits = BundleCheck.GuardBits(condition)
        #expect(guardBits.holds(ExampleReadings.bits(of: [.plan, .apology])))
        #expect(!guardBits.holds(ExampleReadings.bits(of: [.plan, .apology, .rudeness])))
        #expect(guardBits.asks(ExampleReadings.bits(of: [.plan, .apology, .rudeness])))
        #expect(!guardBits.asks(ExampleReadings.bits(of: [.plan, .thanks])))
        #expect(!guardBits.asks(ExampleReadings.bits(of: [.apology])))
    }

}
