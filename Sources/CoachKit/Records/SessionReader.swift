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

    /// The sessions' summaries, oldest first, leaving out sessions with unreadable values
    /// (``summaries(_:resolver:unreadable:)`` says which).
    public func summaries(_ selection: Selection, resolver: SessionStatus.Resolver) throws -> [SessionSummary] {
        var ignored: [UnreadableValue] = []
        return try summaries(selection, resolver: resolver, unreadable: &ignored)
    }

    /// The sessions' summaries, oldest first; what could not be read is skipped and added to `unreadable`.
    public func summaries(_ selection: Selection, resolver: SessionStatus.Resolver, unreadable: inout [UnreadableValue])
        throws -> [SessionSummary]
    {
        let (summaries, problems) = try writer.read { db in try Self.summaries(selection, resolver: resolver, db) }
        for problem in problems { UnreadableValue.note(problem, in: &unreadable) }
        return summaries
    }

    /// The sessions in full, oldest first, leaving out unreadable rows
    /// (``sessions(_:resolver:unreadable:)`` says which).
    public func sessions(_ selection: Selection, resolver: SessionStatus.Resolver) throws -> [StoredSession] {
        var ignored: [UnreadableValue] = []
        return try sessions(selection, resolver: resolver, unreadable: &ignored)
    }

    /// The sessions in full, oldest first; a row that could not be read is skipped (a session
    /// row: the session) and added to `unreadable`, never fatal.
    public func sessions(_ selection: Selection, resolver: SessionStatus.Resolver, unreadable: inout [UnreadableValue])
        throws -> [StoredSession]
    {
        let (sessions, problems) = try writer.read { db in
            let (summaries, problems) = try Self.summaries(selection, resolver: resolver, db)
            let (sessions, more) = try Self.details(for: summaries, selection: selection, db)
            return (sessions, problems + more)
        }
        for problem in problems { UnreadableValue.note(problem, in: &unreadable) }
        return sessions
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
            // instr, not LIKE: an id prefix typed by a person may contain % or _. An id that is
            // not text names no session one could type (reading reports it with its rowid).
            try Row.fetchAll(
                db, sql: "SELECT id FROM session WHERE instr(id, ?) = 1 ORDER BY id LIMIT 6", arguments: [needle]
            ).compactMap { String.fromDatabaseValue($0["id"]) }
        }
        if matches.count == 1 || matches.contains(needle) { return matches.contains(needle) ? needle : matches[0] }
        if matches.isEmpty { throw StoreError.noSuchSession(reference) }
        throw StoreError.ambiguousSession(reference, matches: matches)
    }

    /// Rows by the session they belong to, in their order. A row whose `session_id` is not text
    /// belongs to no readable session (the IN clause matched a session whose id is itself bad,
    /// which is reported with that session) and is dropped.
    private static func bySession(_ rows: [Row]) -> [String: [Row]] {
        var grouped: [String: [Row]] = [:]
        for row in rows {
            guard let id = String.fromDatabaseValue(row["session_id"]) else { continue }
            grouped[id, default: []].append(row)
        }
        return grouped
    }

    private static func summaries(_ selection: Selection, resolver: SessionStatus.Resolver, _ db: Database) throws
        -> ([SessionSummary], [UnreadableValue])
    {
        let scope = selection.clause
        let categories = bySession(
            try Row.fetchAll(
                db, sql: "SELECT * FROM category_score WHERE session_id IN (\(scope.sql))", arguments: scope.arguments))
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.*, s.rowid AS session_rowid, r.ended_at, r.outcome, r.ending, r.score, r.ended_by,
                  (SELECT v.score FROM review v WHERE v.session_id = s.id AND v.score IS NOT NULL
                   ORDER BY v.id DESC LIMIT 1) AS reviewed_score,
                  (SELECT COUNT(*) FROM turn t WHERE t.session_id = s.id) AS replies
                FROM session s LEFT JOIN result r ON r.session_id = s.id
                WHERE s.id IN (\(scope.sql))
                ORDER BY s.started_at, s.id
                """,
            arguments: scope.arguments)
        var problems: [UnreadableValue] = []
        var summaries: [SessionSummary] = []
        for row in rows {
            let rowid: Int64 = row["session_rowid"]
            let unnamed = StoredRow(row: row, table: "session", session: "rowid \(rowid)", skipped: "session")
            do {
                // A session's own row and result are what every view of it stands on: a bad
                // value there skips the session (its category scores' problems unsaid).
                let session = unnamed.reading(session: try unnamed.text("id"))
                let scores = categoryScores(categories[session.session] ?? [], of: session.session)
                summaries.append(try summary(session, categories: scores.scores, resolver: resolver))
                problems += scores.problems
            } catch let problem as UnreadableValue {
                problems.append(problem)
            }
        }
        return (summaries, problems)
    }

    private static func summary(_ row: StoredRow, categories: [Scorecard.CategoryScore], resolver: SessionStatus.Resolver)
        throws -> SessionSummary
    {
        let result = row.reading(table: "result")
        let seedText = try row.text("seed")
        guard let seed = UInt64(seedText) else {
            throw UnreadableValue(
                session: row.session, table: "session", column: "seed", found: StoredRow.describe(row.row["seed"]),
                expected: "a whole number from 0 to 18446744073709551615", consequence: .skipped("session"))
        }
        let process = RecorderProcess(
            host: try row.text("host"), pid: Int32(try row.integer("pid")), token: try row.optionalText("process_token"))
        let lastActivity = try row.time("last_activity_at")
        let endedAt = try result.optionalTime("ended_at")
        let outcome = try result.optionalText("outcome").flatMap(Outcome.init(rawValue:))
        // An end this build does not know (a newer coach wrote it) reads as the outcome says.
        let end = try result.optionalText("ended_by").flatMap(SessionEnd.init(rawValue:))
        let ended = endedAt == nil ? nil : SessionStatus.ended(by: end, outcome: outcome)
        return SessionSummary(
            id: row.session, trainee: try row.text("trainee"), scenarioId: try row.text("scenario_id"),
            scenarioTitle: try row.text("scenario_title"), scenarioKind: try row.text("scenario_kind"),
            scenarioVersion: try row.text("scenario_version"), rubricVersion: try row.text("rubric_version"),
            language: try row.text("language"), seed: seed, startedAt: try row.time("started_at"), endedAt: endedAt,
            lastActivityAt: lastActivity, process: process,
            status: resolver.status(ended: ended, process: process, lastActivity: lastActivity),
            outcome: outcome,
            ending: try result.optionalText("ending"), score: try result.optionalScore("score"), categories: categories,
            replies: try row.integer("replies"), reviewedScore: try row.optionalScore("reviewed_score"))
    }

    /// A finished session's category scores, in ``Category`` order; a bad row skips that category.
    private static func categoryScores(_ rows: [Row], of session: String)
        -> (scores: [Scorecard.CategoryScore], problems: [UnreadableValue])
    {
        var scores: [Scorecard.CategoryScore] = []
        var problems: [UnreadableValue] = []
        for row in rows {
            let stored = StoredRow(row: row, table: "category_score", session: session, skipped: "category score")
            do {
                // A category this coach does not know is a newer coach's: not one to show.
                guard let category = Category(rawValue: try stored.text("category")) else { continue }
                scores.append(
                    Scorecard.CategoryScore(
                        category: category, score: try stored.optionalScore("score"), earned: try stored.integer("earned"),
                        possible: try stored.integer("possible")))
            } catch {
                if let problem = error as? UnreadableValue { UnreadableValue.note(problem, in: &problems) }
            }
        }
        return (scores.sorted { $0.category < $1.category }, problems)
    }

    private static func details(for summaries: [SessionSummary], selection: Selection, _ db: Database) throws
        -> ([StoredSession], [UnreadableValue])
    {
        let scope = selection.clause
        func rows(_ table: String, order: String) throws -> [String: [Row]] {
            bySession(
                try Row.fetchAll(
                    db, sql: "SELECT * FROM \(table) WHERE session_id IN (\(scope.sql)) ORDER BY session_id, \(order)",
                    arguments: scope.arguments))
        }
        let turns = try rows("turn", order: "number")
        let moves = try rows("move", order: "turn_number, position")
        let lines = try rows("customer_line", order: "seq")
        let events = try rows("session_event", order: "seq")
        let rules = try rows("rule_event", order: "seq")
        let results = try rows("result", order: "session_id")
        let reviews = try rows("review", order: "id")
        var problems: [UnreadableValue] = []
        let sessions = summaries.map { summary in
            var assembly = SessionAssembly(
                summary: summary, turns: turns[summary.id] ?? [], moves: moves[summary.id] ?? [],
                lines: lines[summary.id] ?? [], events: events[summary.id] ?? [], rules: rules[summary.id] ?? [],
                result: results[summary.id]?.first)
            var session = assembly.session()
            session.reviews = assembly.reviews(reviews[summary.id] ?? [])
            problems += assembly.problems
            return session
        }
        return (sessions, problems)
    }
}

/// Builds a ``StoredSession`` from its rows, skipping (and noting) a row with a bad value.
private struct SessionAssembly {
    var summary: SessionSummary
    var turns: [Row]
    var moves: [Row]
    var lines: [Row]
    var events: [Row]
    var rules: [Row]
    var result: Row?
    /// What could not be read, once ``session()`` has run.
    private(set) var problems: [UnreadableValue] = []

    init(summary: SessionSummary, turns: [Row], moves: [Row], lines: [Row], events: [Row], rules: [Row], result: Row?) {
        self.summary = summary
        self.turns = turns
        self.moves = moves
        self.lines = lines
        self.events = events
        self.rules = rules
        self.result = result
    }

    private struct StoredTurn {
        var number: Int
        var text: String
        var interrupted: Bool
        var hasStatement: Bool
        var stateBefore: String
        var phase: Scenario.Phase
        var stateAfter: String
        var circuitStep: Int?
        var recordedAt: Date
    }

    private struct StoredMove {
        var turn: Int
        /// `nil` for a move this coach does not know.
        var move: DetectedMove?
    }

    private struct StoredLine {
        var turn: Int?
        var event: Int?
        var line: CustomerLine
        /// Why `parts` was read as the line's text, if it was.
        var unreadableParts: UnreadableValue?
    }

    private struct StoredEvent {
        var seq: Int
        var kind: String
        var detail: String
        var afterTurn: Int
    }

    private struct StoredRule {
        var seq: Int
        var turn: Int?
        var event: Int?
        /// `nil` for a kind or category this coach does not know.
        var rule: RuleEvent?
    }

    mutating func session() -> StoredSession {
        let turnRows = read(turns, table: "turn", skipped: "reply", Self.turn)
        let moveRows = read(moves, table: "move", skipped: "move", Self.move)
        let lineRows = read(lines, table: "customer_line", skipped: "customer line", Self.line)
        let eventRows = read(events, table: "session_event", skipped: "note, hint or silence", Self.event)
        let ruleRows = read(rules, table: "rule_event", skipped: "rule event", Self.rule)
        for case let problem? in lineRows.map(\.unreadableParts) { UnreadableValue.note(problem, in: &problems) }

        let movesByTurn = Dictionary(grouping: moveRows, by: \.turn).mapValues { $0.compactMap(\.move) }
        let linesByTurn = Dictionary(grouping: lineRows.filter { $0.turn != nil }, by: { $0.turn ?? 0 })
        let linesByEvent = Dictionary(grouping: lineRows.filter { $0.event != nil }, by: { $0.event ?? 0 })
        let rulesByTurn = Dictionary(grouping: ruleRows.filter { $0.turn != nil }, by: { $0.turn ?? 0 })

        var records: [TurnRecord] = []
        var times: [Int: Date] = [:]
        for turn in turnRows {
            let detection = MoveDetection(
                text: turn.text, moves: movesByTurn[turn.number] ?? [], hasStatement: turn.hasStatement)
            records.append(
                TurnRecord(
                    number: turn.number, text: turn.text, interrupted: turn.interrupted, detection: detection,
                    stateBefore: turn.stateBefore, phase: turn.phase, stateAfter: turn.stateAfter,
                    customer: (linesByTurn[turn.number] ?? []).map(\.line),
                    events: (rulesByTurn[turn.number] ?? []).compactMap(\.rule), circuitStep: turn.circuitStep))
            times[turn.number] = turn.recordedAt
        }

        // Replies' events, then those of notes, hints and silences, then the end's: the scorecard's order.
        let ordered = ruleRows.sorted { a, b in (Self.group(a), a.seq) < (Self.group(b), b.seq) }
        let allEvents = ordered.compactMap(\.rule)

        var transcript: [TranscriptEntry] = lineRows.filter { $0.turn == nil && $0.event == nil }.map { .customer($0.line) }
        let eventsAfter = Dictionary(grouping: eventRows, by: \.afterTurn)
        func appendEvents(after turn: Int) {
            for event in eventsAfter[turn] ?? [] {
                switch event.kind {
                case "note": transcript.append(.note(event.detail))
                case "hint": transcript.append(.hint(event.detail))
                default: transcript.append(.silence(event.detail))
                }
                transcript += (linesByEvent[event.seq] ?? []).map { .customer($0.line) }
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

    /// Each row through `parse`; a row with a bad value is noted and left out.
    private mutating func read<T>(_ rows: [Row], table: String, skipped: String, _ parse: (StoredRow) throws -> T) -> [T] {
        var parsed: [T] = []
        for row in rows {
            do {
                parsed.append(try parse(StoredRow(row: row, table: table, session: summary.id, skipped: skipped)))
            } catch {
                if let problem = error as? UnreadableValue { UnreadableValue.note(problem, in: &problems) }
            }
        }
        return parsed
    }

    /// A JSON column of the result, or `empty` when it is missing or (noted) unreadable.
    private mutating func json<T: Decodable>(_ type: T.Type, _ column: String, empty: T) -> T {
        guard let result else { return empty }
        do {
            return try StoredRow(row: result, table: "result", session: summary.id, skipped: "session")
                .json(type, column, fallback: "empty") ?? empty
        } catch {
            if let problem = error as? UnreadableValue { UnreadableValue.note(problem, in: &problems) }
            return empty
        }
    }

    private mutating func scorecard(turns: [TurnRecord], events: [RuleEvent]) -> Scorecard? {
        guard result != nil, let outcome = summary.outcome, let score = summary.score,
            let kind = Scenario.Kind(rawValue: summary.scenarioKind)
        else { return nil }
        let completedAt = json([Int].self, "circuits_completed_at", empty: [])
        let broken = json([StoredBroken].self, "circuits_broken", empty: []).map {
            CircuitTracker.Broken(step: $0.step, turn: $0.turn, reason: $0.reason)
        }
        let path = json([String].self, "path", empty: [])
        let notes = json([String].self, "notes", empty: [])
        let facts = json([String].self, "facts_noted", empty: [])
        // NULL in sessions recorded before the column existed, and when no fault of conduct lowered the score.
        let ceiling = json(StoredCeiling?.self, "ceiling", empty: nil)
        var card = Scorecard(
            scenarioId: summary.scenarioId, scenarioTitle: summary.scenarioTitle, scenarioKind: kind,
            scenarioVersion: summary.scenarioVersion, rubricVersion: summary.rubricVersion, language: summary.language,
            seed: summary.seed, trainee: summary.trainee, outcome: outcome, ending: summary.ending, score: score,
            categories: summary.categories, events: events, turns: turns, path: path,
            circuits: .init(completed: completedAt.count, completedAt: completedAt, broken: broken), notes: notes,
            factsNoted: facts)
        card.ceiling = ceiling.map { Scorecard.Ceiling(limit: $0.limit, replies: $0.replies) }
        return card
    }

    private struct StoredCeiling: Decodable {
        var limit: Int
        var replies: [Int]
    }

    private struct StoredBroken: Decodable {
        var step: Int
        var turn: Int
        var reason: String
    }

    private static func group(_ rule: StoredRule) -> Int {
        if rule.turn != nil { return 0 }
        if rule.event != nil { return 1 }
        return 2
    }

    private static func turn(_ row: StoredRow) throws -> StoredTurn {
        StoredTurn(
            number: try row.integer("number"), text: try row.text("text"), interrupted: try row.flag("interrupted"),
            hasStatement: try row.flag("has_statement"), stateBefore: try row.text("state_before"),
            phase: Scenario.Phase(rawValue: try row.text("phase")) ?? .opening, stateAfter: try row.text("state_after"),
            circuitStep: try row.optionalInteger("circuit_step"), recordedAt: try row.time("recorded_at"))
    }

    private static func move(_ row: StoredRow) throws -> StoredMove {
        let turn = try row.integer("turn_number")
        let id = try row.text("move")
        let source = StoredMoveSource(
            kind: try row.text("source_kind"), text: try row.optionalText("source_text"),
            file: try row.optionalText("source_file"), line: try row.optionalInteger("source_line"),
            column: try row.optionalInteger("source_column"))
        let evidence = try row.text("evidence")
        let (start, end) = (try row.integer("start"), try row.integer("end"))
        // A move this coach does not know is a newer coach's: not one to show.
        let move = MoveID(rawValue: id).map {
            DetectedMove(id: $0, evidence: evidence, start: start, end: end, source: source.source ?? .capitals)
        }
        return StoredMove(turn: turn, move: move)
    }

    private static func line(_ row: StoredRow) throws -> StoredLine {
        let text = try row.text("text")
        let acts = Scenario.CustomerAct(rawValue: UInt8(truncatingIfNeeded: try row.integer("acts")))
        let (turn, event, source) = (
            try row.optionalInteger("turn_number"), try row.optionalInteger("event_seq"), try row.text("source")
        )
        var parts = [text]
        var unreadable: UnreadableValue?
        do {
            parts = try row.json([String].self, "parts", fallback: "the line's text") ?? [text]
        } catch {
            unreadable = error as? UnreadableValue
        }
        return StoredLine(
            turn: turn, event: event, line: CustomerLine(source: source, parts: parts, acts: acts), unreadableParts: unreadable)
    }

    /// The session's reviews, oldest first; a row with a bad value is noted and left out.
    mutating func reviews(_ rows: [Row]) -> [SessionReview] {
        read(rows, table: "review", skipped: "review") { row in
            let change: SessionReview.Change =
                try row.text("kind") == "override"
                ? .override(event: try row.integer("event"), points: try row.integer("points"))
                : .comment(reply: try row.optionalInteger("reply"))
            return SessionReview(
                change: change, text: try row.text("text"), reviewer: try row.text("reviewer"), at: try row.time("at"),
                score: try row.optionalScore("score"))
        }
    }

    private static func event(_ row: StoredRow) throws -> StoredEvent {
        StoredEvent(
            seq: try row.integer("seq"), kind: try row.text("kind"), detail: try row.text("detail"),
            afterTurn: try row.integer("after_turn"))
    }

    private static func rule(_ row: StoredRow) throws -> StoredRule {
        let (seq, turnNumber, eventSeq) = (
            try row.integer("seq"), try row.optionalInteger("turn_number"), try row.optionalInteger("event_seq")
        )
        let (kind, category) = (try row.text("kind"), try row.text("category"))
        let (name, guidelines, turn) = (try row.text("rule"), try row.text("guidelines"), try row.optionalInteger("turn"))
        let (quote, points, why, tryText) = (
            try row.optionalText("quote"), try row.integer("points"), try row.text("why"), try row.optionalText("try_text")
        )
        // A kind or category this coach does not know is a newer coach's: not one to show.
        let event = RuleEvent.Kind(rawValue: kind).flatMap { kind in
            Category(rawValue: category).map { category in
                RuleEvent(
                    rule: name, kind: kind, guidelines: guidelines.split(separator: " ").map(String.init), turn: turn,
                    quote: quote, points: points, category: category, why: why, tryText: tryText)
            }
        }
        return StoredRule(seq: seq, turn: turnNumber, event: eventSeq, rule: event)
    }
}
