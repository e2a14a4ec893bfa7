import CoachKit
import Foundation
import GRDB
import Testing

/// The records as a trainee and a training lead meet them: the real binary, real processes,
/// a real database file, a real HTTP listener for the LRS.
@Suite struct RecordsEndToEndTests {
    typealias Binary = RecordsBinary

    static let good = ["What happened?", "I'll call the courier today", "Anything else?"]

    /// Plays the tiny scenario from a pipe to the end.
    @discardableResult
    func play(_ sandbox: Binary.Sandbox, _ lines: [String], trainee: String = "anna", seed: Int = 1) throws -> Binary.Result {
        let result = try Binary.run(
            ["play", "tiny", "--seed", String(seed), "--trainee", trainee], input: lines, environment: sandbox.environment())
        #expect(result.status == 0, "play failed: \(result.stderr)")
        return result
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    /// The number of replies stored for the sessions of `trainee`.
    func storedReplies(_ sandbox: Binary.Sandbox, trainee: String) -> [Int] {
        let store = try? sandbox.store()
        let resolver = SessionStatus.Resolver(now: Date())
        return (try? store?.summaries(.trainee(trainee), resolver: resolver).map(\.replies)) ?? []
    }

    /// The number of replies stored for the session of `trainee` played with `seed`.
    func storedReplies(_ sandbox: Binary.Sandbox, trainee: String, seed: UInt64) -> Int? {
        let store = try? sandbox.store()
        let resolver = SessionStatus.Resolver(now: Date())
        return (try? store?.summaries(.trainee(trainee), resolver: resolver))?.first { $0.seed == seed }?.replies
    }

    @Test func sessionsFromPipesAndOneKilledMidWayAllShowInTheReport() throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good)
        try play(sandbox, ["hm", "What happened?"], seed: 2)

        let killed = try Binary.Running(["play", "tiny", "--seed", "3", "--trainee", "anna"], environment: sandbox.environment())
        killed.send("What happened?")
        killed.send("I'll call the courier today")
        // The killed session by its seed: sessions started within one second may list in any order,
        // and the seed-2 session also has 2 replies.
        let written = Binary.waitUntil { storedReplies(sandbox, trainee: "anna", seed: 3) == 2 }
        #expect(written, "the killed session's replies never reached the database")
        killed.signal(SIGKILL)
        let ended = killed.wait()
        #expect(ended.status == SIGKILL)

        let report = try Binary.run(["report", "--json"], environment: sandbox.environment(["COACH_TRAINEE": "anna"]))
        #expect(report.status == 0, "\(report.stderr)")
        let sessions = try #require(try json(report.stdout)["sessions"] as? [[String: Any]])
        #expect(sessions.count == 3)
        // Ended by the conversation, by the end of its input, and by a kill.
        #expect(sessions.map { $0["status"] as? String } == ["finished", "abandoned", "interrupted"])
        #expect(sessions.map { $0["counts"] as? Bool } == [true, true, false])
        #expect(sessions.map { $0["outcome"] as? String } == ["resolved", "abandoned", nil])
        #expect(sessions.map { ($0["turns"] as? [Any])?.count } == [3, 2, 2])
        let killedTurns = try #require(sessions[2]["turns"] as? [[String: Any]])
        #expect(killedTurns.map { $0["text"] as? String } == ["What happened?", "I'll call the courier today"])
        #expect(sessions[2]["score"] is NSNull)

