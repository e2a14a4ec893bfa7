import CoachKit
import Foundation
import Testing

/// `coach play` from a pipe, `coach list` and `coach test`, run as processes.
@Suite struct PlayCommandTests {
    static let starters = ["late-parcel", "upgrade-demands", "penalty-hunter"]

    /// Every scenario of the shipped library (not the drills), with its first blind strong
    /// conversation as piped input: a slash command for each note and silence, as a trainee
    /// would type them.
    static let library: [(id: String, language: String, input: String, band: ClosedRange<Int>)] = {
        var diagnostics = DiagnosticCollector()
        let library = Library(root: CoachBinary.repository.appendingPathComponent("scenarios").path)
        let drills = DrillCatalogue.folder(of: library) + "/"
        return library.loadScenarios(diagnostics: &diagnostics).filter { !$0.file.hasPrefix(drills) }
            .compactMap { scenario in
                PipedTranscript.blindStrong(of: scenario).map { (scenario.id, scenario.language, $0.input, $0.band) }
            }
            .sorted { $0.id < $1.id }
    }()

    /// Each scenario of the library plays from a pipe to its scorecard, as its blind strong
    /// conversation says, and the same seed plays it the same way again.
    @Test(arguments: library.map(\.id))
    func everyScenarioPlaysFromAPipe(scenario: String) throws {
        let entry = try #require(Self.library.first { $0.id == scenario })
        let result = try CoachBinary.run(["play", scenario, "--seed", "1", "--json", "--no-record"], input: entry.input)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let score = try #require(object["score"] as? Int)
        #expect(entry.band.contains(score), "\(scenario): \(score), expected \(entry.band)")
        let again = try CoachBinary.run(["play", scenario, "--seed", "1", "--json", "--no-record"], input: entry.input)
        #expect(again.stdout == result.stdout)
    }

    @Test func theLibraryHasEveryKindAtEveryLevel() throws {
        let result = try CoachBinary.run(["list", "--json", "--lang", "en"])
        let entries = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [[String: Any]])
        let english = Self.library.filter { $0.language == "en" }
        #expect(entries.count == english.count, "an English scenario without a blind strong conversation")
        #expect(entries.count >= 15, "weeks of practice need at least 15 English scenarios")
        var grid: Set<String> = []
        for entry in entries { grid.insert("\(entry["kind"] as? String ?? "") \(entry["difficulty"] as? Int ?? 0)") }
        for kind in ["genuine-grievance", "overly-demanding", "provocateur"] {
            for level in 1...3 { #expect(grid.contains("\(kind) \(level)"), "no \(kind) scenario at level \(level)") }
        }
    }

    /// The strong trainee's replies from the scenario's own tests, as piped input.
    func replies(_ scenario: String) throws -> String {
        try CoachBinary.replies(ofTest: "strong trainee", in: "\(scenario).yaml")
    }

    @Test(arguments: starters)
    func playsFromAPipe(scenario: String) throws {
        let input = try replies(scenario)
        #expect(!input.isEmpty)
        let result = try CoachBinary.run(["play", scenario, "--seed", "3"], input: input)
        #expect(result.status == 0)
        #expect(result.stdout.contains("You: "))
        #expect(result.stdout.contains("Scorecard"))
        #expect(result.stdout.contains("Outcome: resolved"))
        #expect(!result.stdout.contains("\u{1B}["))
        let again = try CoachBinary.run(["play", scenario, "--seed", "3"], input: input)
        #expect(again.stdout == result.stdout)
    }

    @Test(arguments: starters)
    func jsonHasTheDocumentedFields(scenario: String) throws {
        let input = try replies(scenario)
        let result = try CoachBinary.run(["play", scenario, "--seed", "3", "--json", "--trainee", "Zoë"], input: input)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        for key in ["scenario", "seed", "trainee", "outcome", "score", "categories", "events", "turns", "circuits"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["trainee"] as? String == "Zoë")
        #expect(object["seed"] as? String == "3")
        let event = try #require((object["events"] as? [[String: Any]])?.first)
        for key in ["rule", "guidelines", "turn", "quote", "points", "try"] { #expect(event.keys.contains(key)) }
        let turn = try #require((object["turns"] as? [[String: Any]])?.first)
        for key in ["text", "moves", "customer"] { #expect(turn[key] != nil) }
        let circuits = try #require(object["circuits"] as? [String: Any])
        #expect(circuits["completed"] is Int && circuits["broken"] is [Any])
        let again = try CoachBinary.run(["play", scenario, "--seed", "3", "--json", "--trainee", "Zoë"], input: input)
        #expect(again.stdout == result.stdout)
    }

    @Test func slashCommandsWorkFromAPipe() throws {
        let input = "/help\n/hint\n/note order PX-48213\n/notes\nWhat happened?\n/why\n/score\n/bogus\n/quit\n"
        let result = try CoachBinary.run(["play", "--library", CoachBinary.fixtureLibrary(), "tiny", "--seed", "1"], input: input)
        #expect(result.status == 0)
        for expected in ["/restart", "noted: order PX-48213 (order number ✓)", "• order PX-48213", "question:", "running score:",
            "hint: Ask first.", "unknown command /bogus", "Outcome: abandoned"]
        {
            #expect(result.stdout.contains(expected), "missing \(expected)")
        }
    }

    /// The lexicon is read while the customer speaks (docs/session.md): one that does not
    /// load is said after the opening, where it is, before any reply is read.
    @Test func aLexiconThatDoesNotLoadIsSaidAfterTheOpeningBeforeAnyReply() throws {
        let folder = CoachBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "language: en\nmoves: [\n".write(toFile: folder + "/en.yaml", atomically: true, encoding: .utf8)
        let result = try CoachBinary.run(
            ["play", "late-parcel", "--seed", "3", "--no-record", "--lexicons", folder], input: "What happened?\n")
        #expect(result.status == 2)
        #expect(result.stdout.contains("Anna Varga: "), "the opening is shown while the lexicon loads")
        #expect(!result.stdout.contains("What happened?"), "no reply is read")
        #expect(!result.stdout.contains("Outcome"))
        #expect(result.stderr.contains(folder + "/en.yaml:3:1: error"))
    }

    @Test func aScenarioThatDoesNotExistIsAClearError() throws {
        let result = try CoachBinary.run(["play", "late-parcle"], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean 'late-parcel'"))
    }

    @Test func withoutAScenarioAPipeIsAskedToNameOne() throws {
        let result = try CoachBinary.run(["play"], input: "hello\n")
        #expect(result.status == 64)
        #expect(result.stderr.contains("name a scenario"))
    }

    @Test func listShowsTheLibrary() throws {
        let result = try CoachBinary.run(["list", "--json"])
        #expect(result.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [[String: Any]])
        let ids = Set(entries.compactMap { $0["id"] as? String })
        #expect(ids.isSuperset(of: Self.starters))
        // Drills are listed by `coach drill`, not here.
        #expect(!ids.contains("circuit-en"))
        for entry in entries {
            for key in ["id", "kind", "difficulty", "language", "title"] { #expect(entry[key] != nil) }
        }
        let table = try CoachBinary.run(["list"])
        #expect(table.stdout.contains("late-parcel"))
        #expect(table.stdout.contains("Drills (coach drill NAME): ") && table.stdout.contains("circuit"))
    }

    @Test func theLibraryTestsPass() throws {
        let result = try CoachBinary.run(["test"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains(" 0 failed"))
    }
}
