import Foundation
import GRDB

/// Writes a session through to a ``SessionStore`` as it happens.
///
/// Every call is one transaction, committed before the call returns, so a process killed
/// at any moment keeps everything recorded before it. A write that fails (the disk is full,
/// another process held the database past the busy timeout) is not dropped: it stays queued
/// and is retried, in order, before the next write; the error still reaches the caller,
/// which reports it and plays on.
public final class StoreRecorder: SessionRecorder {
    public let store: SessionStore
    /// The session being recorded (a `/restart` starts a new one).
    public private(set) var sessionID: String?
    private let process: RecorderProcess
    private let clock: @Sendable () -> Date
    private let newID: () -> String
    private var pending: [(Database) throws -> Void] = []
    private var counters = Counters()

    /// Sequence numbers within the current session, and what has been told so far.
    private struct Counters {
        var customerLine = 0
        var event = 0
        var ruleEvent = 0
        var turns: Set<Int> = []
        /// Rule events that came with notes, hints and silences: in the scorecard they follow
        /// the replies' events, and what follows them is the end-of-conversation events.
        var eventRuleEvents = 0
    }

    /// `clock` stamps each reply as it is written (the only timing a reply has);
    /// `newID` names sessions (random UUIDs; tests pass fixed ones).
    public init(
        store: SessionStore, process: RecorderProcess = .current,
        clock: @escaping @Sendable () -> Date = { Date() },
        newID: @escaping () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.store = store
        self.process = process
        self.clock = clock
        self.newID = newID
    }

    /// Writes that failed and wait to be retried.
    public var pendingWrites: Int { pending.count }

