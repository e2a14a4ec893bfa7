import Foundation
import Testing

@testable import CoachKit

/// Helpers for the records tests: databases, clocks, ids, played sessions.
enum RecordsFixtures {
    /// A database path in a fresh folder that does not exist yet.
    static func databasePath() -> String {
        NSTemporaryDirectory() + "coach-records-\(UUID().uuidString)/data/sessions.sqlite"
    }

    static let start = Date(timeIntervalSince1970: 1_735_725_600)  // 2025-01-01 10:00:00 UTC

    /// A clock that moves `step` seconds on each reading.
    static func clock(from start: Date = start, step: TimeInterval = 5) -> @Sendable () -> Date {
        let ticks = Ticks()
        return { start.addingTimeInterval(step * Double(ticks.next())) }
    }

    /// Session ids `s-1`, `s-2`, … with a prefix.
    static func ids(_ prefix: String = "s") -> () -> String {
        let ticks = Ticks()
        return { "\(prefix)-\(ticks.next() + 1)" }
    }

    /// The recording process is alive / gone.
    static let alive = SessionStatus.Resolver(now: start.addingTimeInterval(3600)) { _ in true }
    static let gone = SessionStatus.Resolver(now: start.addingTimeInterval(3600)) { _ in false }

    static let process = RecorderProcess(host: "test-host", pid: 4242, token: "boot:1")

    static func recorder(_ store: SessionStore, prefix: String = "s", step: TimeInterval = 5) -> StoreRecorder {
        StoreRecorder(store: store, process: process, clock: clock(step: step), newID: ids(prefix))
    }

    /// Plays `lines` through the tiny scenario; returns the scorecard if the session finished.
    @discardableResult
    static func play(
        _ lines: [String], recorder: SessionRecorder, trainee: String = "anna", seed: UInt64 = 1, finish: Bool = true,
        clock: @escaping @Sendable () -> Date = clock(), setup: Setup = Fixtures.tinySetup
    ) -> Scorecard? {
        let controller = SessionController(
            setup: setup, seed: seed, trainee: trainee, recorder: recorder, clock: clock)
        var outputs: [SessionController.Output] = []
        for line in lines { outputs += controller.handle(line: line) }
        if finish { outputs += controller.finish() }
        #expect(controller.recorderErrors.isEmpty)
        for case .scorecard(let card) in outputs { return card }
        return nil
    }

    /// A winning conversation with a note and a hint in it.
    static let goodLines = ["/note order 48213", "What happened?", "/hint", "I'll call the courier today", "Anything else?"]

    /// A made-up session summary for report tests.
    static func summary(
        _ id: String, trainee: String = "anna", scenario: String = "tiny", day: Int = 0, status: SessionStatus = .finished,
        outcome: Outcome? = .resolved, score: Int? = 80, categories: [Category: Int] = [:], replies: Int = 3
    ) -> SessionSummary {
        let started = start.addingTimeInterval(Double(day) * 86_400)
        // Sessions that ended by the trainee's doing have a result; interrupted and open ones none.
        let ended = [SessionStatus.finished, .abandoned, .walkedOut].contains(status)
        return SessionSummary(
            id: id, trainee: trainee, scenarioId: scenario, scenarioTitle: "Title of \(scenario)",
            scenarioKind: "genuine-grievance", scenarioVersion: "v-\(scenario)", rubricVersion: "r1", language: "en", seed: 7,
            startedAt: started, endedAt: ended ? started.addingTimeInterval(252.5) : nil,
            lastActivityAt: started.addingTimeInterval(200), process: process, status: status,
            outcome: ended ? outcome : nil, ending: ended ? "done" : nil,
            score: ended ? score : nil,
            categories: ended
                ? Category.allCases.map { .init(category: $0, score: categories[$0], earned: 0, possible: 10) } : [],
            replies: replies)
    }

    /// A made-up stored session around a summary, with these rule events.
    static func session(_ summary: SessionSummary, events: [RuleEvent] = []) -> StoredSession {
        StoredSession(summary: summary, transcript: [], turns: [], turnTimes: [:], events: events, scorecard: nil)
    }

    static func fault(_ rule: String, quote: String?, turn: Int? = 1, category: Category = .composure) -> RuleEvent {
        RuleEvent(
            rule: rule, kind: .fault, guidelines: ["G13"], turn: turn, quote: quote, points: -5, category: category,
            why: "Why \(rule) hurts.", tryText: "Try instead of \(rule).")
    }
}

/// A thread-safe counter.
final class Ticks: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.withLock {
            defer { count += 1 }
            return count
        }
    }
}
