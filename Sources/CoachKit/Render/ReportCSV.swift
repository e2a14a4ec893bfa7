import Foundation

/// Reports as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a
/// comma, a quote or a line break, quotes doubled.
///
/// Names and titles come from trainees and trainers, and the file is opened in spreadsheets,
/// which run a cell that starts with `=`, `+`, `-` or `@` as a formula (CSV injection). Such a
/// field gets a leading `'`, which spreadsheets show as text, unless it is a plain number.
public enum ReportCSV {
    /// One row per session of a progress report.
    public static func sessions(_ report: ProgressReport) -> String {
        sessions(report.sessions.map(\.summary), passMark: report.passMark)
    }

    /// One row per session.
    public static func sessions(_ summaries: [SessionSummary], passMark: PassMark) -> String {
        var rows = [
            ["session", "trainee", "scenario", "title", "kind", "language", "scenario_version", "rubric_version", "seed",
             "started", "ended", "status", "outcome", "ending", "replies", "score", "reviewed_score", "passed"]
                + Category.allCases.map(\.rawValue)
        ]
        for summary in summaries {
            let identity: [String] = [
                summary.id, summary.trainee, summary.scenarioId, summary.scenarioTitle, summary.scenarioKind,
                summary.language, summary.scenarioVersion, summary.rubricVersion, String(summary.seed),
            ]
            let course: [String] = [
                RecordDates.timestamp(summary.startedAt), summary.endedAt.map(RecordDates.timestamp) ?? "",
                summary.status.rawValue, summary.outcome?.rawValue ?? "", summary.ending ?? "", String(summary.replies),
            ]
            let scores: [String] = [
                summary.score.map(String.init) ?? "", summary.reviewedScore.map(String.init) ?? "",
                passMark.passed(summary).map { $0 ? "yes" : "no" } ?? "",
            ]
            let categories: [String] = Category.allCases.map { summary.score(of: $0).map(String.init) ?? "" }
            rows.append(identity + course + scores + categories)
        }
        return table(rows)
    }

    /// One row per trainee.
    public static func cohort(_ report: CohortReport) -> String {
        var rows = [
            ["trainee", "sessions", "counted", "left_out", "abandoned", "walked_out", "interrupted", "scenarios_played",
             "scenarios_passed", "average_score", "latest_score", "weakest_category", "weakest_average", "last_active"]
        ]
        for row in report.rows {
            let counts: [Int] = [row.sessions, row.counted, row.leftOut, row.abandoned, row.walkedOut, row.interrupted]
            let scenarios: [String] = [String(row.scenariosPlayed), String(row.scenariosPassed)]
            let scores: [String] = [
                row.averageScore.map(String.init) ?? "", row.latestScore.map(String.init) ?? "",
                row.weakestCategory?.rawValue ?? "", row.weakestAverage.map(String.init) ?? "",
                RecordDates.timestamp(row.lastActive),
            ]
            rows.append([row.trainee] + counts.map { String($0) } + scenarios + scores)
        }
        return table(rows)
    }

    /// Rows as CSV text.
    public static func table(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One field: defused if a spreadsheet would take it for a formula, quoted if it needs to be.
    public static func field(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, formulaStarts.contains(first), Double(text) == nil {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The first characters that make a spreadsheet read a cell as a formula (OWASP's list).
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
