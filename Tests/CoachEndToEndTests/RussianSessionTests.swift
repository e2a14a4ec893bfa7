import CoachKit
import Foundation
import Testing

/// A Russian trainee plays every Russian scenario and the Russian circuit drill, from a pipe
/// and in a real terminal, and reads nothing in English.
@Suite struct RussianSessionTests {
    static let scenarios: [Scenario] = {
        var diagnostics = DiagnosticCollector()
        return Library.bundled.loadScenarios(diagnostics: &diagnostics).filter { $0.language == "ru" }
    }()

    /// The slash commands, so that each of their answers is on screen too.
    static let commands = "/help\n/why\n/hint\n/score\n/notes\n/note 16\n/справка\n"

    /// Latin-letter words in `output` that are not the scenario's own (its id, its file's
    /// words: a brand, "SMS"), the slash commands, guideline ids or language codes: English
    /// that coach itself put on screen.
    static func english(in output: String, scenario: Scenario) -> Set<String> {
        let own = (try? String(contentsOfFile: scenario.file, encoding: .utf8)) ?? ""
        let allowed = latinWords(in: own).union(latinWords(in: scenario.id))
            .union(SessionCommand.names.map { String($0.dropFirst()) }).union(["ru"])
            .union(["enter", "ctrl"])  // keys, labelled so on a Russian keyboard too
        return latinWords(in: output).subtracting(allowed).filter { !$0.hasPrefix("g") || Int($0.dropFirst()) == nil }
    }

