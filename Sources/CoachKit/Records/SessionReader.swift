import Foundation
import GRDB

/// Reading sessions back: summaries for reports, whole sessions for transcripts and exports.
///
/// Each query loads a whole set of sessions with one statement per table (never one per
/// session), so a cohort's report stays a handful of queries however many sessions it has.
extension SessionStore {
    /// Which sessions to read.
    public enum Selection: Sendable, Equatable {
        case all
        case trainee(String)
        case ids([String])

        var clause: (sql: String, arguments: StatementArguments) {
            switch self {
            case .all: ("SELECT id FROM session", [])
            case .trainee(let name): ("SELECT id FROM session WHERE trainee = ?", [name])
            case .ids(let ids):
                ("SELECT id FROM session WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                 StatementArguments(ids))
            }
        }
    }

    /// The trainees with at least one session, sorted.
    public func trainees() throws -> [String] {
        try writer.read { try String.fetchAll($0, sql: "SELECT DISTINCT trainee FROM session ORDER BY trainee") }
    }

    /// The sessions' summaries, oldest first.
    public func summaries(_ selection: Selection, resolver: SessionStatus.Resolver) throws -> [SessionSummary] {
        try writer.read { db in try Self.summaries(selection, resolver: resolver, db) }
    }

    /// The sessions in full, oldest first.
    public func sessions(_ selection: Selection, resolver: SessionStatus.Resolver) throws -> [StoredSession] {
        try writer.read { db in
            let summaries = try Self.summaries(selection, resolver: resolver, db)
            return try Self.details(for: summaries, selection: selection, db)
        }
    }

    /// One session by its id or an unambiguous prefix of it.
    public func session(_ reference: String, resolver: SessionStatus.Resolver) throws -> StoredSession {
        let id = try resolveID(reference)
        guard let session = try sessions(.ids([id]), resolver: resolver).first else {
            throw StoreError.noSuchSession(reference)
        }
        return session
    }

    /// The full id of the session `reference` names (an id or a unique prefix of one).
    public func resolveID(_ reference: String) throws -> String {
        let needle = reference.lowercased()
        let matches = try writer.read { db in
            // instr, not LIKE: an id prefix typed by a person may contain % or _.
            try String.fetchAll(
                db, sql: "SELECT id FROM session WHERE instr(id, ?) = 1 ORDER BY id LIMIT 6", arguments: [needle])
        }
        if matches.count == 1 || matches.contains(needle) { return matches.contains(needle) ? needle : matches[0] }
        if matches.isEmpty { throw StoreError.noSuchSession(reference) }
        throw StoreError.ambiguousSession(reference, matches: matches)
    }