    public func sessionStarted(_ start: SessionStart) throws {
        let id = newID()
        sessionID = id
        counters = Counters()
        let process = process
        let opening = nextCustomerLines([start.opening])
        try enqueue { db in
            try db.execute(
                sql: """
                    INSERT INTO session (id, trainee, scenario_id, scenario_title, scenario_kind, scenario_version,
                      rubric_version, language, seed, started_at, last_activity_at, host, pid, process_token)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, start.trainee, start.scenarioId, start.scenarioTitle, start.scenarioKind.rawValue,
                    start.scenarioVersion, start.rubricVersion, start.language, String(start.seed), start.startedAt,
                    start.startedAt, process.host, Int(process.pid), process.token,
                ])
            try Self.insert(opening, session: id, turn: nil, event: nil, db)
        }
    }

    public func turnRecorded(_ turn: TurnRecord) throws {
        let id = try currentSession()
        try enqueue(turnWrite(turn, session: id, at: clock()))
    }

    public func sessionEventRecorded(_ event: SessionEventRecord) throws {
        let id = try currentSession()
        counters.event += 1
        let seq = counters.event
        counters.eventRuleEvents += event.events.count
        let lines = nextCustomerLines(event.customer)
        let rules = nextRuleEvents(event.events)
        let now = clock()
        try enqueue { db in
            try db.execute(
                sql: "INSERT INTO session_event (session_id, seq, kind, detail, after_turn, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, seq, event.kind.rawValue, event.detail, event.afterTurn, now])
            try Self.insert(lines, session: id, turn: nil, event: seq, db)
            try Self.insert(rules, session: id, turn: nil, event: seq, db)
            try Self.touch(id, now, db)
        }
    }

    public func sessionFinished(_ card: Scorecard, at time: Date, end: SessionEnd) throws {
        let id = try currentSession()
        // Replies the recorder was never told about (a driver that skipped a call) still belong
        // in the record: the scorecard has them all.
        var writes = card.turns.filter { !counters.turns.contains($0.number) }.map { turnWrite($0, session: id, at: time) }
        let told = card.turns.reduce(0) { $0 + $1.events.count } + counters.eventRuleEvents
        let final = nextRuleEvents(Array(card.events.dropFirst(told)))
        writes.append { db in
            try db.execute(
                sql: """
                    INSERT INTO result (session_id, ended_at, outcome, ending, score, path, circuits_completed_at,
                      circuits_broken, notes, facts_noted, ceiling, ended_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, time, card.outcome.rawValue, card.ending, card.score, Self.json(card.path),
                    JSONValue.array(card.circuits.completedAt.map(JSONValue.int)).serialized(),
                    JSONValue.array(
                        card.circuits.broken.map {
                            .object([("step", .int($0.step)), ("turn", .int($0.turn)), ("reason", .string($0.reason))])
                        }
                    ).serialized(),
                    Self.json(card.notes), Self.json(card.factsNoted),
                    card.ceiling.map {
                        JSONValue.object([("limit", .int($0.limit)), ("replies", .array($0.replies.map(JSONValue.int)))])
                            .serialized()
                    },
                    end.rawValue,
                ])
            for category in card.categories {
                try db.execute(
                    sql: "INSERT INTO category_score (session_id, category, score, earned, possible) VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, category.category.rawValue, category.score, category.earned, category.possible])
            }
            try Self.insert(final, session: id, turn: nil, event: nil, db)
            try Self.touch(id, time, db)
        }
        for write in writes { pending.append(write) }
        try flush()
    }

    /// Retries the writes that failed; throws if they fail again.
    public func flush() throws {
        guard !pending.isEmpty else { return }
        let writes = pending
        try store.writer.write { db in
            for write in writes { try write(db) }
        }
        pending.removeAll()
    }

    private func enqueue(_ write: @escaping (Database) throws -> Void) throws {
        pending.append(write)
        try flush()
    }

    private func currentSession() throws -> String {
        guard let sessionID else { throw RecorderError.noSession }
        return sessionID
    }

    private func turnWrite(_ turn: TurnRecord, session id: String, at time: Date) -> (Database) throws -> Void {
        counters.turns.insert(turn.number)
        let lines = nextCustomerLines(turn.customer)
        let rules = nextRuleEvents(turn.events)
        return { db in
            try db.execute(
                sql: """
                    INSERT INTO turn (session_id, number, text, interrupted, state_before, phase, state_after,
                      circuit_step, has_statement, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, turn.number, turn.text, turn.interrupted, turn.stateBefore, turn.phase.rawValue,
                    turn.stateAfter, turn.circuitStep, turn.detection.hasStatement, time,
                ])
            for (position, move) in turn.detection.moves.enumerated() {
                let source = StoredMoveSource(move.source)
                try db.execute(
                    sql: """
                        INSERT INTO move (session_id, turn_number, position, move, evidence, start, end, source_kind,
                          source_text, source_file, source_line, source_column)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id, turn.number, position, move.id.rawValue, move.evidence, move.start, move.end, source.kind,
                        source.text, source.file, source.line, source.column,
                    ])
            }
            try Self.insert(lines, session: id, turn: turn.number, event: nil, db)
            try Self.insert(rules, session: id, turn: turn.number, event: nil, db)
            try Self.touch(id, time, db)
        }
    }

    private func nextCustomerLines(_ lines: [CustomerLine]) -> [(Int, CustomerLine)] {
        lines.map { line in
            counters.customerLine += 1
            return (counters.customerLine, line)
        }
    }

    private func nextRuleEvents(_ events: [RuleEvent]) -> [(Int, RuleEvent)] {
        events.map { event in
            counters.ruleEvent += 1
            return (counters.ruleEvent, event)
        }
    }

    private static func insert(_ lines: [(Int, CustomerLine)], session: String, turn: Int?, event: Int?, _ db: Database)
        throws
    {
        for (seq, line) in lines {
            try db.execute(
                sql: """
                    INSERT INTO customer_line (session_id, seq, turn_number, event_seq, source, text, parts, acts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [session, seq, turn, event, line.source, line.text, json(line.parts), Int(line.acts.rawValue)])
        }
    }

    private static func insert(_ events: [(Int, RuleEvent)], session: String, turn: Int?, event: Int?, _ db: Database)
        throws
    {
        for (seq, rule) in events {
            try db.execute(
                sql: """
                    INSERT INTO rule_event (session_id, seq, turn_number, event_seq, rule, kind, guidelines, turn, quote,
                      points, category, why, try_text)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    session, seq, turn, event, rule.rule, rule.kind.rawValue, rule.guidelines.joined(separator: " "),
                    rule.turn, rule.quote, rule.points, rule.category.rawValue, rule.why, rule.tryText,
                ])
        }
    }

    private static func touch(_ session: String, _ time: Date, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE session SET last_activity_at = MAX(last_activity_at, ?) WHERE id = ?", arguments: [time, session])
    }

    static func json(_ strings: [String]) -> String { JSONValue.array(strings.map(JSONValue.string)).serialized() }
}

/// A recorder was called out of order.
public enum RecorderError: Error, CustomStringConvertible {
    case noSession

    public var description: String { "a session event arrived before the session started" }
}

/// How a move's source is kept in the `move` table's `source_*` columns.
struct StoredMoveSource {
    var kind: String
    var text: String?
    var file: String?
    var line: Int?
    var column: Int?

    init(_ source: DetectedMove.Source) {
        switch source {
        case .pattern(let text, let location):
            self.init(kind: "pattern", text: text, file: location.file, line: location.line, column: location.column)
        case .customerName(let name): self.init(kind: "customer-name", text: name)
        case .capitals: self.init(kind: "capitals")
        case .exclamations: self.init(kind: "exclamations")
        }
    }

    init(kind: String, text: String? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.text = text
        self.file = file
        self.line = line
        self.column = column
    }

    var source: DetectedMove.Source? {
        switch kind {
        case "pattern":
            guard let text else { return nil }
            return .pattern(text: text, location: SourceLocation(file: file ?? "", line: line ?? 0, column: column ?? 0))
        case "customer-name": return text.map { .customerName($0) }
        case "capitals": return .capitals
        case "exclamations": return .exclamations
        default: return nil
        }
    }
}
