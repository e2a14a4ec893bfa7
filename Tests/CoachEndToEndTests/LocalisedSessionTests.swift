import CoachKit
import Foundation
import Testing

/// A trainee in any language of the source documents plays every scenario and the circuit
/// drill of that language, from a pipe and in a real terminal, and reads nothing in English.
@Suite struct LocalisedSessionTests {
    /// The languages of the source documents besides English.
    static let languages = ["ru", "hu", "ro", "sk", "el"]

    static let shipped: [Scenario] = {
        var diagnostics = DiagnosticCollector()
        return Library.bundled.loadScenarios(diagnostics: &diagnostics).filter { languages.contains($0.language) }
    }()

    static var scenarios: [Scenario] { shipped.filter { !isDrill($0) } }
    static func isDrill(_ scenario: Scenario) -> Bool { scenario.file.contains("/drills/") }

    static func catalogue(_ language: String) throws -> InterfaceCatalogue {
        var diagnostics = DiagnosticCollector()
        return try #require(InterfaceCatalogueLoader.load(language: language, from: .bundled, diagnostics: &diagnostics))
    }

    /// The slash commands, so that each of their answers is on screen too, and a command
    /// coach does not know, typed in the language.
    static func commands(_ language: String) -> String {
        let unknown = ["ru": "/справка", "hu": "/segítség", "ro": "/ajutor", "sk": "/pomoc", "el": "/βοήθεια"][language] ?? "/x"
        return "/help\n/why\n/hint\n/score\n/notes\n/note 16\n\(unknown)\n"
    }

    /// What a trainee would type first, to open a conversation in a real terminal.
    static let greeting = [
        "ru": "Здравствуйте, расскажите, пожалуйста, что случилось",
        "hu": "Jó napot kívánok, mondja el, kérem, mi történt",
        "ro": "Bună ziua, spuneți-mi, vă rog, ce s-a întâmplat",
        "sk": "Dobrý deň, povedzte mi, prosím, čo sa stalo",
        "el": "Καλησπέρα σας, πείτε μου τι συνέβη",
    ]

    /// The scorecard's heading without the scenario's title (a long title may wrap).
    static func scorecardTitle(_ texts: InterfaceCatalogue) -> String {
        texts(.scorecardHeading, ["title": ""]).trimmingCharacters(in: CharacterSet(charactersIn: " ·"))
    }

    @Test(arguments: languages)
    func theLibraryHasAScenarioOfEveryKind(language: String) {
        let kinds = Set(Self.scenarios.filter { $0.language == language }.map(\.kind))
        #expect(kinds == Set(Scenario.Kind.allCases), "\(language): \(kinds)")
        #expect(Self.shipped.contains { $0.id == "circuit-\(language)" }, "\(language) has no circuit drill")
    }

