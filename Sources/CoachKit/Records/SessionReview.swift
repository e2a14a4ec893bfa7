import Foundation
import GRDB

/// A trainer's word on a recorded session: an override of one scored event, or a comment
/// (`coach review`, docs/records.md "Reviewing a session").
///
/// Reviews are added, never changed: the session's own result stays as scored, and every
/// review says who made it and when, so a report can show the score a trainer arrived at
/// next to the one coach gave.
public struct SessionReview: Sendable, Hashable {
    public enum Change: Sendable, Hashable {
        /// The event at this position (1-based, in the session's scorecard order) is worth
        /// `points` instead: 0 strikes a fault, a positive number credits a missed chance.
        case override(event: Int, points: Int)
        /// A remark on the session, or on one reply.
        case comment(reply: Int?)
    }

    public var change: Change
    /// The reason for an override, or the comment itself.
    public var text: String
    public var reviewer: String
    public var at: Date
    /// For an override: the session's overall score once it and the earlier ones apply.
    public var score: Int?

    public init(change: Change, text: String, reviewer: String, at: Date, score: Int? = nil) {
        self.change = change
        self.text = text
        self.reviewer = reviewer
        self.at = at
        self.score = score
    }

    /// The points each overridden event is now worth, by position; a later override wins.
    public static func overrides(in reviews: [SessionReview]) -> [Int: Int] {
        var points: [Int: Int] = [:]
        for review in reviews {
            if case .override(let event, let value) = review.change { points[event] = value }
        }
        return points
    }
}

/// The overall score of a session once a trainer's overrides apply.
public enum ReviewedScore {
    /// Why an override cannot apply.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case noScore
        case noSuchEvent(Int, count: Int)

        public var description: String {
            switch self {
            case .noScore: "the session has no score to review (it ended without a result)"
            case .noSuchEvent(let number, let count): "there is no event \(number): the session has \(count) (coach review SESSION lists them)"
            }
        }
    }

    /// The score with `overrides` (event position → points) applied to `session`'s events.
    ///
    /// Each category keeps what it could earn as scored; an overridden event moves what it
    /// earned by the difference, in its category and those its rule also counts in. A fault
    /// struck to 0 or more no longer caps the score as a fault of conduct. `rubric` gives the
    /// weights by kind and the ceilings, as when the session was scored.
    public static func compute(_ session: StoredSession, overrides: [Int: Int], rubric: Rubric) throws -> Int {
        guard let original = session.summary.score, session.summary.hasResult else { throw Problem.noScore }
        let events = session.events
        for number in overrides.keys where !events.indices.contains(number - 1) {
            throw Problem.noSuchEvent(number, count: events.count)
        }
        guard !overrides.isEmpty else { return original }
        let kind = Scenario.Kind(rawValue: session.summary.scenarioKind) ?? .genuineGrievance
        var delta: [Category: Int] = [:]
        var stillFaults: [RuleEvent] = []
        for (index, event) in events.enumerated() {
            let points = overrides[index + 1] ?? event.points
            let counted = [event.category] + (rubric.rule(event.rule)?.alsoCounts ?? [])
            for category in Set(counted) { delta[category, default: 0] += points - event.points }
            if event.kind == .fault, points < 0 { stillFaults.append(event) }
        }
        var weighted = 0.0
        var weights = 0.0
        for category in session.summary.categories {
            let moved = delta[category.category] ?? 0
            guard category.score != nil || moved != 0 else { continue }
            let earned = category.earned + moved
            let ratio = category.possible > 0 ? min(max(Double(earned) / Double(category.possible), 0), 1) : 0
            let weight = rubric.weight(of: category.category, for: kind)
            weighted += weight * (ratio * 100).rounded()
            weights += weight
        }
        let overall = weights > 0 ? Int((weighted / weights).rounded()) : 0
        let ceiling = Scoring.ceiling(events: stillFaults, rubric: rubric)
        return min(overall, ceiling?.limit ?? overall)
    }
}

extension SessionStore {
    /// Adds `review` to the session `id` (a full id).
    public func add(_ review: SessionReview, toSession id: String) throws {
        try writer.write { db in
            let (kind, event, points, reply): (String, Int?, Int?, Int?) =
                switch review.change {
                case .override(let event, let points): ("override", event, points, nil)
                case .comment(let reply): ("comment", nil, nil, reply)
                }
            try db.execute(
                sql: """
                    INSERT INTO review (session_id, reviewer, at, kind, event, points, reply, text, score)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, review.reviewer, review.at, kind, event, points, reply, review.text, review.score])
        }
    }
}
