import Foundation

/// A session as xAPI 1.0.3 statements, for an LMS or Learning Record Store.
///
/// One statement per finished session — the trainee (an `account` on the configured home
/// page, since coach knows names, not e-mail addresses) *passed*, *failed* or *completed*
/// the scenario (an activity under the configured base IRI) — and, when asked, one
/// *responded* statement per reply carrying the detected moves. Statement ids are
/// name-based UUIDs of the session id, so re-sending never duplicates. Sessions without a
/// result (in progress, aborted) give no statements: there is nothing to score.
/// `docs/records.md` lists every field.
public struct XAPIStatements: Sendable {
    public var base: String
    public var passMark: PassMark
    /// Whether to add a `responded` statement per reply.
    public var includeReplies: Bool

    /// The base IRI used when none is configured.
    public static let defaultBase = "https://coach.example"
    public static let version = "1.0.3"

    /// `base` is an absolute http(s) IRI; a trailing slash is ignored.
    public init(base: String = defaultBase, passMark: PassMark = .standard, includeReplies: Bool = false) {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.passMark = passMark
        self.includeReplies = includeReplies
    }

    /// The ADL verbs used.
    public enum Verb: String, Sendable, CaseIterable {
        case completed, passed, failed, responded

        public var iri: String { "http://adlnet.gov/expapi/verbs/\(rawValue)" }

        var json: JSONValue {
            .object([("id", .string(iri)), ("display", .object([("en-US", .string(rawValue))]))])
        }
    }

    /// The scenario's activity IRI.
    public func activity(_ scenarioId: String) -> String { "\(base)/scenarios/\(Self.segment(scenarioId))" }

    /// The IRI of one of coach's extensions (`rubric-version`, `moves` …).
    public func extensionIRI(_ name: String) -> String { "\(base)/xapi/extensions/\(name)" }

    /// The id of the session's own statement.
    public static func statementID(session: String) -> String { NameBasedUUID.make("session:\(session)") }

    /// The statement id of a session with `reviews` trainer reviews: the plain id without any.
    public static func statementID(session: String, reviews: Int) -> String {
        reviews == 0 ? statementID(session: session) : NameBasedUUID.make("session:\(session):reviews:\(reviews)")
    }

    /// The id of a reply's `responded` statement.
    public static func statementID(session: String, reply: Int) -> String {
        NameBasedUUID.make("session:\(session):reply:\(reply)")
    }

    /// The verb a session's statement uses: passed or failed against the pass mark, or
    /// completed without one.
    public func verb(for summary: SessionSummary) -> Verb {
        switch passMark.passed(summary) {
        case .some(true): .passed
        case .some(false): .failed
        case .none: .completed
        }
    }

