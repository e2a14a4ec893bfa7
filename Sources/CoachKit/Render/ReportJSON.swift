import Foundation

/// The machine-readable reports of `coach report --json` (documented in docs/records.md).
public enum ReportJSON {
    /// A trainee's progress, with every session and its turns.
    public static func progress(_ report: ProgressReport) -> JSONValue {
        .object([
            ("trainee", .string(report.trainee)),
            ("pass-mark", report.passMark.score.map(JSONValue.int) ?? .null),
            ("sessions", .array(report.sessions.map { session($0, passMark: report.passMark) })),
            (
                "scenarios",
                .array(report.scenarios.map { scenario in
                    .object([
                        ("id", .string(scenario.id)), ("title", .string(scenario.title)),
                        ("attempts", .int(scenario.attempts)), ("scores", .array(scenario.scores.map(JSONValue.int))),
                        ("best", optional(scenario.best)), ("latest", optional(scenario.latest)),
                        ("passed", scenario.passed.map(JSONValue.bool) ?? .null),
                        ("last-played", .string(RecordDates.timestamp(scenario.lastPlayed))),
                    ])
                })
            ),
            (
                "categories",
                .object(report.categories.map { trend in
                    (
                        trend.category.rawValue,
                        .object([
                            ("scores", .array(trend.scores.map(JSONValue.int))),
                            ("recent-average", optional(trend.recentAverage)),
                        ])
                    )
                })
            ),
            (
                "most-broken",
                .array(report.brokenRules.map { rule in
                    .object([
                        ("rule", .string(rule.rule)), ("count", .int(rule.count)), ("category", .string(rule.category.rawValue)),
                        ("guidelines", .array(rule.guidelines.map(JSONValue.string))), ("why", .string(rule.why)),
                        ("try", rule.tryText.map(JSONValue.string) ?? .null),
                        (
                            "example",
                            rule.example.map { example in
                                .object([
                                    ("quote", .string(example.quote)), ("session", .string(example.session)),
                                    ("reply", optional(example.reply)),
                                ])
                            } ?? .null
                        ),
                    ])
                })
            ),
            ("guidelines", .array(report.guidelines.map(guideline))),
            ("practise-next", .array(report.practiseNext.map(JSONValue.string))),
        ])
    }

    /// A guideline's recent record: how often broken, in which sessions, and the trend.
    static func guideline(_ trend: GuidelineTrend) -> JSONValue {
        .object([
            ("guideline", .string(trend.guideline)), ("broken", .int(trend.broken)), ("sessions", .int(trend.sessions)),
            ("marks", .array(trend.marks.map(JSONValue.bool))), ("trend", .string(trend.direction.rawValue)),
            ("why", .string(trend.why)),
        ])
    }

    /// The cohort view: one object per trainee.
    public static func cohort(_ report: CohortReport) -> JSONValue {
        .object([
            ("pass-mark", report.passMark.score.map(JSONValue.int) ?? .null),
            (
                "trainees",
                .array(report.rows.map { row in
                    .object([
                        ("trainee", .string(row.trainee)), ("sessions", .int(row.sessions)), ("counted", .int(row.counted)),
                        ("left-out", .int(row.leftOut)), ("abandoned", .int(row.abandoned)),
                        ("walked-out", .int(row.walkedOut)), ("interrupted", .int(row.interrupted)),
                        ("scenarios-played", .int(row.scenariosPlayed)),
                        ("scenarios-passed", .int(row.scenariosPassed)), ("average-score", optional(row.averageScore)),
                        ("latest-score", optional(row.latestScore)),
                        ("weakest-category", row.weakestCategory.map { .string($0.rawValue) } ?? .null),
                        ("weakest-average", optional(row.weakestAverage)),
                        ("last-active", .string(RecordDates.timestamp(row.lastActive))),
                    ])
                })
            ),
            (
                "guidelines",
                .array(report.guidelines.map { guideline in
                    .object([
                        ("guideline", .string(guideline.guideline)),
                        ("habit-of", .array(guideline.habitOf.map(JSONValue.string))), ("trainees", .int(guideline.trainees)),
                        ("broken", .int(guideline.broken)), ("sessions", .int(guideline.sessions)),
                        ("trend", .string(guideline.direction.rawValue)),
                    ])
                })
            ),
        ])
    }