        // The text report and one session's own page say so too.
        let text = try Binary.run(["report", "--trainee", "anna"], environment: sandbox.environment())
        #expect(text.stdout.contains("3 sessions (1 finished, 1 abandoned, 1 interrupted)"), "\(text.stdout)")
        #expect(text.stdout.contains("1 session left out of the scores and suggestions (no reply, or interrupted)"))
        let id = try #require(sessions[2]["id"] as? String)
        let one = try Binary.run(["report", "--session", String(id.prefix(8))], environment: sandbox.environment())
        #expect(one.status == 0)
        #expect(one.stdout.contains("You: I'll call the courier today"))
        #expect(one.stdout.contains("Interrupted"))
        let finished = try Binary.run(["report", "--session", try #require(sessions[0]["id"] as? String)], environment: sandbox.environment())
        #expect(finished.stdout.contains("Scorecard · A tiny test scenario"))
        #expect(finished.stdout.contains("Outcome: resolved"))
    }

    /// A closed terminal or a `kill` is not the trainee walking away: the session keeps its
    /// scorecard, says it was interrupted, and is left out of the scores.
    @Test func aTerminatedSessionIsInterruptedAndKeepsItsScorecard() throws {
        let sandbox = Binary.Sandbox()
        let running = try Binary.Running(["play", "tiny", "--seed", "1", "--trainee", "tom"], environment: sandbox.environment())
        running.send("What happened?")
        #expect(Binary.waitUntil { storedReplies(sandbox, trainee: "tom") == [1] })
        running.signal(SIGTERM)
        _ = running.wait()
        let report = try Binary.run(["report", "--json", "--trainee", "tom"], environment: sandbox.environment())
        let sessions = try #require(try json(report.stdout)["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["status"] as? String } == ["interrupted"])
        #expect(sessions.map { $0["outcome"] as? String } == ["abandoned"])
        #expect(sessions.first?["score"] is Int)
        #expect(sessions.map { $0["counts"] as? Bool } == [false])
    }

    /// A trainer overrides an event and comments; the report shows both scores and who said what.
    @Test func aTrainerReviewsASessionAndTheReportShowsIt() throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good)
        let report = try Binary.run(["report", "--json", "--trainee", "anna"], environment: sandbox.environment())
        let session = try #require((try json(report.stdout)["sessions"] as? [[String: Any]])?.first)
        let id = String(try #require(session["id"] as? String).prefix(8))
        let original = try #require(session["score"] as? Int)

        let listing = try Binary.run(["review", id], environment: sandbox.environment())
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.contains("Events (coach review \(id) --event N --points P --reason TEXT)"))
        let firstCredit = try #require(
            listing.stdout.split(separator: "\n").first { $0.contains(" credit ") }?.split(separator: " ").first.flatMap { Int($0) })

        let missing = try Binary.run(["review", id, "--event", "1", "--points", "0"], environment: sandbox.environment())
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("an override needs --event N, --points P and --reason TEXT"))

        let override = try Binary.run(
            ["review", id, "--event", String(firstCredit), "--points", "0", "--reason", "read wrongly", "--reviewer", "lead"],
            environment: sandbox.environment())
        #expect(override.status == 0, "\(override.stderr)")
        #expect(override.stdout.contains("now 0: read wrongly — lead"))
        let comment = try Binary.run(
            ["review", id, "--comment", "warm and clear", "--reply", "1"], environment: sandbox.environment(["COACH_REVIEWER": "bea"]))
        #expect(comment.stdout.contains("on reply 1: warm and clear — bea"))
        let bad = try Binary.run(["review", id, "--event", "999", "--points", "0", "--reason", "x"], environment: sandbox.environment())
        #expect(bad.status == 2 && bad.stderr.contains("there is no event 999"))

        let after = try json(try Binary.run(["report", "--json", "--trainee", "anna"], environment: sandbox.environment()).stdout)
        let reviewed = try #require((after["sessions"] as? [[String: Any]])?.first)
        #expect(reviewed["score"] as? Int == original)
        let score = try #require(reviewed["reviewed-score"] as? Int)
        #expect(score < original)
        let text = try Binary.run(["report", "--trainee", "anna"], environment: sandbox.environment())
        #expect(text.stdout.contains("\(original)→\(score)"))
    }

    /// A Russian session is reviewed in Russian: its transcript and its numbered events.
    @Test func aRussianSessionIsReviewedInRussian() throws {
        let sandbox = Binary.Sandbox()
        let library = CoachBinary.repository.appendingPathComponent("scenarios").path
        let played = try Binary.run(
            ["play", "--library", library, "internet-down-ru", "--seed", "1", "--trainee", "olga"],
            input: ["Здравствуйте! Расскажите, пожалуйста, что случилось?"], environment: sandbox.environment())
        #expect(played.status == 0, "\(played.stderr)")
        let report = try Binary.run(["report", "--json", "--trainee", "olga"], environment: sandbox.environment())
        let session = try #require((try json(report.stdout)["sessions"] as? [[String: Any]])?.first)
        let id = String(try #require(session["id"] as? String).prefix(8))
        let listing = try Binary.run(["review", id, "--library", library], environment: sandbox.environment())
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.contains("События (coach review \(id) --event N --points P --reason ТЕКСТ)"), "\(listing.stdout)")
        #expect(listing.stdout.contains("(ответ 1)"))
        #expect(!listing.stdout.contains("Events") && !listing.stdout.contains("(reply 1)"))
    }

    @Test func twoConcurrentPlaysAreBothRecorded() throws {
        let sandbox = Binary.Sandbox()
        let players = try ["anna", "bela"].map {
            try Binary.Running(["play", "tiny", "--seed", "1", "--trainee", $0], environment: sandbox.environment())
        }
        // Interleave their replies, so both processes write while the other has the file open.
        for (index, line) in ["What happened?", "/note order 48213", "I'll call the courier today"].enumerated() {
            for player in players { player.send(line) }
            let count = [1, 1, 2][index]  // a note is not a reply
            #expect(Binary.waitUntil { storedReplies(sandbox, trainee: "anna") == [count] && storedReplies(sandbox, trainee: "bela") == [count] })
        }
        for player in players { player.send("Anything else?") }
        // The customer's last line came; an empty line gives up the last word.
        for player in players { player.send("") }
        let results = players.map { $0.wait() }
        #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
        #expect(results.allSatisfy { !$0.stderr.contains("warning") })

        let cohort = try Binary.run(["report", "--all", "--json"], environment: sandbox.environment())
        let rows = try #require(try json(cohort.stdout)["trainees"] as? [[String: Any]])
        #expect(rows.map { $0["trainee"] as? String } == ["anna", "bela"])
        #expect(rows.map { $0["counted"] as? Int } == [1, 1])
        for trainee in ["anna", "bela"] {
            let report = try Binary.run(["report", "--json", "--trainee", trainee], environment: sandbox.environment())
            let session = try #require((try json(report.stdout)["sessions"] as? [[String: Any]])?.first)
            #expect((session["turns"] as? [Any])?.count == 3)
            #expect((session["transcript"] as? [[String: Any]])?.contains { $0["kind"] as? String == "note" } == true)
        }
        let csv = try Binary.run(["report", "--all", "--csv"], environment: sandbox.environment())
        #expect(csv.stdout.components(separatedBy: "\r\n").count == 4)
    }

    @Test func theHTMLReportShowsATypedScriptAsText() throws {
        let sandbox = Binary.Sandbox()
        let hostile = "<script>alert(\"gotcha\")</script> & <img src=x onerror=alert(1)>"
        try play(sandbox, ["What happened?", hostile], trainee: "<b>eve</b>")
        let file = sandbox.folder + "/report.html"
        let result = try Binary.run(["report", "--trainee", "<b>eve</b>", "--html", file], environment: sandbox.environment())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let page = try String(contentsOfFile: file, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;script&gt;alert(&quot;gotcha&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("Progress · &lt;b&gt;eve&lt;/b&gt;"))
        #expect(page.contains("<svg"))

        let listed = try Binary.run(["report", "--trainee", "<b>eve</b>", "--json"], environment: sandbox.environment())
        let id = try #require((try json(listed.stdout)["sessions"] as? [[String: Any]])?.first?["id"] as? String)
        let sessionFile = sandbox.folder + "/session.html"
        let one = try Binary.run(["report", "--session", id, "--html", sessionFile], environment: sandbox.environment())
        #expect(one.status == 0, "\(one.stderr)")
        let sessionPage = try String(contentsOfFile: sessionFile, encoding: .utf8)
        #expect(!sessionPage.lowercased().contains("<script") && sessionPage.contains("&lt;script&gt;"))

        let cohortFile = sandbox.folder + "/cohort.html"
        let cohort = try Binary.run(["report", "--all", "--html", cohortFile], environment: sandbox.environment())
        #expect(cohort.status == 0)
        let cohortPage = try String(contentsOfFile: cohortFile, encoding: .utf8)
        #expect(!cohortPage.contains("<b>eve"))
        #expect(cohortPage.contains("&lt;b&gt;eve&lt;/b&gt;"))
    }

    @Test func theXAPIExportFollowsTheStatementRules() throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good, trainee: "anna")
        try play(sandbox, ["hm", "What happened?"], trainee: "bela", seed: 2)
        let aborted = try Binary.Running(["play", "tiny", "--trainee", "csilla"], environment: sandbox.environment())
        aborted.send("What happened?")
        #expect(Binary.waitUntil { storedReplies(sandbox, trainee: "csilla") == [1] })
        aborted.signal(SIGKILL)
        _ = aborted.wait()

        let file = sandbox.folder + "/statements.json"
        let arguments = ["report", "--all", "--xapi", file, "--xapi-replies", "--xapi-base", "https://lms.example.org/coach"]
        let result = try Binary.run(arguments, environment: sandbox.environment())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("1 session without a result"))
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let statements = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        // Two finished sessions: one statement each, plus one per reply (3 + 2).
        #expect(statements.count == 7)
        for statement in statements {
            let problems = RecordsXAPIRules.problems(statement)
            #expect(problems.isEmpty, "\(statement["id"] ?? "?"): \(problems)")
        }
        let verbs = statements.compactMap { ($0["verb"] as? [String: Any])?["id"] as? String }.map { $0.split(separator: "/").last! }
        #expect(verbs.filter { $0 == "responded" }.count == 5)
        #expect(Set(statements.compactMap { $0["id"] as? String }).count == 7)
        #expect(statements.allSatisfy { (($0["object"] as? [String: Any])?["id"] as? String)?.hasPrefix("https://lms.example.org/coach/scenarios/tiny") == true })
        // The same export again is byte for byte the same: ids are name-based, not random.
        let again = try Binary.run(arguments, environment: sandbox.environment())
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text)
    }

    @Test func theLRSGetsEverySessionOnceRetryingATransientFailure() throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good, trainee: "anna")
        try play(sandbox, ["hm", "What happened?"], trainee: "bela", seed: 2)
        let listener = try RecordsHTTPListener(statuses: [503])
        defer { listener.stop() }
        let environment = sandbox.environment(["COACH_LRS_USER": "lead", "COACH_LRS_PASSWORD": "pa:ss"])
        let endpoint = listener.url + "/xapi"

        let first = try Binary.run(["report", "--all", "--lrs", endpoint], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("sent 2 sessions"))
        let requests = listener.requests
        #expect(requests.count == 3)  // the 503, its retry, the second session
        for request in requests {
            #expect(request.method == "POST")
            #expect(request.path == "/xapi/statements")
            #expect(request.headers["x-experience-api-version"] == "1.0.3")
            #expect(request.headers["authorization"] == "Basic " + Data("lead:pa:ss".utf8).base64EncodedString())
            #expect(request.headers["content-type"]?.hasPrefix("application/json") == true)
            let statements = try #require(try JSONSerialization.jsonObject(with: request.body) as? [[String: Any]])
            #expect(statements.count == 1)
            #expect(statements.allSatisfy { RecordsXAPIRules.problems($0).isEmpty })
        }
        #expect(requests[0].body == requests[1].body)
        let store = try sandbox.store()
        #expect(try store.deliveredSessions(to: endpoint + "/statements").count == 2)

        // Nothing new: nothing sent.
        let second = try Binary.run(["report", "--all", "--lrs", endpoint], environment: environment)
        #expect(second.status == 0)
        #expect(second.stderr.contains("sent 0 sessions") && second.stderr.contains("2 already sent"))
        #expect(listener.requests.count == 3)
    }

    @Test func aSessionIsNeverMarkedSentUntilTheLRSAcceptsIt() throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good, trainee: "anna")
        let listener = try RecordsHTTPListener(statuses: [500, 500, 500, 500])
        defer { listener.stop() }
        let environment = sandbox.environment(["COACH_LRS_KEY": "key", "COACH_LRS_SECRET": "secret"])
        let endpoint = listener.url + "/xapi/"

        let down = try Binary.run(["report", "--lrs", endpoint, "--trainee", "anna"], environment: environment)
        #expect(down.status == 1)
        #expect(down.stderr.contains("after 4 attempts"))
        #expect(down.stderr.contains("1 session left unsent"))
        #expect(listener.requests.count == 4)
        let key = URL(string: endpoint)!.appendingPathComponent("statements").absoluteString
        #expect(try sandbox.store().deliveredSessions(to: key).isEmpty)

        // The LRS is back: the session goes now.
        let back = try Binary.run(["report", "--lrs", endpoint, "--trainee", "anna"], environment: environment)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(listener.requests.count == 5)
        #expect(listener.requests[4].headers["authorization"] == "Basic " + Data("key:secret".utf8).base64EncodedString())
        #expect(try sandbox.store().deliveredSessions(to: key).count == 1)
    }

    @Test func anLRSThatBreaksOffItsAnswerIsAFailedAttemptNotACrash() throws {
        // FoundationNetworking traps on an answer cut off in its headers; the attempt runs in
        // a child process, so the command lives on, retries, and loses nothing.
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good, trainee: "anna")
        let cut = RecordsHTTPListener.cutOff
        let listener = try RecordsHTTPListener(statuses: [cut, cut, cut, cut])
        defer { listener.stop() }
        let environment = sandbox.environment(["COACH_LRS_KEY": "key", "COACH_LRS_SECRET": "secret"])
        let endpoint = listener.url + "/xapi/"
        let broken = try Binary.run(["report", "--lrs", endpoint, "--trainee", "anna"], environment: environment)
        #expect(broken.status == 1, "\(broken.stderr)")
        #expect(broken.stderr.contains("the connection broke off before a complete answer"), "\(broken.stderr)")
        #expect(broken.stderr.contains("1 session left unsent"))
        #expect(listener.requests.count == 4)
        let key = URL(string: endpoint)!.appendingPathComponent("statements").absoluteString
        #expect(try sandbox.store().deliveredSessions(to: key).isEmpty)

        // A whole answer next time: sent once.
        let back = try Binary.run(["report", "--lrs", endpoint, "--trainee", "anna"], environment: environment)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(listener.requests.count == 5)
        #expect(try sandbox.store().deliveredSessions(to: key).count == 1)
    }

    @Test func coachLoadsNoNetworkingLibraryAndOnlyItsUploadHelperDoes() throws {
        // FoundationNetworking brings libcurl and some thirty TLS, Kerberos and LDAP libraries,
        // which every command would load at start; only `coach-lrs-post` may need them.
        let helper = URL(fileURLWithPath: Binary.path).deletingLastPathComponent().appendingPathComponent("coach-lrs-post").path
        let coach = try Self.sharedLibraries(of: Binary.path)
        #expect(!coach.isEmpty)
        #expect(!coach.contains { $0.contains("FoundationNetworking") || $0.contains("libcurl") }, "\(coach)")
        #expect(try Self.sharedLibraries(of: helper).contains { $0.contains("FoundationNetworking") })
    }

    @Test func withoutItsUploadHelperCoachSaysSoAndKeepsTheSessionsUnsent() throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good, trainee: "anna")
        // `coach` alone in a folder: the helper it runs for each attempt is not beside it.
        let alone = sandbox.folder + "/bin"
        try FileManager.default.createDirectory(atPath: alone, withIntermediateDirectories: true)
        try Self.copyExecutable(Binary.path, to: alone + "/coach")
        let listener = try RecordsHTTPListener()
        defer { listener.stop() }
        let endpoint = listener.url + "/xapi/"
        let result = try Binary.run(
            ["report", "--lrs", endpoint, "--trainee", "anna"], environment: sandbox.environment(), executable: alone + "/coach")
        // Said before anything is read or sent, as a mistyped LRS setting is.
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("the upload program is missing: \(alone)/coach-lrs-post"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(listener.requests.isEmpty)
        let key = URL(string: endpoint)!.appendingPathComponent("statements").absoluteString
        #expect(try sandbox.store().deliveredSessions(to: key).isEmpty)
    }

    /// Copies an executable so that it can be run at once, whatever other tests spawn meanwhile.
    ///
    /// `FileManager.copyItem` writes through a descriptor without close-on-exec: a child that
    /// another test starts during the copy inherits it and keeps it open for its whole life, and
    /// running the copy then fails with "text file busy" (ETXTBSY).
    static func copyExecutable(_ source: String, to destination: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let descriptor = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    /// The shared libraries `ldd` says `executable` loads.
    static func sharedLibraries(of executable: String) throws -> [String] {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [executable]
        let output = Pipe()
        ldd.standardOutput = output
        try ldd.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func wrongCredentialsAreReportedAndNothingIsMarked() throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good, trainee: "anna")
        let listener = try RecordsHTTPListener(statuses: [401])
        defer { listener.stop() }
        let result = try Binary.run(["report", "--all", "--lrs", listener.url], environment: sandbox.environment())
        #expect(result.status == 1)
        #expect(result.stderr.contains("refused the credentials (HTTP 401)"))
        #expect(listener.requests.count == 1)
    }

    @Test func aRedirectingLRSGetsNothingElsewhereAndTheSessionsStayUnsent() throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good, trainee: "anna")
        try play(sandbox, ["hm", "What happened?"], trainee: "bela", seed: 2)
        let elsewhere = try RecordsHTTPListener()
        defer { elsewhere.stop() }
        let lrs = try RecordsHTTPListener(statuses: [302], location: elsewhere.url + "/xapi/statements")
        defer { lrs.stop() }
        let environment = sandbox.environment(["COACH_LRS_USER": "lead", "COACH_LRS_PASSWORD": "pa:ss"])
        let endpoint = lrs.url + "/xapi"

        let redirected = try Binary.run(["report", "--all", "--lrs", endpoint], environment: environment)
        #expect(redirected.status == 1)
        #expect(redirected.stderr.contains("HTTP 302, a redirect to 127.0.0.1:\(elsewhere.port)"), "\(redirected.stderr)")
        #expect(redirected.stderr.contains("2 sessions left unsent for next time"))
        #expect(elsewhere.requests.isEmpty)
        #expect(lrs.requests.count == 1)
        #expect(try sandbox.store().deliveredSessions(to: endpoint + "/statements").isEmpty)

        let next = try Binary.run(["report", "--all", "--lrs", endpoint], environment: environment)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("sent 2 sessions"))
        #expect(elsewhere.requests.isEmpty)
    }

    @Test func aTokenInTheLRSAddressIsSentButNeitherPrintedNorStored() throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good, trainee: "anna")
        let token = "tok-3f9a7c1e55"
        let lrs = try RecordsHTTPListener(statuses: [400])
        defer { lrs.stop() }
        let endpoint = lrs.url + "/xapi?token=\(token)"

        let refused = try Binary.run(["report", "--all", "--lrs", endpoint], environment: sandbox.environment())
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("to \(lrs.url)/xapi/statements?REDACTED"), "\(refused.stderr)")
        let sent = try Binary.run(["report", "--all", "--lrs", endpoint], environment: sandbox.environment())
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stderr.contains("sent 1 session to \(lrs.url)/xapi/statements?REDACTED"), "\(sent.stderr)")
        let bad = try Binary.run(["report", "--all", "--lrs", "ftp://u:pw@lrs.example/x?token=\(token)"], environment: sandbox.environment())
        #expect(bad.stderr.contains("must be an http or https URL: ftp://lrs.example/x?REDACTED"), "\(bad.stderr)")
        for output in [refused, sent, bad] { #expect(!(output.stdout + output.stderr).contains(token)) }

        // The LRS was given its token; the database holds none of it.
        #expect(lrs.requests.map(\.path) == ["/xapi/statements?token=\(token)", "/xapi/statements?token=\(token)"])
        #expect(try sandbox.store().deliveredSessions(to: lrs.url + "/xapi/statements?REDACTED").count == 1)
        let file = try Data(contentsOf: URL(fileURLWithPath: sandbox.database))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: sandbox.database + "-wal"))) ?? Data()
        #expect(file.range(of: Data(token.utf8)) == nil && wal.range(of: Data(token.utf8)) == nil)
    }

    @Test func aDamagedDatabaseGivesWarningsNotACrash() throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, Self.good, trainee: "anna")
        try play(sandbox, ["hm", "What happened?"], trainee: "anna", seed: 2)
        let listed = try Binary.run(["report", "--json", "--trainee", "anna"], environment: sandbox.environment())
        let ids = try #require((try json(listed.stdout)["sessions"] as? [[String: Any]])?.compactMap { $0["id"] as? String })
        try #require(ids.count == 2)
        // What `sqlite3 sessions.sqlite "UPDATE …"` would do.
        try DatabaseQueue(path: sandbox.database).write { db in
            try db.execute(sql: "UPDATE session SET started_at = 'not a date' WHERE id = ?", arguments: [ids[1]])
            try db.execute(sql: "UPDATE turn SET text = x'ff' WHERE session_id = ? AND number = 2", arguments: [ids[0]])
        }
        let warnings = [
            "coach: warning: session \(ids[1]): session.started_at holds the text \"not a date\", not a time; the session is skipped",
            "coach: warning: session \(ids[0]): turn.text holds a blob of 1 byte, not text; the reply is skipped",
        ]
        let file = sandbox.folder + "/report.html"
        for arguments in [
            ["report", "--trainee", "anna"], ["report", "--json", "--trainee", "anna"], ["report", "--all"],
            ["report", "--all", "--csv"], ["report", "--all", "--html", file], ["report", "--session", ids[0]],
            ["report", "--all", "--xapi", "-"],
        ] {
            let result = try Binary.run(arguments, environment: sandbox.environment())
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n").map(String.init).filter { $0.contains("warning") }
            #expect(lines == (arguments.contains("--session") ? [warnings[1]] : warnings), "\(arguments): \(result.stderr)")
        }
        let report = try Binary.run(["report", "--json", "--trainee", "anna"], environment: sandbox.environment())
        let sessions = try #require(try json(report.stdout)["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["id"] as? String } == [ids[0]])
        #expect((sessions.first?["turns"] as? [[String: Any]])?.map { $0["number"] as? Int } == [1, 3])

        // Neither the skipped session nor the one read in part is an xAPI statement: an LRS would
        // keep a partial one for ever.
        let xapi = try Binary.run(["report", "--all", "--xapi", "-"], environment: sandbox.environment())
        let statements = try JSONSerialization.jsonObject(with: Data(xapi.stdout.utf8)) as? [[String: Any]]
        #expect(statements?.isEmpty == true)
        #expect(xapi.stderr.contains("2 sessions with unreadable values gave no xAPI statement"))
        let lrs = try RecordsHTTPListener()
        defer { lrs.stop() }
        let sent = try Binary.run(["report", "--all", "--lrs", lrs.url], environment: sandbox.environment())
        #expect(sent.status == 1, "\(sent.stderr)")
        #expect(sent.stderr.contains("2 sessions with unreadable values gave no xAPI statement"))
        #expect(lrs.requests.isEmpty)
        let skipped = try Binary.run(["report", "--session", ids[1]], environment: sandbox.environment())
        #expect(skipped.status == 2)
        #expect(skipped.stderr.contains("the session \(ids[1]) could not be read (see the warning above)"))
    }

    @Test(arguments: [
        (["report", "--lrs", "ftp://nowhere/x"], "must be an http or https URL"),
        (["report", "--lrs", "http://u:p@127.0.0.1:9/x"], "not in the URL"),
        (["report", "--json", "--csv"], "choose one of --json and --csv"),
        (["report", "--pass-mark", "101"], "--pass-mark must be 0–100 or none"),
        (["report", "--session", "nope"], "no session with id nope"),
    ])
    func badRequestsFailClearly(arguments: [String], message: String) throws {
        let sandbox = Binary.Sandbox()
        try play(sandbox, ["hm"])
        let result = try Binary.run(arguments, environment: sandbox.environment())
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aDatabaseThatCannotBeOpenedWarnsAndThePlayGoesOn() throws {
        let sandbox = Binary.Sandbox()
        let result = try Binary.run(
            ["play", "tiny", "--seed", "1", "--db", "/proc/coach/no/sessions.sqlite"], input: Self.good,
            environment: sandbox.environment())
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: cannot create the folder /proc/coach/no"))
        #expect(result.stderr.contains("this session will not be recorded"))
        #expect(result.stdout.contains("Scorecard"))
    }

    @Test func theDefaultDatabaseLivesUnderXDGDataHome() throws {
        let sandbox = Binary.Sandbox()
        var environment = sandbox.environment()
        environment["COACH_DB"] = nil
        _ = try Binary.run(["play", "tiny", "--seed", "1", "--trainee", "anna"], input: ["hm"], environment: environment)
        #expect(FileManager.default.fileExists(atPath: sandbox.folder + "/xdg-data/coach/sessions.sqlite"))
        let report = try Binary.run(["report", "--trainee", "anna"], environment: environment)
        #expect(report.stdout.contains("1 session (0 finished, 1 abandoned)"), "\(report.stdout)")
    }

    @Test func aReportBeforeAnySessionSaysSoAndCreatesNothing() throws {
        let sandbox = Binary.Sandbox()
        let result = try Binary.run(["report", "--trainee", "anna"], environment: sandbox.environment())
        #expect(result.status == 0)
        #expect(result.stdout.contains("No sessions recorded yet."))
        #expect(!FileManager.default.fileExists(atPath: sandbox.database))
    }
}
