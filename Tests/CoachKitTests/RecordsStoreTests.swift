import Foundation
import GRDB
import Testing

@testable import CoachKit

@Suite struct RecordsStoreTests {
    @Test(arguments: [
        (nil, [:], "/home/t/.local/share/coach/sessions.sqlite"),
        ("/x/my.sqlite", ["COACH_DB": "/y/env.sqlite"], "/x/my.sqlite"),
        (nil, ["COACH_DB": "/y/env.sqlite"], "/y/env.sqlite"),
        (nil, ["COACH_DB": "", "XDG_DATA_HOME": "/data"], "/data/coach/sessions.sqlite"),
        (nil, ["XDG_DATA_HOME": "relative/ignored"], "/home/t/.local/share/coach/sessions.sqlite"),
        ("~/records.sqlite", [:], "/home/t/records.sqlite"),
    ] as [(String?, [String: String], String)])
    func theDatabaseLocationFollowsOptionEnvironmentAndXDG(option: String?, environment: [String: String], expected: String) {
        let path = StoreLocation.path(option: option, environment: environment.merging(["HOME": "/home/t"]) { a, _ in a })
        #expect(path == expected)
    }

    @Test func openingCreatesPrivateFoldersAndAppliesTheMigrations() throws {
        let path = RecordsFixtures.databasePath()
        let store = try SessionStore(path: path)
        #expect(try store.appliedMigrations() == StoreSchema.migrations)
        let folder = (path as NSString).deletingLastPathComponent
        let attributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        // Opening again is harmless, and the journal is WAL so that processes can share it.
        let again = try SessionStore(path: path)
        let mode = try again.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func aDatabaseFromANewerCoachIsRefusedWithAClearError() throws {
        let path = RecordsFixtures.databasePath()
        let store = try SessionStore(path: path)
        try store.writer.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        #expect(throws: StoreError.newerSchema(path)) { try SessionStore(path: path) }
    }

    @Test func aFolderThatCannotBeCreatedIsAClearError() {
        #expect {
            try SessionStore(path: "/proc/no/such/place/sessions.sqlite")
        } throws: { error in
            "\(error)".hasPrefix("cannot create the folder /proc/no/such/place")
        }
    }

    @Test func aDatabaseThatCannotBeWrittenIsStillReadable() throws {
        let path = RecordsFixtures.databasePath()
        RecordsFixtures.play(["hm"], recorder: RecordsFixtures.recorder(try SessionStore(path: path)))
        let store = try SessionStore(readOnly: path)
        #expect(try store.summaries(.all, resolver: RecordsFixtures.gone).map(\.id) == ["s-1"])
        #expect(throws: (any Error).self) { try store.markDelivered(session: "s-1", endpoint: "x", statementID: "y", statements: 1, at: Date()) }
    }

    @Test func aPlayedSessionReadsBackWithTheSameScorecard() throws {
        let store = try SessionStore()
        let card = try #require(RecordsFixtures.play(RecordsFixtures.goodLines, recorder: RecordsFixtures.recorder(store)))
        #expect(card.outcome == .resolved)
        let stored = try store.session("s-1", resolver: RecordsFixtures.alive)
        #expect(stored.summary.status == .finished)
        #expect(stored.summary.outcome == .resolved)
        #expect(stored.summary.replies == 3)
        #expect(stored.summary.score == card.score)
        #expect(stored.summary.process == RecordsFixtures.process)
        let rebuilt = try #require(stored.scorecard)
        #expect(rebuilt.json == card.json)
        #expect(rebuilt.turns.map(\.detection.moves) == card.turns.map(\.detection.moves))
        #expect(ScorecardText().render(rebuilt) == ScorecardText().render(card))
    }

