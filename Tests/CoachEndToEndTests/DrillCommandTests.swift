import CoachKit
import Foundation
import Testing

/// `coach drill` from a pipe: the shipped drills, each scored on its one skill, and the list.
@Suite struct DrillCommandTests {
    static let drill = "drills/circuit-en.yaml"

    func result(_ arguments: [String], test: String) throws -> (CoachBinary.Result, [String: Any]) {
        let input = try CoachBinary.replies(ofTest: test, in: Self.drill)
        #expect(!input.isEmpty)
        let result = try CoachBinary.run(arguments + ["--seed", "5", "--json"], input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        return (result, object)
    }

    @Test func everyCircuitCompletedScoresFull() throws {
        let (_, object) = try result(["drill", "circuit"], test: "every circuit")
        #expect((object["scenario"] as? [String: Any])?["id"] as? String == "circuit-en")
        #expect(object["score"] as? Int == 100)
        // A drill has nothing to resolve: its end reads "completed", whatever the score.
        #expect(object["outcome"] as? String == "completed")
        let circuits = try #require(object["circuits"] as? [String: Any])
        #expect(circuits["completed"] as? Int == 5)
        #expect((circuits["broken"] as? [Any])?.isEmpty == true)
        // Only the circuit is scored: no rule of the full rubric appears.
        let rules = ((object["events"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String }
        #expect(rules == ["completed-circuits"])
    }

    @Test func brokenCircuitsSayWhereTheyBroke() throws {
        let (_, object) = try result(["drill", "circuit"], test: "no circuit")
        #expect(object["score"] as? Int == 0)
        let circuits = try #require(object["circuits"] as? [String: Any])
        #expect(circuits["completed"] as? Int == 0)
        let broken = try #require(circuits["broken"] as? [[String: Any]])
        #expect(broken.count == 5)
        #expect(broken.allSatisfy { ($0["step"] as? Int).map { (2...5).contains($0) } == true && $0["reason"] is String })
    }

    @Test func theDrillIsAScenarioThatPlayScoresTheSameWay() throws {
        let (drill, _) = try result(["drill", "circuit"], test: "mixed")
        let (play, object) = try result(["play", "circuit-en"], test: "mixed")
        #expect(drill.stdout == play.stdout)
        #expect(object["score"] as? Int == 60)
        // By path too: the rubric beside the file scores it, not the library's main one.
        let file = CoachBinary.repository.appendingPathComponent("scenarios/\(Self.drill)").path
        let (byPath, _) = try result(["play", file], test: "mixed")
        #expect(byPath.stdout == play.stdout)
    }

    @Test func aLanguageWithoutADrillIsAClearError() throws {
        let result = try CoachBinary.run(["drill", "circuit", "--lang", "xx"], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("[NO-DRILL] no circuit drill in 'xx'"))
        // What there is, named: every language the circuit is written in.
        let available = result.stderr.components(separatedBy: "(available: ").last?.components(separatedBy: ")").first ?? ""
        #expect(Set(available.components(separatedBy: ", ")).isSuperset(of: ["en", "ru"]), "\(result.stderr)")
    }

    /// Every drill of the library by name, with its blind strong conversation (or another that
    /// expects a top score) as piped input.
    static let drills: [(name: String, input: String, band: ClosedRange<Int>)] = {
        var diagnostics = DiagnosticCollector()
        let library = Library(root: CoachBinary.repository.appendingPathComponent("scenarios").path)
        return DrillCatalogue(library: library, diagnostics: &diagnostics).drills.compactMap { drill in
            guard let scenario = drill.scenarios.first(where: { $0.language == "en" }),
                let piped = PipedTranscript.blindStrong(of: scenario)
                    ?? scenario.tests.first(where: { ($0.expect.scoreMin ?? 0) >= 85 }).map(PipedTranscript.init)
            else { return nil }
            return (drill.name, piped.input, piped.band)
        }
    }()

    @Test(arguments: drills.map(\.name))
    func everyDrillPlaysFromAPipeByItsName(name: String) throws {
        let entry = try #require(Self.drills.first { $0.name == name })
        let result = try CoachBinary.run(["drill", name, "--seed", "1", "--json", "--no-record"], input: entry.input)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect((object["scenario"] as? [String: Any])?["id"] as? String == "\(name)-en")
        let score = try #require(object["score"] as? Int)
        #expect(entry.band.contains(score), "\(name): \(score), expected \(entry.band)")
        #expect(object["outcome"] as? String == "completed")
    }

    @Test func theLibraryHasADrillForEachSkill() {
        let names = Set(Self.drills.map(\.name))
        #expect(names.isSuperset(of: ["circuit", "apology-timing", "action-cause-fix", "state-a-limit", "boundary", "plan-deadline"]))
    }

    @Test func withoutANameTheDrillsAreListedWithWhatTheyPractise() throws {
        let result = try CoachBinary.run(["drill", "--json"], input: "")
        #expect(result.status == 0, "\(result.stderr)")
        let drills = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [[String: Any]])
        let circuit = try #require(drills.first { $0["name"] as? String == "circuit" })
        let languages = try #require(circuit["languages"] as? [String])
        #expect(Set(languages).isSuperset(of: ["en", "ru"]) && languages == languages.sorted(), "\(languages)")
        #expect(circuit["guidelines"] as? [String] == ["G41"])
        #expect(circuit["title"] as? String == "Drill: the circuit")
        // Every drill is played by its name, and is scored on some guideline.
        for drill in drills {
            #expect((drill["guidelines"] as? [String])?.isEmpty == false, "\(drill)")
        }

        let table = try CoachBinary.run(["drill"], input: "")
        #expect(table.stdout.contains("circuit"))
        #expect(table.stdout.contains("G41"))
        #expect(table.stdout.contains("Drill: the circuit"))
        let none = try CoachBinary.run(["drill", "--lang", "xx"], input: "")
        #expect(none.status == 0)
        #expect(none.stdout.hasPrefix("No drills in 'xx'"))
    }

    @Test func anUnknownDrillNamesTheDrillsThereAre() throws {
        let result = try CoachBinary.run(["drill", "circuits"], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("[NO-DRILL] no drill 'circuits'"), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean 'circuit'?"))
    }
}
