import Foundation
import Testing

/// `coach probe` and `coach play --from`: a trainer asks "what if, here?" without recording.
@Suite struct ProbeCommandTests {
    @Test func probeExplainsOneReplyInAStateAsTextAndJSON() throws {
        let library = CoachBinary.fixtureLibrary()
        let text = try CoachBinary.run(["probe", "tiny", "--state", "open", "calm down"], in: library)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("In \"open\" (anger 50, patience 30), the reply"))
        #expect(text.stdout.contains("open #1            no: no move of any: [question, paraphrase]"))
        #expect(text.stdout.contains("open #2            fires"))
        #expect(text.stdout.contains("anger 50 → 100"))
        let json = try CoachBinary.run(
            ["probe", "tiny", "--state", "details", "--mood", "anger=20", "--json", "I'll call the courier today"],
            in: library)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect(object["fired"] as? String == "details #1")
        #expect(object["next"] as? String == "closing")
        #expect((object["mood"] as? [String: Double])?["anger"] == 20)
        let events = object["events"] as? [[String: Any]] ?? []
        #expect(events.contains { $0["rule"] as? String == "scenario:details" && $0["points"] as? Int == 5 })
    }

    @Test(arguments: [
        (["probe", "tiny", "--state", "detials", "x"], "'detials' is not a state of tiny (did you mean 'details'?)"),
        (["probe", "tiny", "--mood", "anger", "x"], "--mood takes name=value"),
        (["play", "tiny", "--from", "open", "--mood", "angr=1"], "'angr' is not a mood of tiny"),
        (["play", "tiny", "--mood", "anger=1"], "--mood goes with --from STATE"),
    ])
    func aWrongStateOrMoodIsAUsageError(arguments: [String], message: String) throws {
        let result = try CoachBinary.run(arguments, in: CoachBinary.fixtureLibrary())
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func playFromAStateIsAPreviewThatIsNotRecorded() throws {
        let library = CoachBinary.fixtureLibrary()
        let database = CoachBinary.temporaryFolder() + "/sessions.sqlite"
        let result = try CoachBinary.run(
            ["play", "tiny", "--from", "details", "--seed", "1", "--db", database],
            input: Data("I'll call the courier today\nthanks\n".utf8), in: library)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Order PX-48213."))
        #expect(result.stdout.contains("Fine."))
        #expect(!FileManager.default.fileExists(atPath: database))
    }
}
