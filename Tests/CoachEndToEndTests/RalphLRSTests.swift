import Foundation
import Testing

/// A cohort's results sent to a real LRS and read back through its xAPI API: the real
/// `coach` binary, a real database, and Ralph on loopback (``RalphLRS``), restarted in the
/// middle of an upload.
@Suite(.serialized, .enabled(if: RalphLRS.isInstalled || RalphLRS.isRequired, "Ralph is not installed (.ci/run installs it)"))
struct RalphLRSTests {
    typealias Binary = RecordsBinary

    static let lines = ["What happened?", "I'll call the courier today", "Anything else?"]

    /// A sandbox with `count` finished sessions, spread over `trainees`.
    func cohort(sessions count: Int, trainees: [String]) throws -> Binary.Sandbox {
        let sandbox = Binary.Sandbox()
        for index in 0..<count {
            let played = try Binary.run(
                ["play", "tiny", "--seed", String(index + 1), "--trainee", trainees[index % trainees.count]],
                input: Self.lines, environment: sandbox.environment())
            #expect(played.status == 0, "play failed: \(played.stderr)")
        }
        return sandbox
    }

    func environment(_ sandbox: Binary.Sandbox) -> [String: String] {
        sandbox.environment(["COACH_LRS_USER": RalphLRS.user, "COACH_LRS_PASSWORD": RalphLRS.password])
    }

    /// The statements `coach report --all --xapi` writes for the sandbox, by id.
    func exported(_ sandbox: Binary.Sandbox) throws -> [String: [String: Any]] {
        let file = sandbox.folder + "/export.json"
        let export = try Binary.run(["report", "--all", "--xapi", file], environment: sandbox.environment())
        #expect(export.status == 0, "\(export.stderr)")
        let statements = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: statements.map { ($0["id"] as? String ?? "", $0) })
    }

    /// The parts of a statement coach decides (Ralph adds `stored` and `authority`).
    func essentials(_ statement: [String: Any]?) -> NSDictionary {
        let keys = ["actor", "verb", "object", "result", "context", "timestamp"]
        return NSDictionary(dictionary: (statement ?? [:]).filter { keys.contains($0.key) })
    }

    @Test func aCohortArrivesWholeAndAReviewedSessionFollowsByItself() throws {
        let sandbox = try cohort(sessions: 6, trainees: ["anna", "bela", "csilla"])
        let lrs = try RalphLRS()

        let sent = try Binary.run(["report", "--all", "--lrs", lrs.endpoint], environment: environment(sandbox))
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stderr.contains("sent 6 sessions"), "\(sent.stderr)")

        // What Ralph gives back is what coach exports, statement for statement.
        let expected = try exported(sandbox)
        let held = try lrs.statements()
        #expect(held.count == expected.count)
        #expect(Set(held.compactMap { $0["id"] as? String }) == Set(expected.keys))
        for statement in held {
            let id = statement["id"] as? String ?? ""
            #expect(essentials(statement) == essentials(expected[id]), "statement \(id) differs from the export")
            #expect((statement["actor"] as? [String: Any])?["account"] != nil)
        }

        // A trainer reviews one session: the next run sends its reviewed statement, and only that.
        let anna = try Binary.run(["report", "--trainee", "anna", "--json"], environment: sandbox.environment())
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(anna.stdout.utf8)) as? [String: Any])
        let first = try #require(((sessions["sessions"] as? [[String: Any]])?.first?["id"]) as? String)
        let review = try Binary.run(
            ["review", first, "--comment", "Calm and clear.", "--reviewer", "lead"], environment: sandbox.environment())
        #expect(review.status == 0, "\(review.stderr)")
        let again = try Binary.run(["report", "--all", "--lrs", lrs.endpoint], environment: environment(sandbox))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("sent 1 session") && again.stderr.contains("5 already sent"), "\(again.stderr)")
        let reviewed = try lrs.statements()
        #expect(reviewed.count == expected.count + 1)
        let new = try #require(reviewed.first { !expected.keys.contains($0["id"] as? String ?? "") })
        let extensions = (new["result"] as? [String: Any])?["extensions"] as? [String: Any] ?? [:]
        #expect(extensions.keys.contains { $0.hasSuffix("review") }, "\(new)")
    }

    @Test func ralphRestartedMidUploadLosesNothingAndKeepsEveryStatementOnce() throws {
        let total = 24
        let sandbox = try cohort(sessions: total, trainees: ["anna", "bela", "csilla", "dora"])
        let lrs = try RalphLRS()

        let upload = try Binary.Running(["report", "--all", "--lrs", lrs.endpoint], environment: environment(sandbox))
        let started = Binary.waitUntil(seconds: 60) { lrs.storedIDs().count >= 4 }
        #expect(started, "the upload never reached Ralph")
        lrs.stop()
        let storedAtStop = lrs.storedIDs().count
        #expect(storedAtStop < total, "the upload had finished before Ralph stopped")
        try lrs.start()
        let first = upload.wait(seconds: 180)

        // Either coach's retries met Ralph again, or the run stopped and left the rest for the
        // next one; in both cases the next run finishes the job.
        if first.status != 0 {
            #expect(first.status == 1)
            #expect(first.stderr.contains("left unsent"), "\(first.stderr)")
            let second = try Binary.run(["report", "--all", "--lrs", lrs.endpoint], environment: environment(sandbox))
            #expect(second.status == 0, "\(second.stderr)")
        }

        // Nothing lost, nothing twice: Ralph holds each of coach's statements exactly once.
        let expected = try exported(sandbox)
        let ids = lrs.storedIDs()
        #expect(ids.count == expected.count, "stored \(ids.count), expected \(expected.count)")
        #expect(Set(ids) == Set(expected.keys))
        #expect(Set(try lrs.statements().compactMap { $0["id"] as? String }) == Set(expected.keys))

        // And coach knows it: another run sends nothing at all.
        let posts = lrs.posts()
        let last = try Binary.run(["report", "--all", "--lrs", lrs.endpoint], environment: environment(sandbox))
        #expect(last.status == 0, "\(last.stderr)")
        #expect(last.stderr.contains("sent 0 sessions") && last.stderr.contains("\(total) already sent"), "\(last.stderr)")
        #expect(lrs.posts() == posts)
    }
}