    private static func summaries(_ selection: Selection, resolver: SessionStatus.Resolver, _ db: Database) throws
        -> [SessionSummary]
    {
        let scope = selection.clause
        let categories = try Dictionary(
            grouping: Row.fetchAll(
                db,
                sql: "SELECT * FROM category_score WHERE session_id IN (\(scope.sql))",
                arguments: scope.arguments),
            by: { $0["session_id"] as String })
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.*, r.ended_at, r.outcome, r.ending, r.score,
                  (SELECT COUNT(*) FROM turn t WHERE t.session_id = s.id) AS replies
                FROM session s LEFT JOIN result r ON r.session_id = s.id
                WHERE s.id IN (\(scope.sql))
                ORDER BY s.started_at, s.id
                """,
            arguments: scope.arguments)
        return rows.map { row in
            let id: String = row["id"]
            let process = RecorderProcess(host: row["host"], pid: Int32(truncatingIfNeeded: row["pid"] as Int), token: row["process_token"])
            let lastActivity: Date = row["last_activity_at"]
            let endedAt: Date? = row["ended_at"]
            let scores = (categories[id] ?? []).compactMap { row -> Scorecard.CategoryScore? in
                guard let category = Category(rawValue: row["category"]) else { return nil }
                return Scorecard.CategoryScore(
                    category: category, score: row["score"], earned: row["earned"], possible: row["possible"])
            }.sorted { $0.category < $1.category }
            return SessionSummary(
                id: id, trainee: row["trainee"], scenarioId: row["scenario_id"], scenarioTitle: row["scenario_title"],
                scenarioKind: row["scenario_kind"], scenarioVersion: row["scenario_version"],
                rubricVersion: row["rubric_version"], language: row["language"],
                seed: UInt64(row["seed"] as String) ?? 0, startedAt: row["started_at"], endedAt: endedAt,
                lastActivityAt: lastActivity, process: process,
                status: resolver.status(finished: endedAt != nil, process: process, lastActivity: lastActivity),
                outcome: (row["outcome"] as String?).flatMap(Outcome.init(rawValue:)), ending: row["ending"],
                score: row["score"], categories: scores, replies: row["replies"])
        }
    }

    private static func details(for summaries: [SessionSummary], selection: Selection, _ db: Database) throws
        -> [StoredSession]
    {
        let scope = selection.clause
        func rows(_ table: String, order: String) throws -> [String: [Row]] {
            try Dictionary(
                grouping: Row.fetchAll(
                    db, sql: "SELECT * FROM \(table) WHERE session_id IN (\(scope.sql)) ORDER BY session_id, \(order)",
                    arguments: scope.arguments),
                by: { $0["session_id"] as String })
        }
        let turns = try rows("turn", order: "number")
        let moves = try rows("move", order: "turn_number, position")
        let lines = try rows("customer_line", order: "seq")
        let events = try rows("session_event", order: "seq")
        let rules = try rows("rule_event", order: "seq")
        let results = try rows("result", order: "session_id")
        return summaries.map { summary in
            SessionAssembly(
                summary: summary, turns: turns[summary.id] ?? [], moves: moves[summary.id] ?? [],
                lines: lines[summary.id] ?? [], events: events[summary.id] ?? [], rules: rules[summary.id] ?? [],
                result: results[summary.id]?.first
            ).session
        }
    }
}

/// Builds a ``StoredSession`` from its rows.
private struct SessionAssembly {
    var summary: SessionSummary
    var turns: [Row]
    var moves: [Row]
    var lines: [Row]
    var events: [Row]
    var rules: [Row]
    var result: Row?

    var session: StoredSession {
        let movesByTurn = Dictionary(grouping: moves, by: { $0["turn_number"] as Int })
        let linesByTurn = Dictionary(grouping: lines.filter { $0["turn_number"] != nil }, by: { $0["turn_number"] as Int })
        let linesByEvent = Dictionary(grouping: lines.filter { $0["event_seq"] != nil }, by: { $0["event_seq"] as Int })
        let rulesByTurn = Dictionary(grouping: rules.filter { $0["turn_number"] != nil }, by: { $0["turn_number"] as Int })

        var records: [TurnRecord] = []
        var times: [Int: Date] = [:]
        for row in turns {
            let number: Int = row["number"]
            let text: String = row["text"]
            let detected = (movesByTurn[number] ?? []).compactMap(Self.move)
            records.append(
                TurnRecord(
                    number: number, text: text, interrupted: row["interrupted"],
                    detection: MoveDetection(text: text, moves: detected, hasStatement: row["has_statement"]),
                    stateBefore: row["state_before"], phase: Scenario.Phase(rawValue: row["phase"]) ?? .opening,
                    stateAfter: row["state_after"], customer: (linesByTurn[number] ?? []).map(Self.line),
                    events: (rulesByTurn[number] ?? []).compactMap(Self.rule), circuitStep: row["circuit_step"]))
            times[number] = row["recorded_at"]
        }

        // Replies' events, then those of notes, hints and silences, then the end's: the scorecard's order.
        let ordered = rules.sorted { a, b in
            (Self.group(a), a["seq"] as Int) < (Self.group(b), b["seq"] as Int)
        }
        let allEvents = ordered.compactMap(Self.rule)

        var transcript: [TranscriptEntry] = lines.filter { $0["turn_number"] == nil && $0["event_seq"] == nil }
            .map { .customer(Self.line($0)) }
        let eventsAfter = Dictionary(grouping: events, by: { $0["after_turn"] as Int })
        func appendEvents(after turn: Int) {
            for event in eventsAfter[turn] ?? [] {
                let detail: String = event["detail"]
                switch event["kind"] as String {
                case "note": transcript.append(.note(detail))
                case "hint": transcript.append(.hint(detail))
                default: transcript.append(.silence(detail))
                }
                transcript += (linesByEvent[event["seq"]] ?? []).map { .customer(Self.line($0)) }
            }
        }
        appendEvents(after: 0)
        for record in records {
            transcript.append(.trainee(reply: record.number, text: record.text))
            transcript += record.customer.map(TranscriptEntry.customer)
            appendEvents(after: record.number)
        }
        // Events recorded after replies that are missing (a write lost to a crash) still show.
        let shown = Set([0] + records.map(\.number))
        for turn in eventsAfter.keys.sorted() where !shown.contains(turn) { appendEvents(after: turn) }

        return StoredSession(
            summary: summary, transcript: transcript, turns: records, turnTimes: times, events: allEvents,
            scorecard: scorecard(turns: records, events: allEvents))
    }

    func scorecard(turns: [TurnRecord], events: [RuleEvent]) -> Scorecard? {
        guard let result, let outcome = summary.outcome, let score = summary.score,
            let kind = Scenario.Kind(rawValue: summary.scenarioKind)
        else { return nil }
        let completedAt = Self.decode([Int].self, result["circuits_completed_at"]) ?? []
        let broken = (Self.decode([StoredBroken].self, result["circuits_broken"]) ?? []).map {
            CircuitTracker.Broken(step: $0.step, turn: $0.turn, reason: $0.reason)
        }
        return Scorecard(
            scenarioId: summary.scenarioId, scenarioTitle: summary.scenarioTitle, scenarioKind: kind,
            scenarioVersion: summary.scenarioVersion, rubricVersion: summary.rubricVersion, language: summary.language,
            seed: summary.seed, trainee: summary.trainee, outcome: outcome, ending: summary.ending, score: score,
            categories: summary.categories, events: events, turns: turns,
            path: Self.decode([String].self, result["path"]) ?? [],
            circuits: .init(completed: completedAt.count, completedAt: completedAt, broken: broken),
            notes: Self.decode([String].self, result["notes"]) ?? [],
            factsNoted: Self.decode([String].self, result["facts_noted"]) ?? [])
    }

    private struct StoredBroken: Decodable {
        var step: Int
        var turn: Int
        var reason: String
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    private static func group(_ row: Row) -> Int {
        if row["turn_number"] != nil { return 0 }
        if row["event_seq"] != nil { return 1 }
        return 2
    }

    private static func move(_ row: Row) -> DetectedMove? {
        guard let id = MoveID(rawValue: row["move"]) else { return nil }
        let source = StoredMoveSource(
            kind: row["source_kind"], text: row["source_text"], file: row["source_file"], line: row["source_line"],
            column: row["source_column"]
        ).source
        return DetectedMove(
            id: id, evidence: row["evidence"], start: row["start"], end: row["end"], source: source ?? .capitals)
    }

    private static func line(_ row: Row) -> CustomerLine {
        let text: String = row["text"]
        return CustomerLine(
            source: row["source"], parts: decode([String].self, row["parts"]) ?? [text],
            acts: Scenario.CustomerAct(rawValue: UInt8(truncatingIfNeeded: row["acts"] as Int)))
    }

    private static func rule(_ row: Row) -> RuleEvent? {
        guard let kind = RuleEvent.Kind(rawValue: row["kind"]), let category = Category(rawValue: row["category"])
        else { return nil }
        let guidelines: String = row["guidelines"]
        return RuleEvent(
            rule: row["rule"], kind: kind, guidelines: guidelines.split(separator: " ").map(String.init),
            turn: row["turn"], quote: row["quote"], points: row["points"], category: category, why: row["why"],
            tryText: row["try_text"])
    }
}
