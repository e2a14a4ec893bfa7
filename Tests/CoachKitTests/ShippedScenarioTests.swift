import Testing

@testable import CoachKit

/// The built-in library: every scenario loads, meets the bar, and passes its own tests.
@Suite struct ShippedScenarioTests {
    static let scenarios: [Scenario] = {
        var diagnostics = DiagnosticCollector()
        return Fixtures.library.loadScenarios(diagnostics: &diagnostics)
    }()

    /// The scenarios proper; the drills (in `drills/`) meet a bar of their own.
    static let starters = scenarios.filter { !$0.file.contains("/drills/") }
    static let drills = scenarios.filter { $0.file.contains("/drills/") }

    static let setups: [String: Setup] = {
        var result: [String: Setup] = [:]
        for scenario in scenarios {
            var diagnostics = DiagnosticCollector()
            result[scenario.id] = Setup.load(scenario, from: Fixtures.library, diagnostics: &diagnostics)
        }
        return result
    }()

    struct Case: CustomTestStringConvertible, Sendable {
        var scenario: String
        var test: TranscriptTest
        var testDescription: String { "\(scenario) › \(test.name)" }
    }

    static let cases = scenarios.flatMap { scenario in scenario.tests.map { Case(scenario: scenario.id, test: $0) } }

    @Test func theLibraryLintsClean() {
        let diagnostics = Linter.lint([Fixtures.library.root])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test func thereIsOneStarterOfEachKind() {
        #expect(Set(Self.starters.map(\.kind)) == Set(Scenario.Kind.allCases))
    }

    @Test(arguments: starters.map(\.id))
    func meetsTheStarterBar(id: String) throws {
        let scenario = try #require(Self.scenarios.first { $0.id == id })
        #expect(scenario.states.count >= 6)
        #expect(Set(scenario.endings.values.map(\.outcome)).count >= 2)
        #expect(scenario.mood.count >= 2)
        // Every state is visited by some test.
        let setup = try #require(Self.setups[id])
        let visited = Set(scenario.tests.flatMap { TranscriptRunner.run($0, setup: setup).scorecard.path })
        #expect(Set(scenario.stateOrder).subtracting(visited).isEmpty, "unvisited: \(Set(scenario.stateOrder).subtracting(visited))")
    }

    /// The scenarios written after the first three meet the library's standard
    /// (docs/authoring.md): eight states, three endings, authority stated as data.
    @Test(arguments: starters.filter { !["late-parcel", "upgrade-demands", "penalty-hunter"].contains($0.id) }.map(\.id))
    func meetsTheLibraryStandard(id: String) throws {
        let scenario = try #require(Self.scenarios.first { $0.id == id })
        #expect(scenario.states.count >= 8, "\(id): \(scenario.states.count) states")
        #expect(scenario.endings.count >= 3, "\(id): \(scenario.endings.count) endings")
        #expect(!scenario.beyondAuthority.isEmpty, "\(id) states no authority as data")
    }

    @Test(arguments: cases)
    func transcriptTestPasses(_ item: Case) throws {
        let setup = try #require(Self.setups[item.scenario])
        let result = TranscriptRunner.run(item.test, setup: setup)
        #expect(result.passed, "\(result.failures.joined(separator: "\n"))")
    }

    /// The first scenarios' own calibration, kept where a scenario has it.
    @Test(arguments: starters.filter { $0.tests.contains { $0.name == "strong trainee" } }.map(\.id))
    func strongWeakAndMixedAreSeparated(id: String) throws {
        let scenario = try #require(Self.scenarios.first { $0.id == id })
        let setup = try #require(Self.setups[id])
        func score(_ name: String) -> Int? {
            scenario.tests.first { $0.name == name }.map { TranscriptRunner.run($0, setup: setup).scorecard.score }
        }
        let strong = try #require(score("strong trainee")), weak = try #require(score("weak trainee"))
        let mixed = try #require(score("mixed trainee"))
        #expect(strong >= 80)
        #expect(weak <= 40)
        #expect(mixed > 40 && mixed < 80)
    }

    /// Every scenario is calibrated against conversations written blind to the lexicon, at
    /// least one per level (`blind strong`, or `blind strong 1`, `blind strong 2` …), each with
    /// a score band; and the levels come out in order, whatever the bands.
    @Test(arguments: starters.map(\.id))
    func blindConversationsAtEveryLevelScoreInOrder(id: String) throws {
        let scenario = try #require(Self.scenarios.first { $0.id == id })
        let setup = try #require(Self.setups[id])
        let levels = ["strong", "flawed", "poor", "abusive"]
        var scores: [[Int]] = []
        for level in levels {
            let tests = scenario.tests.filter { $0.name == "blind \(level)" || $0.name.hasPrefix("blind \(level) ") }
            #expect(!tests.isEmpty, "\(id) has no blind \(level) conversation")
            for test in tests { #expect(test.expect.scoreMin != nil || test.expect.scoreMax != nil, "\(test.name) has no band") }
            scores.append(tests.map { TranscriptRunner.run($0, setup: setup).scorecard.score })
        }
        // Strong above flawed above poor, every conversation; poor and abusive both sit near the
        // floor, where their bands (≤ 40, ≤ 10) say enough.
        for (higher, lower) in zip(scores, scores.dropFirst()).prefix(2) where !higher.isEmpty && !lower.isEmpty {
            #expect(higher.min()! > lower.max()!, "\(id): \(zip(levels, scores).map { "\($0) \($1)" })")
        }
    }

    /// Rude, dismissive and deflecting lines, in each language the library has scenarios in.
    static let hostileLines: [String: [String]] = [
        "en": [
            "Calm down, it's not my department.", "Shut up, you idiot, that's not my problem.",
            "You're overreacting. Nothing I can do.", "Oh great, another complaint. Not my job.",
        ],
        "ru": [
            "Успокойтесь, это не мой отдел.", "Да замолчите вы, это не моя проблема.",
            "Вы преувеличиваете. Ничем не могу помочь.", "Ну конечно, ещё одна жалоба. Это не моя работа.",
        ],
        "hu": [
            "Nyugodjon meg, ez nem az én osztályom.", "Fogja be, maga idióta, ez nem az én problémám.",
            "Túlreagálja. Nem tehetek semmit.", "Na persze, még egy panasz. Nem az én dolgom.",
        ],
        "ro": [
            "Calmați-vă, nu e departamentul meu.", "Taci, idiotule, nu e problema mea.",
            "Exagerați. Nu pot face nimic.", "Na, încă o reclamație. Nu e treaba mea.",
        ],
        "sk": [
            "Upokojte sa, to nie je moje oddelenie.", "Drž hubu, ty idiot, to nie je môj problém.",
            "Preháňate. Nič s tým nenarobím.", "No jasné, ďalšia sťažnosť. To nie je moja práca.",
        ],
        "el": [
            "Ηρεμήστε, δεν είναι του τμήματός μου.", "Σκάσε, ηλίθιε, δεν είναι δικό μου πρόβλημα.",
            "Υπερβάλλετε. Δεν μπορώ να κάνω τίποτα.", "Ωραία, άλλο ένα παράπονο. Δεν είναι δουλειά μου.",
        ],
    ]

    /// A trainee who is rude, dismissive and deflecting on every line scores 30 or less anywhere.
    @Test(arguments: starters.map(\.id))
    func aHostileTraineeScoresLow(id: String) throws {
        let setup = try #require(Self.setups[id])
        var conversation = setup.conversation(seed: 7)
        let lines = try #require(Self.hostileLines[setup.scenario.language], "no hostile lines in \(setup.scenario.language)")
        for index in 0..<setup.scenario.turnLimit where !conversation.isOver {
            _ = conversation.receive(.reply(lines[index % lines.count]))
        }
        conversation.abandon()
        let card = conversation.scorecard()
        #expect(card.score <= 30, "\(id): \(card.score)")
        #expect(card.outcome != .resolved)
    }

    /// A drill is scored by a rubric of its own on its one skill: how it ends earns nothing,
    /// its tests span the whole scale (a strong trainee at the top, a poor one near 0), and
    /// visit every state.
    @Test(arguments: drills.map(\.id))
    func aDrillScoresItsSkillAlone(id: String) throws {
        let scenario = try #require(Self.drills.first { $0.id == id })
        let setup = try #require(Self.setups[id])
        #expect(setup.rubric.file.contains("/drills/"), "\(id) is scored by \(setup.rubric.file)")
        #expect(setup.rubric.outcomePoints.values.allSatisfy { $0 == 0 }, "\(id): an ending earns points")
        let runs = scenario.tests.map { TranscriptRunner.run($0, setup: setup).scorecard }
        #expect(runs.contains { $0.score >= 85 })
        #expect(runs.contains { $0.score <= 10 && $0.outcome == .completed })
        // Nothing to resolve in a drill: even a score of 0 ends "completed", never "resolved".
        #expect(runs.allSatisfy { $0.ending == nil || $0.outcome == .completed })
        let visited = Set(runs.flatMap(\.path))
        #expect(Set(scenario.stateOrder).subtracting(visited).isEmpty, "unvisited: \(Set(scenario.stateOrder).subtracting(visited))")
        // A hostile trainee earns next to nothing.
        var conversation = setup.conversation(seed: 7)
        for _ in 0..<setup.scenario.turnLimit where !conversation.isOver {
            _ = conversation.receive(.reply("Calm down, that's not true and it's not my problem."))
        }
        conversation.abandon()
        #expect(conversation.scorecard().score <= 10)
    }

    /// The circuit drill scores circuits and nothing else: all of them is 100, none is 0.
    @Test func theCircuitDrillScoresCircuitsAlone() throws {
        let setup = try #require(Self.setups["circuit-en"])
        #expect(setup.rubric.rules.map(\.id) == ["completed-circuits"])
        let runs = setup.scenario.tests.map { TranscriptRunner.run($0, setup: setup).scorecard }
        #expect(runs.contains { $0.score == 100 && $0.circuits.broken.isEmpty })
        #expect(runs.contains { $0.score == 0 && $0.circuits.completed == 0 })
    }

    @Test func threeFactsInOneNoteAreThreeNamedCredits() throws {
        let setup = try #require(Self.setups["late-parcel"])
        var conversation = setup.conversation(seed: 1)
        let response = conversation.receive(.note("PX-48213, delivered Monday, 14 Linden Street"))
        #expect(response.events.count == 3)
        #expect(
            response.events.compactMap(\.quote) == [
                "order number: PX-48213, delivered Monday, 14 Linden Street",
                "when the tracking says it was delivered: PX-48213, delivered Monday, 14 Linden Street",
                "delivery address: PX-48213, delivered Monday, 14 Linden Street",
            ])
    }

    @Test(arguments: scenarios.map(\.id))
    func playingTwiceIsByteIdentical(id: String) throws {
        let setup = try #require(Self.setups[id])
        let test = try #require(setup.scenario.tests.first)
        let a = TranscriptRunner.run(test, setup: setup).scorecard.json.serialized()
        let b = TranscriptRunner.run(test, setup: setup).scorecard.json.serialized()
        #expect(a == b)
    }

    /// What belongs to one scenario alone: its customer's names (not the titles) and its facts
    /// (not the calendar or numbers in words, which any conversation, and a generic Try, may name).
    static func ownWords(_ scenario: Scenario) -> Set<String> {
        let titles: Set<String> = [
            "mr", "mrs", "ms", "miss", "dr", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
            "december", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        ]
        var words = Set(
            scenario.customer.names.flatMap { $0.lowercased().split(separator: " ").map(String.init) }
        ).subtracting(titles)
        for fact in scenario.customer.facts {
            words.insert(fact.value.lowercased())
            words.formUnion(fact.accept.map { $0.lowercased() }.filter { $0.count >= 4 })
        }
        return words.subtracting(titles)
    }

    /// Whether `text` names `word`, as a whole word.
    static func names(_ text: String, _ word: String) -> Bool {
        let text = " " + text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " } + " "
        let word = String(word.map { $0.isLetter || $0.isNumber ? $0 : " " })
        return text.contains(" " + word + " ")
    }

    /// Every rule text the scenario can show and every text its plays showed, replayed with
    /// its own tests' replies and every other scenario's blind conversations.
    @Test(arguments: starters.map(\.id))
    func feedbackNamesNoOtherScenariosCustomerOrFacts(id: String) throws {
        let scenario = try #require(Self.scenarios.first { $0.id == id })
        let setup = try #require(Self.setups[id])
        var texts = ScenarioRubric.rules(of: setup.rubric, for: scenario).flatMap { [$0.why, $0.tryText ?? ""] }
        // Its own tests and every other scenario's blind conversations: enough variety for most
        // rules to fire or be missed, without replaying every test against every scenario
        // (which grows with the square of the library).
        let replayed = scenario.tests + Self.scenarios.filter { $0.id != id }.flatMap { other in
            other.tests.filter { $0.name.hasPrefix("blind") }
        }
        for test in replayed {
            let card = TranscriptRunner.run(test, setup: setup).scorecard
            texts += card.events.flatMap { [$0.why, $0.tryText ?? ""] }
        }
        // A word of another scenario's that this one uses itself (two anniversaries) is its own too.
        let ownText = try String(contentsOfFile: scenario.file, encoding: .utf8)
        let foreign = Self.starters.filter { $0.id != id }.map(Self.ownWords).reduce(Set(), { $0.union($1) })
            .subtracting(Self.ownWords(scenario)).filter { !Self.names(ownText, $0) }
        for text in Set(texts) {
            for word in foreign where Self.names(text, word) {
                Issue.record("'\(text)' names '\(word)', which belongs to another scenario")
            }
        }
        #expect(texts.count > 40)
    }
}

extension ShippedScenarioTests {
    /// No rule asks for what does not fit the customer: apologies only where something went
    /// wrong, empathy and paraphrase not demanded of a provocateur (G40).
    @Test(arguments: [
        ("late-parcel", ["apologised-after-listening", "closing-apology", "checked-understanding", "acknowledged-feelings"], [String]()),
        ("upgrade-demands", ["checked-understanding", "acknowledged-feelings"], ["apologised-after-listening", "closing-apology"]),
        ("penalty-hunter", [], ["apologised-after-listening", "closing-apology", "checked-understanding", "acknowledged-feelings"]),
    ])
    func rulesFitTheKindOfCustomer(id: String, counted: [String], notCounted: [String]) throws {
        let setup = try #require(Self.setups[id])
        let rules = Set(ScenarioRubric.rules(of: setup.rubric, for: setup.scenario).map(\.id))
        for rule in counted { #expect(rules.contains(rule), "\(id) should count \(rule)") }
        for rule in notCounted { #expect(!rules.contains(rule), "\(id) should not count \(rule)") }
    }

    @Test func anOverPromiseThatForcesAHandOverIsAFaultNotAHandOver() throws {
        let setup = try #require(Self.setups["upgrade-demands"])
        var conversation = setup.conversation(seed: 1)
        for reply in [
            "Sure, a free phone, no problem.", "OK, three free months as well.", "Fine, I'll throw in the insurance too.",
            "And a free case, why not.",
        ] where conversation.outcome == nil {
            _ = conversation.receive(.reply(reply))
        }
        #expect(conversation.ending == "overpromised")
        let card = conversation.scorecard()
        #expect(card.events.contains { $0.rule == "scenario:overpromised" && $0.kind == .fault && $0.points == -12 })
    }
}