    /// One stored session with its transcript and turns; with `scorecard`, the rebuilt scorecard too.
    public static func session(_ session: StoredSession, passMark: PassMark, scorecard: Bool = false) -> JSONValue {
        guard case .object(var members) = summary(session.summary, passMark: passMark) else { return .null }
        members.append(("transcript", .array(session.transcript.map(entry))))
        members.append((
            "turns",
            .array(session.turns.map { turn in
                guard case .object(var fields) = turn.json else { return turn.json }
                fields.append(("recorded", session.turnTimes[turn.number].map { .string(RecordDates.timestamp($0)) } ?? .null))
                fields.append(("events", .array(turn.events.map(\.json))))
                return .object(fields)
            })
        ))
        if scorecard { members.append(("scorecard", session.scorecard?.json ?? .null)) }
        members.append(("reviews", .array(session.reviews.map(review))))
        return .object(members)
    }

    /// One trainer review: `{"kind": "override", "event": 3, "points": 0, …}` or a comment.
    public static func review(_ review: SessionReview) -> JSONValue {
        var members: [(String, JSONValue)] = []
        switch review.change {
        case .override(let event, let points):
            members += [("kind", .string("override")), ("event", .int(event)), ("points", .int(points))]
        case .comment(let reply):
            members += [("kind", .string("comment")), ("reply", reply.map(JSONValue.int) ?? .null)]
        }
        members += [
            ("text", .string(review.text)), ("reviewer", .string(review.reviewer)),
            ("at", .string(RecordDates.timestamp(review.at))), ("score", optional(review.score)),
        ]
        return .object(members)
    }

    /// A session's facts without its turns.
    public static func summary(_ summary: SessionSummary, passMark: PassMark) -> JSONValue {
        .object([
            ("id", .string(summary.id)),
            ("trainee", .string(summary.trainee)),
            (
                "scenario",
                .object([
                    ("id", .string(summary.scenarioId)), ("title", .string(summary.scenarioTitle)),
                    ("kind", .string(summary.scenarioKind)), ("language", .string(summary.language)),
                    ("version", .string(summary.scenarioVersion)),
                ])
            ),
            ("rubric", .object([("version", .string(summary.rubricVersion))])),
            ("seed", .string(String(summary.seed))),
            ("started", .string(RecordDates.timestamp(summary.startedAt))),
            ("ended", summary.endedAt.map { .string(RecordDates.timestamp($0)) } ?? .null),
            ("last-activity", .string(RecordDates.timestamp(summary.lastActivityAt))),
            ("duration", .string(RecordDates.duration(summary.duration))),
            ("status", .string(summary.status.rawValue)), ("counts", .bool(summary.counts)),
            ("outcome", summary.outcome.map { .string($0.rawValue) } ?? .null),
            ("ending", summary.ending.map(JSONValue.string) ?? .null),
            ("score", optional(summary.score)),
            ("reviewed-score", optional(summary.reviewedScore)),
            ("passed", passMark.passed(summary).map(JSONValue.bool) ?? .null),
            ("categories", .object(summary.categories.map { ($0.category.rawValue, optional($0.score)) })),
            ("replies", .int(summary.replies)),
        ])
    }

    static func entry(_ entry: TranscriptEntry) -> JSONValue {
        switch entry {
        case .customer(let line): .object([("kind", .string("customer")), ("text", .string(line.text))])
        case .trainee(let reply, let text):
            .object([("kind", .string("trainee")), ("reply", .int(reply)), ("text", .string(text))])
        case .note(let text): .object([("kind", .string("note")), ("text", .string(text))])
        case .hint(let text): .object([("kind", .string("hint")), ("text", .string(text))])
        case .silence(let seconds): .object([("kind", .string("silence")), ("text", .string(seconds))])
        }
    }

    private static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
}
