/// When a finished session counts as passed: for reports, the cohort view and xAPI `success`.
///
/// Passed means the conversation reached an ending (not abandoned) with a score at or above
/// the mark. With no mark (`none`), sessions are only completed, never passed or failed.
public struct PassMark: Sendable, Hashable {
    /// 0–100, or `nil` for no pass mark.
    public var score: Int?

    public init(score: Int?) { self.score = score }

    /// 70 out of 100.
    public static let standard = PassMark(score: 70)

    /// Reads `70` or `none`.
    public init?(argument: String) {
        if argument.lowercased() == "none" {
            score = nil
        } else if let value = Int(argument), (0...100).contains(value) {
            score = value
        } else {
            return nil
        }
    }

    /// `nil` when there is no mark or the session does not count (``SessionSummary/counts``);
    /// else whether it passed.
    public func passed(_ summary: SessionSummary) -> Bool? {
        guard let mark = score, summary.counts, let outcome = summary.outcome, let points = summary.effectiveScore
        else { return nil }
        return outcome != .abandoned && points >= mark
    }

    public var description: String { score.map(String.init) ?? "none" }
}