    @Test func aCeilingOfConductIsStoredAndShownAgain() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-rubric.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "points: -20, category: courtesy", with: "points: -20, ceiling: 20, category: courtesy")
        var diagnostics = DiagnosticCollector()
        let rubric = try #require(RubricLoader.load(text: text, file: "rubric.yaml", diagnostics: &diagnostics))
        let setup = Setup(scenario: Fixtures.tinySetup.scenario, rubric: rubric, detector: Fixtures.miniDetector)
        let store = try SessionStore()
        let lines = ["What happened?", "Calm down, I'll call the courier today", "Anything else?"]
        let card = try #require(RecordsFixtures.play(lines, recorder: RecordsFixtures.recorder(store), setup: setup))
        let ceiling = try #require(card.ceiling)
        #expect(ceiling == Scorecard.Ceiling(limit: 20, replies: [2]))
        let rebuilt = try #require(try store.session("s-1", resolver: RecordsFixtures.alive).scorecard)
        #expect(rebuilt.ceiling == ceiling)
        #expect(ScorecardText().render(rebuilt).contains("At most 20"))
    }

    @Test func theTranscriptKeepsTheOrderThingsHappenedIn() throws {
        let store = try SessionStore()
        RecordsFixtures.play(RecordsFixtures.goodLines, recorder: RecordsFixtures.recorder(store))
        let stored = try store.session("s-1", resolver: RecordsFixtures.alive)
        let kinds = stored.transcript.map { entry -> String in
            switch entry {
            case .customer: "customer"
            case .trainee(let reply, _): "reply \(reply)"
            case .note: "note"
            case .hint: "hint"
            case .silence: "silence"
            }
        }
        #expect(kinds == ["customer", "note", "reply 1", "customer", "hint", "reply 2", "customer", "reply 3", "customer"])
        #expect(stored.transcript.contains(.note("order 48213")))
        #expect(stored.transcript.contains(.trainee(reply: 2, text: "I'll call the courier today")))
    }

    @Test func everyReplyIsOnDiskBeforeTheNextOneAndAnUnfinishedSessionIsAbortedOnceItsProcessIsGone() throws {
        let path = RecordsFixtures.databasePath()
        let recorder = RecordsFixtures.recorder(try SessionStore(path: path))
        let controller = SessionController(
            setup: Fixtures.tinySetup, seed: 1, trainee: "anna", recorder: recorder, clock: RecordsFixtures.clock())
        _ = controller.handle(line: "What happened?")
        // Another process's view, while the session is still open.
        let reader = try SessionStore(path: path)
        #expect(try reader.summaries(.all, resolver: RecordsFixtures.alive).map(\.replies) == [1])
        _ = controller.handle(line: "I'll call the courier today")
        // The process "dies" here: no finish.
        let alive = try #require(reader.sessions(.all, resolver: RecordsFixtures.alive).first)
        #expect(alive.summary.status == .inProgress)
        let dead = try #require(reader.sessions(.all, resolver: RecordsFixtures.gone).first)
        #expect(dead.summary.status == .interrupted)
        #expect(dead.summary.outcome == nil && dead.summary.score == nil && dead.scorecard == nil)
        #expect(dead.turns.map(\.text) == ["What happened?", "I'll call the courier today"])
        #expect(dead.turns[1].detection.contains(.plan))
        // The duration of an interrupted session runs to its last reply.
        #expect(dead.summary.duration > 0)
    }

    @Test(arguments: [
        (SessionStatus.finished as SessionStatus?, nil as Bool?, 0.0, SessionStatus.finished),
        (.abandoned, false, 0, .abandoned),
        (nil, true, 0, .inProgress),
        (nil, false, 0, .interrupted),
        (nil, nil, 60, .inProgress),
        (nil, nil, 7 * 3600, .interrupted),
    ])
    func theStatusComesFromTheResultAndTheRecordingProcess(
        ended: SessionStatus?, running: Bool?, silentFor: TimeInterval, expected: SessionStatus
    ) {
        let now = RecordsFixtures.start
        let resolver = SessionStatus.Resolver(now: now) { _ in running }
        #expect(
            resolver.status(ended: ended, process: RecordsFixtures.process, lastActivity: now.addingTimeInterval(-silentFor))
                == expected)
    }

    @Test func aProcessIsRunningOnlyWhileTheSameInstanceIsAlive() throws {
        let me = RecorderProcess.current
        #expect(me.isRunning() == true)
        #expect(RecorderProcess(host: "another-machine", pid: me.pid, token: me.token).isRunning() == nil)
        if me.token != nil {
            // Same id, different start: a reused process id is not the recorder.
            #expect(RecorderProcess(host: me.host, pid: me.pid, token: "other-boot:1").isRunning() == false)
        }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "exit 0"]
        try child.run()
        child.waitUntilExit()
        #expect(RecorderProcess(host: me.host, pid: child.processIdentifier, token: "gone:1").isRunning() == false)
    }

    /// The records tell a trainee who quit from one who walked away, from a terminal that
    /// was closed, and from a conversation that reached its end.
    @Test func whatEndedTheSessionIsItsStatus() throws {
        let store = try SessionStore()
        func controller(_ prefix: String) -> SessionController {
            SessionController(
                setup: Fixtures.tinySetup, seed: 1, trainee: "anna", recorder: RecordsFixtures.recorder(store, prefix: prefix),
                clock: RecordsFixtures.clock())
        }
        let quit = controller("a")
        _ = quit.handle(line: "What happened?")
        _ = quit.handle(line: "/quit")
        let ended = controller("b")
        for line in RecordsFixtures.goodLines { _ = ended.handle(line: line) }
        // The trainee's silence after the customer's last line only gives up the last word.
        _ = ended.silence(seconds: 60)
        let walked = controller("c")
        // The tiny scenario's silence takes 20 patience of 30: the second nudge loses the customer.
        _ = walked.silence(seconds: 30)
        _ = walked.silence(seconds: 30)
        let closed = controller("d")
        _ = closed.handle(line: "What happened?")
        _ = closed.finish(because: .signal)
        #expect([quit, ended, walked, closed].allSatisfy { $0.isOver })

        let sessions = try store.sessions(.all, resolver: RecordsFixtures.gone)
        #expect(sessions.map(\.summary.status) == [.abandoned, .finished, .walkedOut, .interrupted])
        #expect(sessions.map(\.summary.outcome) == [.abandoned, .resolved, .customerLost, .abandoned])
        // Every one keeps its scorecard; only the first two count (the walk-out had no reply).
        #expect(sessions.allSatisfy { $0.summary.hasResult })
        #expect(sessions.map(\.summary.counts) == [true, true, false, false])
    }

    /// Sessions recorded before the end was kept (`ended_by` NULL after the v3 migration) read
    /// as they did: finished, or abandoned when the outcome says so.
    @Test func aResultWithoutItsEndReadsByItsOutcome() throws {
        let store = try SessionStore()
        RecordsFixtures.play(["What happened?"], recorder: RecordsFixtures.recorder(store, prefix: "a"))
        RecordsFixtures.play(RecordsFixtures.goodLines, recorder: RecordsFixtures.recorder(store, prefix: "b"))
        try store.writer.write { try $0.execute(sql: "UPDATE result SET ended_by = NULL") }
        let sessions = try store.sessions(.all, resolver: RecordsFixtures.gone)
        #expect(sessions.map(\.summary.status) == [.abandoned, .finished])
    }

    @Test func aRestartRecordsTwoSessions() throws {
        let store = try SessionStore()
        let recorder = RecordsFixtures.recorder(store)
        let controller = SessionController(
            setup: Fixtures.tinySetup, seed: 1, trainee: "anna", recorder: recorder, clock: RecordsFixtures.clock())
        _ = controller.handle(line: "What happened?")
        _ = controller.handle(line: "/restart")
        _ = controller.handle(line: "hm")
        _ = controller.finish()
        let sessions = try store.sessions(.all, resolver: RecordsFixtures.gone)
        #expect(sessions.map(\.summary.id) == ["s-1", "s-2"])
        // Both were ended by the trainee: by /restart, then by the end of the session.
        #expect(sessions.map(\.summary.status) == [.abandoned, .abandoned])
        #expect(sessions.map { $0.turns.map(\.text) } == [["What happened?"], ["hm"]])
    }

    @Test func aWriteBlockedByAnotherProcessIsKeptAndWrittenLater() throws {
        let path = RecordsFixtures.databasePath()
        let recorder = RecordsFixtures.recorder(try SessionStore(path: path, busyTimeout: 0.05))
        let controller = SessionController(
            setup: Fixtures.tinySetup, seed: 1, trainee: "anna", recorder: recorder, clock: RecordsFixtures.clock())
        _ = controller.handle(line: "What happened?")

        // Another connection holds the write lock while the next reply comes.
        let blocker = try DatabaseQueue(path: path)
        let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread {
            try? blocker.write { db in
                try db.execute(sql: "UPDATE session SET trainee = trainee")
                locked.signal()
                release.wait()
            }
            done.signal()
        }.start()
        locked.wait()
        _ = controller.handle(line: "I'll call the courier today")
        #expect(controller.recorderErrors.count == 1)
        #expect(recorder.pendingWrites == 1)
        release.signal()
        done.wait()

        _ = controller.handle(line: "Anything else?")
        _ = controller.handle(line: "Thank you, goodbye")
        #expect(recorder.pendingWrites == 0)
        let stored = try SessionStore(path: path).session("s-1", resolver: RecordsFixtures.gone)
        #expect(stored.turns.map(\.number) == [1, 2, 3, 4])
        #expect(stored.summary.status == .finished)
    }

    @Test func twoRecordersWritingAtOnceAreBothKept() throws {
        let path = RecordsFixtures.databasePath()
        _ = try SessionStore(path: path)
        let group = DispatchGroup()
        let failures = Ticks()
        for name in ["anna", "bela"] {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let recorder = RecordsFixtures.recorder(try SessionStore(path: path), prefix: name)
                    let controller = SessionController(
                        setup: Fixtures.tinySetup, seed: 1, trainee: name, recorder: recorder, clock: RecordsFixtures.clock())
                    _ = controller.handle(line: "What happened?")
                    for _ in 0..<20 { _ = controller.handle(line: "/note order 48213") }
                    _ = controller.handle(line: "I'll call the courier today")
                    _ = controller.finish()
                    if !controller.recorderErrors.isEmpty { _ = failures.next() }
                } catch {
                    _ = failures.next()
                }
            }.start()
        }
        group.wait()
        #expect(failures.next() == 0)
        let sessions = try SessionStore(path: path).sessions(.all, resolver: RecordsFixtures.gone)
        #expect(Set(sessions.map(\.summary.trainee)) == ["anna", "bela"])
        #expect(sessions.allSatisfy { $0.summary.status == .abandoned && $0.turns.count == 2 })
        #expect(sessions.allSatisfy { $0.transcript.filter { if case .note = $0 { true } else { false } }.count == 20 })
    }

    @Test func sessionsAreFoundByAnUnambiguousIdPrefix() throws {
        let store = try SessionStore()
        let recorder = StoreRecorder(store: store, process: RecordsFixtures.process, newID: RecordsFixtures.ids("abc"))
        RecordsFixtures.play(["hm"], recorder: recorder)
        RecordsFixtures.play(["hm"], recorder: recorder)
        #expect(try store.resolveID("abc-1") == "abc-1")
        #expect(try store.resolveID("ABC-2") == "abc-2")
        #expect(throws: StoreError.ambiguousSession("abc", matches: ["abc-1", "abc-2"])) { try store.resolveID("abc") }
        #expect(throws: StoreError.noSuchSession("zzz")) { try store.resolveID("zzz") }
        #expect(throws: StoreError.noSuchSession("%")) { try store.resolveID("%") }
    }

    @Test func selectionsReadOneTraineeOrEveryone() throws {
        let store = try SessionStore()
        RecordsFixtures.play(["hm"], recorder: RecordsFixtures.recorder(store, prefix: "a"), trainee: "anna")
        RecordsFixtures.play(["hm"], recorder: RecordsFixtures.recorder(store, prefix: "b"), trainee: "bela")
        #expect(try store.trainees() == ["anna", "bela"])
        #expect(try store.summaries(.trainee("bela"), resolver: RecordsFixtures.gone).map(\.id) == ["b-1"])
        #expect(try store.summaries(.all, resolver: RecordsFixtures.gone).count == 2)
        #expect(try store.summaries(.trainee("nobody"), resolver: RecordsFixtures.gone).isEmpty)
    }
}