    /// The session's statements: the session's own first, then one per reply if asked.
    public func statements(for session: StoredSession) -> [JSONValue] {
        let summary = session.summary
        guard summary.hasResult, let score = summary.effectiveScore, let outcome = summary.outcome else { return [] }
        let verb = verb(for: summary)
        // A reviewed session is a new statement (the first stays as it was sent): its id
        // names the reviews it carries.
        let ownID = Self.statementID(session: summary.id, reviews: session.reviews.count)
        var result: [(String, JSONValue)] = [
            (
                "score",
                .object([
                    ("scaled", .double(Double(min(max(score, 0), 100)) / 100)), ("raw", .int(min(max(score, 0), 100))),
                    ("min", .int(0)), ("max", .int(100)),
                ])
            )
        ]
        if verb != .completed { result.append(("success", .bool(verb == .passed))) }
        // A trainee who left before the conversation reached an ending did not complete it.
        result.append(("completion", .bool(outcome != .abandoned)))
        result.append(("duration", .string(RecordDates.duration(summary.duration))))
        var extensions: [(String, JSONValue)] = [(extensionIRI("outcome"), .string(outcome.rawValue))]
        if let ending = summary.ending { extensions.append((extensionIRI("ending"), .string(ending))) }
        // Categories with nothing to score are left out rather than sent as null.
        extensions.append((
            extensionIRI("categories"),
            .object(summary.categories.compactMap { category in category.score.map { (category.category.rawValue, .int($0)) } })
        ))
        extensions.append((extensionIRI("replies"), .int(summary.replies)))
        if !session.reviews.isEmpty {
            extensions.append((
                extensionIRI("review"),
                .object([
                    ("original-score", summary.score.map(JSONValue.int) ?? .null),
                    ("reviews", .array(session.reviews.map(ReportJSON.review))),
                ])
            ))
        }
        result.append(("extensions", .object(extensions)))
        var statements: [JSONValue] = [
            .object([
                ("id", .string(ownID)),
                ("actor", actor(summary.trainee)),
                ("verb", verb.json),
                ("object", scenarioActivity(summary)),
                ("result", .object(result)),
                ("context", context(summary, parent: false, reference: nil)),
                ("timestamp", .string(RecordDates.timestamp(summary.endedAt ?? summary.lastActivityAt))),
            ])
        ]
        guard includeReplies else { return statements }
        for turn in session.turns {
            let points = turn.events.reduce(0) { $0 + $1.points }
            statements.append(
                .object([
                    ("id", .string(Self.statementID(session: summary.id, reply: turn.number))),
                    ("actor", actor(summary.trainee)),
                    ("verb", Verb.responded.json),
                    (
                        "object",
                        .object([
                            ("objectType", .string("Activity")),
                            ("id", .string(activity(summary.scenarioId) + "/states/" + Self.segment(turn.stateBefore))),
                            (
                                "definition",
                                .object([
                                    ("name", .object([(languageTag(summary), .string("\(summary.scenarioTitle): \(turn.stateBefore)"))])),
                                    ("type", .string("http://adlnet.gov/expapi/activities/interaction")),
                                    ("interactionType", .string("long-fill-in")),
                                ])
                            ),
                        ])
                    ),
                    (
                        "result",
                        .object([
                            ("response", .string(turn.text)),
                            (
                                "extensions",
                                .object([
                                    (extensionIRI("reply"), .int(turn.number)),
                                    (
                                        extensionIRI("moves"),
                                        .array(turn.detection.moves.map {
                                            .object([("id", .string($0.id.rawValue)), ("evidence", .string($0.evidence))])
                                        })
                                    ),
                                    (extensionIRI("points"), .int(points)),
                                    (extensionIRI("rules"), .array(turn.events.map { .string($0.rule) })),
                                ])
                            ),
                        ])
                    ),
                    ("context", context(summary, parent: true, reference: ownID)),
                    ("timestamp", .string(RecordDates.timestamp(session.turnTimes[turn.number] ?? summary.startedAt))),
                ]))
        }
        return statements
    }

    private func actor(_ trainee: String) -> JSONValue {
        .object([
            ("objectType", .string("Agent")), ("name", .string(trainee)),
            ("account", .object([("homePage", .string(base)), ("name", .string(trainee))])),
        ])
    }

    private func scenarioActivity(_ summary: SessionSummary) -> JSONValue {
        .object([
            ("objectType", .string("Activity")),
            ("id", .string(activity(summary.scenarioId))),
            (
                "definition",
                .object([
                    ("name", .object([(languageTag(summary), .string(summary.scenarioTitle))])),
                    ("type", .string("http://adlnet.gov/expapi/activities/simulation")),
                ])
            ),
        ])
    }

    private func context(_ summary: SessionSummary, parent: Bool, reference: String?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("registration", .string(Self.registration(summary.id))),
            ("platform", .string("coach")),
            ("language", .string(languageTag(summary))),
        ]
        if parent {
            members.append((
                "contextActivities",
                .object([
                    ("parent", .array([.object([("objectType", .string("Activity")), ("id", .string(activity(summary.scenarioId)))])]))
                ])
            ))
        }
        if let reference {
            members.append(("statement", .object([("objectType", .string("StatementRef")), ("id", .string(reference))])))
        }
        members.append((
            "extensions",
            .object([
                (extensionIRI("rubric-version"), .string(summary.rubricVersion)),
                (extensionIRI("scenario-version"), .string(summary.scenarioVersion)),
                (extensionIRI("seed"), .string(String(summary.seed))),
                (extensionIRI("session"), .string(summary.id)),
            ])
        ))
        return .object(members)
    }

    /// The session's registration: its id when that is a UUID (it always is for sessions
    /// coach recorded), else a UUID made from it.
    static func registration(_ id: String) -> String {
        UUID(uuidString: id) != nil ? id.lowercased() : NameBasedUUID.make("registration:\(id)")
    }

    /// The scenario's language as an RFC 5646 tag; `und` (undetermined) if it is not one.
    private func languageTag(_ summary: SessionSummary) -> String {
        let tag = summary.language
        let valid = !tag.isEmpty && tag.count <= 35
            && tag.split(separator: "-", omittingEmptySubsequences: false).allSatisfy {
                !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            }
        return valid ? tag : "und"
    }

    /// A path segment with everything but unreserved characters percent-encoded.
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
