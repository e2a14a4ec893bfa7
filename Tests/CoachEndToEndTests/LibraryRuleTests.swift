import Foundation
import Testing

/// Every command finds the library by one rule: `--library`, else `COACH_LIBRARY`, else the
/// library folder the current folder is in, else the built-in one; a scenario file given by
/// path plays with its own folder's lexicon and rubric.
@Suite struct LibraryRuleTests {
    /// A reply the fixture lexicon does not read as a question (its question patterns need a
    /// "?" or a sentence that starts with the question word) and the shipped lexicon does.
    static let question = "could you tell me what happened\n"

    static func askedRule(_ result: CoachBinary.Result) throws -> String? {
        let json = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let events = json?["events"] as? [[String: Any]] ?? []
        return events.first { $0["rule"] as? String == "asked" }?["kind"] as? String
    }

    @Test func theListFiltersByLanguage() throws {
        let library = CoachBinary.fixtureLibrary()
        let english = try String(contentsOfFile: library + "/tiny.yaml", encoding: .utf8)
        try english.replacingOccurrences(of: "id: tiny", with: "id: tiny-ru").replacingOccurrences(of: "language: en", with: "language: ru")
            .write(toFile: library + "/tiny-ru.yaml", atomically: true, encoding: .utf8)
        let russian = try CoachBinary.run(["list", "--lang", "ru"], in: library)
        #expect(russian.status == 0, "\(russian.stderr)")
        #expect(russian.stdout.contains("tiny-ru") && russian.stdout.split(separator: "\n").count == 2)
        let all = try CoachBinary.run(["list", "--json"], in: library)
        let languages = try #require(try JSONSerialization.jsonObject(with: all.stdoutData) as? [[String: Any]]).map { $0["language"] as? String }
        #expect(languages.sorted { ($0 ?? "") < ($1 ?? "") } == ["en", "ru"])
        let bad = try CoachBinary.run(["list", "--lang", "../x"], in: library)
        #expect(bad.status == 64)
    }

    @Test func commandsRunInALibraryFolderUseThatLibrary() throws {
        let library = CoachBinary.fixtureLibrary()
        let listed = try CoachBinary.run(["list"], in: library)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("tiny"))
        #expect(!listed.stdout.contains("late-parcel"))
        // From a folder inside it too, and files are named as seen from there.
        try FileManager.default.createDirectory(atPath: library + "/drafts", withIntermediateDirectories: true)
        let moves = try CoachBinary.run(["moves", "--explain", "I'm so sorry"], in: library + "/drafts")
        #expect(moves.stdout.contains("at ../lexicons/en.yaml:"), "\(moves.stdout)")
        let played = try CoachBinary.run(
            ["play", "tiny", "--json", "--seed", "1", "--no-record"], input: Data(Self.question.utf8), in: library)
        #expect(played.status == 0, "\(played.stderr)")
        #expect(try Self.askedRule(played) == "missed")
    }

    @Test func aScenarioFileGivenByPathPlaysWithItsOwnFoldersLexicon() throws {
        let library = CoachBinary.fixtureLibrary()
        let own = try CoachBinary.run(
            ["play", library + "/tiny.yaml", "--json", "--seed", "1", "--no-record"], input: Data(Self.question.utf8))
        #expect(own.status == 0, "\(own.stderr)")
        #expect(try Self.askedRule(own) == "missed")
        // `--lexicons` still overrides it.
        let shipped = try CoachBinary.run(
            ["play", library + "/tiny.yaml", "--lexicons", "scenarios/lexicons", "--json", "--seed", "1", "--no-record"],
            input: Data(Self.question.utf8))
        #expect(try Self.askedRule(shipped) == "credit")
    }

    @Test func anExplicitLibraryWinsOverTheFolder() throws {
        let library = CoachBinary.fixtureLibrary()
        let shipped = CoachBinary.repository.appendingPathComponent("scenarios").path
        let byOption = try CoachBinary.run(["list", "--library", shipped], in: library)
        #expect(byOption.stdout.contains("late-parcel") && !byOption.stdout.contains("tiny "))
        let byEnvironment = try CoachBinary.run(["list"], extra: ["COACH_LIBRARY": shipped], in: library)
        #expect(byEnvironment.stdout.contains("late-parcel") && !byEnvironment.stdout.contains("tiny "))
        // Outside any library folder: the built-in library.
        let outside = try CoachBinary.run(["list"], in: CoachBinary.temporaryFolder())
        #expect(outside.stdout.contains("late-parcel"))
    }

    @Test func aPreviewIsNotRecorded() throws {
        let library = CoachBinary.fixtureLibrary()
        let database = CoachBinary.temporaryFolder() + "/sessions.sqlite"
        let preview = try CoachBinary.run(
            ["play", "tiny", "--seed", "1", "--no-record", "--db", database], input: Data("hello\n".utf8), in: library)
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(!FileManager.default.fileExists(atPath: database))
        let session = try CoachBinary.run(
            ["play", "tiny", "--seed", "1", "--db", database], input: Data("hello\n".utf8), in: library)
        #expect(session.status == 0, "\(session.stderr)")
        let report = try CoachBinary.run(["report", "--db", database, "--json"], in: library)
        #expect(report.stdout.contains("\"tiny\""), "\(report.stdout)")
    }
}
