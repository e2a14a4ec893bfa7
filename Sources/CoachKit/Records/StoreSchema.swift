import GRDB

/// The session database's tables, created and upgraded by GRDB migrations.
///
/// A migration, once released, never changes: a later schema is a new migration appended
/// here, so every older database upgrades in order. `docs/records.md` describes the tables
/// for people who query them with `sqlite3`.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-sessions", migrate: v1)
        migrator.registerMigration("v2-result-ceiling", migrate: v2)
        migrator.registerMigration("v3-result-ended-by", migrate: v3)
        migrator.registerMigration("v4-review", migrate: v4)
        return migrator
    }

    /// The identifiers of the migrations this build knows, oldest first.
    static var migrations: [String] { migrator.migrations }

    /// A trainer's review of a session, one row per change, never updated: an override of
    /// one rule event's points (with the reason, and the overall score it gave), or a comment
    /// (on the session, or on one reply). The scored result stays as it was.
    private static func v4(_ db: Database) throws {
        try db.create(table: "review") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("session_id", .text).notNull().references("session", onDelete: .cascade)
            t.column("reviewer", .text).notNull()
            t.column("at", .datetime).notNull()
            t.column("kind", .text).notNull()
            t.column("event", .integer)
            t.column("points", .integer)
            t.column("reply", .integer)
            t.column("text", .text).notNull()
            t.column("score", .integer)
        }
        try db.create(index: "review_by_session", on: "review", columns: ["session_id", "id"])
    }

    /// What ended the session (``SessionEnd``: conversation, quit, silence, signal); NULL in
    /// sessions recorded before it was kept, which read as finished, or abandoned by outcome.
    private static func v3(_ db: Database) throws {
        try db.alter(table: "result") { t in t.add(column: "ended_by", .text) }
    }

    /// The limit faults of conduct put on the score (`{"limit": 20, "replies": [3]}`), so a
    /// stored scorecard says why the score is what it is; NULL when none lowered it.
    private static func v2(_ db: Database) throws {
        try db.alter(table: "result") { t in t.add(column: "ceiling", .jsonText) }
    }

    private static func v1(_ db: Database) throws {
        // One row per session, written when it starts. The process columns tell a session
        // still being played from one whose process died (see SessionStatus).
        try db.create(table: "session") { t in
            t.primaryKey("id", .text)
            t.column("trainee", .text).notNull()
            t.column("scenario_id", .text).notNull()
            t.column("scenario_title", .text).notNull()
            t.column("scenario_kind", .text).notNull()
            t.column("scenario_version", .text).notNull()
            t.column("rubric_version", .text).notNull()
            t.column("language", .text).notNull()
            // Decimal text: a seed is a UInt64, which does not fit SQLite's signed integer.
            t.column("seed", .text).notNull()
            t.column("started_at", .datetime).notNull()
            t.column("last_activity_at", .datetime).notNull()
            t.column("host", .text).notNull()
            t.column("pid", .integer).notNull()
            t.column("process_token", .text)
        }
        try db.create(index: "session_by_trainee", on: "session", columns: ["trainee", "started_at"])
        try db.create(index: "session_by_scenario", on: "session", columns: ["scenario_id", "started_at"])

        // The trainee's replies, written as each one is answered.
        try db.create(table: "turn") { t in
            t.column("session_id", .text).notNull().references("session", onDelete: .cascade)
            t.column("number", .integer).notNull()
            t.column("text", .text).notNull()
            t.column("interrupted", .boolean).notNull()
            t.column("state_before", .text).notNull()
            t.column("phase", .text).notNull()
            t.column("state_after", .text).notNull()
            t.column("circuit_step", .integer)
            t.column("has_statement", .boolean).notNull()
            t.column("recorded_at", .datetime).notNull()
            t.primaryKey(["session_id", "number"])
        }

        // The moves detected in each reply, in the order of their evidence.
        try db.create(table: "move") { t in
            t.column("session_id", .text).notNull()
            t.column("turn_number", .integer).notNull()
            t.column("position", .integer).notNull()
            t.column("move", .text).notNull()
            t.column("evidence", .text).notNull()
            t.column("start", .integer).notNull()
            t.column("end", .integer).notNull()
            // pattern | customer-name | capitals | exclamations, and the pattern or name with its location.
            t.column("source_kind", .text).notNull()
            t.column("source_text", .text)
            t.column("source_file", .text)
            t.column("source_line", .integer)
            t.column("source_column", .integer)
            t.primaryKey(["session_id", "turn_number", "position"])
            t.foreignKey(["session_id", "turn_number"], references: "turn", onDelete: .cascade)
        }

        // What happened besides replies: notes, hints, silences.
        try db.create(table: "session_event") { t in
            t.column("session_id", .text).notNull().references("session", onDelete: .cascade)
            t.column("seq", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("detail", .text).notNull()
            t.column("after_turn", .integer).notNull()
            t.column("recorded_at", .datetime).notNull()
            t.primaryKey(["session_id", "seq"])
        }

        // Everything the customer said: the opening (no turn, no event), the answer to a
        // reply (turn_number), or to an event (event_seq).
        try db.create(table: "customer_line") { t in
            t.column("session_id", .text).notNull().references("session", onDelete: .cascade)
            t.column("seq", .integer).notNull()
            t.column("turn_number", .integer)
            t.column("event_seq", .integer)
            t.column("source", .text).notNull()
            t.column("text", .text).notNull()
            t.column("parts", .jsonText).notNull()
            t.column("acts", .integer).notNull()
            t.primaryKey(["session_id", "seq"])
        }

        // Rubric events: with a reply (turn_number), with an event (event_seq), or, when
        // both are null, from the end of the conversation (recorded with the result).
        try db.create(table: "rule_event") { t in
            t.column("session_id", .text).notNull().references("session", onDelete: .cascade)
            t.column("seq", .integer).notNull()
            t.column("turn_number", .integer)
            t.column("event_seq", .integer)
            t.column("rule", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("guidelines", .text).notNull()
            t.column("turn", .integer)
            t.column("quote", .text)
            t.column("points", .integer).notNull()
            t.column("category", .text).notNull()
            t.column("why", .text).notNull()
            t.column("try_text", .text)
            t.primaryKey(["session_id", "seq"])
        }
        try db.create(index: "rule_event_by_rule", on: "rule_event", columns: ["rule"])

        // Written once, when the session ends properly; its absence means in progress or aborted.
        try db.create(table: "result") { t in
            t.primaryKey("session_id", .text).references("session", onDelete: .cascade)
            t.column("ended_at", .datetime).notNull()
            t.column("outcome", .text).notNull()
            t.column("ending", .text)
            t.column("score", .integer).notNull()
            t.column("path", .jsonText).notNull()
            t.column("circuits_completed_at", .jsonText).notNull()
            t.column("circuits_broken", .jsonText).notNull()
            t.column("notes", .jsonText).notNull()
            t.column("facts_noted", .jsonText).notNull()
        }

        try db.create(table: "category_score") { t in
            t.column("session_id", .text).notNull().references("result", column: "session_id", onDelete: .cascade)
            t.column("category", .text).notNull()
            t.column("score", .integer)
            t.column("earned", .integer).notNull()
            t.column("possible", .integer).notNull()
            t.primaryKey(["session_id", "category"])
        }

        // When a Learning Record Store accepted a session's statements; one row per endpoint.
        try db.create(table: "lrs_delivery") { t in
            t.column("session_id", .text).notNull().references("session", onDelete: .cascade)
            t.column("endpoint", .text).notNull()
            t.column("statement_id", .text).notNull()
            t.column("statements", .integer).notNull()
            t.column("accepted_at", .datetime).notNull()
            t.primaryKey(["session_id", "endpoint"])
        }
    }
}
