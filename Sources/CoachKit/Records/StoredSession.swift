import Foundation

/// A stored session at a glance: who, what, when, how it stands and how it scored.
public struct SessionSummary: Sendable {
    public var id: String
    public var trainee: String
    public var scenarioId: String
    public var scenarioTitle: String
    /// The scenario kind's raw value (kept as text: a newer coach may know more kinds).
    public var scenarioKind: String
    public var scenarioVersion: String
    public var rubricVersion: String
    public var language: String
    public var seed: UInt64
    public var startedAt: Date
    /// When the session ended with a scorecard; `nil` while in progress, or when its process
    /// vanished without one.
    public var endedAt: Date?
    /// The last write: the end, else the last reply or event recorded.
    public var lastActivityAt: Date
    public var process: RecorderProcess
    public var status: SessionStatus
    /// The conversation's outcome, for finished sessions.
    public var outcome: Outcome?
    public var ending: String?
    public var score: Int?
    /// Category scores of finished sessions, in ``Category`` order; empty otherwise.
    public var categories: [Scorecard.CategoryScore]
    /// How many replies were recorded.
    public var replies: Int
    /// The score once a trainer's overrides apply (``SessionReview``); `nil` if none was made.
    public var reviewedScore: Int? = nil

    /// The score reports use: the reviewed one when a trainer overrode an event, else coach's.
    public var effectiveScore: Int? { reviewedScore ?? score }

    /// From start to finish, or to the last thing recorded when the session did not finish.
    public var duration: TimeInterval { max(0, (endedAt ?? lastActivityAt).timeIntervalSince(startedAt)) }

    /// The first eight characters of the id: enough to name a session in a report.
    public var shortID: String { String(id.prefix(8)) }

    /// The score of one category, if the session finished and the category was scored.
    public func score(of category: Category) -> Int? {
        categories.first { $0.category == category }?.score
    }

    /// The outcome as a word for tables: the outcome when it reached one, else the status.
    public var outcomeText: String { status == .finished ? outcome?.rawValue ?? status.rawValue : status.rawValue }

    /// Whether a scorecard was recorded (whatever ended the session).
    public var hasResult: Bool { endedAt != nil && score != nil }

    /// Whether the session counts in averages, trends, pass marks and suggestions: it ended
    /// by the trainee's doing (finished, abandoned or walked out) after at least one reply.
    /// A session without a reply says nothing of the trainee's skill, and an interrupted one
    /// (a closed terminal, a killed process) ended for a reason that is not theirs.
    public var counts: Bool {
        hasResult && replies > 0 && [.finished, .abandoned, .walkedOut].contains(status)
    }

    /// Whether the session is over and is left out of the averages (see ``counts``).
    public var isLeftOut: Bool { status != .inProgress && !counts }
}

/// One thing said or done in a session, in the order it happened.
public enum TranscriptEntry: Sendable, Hashable {
    case customer(CustomerLine)
    case trainee(reply: Int, text: String)
    case note(String)
    case hint(String)
    /// The trainee was silent for this many seconds.
    case silence(String)
}

/// Everything stored about one session: the transcript, the replies as the engine saw them,
/// and, when it finished, its scorecard again.
public struct StoredSession: Sendable {
    public var summary: SessionSummary
    public var transcript: [TranscriptEntry]
    /// The replies, with moves, customer lines and rule events.
    public var turns: [TurnRecord]
    /// When each reply was recorded, by reply number.
    public var turnTimes: [Int: Date]
    /// Every rule event recorded, in scorecard order (replies, then session events, then the end).
    public var events: [RuleEvent]
    /// The scorecard, rebuilt from the records; `nil` unless the session finished.
    public var scorecard: Scorecard?
    /// What trainers said of the session, oldest first (`coach review`).
    public var reviews: [SessionReview] = []
}
