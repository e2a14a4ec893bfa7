import Foundation
import Testing

/// `coach train` on records the real binary made: the drill for a habit, the level earned,
/// and the session it picks played and recorded like any other.
@Suite struct TrainCommandTests {
    typealias Binary = RecordsBinary

    /// The sandbox's tiny library, plus a level-2 copy of `tiny` and an apology drill scored
    /// by a rubric of its own (the tiny rubric's apology rules: G1, G27, G32).
    func sandbox() throws -> Binary.Sandbox {
        let sandbox = Binary.Sandbox()
        let tiny = try String(contentsOfFile: sandbox.library + "/tiny.yaml", encoding: .utf8)
        func variant(_ changes: [(String, String)]) -> String {
            changes.reduce(tiny) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        }
        try variant([("id: tiny\n", "id: tiny-2\n"), ("difficulty: 1", "difficulty: 2")])
            .write(toFile: sandbox.library + "/tiny-2.yaml", atomically: true, encoding: .utf8)
        let drills = sandbox.library + "/drills/apology"
        try FileManager.default.createDirectory(atPath: drills, withIntermediateDirectories: true)
        try variant([("id: tiny\n", "id: apology-en\n"), ("title: A tiny test scenario", "title: \"Drill: apology timing\"")])
            .write(toFile: drills + "/apology-en.yaml", atomically: true, encoding: .utf8)
        let rubric = try String(contentsOfFile: sandbox.library + "/rubric.yaml", encoding: .utf8)
        let apologyRules = rubric.split(separator: "\n").filter { $0.contains("moves: [apology]") }
        try (["rules:"] + apologyRules + ["outcomes: {resolved: 0, customer-lost: 0}"]).joined(separator: "\n")
            .write(toFile: drills + "/rubric.yaml", atomically: true, encoding: .utf8)
        return sandbox
    }

    func play(_ sandbox: Binary.Sandbox, _ lines: [String], trainee: String, seed: Int) throws {
        let result = try Binary.run(
            ["play", "tiny", "--seed", String(seed), "--trainee", trainee], input: lines, environment: sandbox.environment())
        #expect(result.status == 0, "\(result.stderr)")
    }

    func plan(_ sandbox: Binary.Sandbox, trainee: String) throws -> [String: Any] {
        let result = try Binary.run(
            ["train", "--plan", "--json", "--trainee", trainee, "--pass-mark", "60"], environment: sandbox.environment())
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static let apologisingFirst = ["Sorry about that", "What happened?", "I'll call the courier today", "Anything else?"]
    static let good = ["What happened?", "I'll call the courier today", "Anything else?"]

    @Test func aTraineeWhoKeepsApologisingFirstIsSentToTheApologyDrillAndPlaysIt() throws {
        let sandbox = try sandbox()
        try play(sandbox, Self.apologisingFirst, trainee: "ben", seed: 1)
        try play(sandbox, Self.apologisingFirst, trainee: "ben", seed: 2)

        let plan = try plan(sandbox, trainee: "ben")
        #expect(plan["kind"] as? String == "drill")
        #expect(plan["id"] as? String == "apology")
        #expect(plan["scenario"] as? String == "apology-en")
        #expect((plan["reason"] as? String)?.contains("in 2 of your last 2 sessions you broke G1") == true, "\(plan)")

        // Without --plan the drill is played, after the one line that says why, and recorded.
        let played = try Binary.run(
            ["train", "--trainee", "ben", "--seed", "3", "--pass-mark", "60"], input: Self.good, environment: sandbox.environment())
        #expect(played.status == 0, "\(played.stderr)")
        #expect(played.stdout.hasPrefix("Next: the apology drill: in 2 of your last 2 sessions you broke G1"), "\(played.stdout)")
        #expect(played.stdout.contains("Scorecard · Drill: apology timing"), "\(played.stdout)")
        let report = try Binary.run(["report", "--trainee", "ben", "--json"], environment: sandbox.environment())
        let sessions = try #require(
            (try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])?["sessions"] as? [[String: Any]])
        #expect(sessions.compactMap { ($0["scenario"] as? [String: Any])?["id"] as? String } == ["tiny", "tiny", "apology-en"])
    }

    @Test func aTraineeWhoPassedEveryLevelOneScenarioGetsLevelTwo() throws {
        let sandbox = try sandbox()
        let fresh = try plan(sandbox, trainee: "cleo")
        #expect(fresh["kind"] as? String == "scenario")
        #expect(fresh["id"] as? String == "tiny")

        try play(sandbox, Self.good, trainee: "cleo", seed: 1)
        let passed = try plan(sandbox, trainee: "cleo")
        #expect(passed["id"] as? String == "tiny-2", "\(passed)")
        #expect((passed["reason"] as? String)?.hasSuffix("and you have passed every level-1 one") == true, "\(passed)")
        let text = try Binary.run(["train", "--plan", "--trainee", "cleo", "--pass-mark", "60"], environment: sandbox.environment())
        #expect(text.stdout.hasPrefix("Next: A tiny test scenario (tiny-2, level 2): "), "\(text.stdout)")
    }

    @Test func aLanguageWithoutScenariosIsAClearError() throws {
        let result = try Binary.run(["train", "--plan", "--lang", "xx"], environment: try sandbox().environment())
        #expect(result.status == 2)
        #expect(result.stderr.contains("the library has no scenarios in 'xx'"))
    }
}
