import Foundation

/// How often a guideline was broken in a trainee's recent sessions, and which way it is going.
///
/// Counted per session, not per fault: a session that broke G1 three times broke it once
/// here, so one bad conversation does not outweigh a pattern. Faults a trainer struck in a
/// review do not count (``StoredSession/brokenGuidelines``).
public struct GuidelineTrend: Sendable, Hashable {
    public var guideline: String
    /// For each of the recent sessions that count, oldest first: whether it broke the guideline.
    public var marks: [Bool]
    /// Why the rule broken most recently matters (its `why`), to say what the guideline asks.
    public var why: String

    /// In how many of the sessions it was broken.
    public var broken: Int { marks.filter { $0 }.count }
    public var sessions: Int { marks.count }
    public var direction: Direction { Direction(marks) }

    /// Fewer breaks in the later half of the sessions than in the earlier, more, or as many.
    public enum Direction: String, Sendable, Hashable {
        case improving, worsening, steady
        /// Fewer than four sessions: too few to tell.
        case unknown

        /// Compares the later half of `marks` with the earlier (the middle one of an odd count
        /// is left out), as shares, so halves of different sizes compare fairly.
        public init(_ marks: [Bool]) {
            self.init(earlier: marks.prefix(marks.count / 2).filter { $0 }.count, of: marks.count / 2,
                      later: marks.suffix(marks.count / 2).filter { $0 }.count, of: marks.count / 2)
        }

        /// From counts: `earlier` breaks in `earlierSessions`, `later` in `laterSessions`.
        public init(earlier: Int, of earlierSessions: Int, later: Int, of laterSessions: Int) {
            guard earlierSessions >= 2, laterSessions >= 2 else {
                self = .unknown
                return
            }
            // Cross-multiplied shares: exact, with no rounding.
            let (a, b) = (earlier * laterSessions, later * earlierSessions)
            self = a > b ? .improving : a < b ? .worsening : .steady
        }
    }

    /// The guidelines broken in the last `window` sessions that count, most often broken first
    /// (then broken most recently, then by number); at most `limit`.
    public static func ranked(_ sessions: [StoredSession], window: Int = TrainingPlan.window, limit: Int = .max)
        -> [GuidelineTrend]
    {
        let recent = sessions.filter(\.summary.counts)
            .sorted { ($0.summary.startedAt, $0.summary.id) < ($1.summary.startedAt, $1.summary.id) }
            .suffix(window)
        let broken = recent.map(\.brokenGuidelines)
        var trends: [String: GuidelineTrend] = [:]
        // Oldest first, so the last `why` written is that of the latest break.
        for session in broken {
            for (guideline, event) in session {
                trends[guideline, default: GuidelineTrend(guideline: guideline, marks: broken.map { $0[guideline] != nil }, why: "")]
                    .why = event.why
            }
        }
        return trends.values.sorted { a, b in
            let lastA = a.marks.lastIndex(of: true) ?? -1, lastB = b.marks.lastIndex(of: true) ?? -1
            if a.broken != b.broken { return a.broken > b.broken }
            if lastA != lastB { return lastA > lastB }
            return Guideline.precedes(a.guideline, b.guideline)
        }.prefix(limit).map { $0 }
    }
}

extension StoredSession {
    /// The guidelines the session broke, each with the last fault that broke it; faults a
    /// trainer struck in a review (overridden to 0 or more) are left out.
    public var brokenGuidelines: [String: RuleEvent] {
        let overrides = SessionReview.overrides(in: reviews)
        var broken: [String: RuleEvent] = [:]
        for (index, event) in events.enumerated() where event.kind == .fault {
            guard (overrides[index + 1] ?? event.points) < 0 else { continue }
            for guideline in event.guidelines { broken[guideline] = event }
        }
        return broken
    }
}