    static func latinWords(in text: String) -> Set<String> {
        var words: Set<String> = []
        var word = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || (!word.isEmpty && ("0"..."9").contains(scalar)) {
                word.unicodeScalars.append(scalar)
            } else {
                if word.count >= 2 { words.insert(word) }
                word = ""
            }
        }
        if word.count >= 2 { words.insert(word) }
        return words
    }

    @Test func theLibraryHasARussianScenarioOfEveryKind() {
        let kinds = Set(Self.scenarios.filter { !$0.file.contains("/drills/") }.map(\.kind))
        #expect(kinds == Set(Scenario.Kind.allCases))
    }

    @Test(arguments: scenarios.filter { !$0.file.contains("/drills/") }.map(\.id))
    func aRussianScenarioPlaysFromAPipeInRussian(id: String) throws {
        let scenario = try #require(Self.scenarios.first { $0.id == id })
        let strong = try #require(PipedTranscript.blindStrong(of: scenario))
        let result = try CoachBinary.run(
            ["play", id, "--seed", "1", "--no-record"], input: Self.commands + strong.input + "/why\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains("Оценочный лист"), "\(result.stdout)")
        #expect(Self.english(in: result.stdout, scenario: scenario).isEmpty, "\(Self.english(in: result.stdout, scenario: scenario).sorted())\n\(result.stdout)")
    }

    @Test func theRussianCircuitDrillPlaysByNameInRussian() throws {
        let drill = try #require(Self.scenarios.first { $0.id == "circuit-ru" })
        let strong = try #require(PipedTranscript.blindStrong(of: drill))
        let result = try CoachBinary.run(
            ["drill", "circuit", "--lang", "ru", "--seed", "1", "--no-record"], input: Self.commands + strong.input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Кравцов"))
        #expect(Self.english(in: result.stdout, scenario: drill).isEmpty, "\(Self.english(in: result.stdout, scenario: drill).sorted())")
        let json = try CoachBinary.run(
            ["drill", "circuit", "--lang", "ru", "--seed", "1", "--no-record", "--json"], input: strong.input)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let score = try #require(object["score"] as? Int)
        #expect(strong.band.contains(score), "\(score), expected \(strong.band)")
    }

    /// A trainee whose locale says Russian gets the Russian drill without asking for it.
    @Test func theDrillFollowsTheTraineesLocale() throws {
        let russian = try CoachBinary.run(
            ["drill", "circuit", "--seed", "1", "--no-record", "--json"], input: Data(), extra: ["LANG": "ru_RU.UTF-8"])
        let object = try #require(try JSONSerialization.jsonObject(with: russian.stdoutData) as? [String: Any])
        #expect((object["scenario"] as? [String: Any])?["id"] as? String == "circuit-ru")
        let english = try CoachBinary.run(["drill", "circuit", "--seed", "1", "--no-record", "--json"], input: "")
        let plain = try #require(try JSONSerialization.jsonObject(with: english.stdoutData) as? [String: Any])
        #expect((plain["scenario"] as? [String: Any])?["id"] as? String == "circuit-en")
    }

    /// `coach list --lang ru`: the Russian scenarios, under Russian headings; the drill is
    /// named under them, not listed as a scenario.
    @Test func theListFiltersByLanguageAndSpeaksIt() throws {
        let result = try CoachBinary.run(["list", "--lang", "ru"], input: "")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("КОД  ") == true, "\(result.stdout)")
        let ids = Set(Self.scenarios.filter { !$0.file.contains("/drills/") }.map(\.id))
        let listed = Set(lines.dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }.filter { ids.contains($0) })
        #expect(listed == ids)
        #expect(result.stdout.contains("Упражнения (coach drill НАЗВАНИЕ): circuit"))
        #expect(Self.latinWords(in: result.stdout).subtracting(ids.flatMap { Self.latinWords(in: $0) }).subtracting(["coach", "drill", "circuit", "ru"]).isEmpty)
    }

    /// The interface follows the option over the scenario's language, and a trainer can ask
    /// for English around a Russian scenario.
    @Test func theInterfaceLanguageCanBeChosen() throws {
        let id = try #require(Self.scenarios.first { !$0.file.contains("/drills/") }?.id)
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

    /// A trainee whose locale says Russian picks from a Russian list, Russian scenarios first.
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is needed for terminal tests"))
    func thePickerOffersTheTraineesLanguageFirst() throws {
        let session = try TmuxSession(
            ["play", "--pace", "instant", "--no-record"], home: CoachBinary.temporaryFolder(),
            extra: ["LC_MESSAGES": "ru_RU.UTF-8"])
        defer { session.close() }
        let shown = try session.waitFor("номер или код ›")
        let screen = try session.screen()
        try #require(shown != nil, "\(screen)")
        let lines = screen.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.contains("Выберите клиента:") })
        let russian = Self.scenarios.filter { !$0.file.contains("/drills/") }.count
        let listed = lines[(header + 1)...].prefix(russian)
        #expect(listed.allSatisfy { $0.contains("· ru ·") }, "\(listed)")
        try session.send("C-d")
    }

    /// In a real terminal: the briefing, the prompt, the help, the scorecard — all Russian,
    /// in every Russian scenario and the drill.
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is needed for terminal tests"), arguments: scenarios.map(\.id))
    func aRussianScenarioInARealTerminal(id: String) throws {
        let scenario = try #require(Self.scenarios.first { $0.id == id })
        let command = scenario.file.contains("/drills/") ? ["drill", "circuit", "--lang", "ru"] : ["play", scenario.id]
        let session = try TmuxSession(
            command + ["--seed", "1", "--pace", "instant", "--no-record"], home: CoachBinary.temporaryFolder())
        defer { session.close() }
        let prompt = "вы ›"
        let opened = try session.waitFor(prompt)
        let first = try session.screen()
        #expect(opened != nil, "\(first)")
        try session.type("Здравствуйте, расскажите, пожалуйста, что случилось")
        try session.send("Enter")
        try session.type("/help")
        try session.send("Enter")
        try session.type("/why")
        try session.send("Enter")
        try session.send("C-d")
        let ended = try session.waitFor("EXIT=0")
        let last = try session.screen()
        let screen = try #require(ended, "\(last)")
        #expect(screen.contains("Оценочный лист"))
        let english = Self.english(in: screen.components(separatedBy: "EXIT=0")[0], scenario: scenario)
        #expect(english.isEmpty, "\(english.sorted())\n\(screen)")
    }
}