    @Test(arguments: scenarios.map(\.id))
    func aScenarioPlaysFromAPipeInItsLanguage(id: String) throws {
        let scenario = try #require(Self.scenarios.first { $0.id == id })
        let texts = try Self.catalogue(scenario.language)
        let strong = try #require(PipedTranscript.blindStrong(of: scenario))
        let result = try CoachBinary.run(
            ["play", id, "--seed", "1", "--no-record"], input: Self.commands(scenario.language) + strong.input + "/why\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains(Self.scorecardTitle(texts)), "\(result.stdout)")
        let english = EnglishOnScreen(language: scenario.language).english(in: result.stdout, scenario: scenario)
        #expect(english.isEmpty, "\(english.sorted())\n\(result.stdout)")
    }

    /// The net holds: the same scenario under the English interface is caught, in every
    /// language (else the tests above could not fail).
    @Test(arguments: languages)
    func theEnglishInterfaceIsCaughtAroundAScenario(language: String) throws {
        let scenario = try #require(Self.scenarios.first { $0.language == language })
        let result = try CoachBinary.run(
            ["play", scenario.id, "--seed", "1", "--no-record", "--interface-language", "en"], input: Self.commands(language))
        let english = EnglishOnScreen(language: language).english(in: result.stdout, scenario: scenario)
        #expect(english.contains("scorecard") && english.count >= 10, "\(english.sorted())")
    }

    @Test(arguments: languages)
    func theCircuitDrillPlaysByNameInItsLanguage(language: String) throws {
        let drill = try #require(Self.shipped.first { $0.id == "circuit-\(language)" })
        let strong = try #require(PipedTranscript.blindStrong(of: drill))
        let command = ["drill", "circuit", "--lang", language, "--seed", "1", "--no-record"]
        let result = try CoachBinary.run(command, input: Self.commands(language) + strong.input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(try #require(drill.customer.names.first)))
        let english = EnglishOnScreen(language: language).english(in: result.stdout, scenario: drill)
        #expect(english.isEmpty, "\(english.sorted())\n\(result.stdout)")
        let json = try CoachBinary.run(command + ["--json"], input: strong.input)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let score = try #require(object["score"] as? Int)
        #expect(strong.band.contains(score), "\(score), expected \(strong.band)")
    }

    /// A trainee whose locale names a language gets that language's drill without asking.
    @Test(arguments: languages)
    func theDrillFollowsTheTraineesLocale(language: String) throws {
        let result = try CoachBinary.run(
            ["drill", "circuit", "--seed", "1", "--no-record", "--json"], input: Data(), extra: ["LANG": "\(language).UTF-8"])
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect((object["scenario"] as? [String: Any])?["id"] as? String == "circuit-\(language)")
    }

    @Test func theDrillIsEnglishForAnEnglishOrNeutralLocale() throws {
        let english = try CoachBinary.run(["drill", "circuit", "--seed", "1", "--no-record", "--json"], input: "")
        let plain = try #require(try JSONSerialization.jsonObject(with: english.stdoutData) as? [String: Any])
        #expect((plain["scenario"] as? [String: Any])?["id"] as? String == "circuit-en")
    }

    /// `coach list --lang L`: that language's scenarios, under its headings; the drill is
    /// named under them, not listed as a scenario.
    @Test(arguments: languages)
    func theListFiltersByLanguageAndSpeaksIt(language: String) throws {
        let texts = try Self.catalogue(language)
        let result = try CoachBinary.run(["list", "--lang", language], input: "")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let firstColumn = try #require(texts(.listHeader).split(separator: "|").first)
        #expect(lines.first?.hasPrefix(firstColumn + " ") == true, "\(result.stdout)")
        let ids = Set(Self.scenarios.filter { $0.language == language }.map(\.id))
        let listed = Set(lines.dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }.filter { ids.contains($0) })
        #expect(listed == ids)
        #expect(result.stdout.contains("circuit"))
        let own = Self.scenarios.filter { $0.language == language }
        let english = own.reduce(EnglishOnScreen(language: language).english(in: result.stdout, scenario: own[0])) {
            $0.intersection(EnglishOnScreen(language: language).english(in: result.stdout, scenario: $1))
        }
        #expect(english.isEmpty, "\(english.sorted())\n\(result.stdout)")
    }

    /// The interface follows the option over the scenario's language, and a trainer can ask
    /// for English around a scenario in another language.
    @Test func theInterfaceLanguageCanBeChosen() throws {
        let id = try #require(Self.scenarios.first { $0.language == "ru" }?.id)
        let english = try CoachBinary.run(["play", id, "--seed", "1", "--no-record", "--interface-language", "en"], input: "")
        #expect(english.stdout.contains("Scorecard"))
        let byLocale = try CoachBinary.run(
            ["play", id, "--seed", "1", "--no-record"], input: Data(), extra: ["LC_MESSAGES": "en_GB.UTF-8"])
        #expect(byLocale.stdout.contains("Scorecard"))
        let russianAroundEnglish = try CoachBinary.run(
            ["play", "late-parcel", "--seed", "1", "--no-record"], input: Data(), extra: ["LC_ALL": "ru_RU.UTF-8"])
        #expect(russianAroundEnglish.stdout.contains("Оценочный лист"))
        let bad = try CoachBinary.run(["play", id, "--interface-language", "../x", "--no-record"], input: "")
        #expect(bad.status == 64 && bad.stderr.contains("not a language code"))
    }

    /// A trainee whose locale names a language picks from a list in it, its scenarios first.
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is needed for terminal tests"), arguments: ["ru", "hu"])
    func thePickerOffersTheTraineesLanguageFirst(language: String) throws {
        let texts = try Self.catalogue(language)
        let session = try TmuxSession(
            ["play", "--pace", "instant", "--no-record"], home: CoachBinary.temporaryFolder(),
            extra: ["LC_MESSAGES": "\(language).UTF-8"])
        defer { session.close() }
        let shown = try session.waitFor(texts(.pickerPrompt))
        let screen = try session.screen()
        try #require(shown != nil, "\(screen)")
        let lines = screen.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.contains(texts(.pickerChoose)) })
        let count = Self.scenarios.filter { $0.language == language }.count
        let listed = lines[(header + 1)...].prefix(count)
        #expect(listed.allSatisfy { $0.contains("· \(language) ·") }, "\(listed)")
        try session.send("C-d")
    }

    /// In a real terminal: the briefing, the prompt, the help, the scorecard — all in the
    /// scenario's language, in every scenario and drill.
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is needed for terminal tests"), arguments: shipped.map(\.id))
    func aScenarioInARealTerminal(id: String) throws {
        let scenario = try #require(Self.shipped.first { $0.id == id })
        let texts = try Self.catalogue(scenario.language)
        let command = Self.isDrill(scenario) ? ["drill", "circuit", "--lang", scenario.language] : ["play", scenario.id]
        let session = try TmuxSession(
            command + ["--seed", "1", "--pace", "instant", "--no-record"], home: CoachBinary.temporaryFolder())
        defer { session.close() }
        let opened = try session.waitFor(texts(.promptYou))
        let first = try session.screen()
        #expect(opened != nil, "\(first)")
        try session.type(try #require(Self.greeting[scenario.language]))
        try session.send("Enter")
        try session.type("/help")
        try session.send("Enter")
        try session.type("/why")
        try session.send("Enter")
        try session.send("C-d")
        let ended = try session.waitFor("EXIT=0")
        let last = try session.screen()
        let screen = try #require(ended, "\(last)")
        #expect(screen.contains(Self.scorecardTitle(texts)), "\(screen)")
        let english = EnglishOnScreen(language: scenario.language)
            .english(in: screen.components(separatedBy: "EXIT=0")[0], scenario: scenario)
        #expect(english.isEmpty, "\(english.sorted())\n\(screen)")
    }
}
