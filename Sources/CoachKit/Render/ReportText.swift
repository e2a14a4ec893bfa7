import Foundation

/// Reports as text for a terminal: tables, sparklines and bars; colour only if the style says so.
///
/// Trainee and scenario text is printed through `printable`, so nothing stored can drive
/// the terminal. Times are shown in `timeZone` (the command passes the local one).
public struct ReportText: Sendable {
    public var style: TextStyle
    public var timeZone: TimeZone

    public init(style: TextStyle = .plain, timeZone: TimeZone = .current) {
        self.style = style
        self.timeZone = timeZone
    }

    /// A trainee's progress.
    public func render(_ report: ProgressReport) -> String {
        var out = style.bold("Progress · \(report.trainee.printable)") + "\n"
        let summaries = report.sessions.map(\.summary)
        guard let first = summaries.first, let last = summaries.last else {
            out += "No sessions recorded yet.\n"
            if !report.practiseNext.isEmpty { out += "\n" + practise(report) }
            return out
        }
        out += style.dim(
            "\(summaries.count) session\(summaries.count == 1 ? "" : "s") (\(Self.statusCounts(report.count))) · "
                + "\(RecordDates.day(first.startedAt, in: timeZone)) – \(RecordDates.day(last.startedAt, in: timeZone)) · "
                + "pass mark \(report.passMark.description)") + "\n"
        if report.leftOut > 0 { out += style.dim(Self.leftOut(report.leftOut)) + "\n" }

        let scores = report.scores
        if let latest = scores.last, let best = scores.max() {
            out += "\n" + style.bold("Score") + "   " + colour(TerminalChart.sparkline(scores), latest)
            out += "  latest \(latest) · best \(best)"
            let trend = TerminalChart.trend(scores)
            out += trend.isEmpty ? "\n" : " · \(trend)\n"
        }

        out += "\n" + scenarioTable(report)
        if scores.count > 0 { out += "\n" + categoryTable(report) }
        if !report.guidelines.isEmpty { out += "\n" + guidelineTable(report.guidelines) }
        if !report.brokenRules.isEmpty { out += "\n" + brokenRules(report) }
        if !report.practiseNext.isEmpty { out += "\n" + practise(report) }
        out += "\n" + sessionTable(summaries)
        return out
    }

    /// The cohort: one row per trainee.
    public func render(_ report: CohortReport) -> String {
        var out = style.bold("Cohort") + style.dim(
            " · \(report.rows.count) trainee\(report.rows.count == 1 ? "" : "s") · pass mark \(report.passMark.description)")
            + "\n"
        guard !report.rows.isEmpty else { return out + "No sessions recorded yet.\n" }
        let rows = report.rows.map { row -> [String] in
            [
                row.trainee.printable, String(row.sessions), "\(row.scenariosPassed)/\(row.scenariosPlayed)",
                row.averageScore.map(String.init) ?? "—", row.latestScore.map(String.init) ?? "—",
                row.weakestCategory.map { "\($0.rawValue) (\(row.weakestAverage ?? 0))" } ?? "—",
                RecordDates.minute(row.lastActive, in: timeZone), TerminalChart.sparkline(row.scores, width: 12),
            ]
        }
        out += "\n" + table(
            header: ["TRAINEE", "SESSIONS", "PASSED", "AVERAGE", "LATEST", "WEAKEST", "LAST ACTIVE", "TREND"],
            rows: rows, rightAligned: [1, 2, 3, 4])
        let leftOut = report.rows.reduce(0) { $0 + $1.leftOut }
        if leftOut > 0 { out += style.dim(Self.leftOut(leftOut)) + "\n" }
        if !report.guidelines.isEmpty {
            out += "\n" + style.bold("Guidelines most often broken")
                + style.dim("  (each trainee's last \(TrainingPlan.window) sessions that count)") + "\n"
            let guidelines = report.guidelines.prefix(ProgressReport.brokenRuleLimit * 2).map { guideline -> [String] in
                [
                    guideline.guideline, guideline.habitOf.isEmpty ? "—" : guideline.habitOf.map(\.printable).joined(separator: ", "),
                    String(guideline.trainees), "\(guideline.broken) of \(guideline.sessions)", direction(guideline.direction),
                ]
            }
            out += table(header: ["GUIDELINE", "A HABIT OF", "TRAINEES", "SESSIONS", "TREND"], rows: guidelines, rightAligned: [2, 3])
        }
        return out
    }

    /// "3 finished, 1 abandoned, 1 interrupted": the statuses that occur, in a fixed order.
    static func statusCounts(_ count: (SessionStatus) -> Int) -> String {
        SessionStatus.allCases.compactMap { status in
            let n = count(status)
            return n == 0 && status != .finished ? nil : "\(n) \(status.rawValue.replacingOccurrences(of: "-", with: " "))"
        }.joined(separator: ", ")
    }

    /// The line that says how many sessions the scores leave out, and why.
    static func leftOut(_ count: Int) -> String {
        "\(count) session\(count == 1 ? "" : "s") left out of the scores and suggestions (no reply, or interrupted)"
    }

    func scenarioTable(_ report: ProgressReport) -> String {
        var out = style.bold("Scenarios") + "\n"
        let width = max(report.scenarios.map { $0.id.printable.count }.max() ?? 0, 8)
        for scenario in report.scenarios {
            var line = "  " + pad(scenario.id.printable, width)
            line += "  " + "\(scenario.attempts)×".leftPadded(to: 4)
            line += "  best " + (scenario.best.map(String.init) ?? "—").leftPadded(to: 3)
            if let latest = scenario.latest {
                line += "  latest " + String(latest).leftPadded(to: 3) + " " + colour(TerminalChart.bar(latest, width: 16), latest)
            } else {
                line += "  latest   — " + pad("", 16)
            }
            line += scenario.passed == true ? "  " + style.green("passed") : "        "
            line += "  " + style.dim(String(scenario.title.printable.prefix(48)))
            out += line + "\n"
        }
        return out
    }

    func categoryTable(_ report: ProgressReport) -> String {
        var out = style.bold("Categories") + style.dim("  (average of the last \(ProgressReport.recentWindow) finished sessions)") + "\n"
        for trend in report.categories {
            let name = pad(trend.category.rawValue, 11)
            guard let average = trend.recentAverage else {
                out += "  \(name) " + style.dim("— not scored yet") + "\n"
                continue
            }
            out += "  \(name) " + colour(TerminalChart.bar(average, width: 16), average) + " "
                + String(average).leftPadded(to: 3) + "  " + TerminalChart.sparkline(trend.scores, width: 20)
            let arrow = TerminalChart.trend(trend.scores)
            out += arrow.isEmpty ? "\n" : " \(arrow)\n"
        }
        return out
    }

    /// Each guideline broken lately: a mark per session (● broken, · kept), how many, the trend.
    func guidelineTable(_ trends: [GuidelineTrend]) -> String {
        let sessions = trends.map(\.sessions).max() ?? 0
        var out = style.bold("Guidelines most often broken") + style.dim("  (the last \(sessions) sessions that count, oldest first)") + "\n"
        let width = max(trends.map(\.guideline.count).max() ?? 0, 3)
        for trend in trends {
            let marks = trend.marks.map { $0 ? "●" : "·" }.joined()
            out += "  " + pad(trend.guideline, width) + "  " + pad(marks, sessions) + "  "
                + "\(trend.broken) of \(trend.sessions)".leftPadded(to: 7) + "  " + direction(trend.direction)
                + "  " + style.dim(trend.why.printable) + "\n"
        }
        return out
    }

    /// A trend in words, coloured: fewer breaks lately is good news.
    func direction(_ direction: GuidelineTrend.Direction) -> String {
        switch direction {
        case .improving: style.green(pad("improving", 9))
        case .worsening: style.red(pad("worsening", 9))
        case .steady: pad("steady", 9)
        case .unknown: style.dim(pad("—", 9))
        }
    }

    func brokenRules(_ report: ProgressReport) -> String {
        var out = style.bold("Rules most often broken") + "\n"
        for rule in report.brokenRules {
            let tags = ([rule.category.rawValue] + rule.guidelines).joined(separator: " · ")
            out += "  \(rule.count)× " + style.bold(rule.rule.printable) + "  " + style.dim("[\(tags.printable)]") + "\n"
            out += "     \(rule.why.printable)\n"
            if let example = rule.example {
                var place = "session \(example.session.prefix(8))"
                if let reply = example.reply { place += ", reply \(reply)" }
                out += "     \"\(example.quote.printable)\"  " + style.dim("(\(place))") + "\n"
            }
            if let tryText = rule.tryText { out += "     " + style.cyan("Try:") + " \(tryText.printable)\n" }
        }
        return out
    }

    func practise(_ report: ProgressReport) -> String {
        style.bold("Practise next") + "\n" + report.practiseNext.map { "  • \($0.printable)\n" }.joined()
    }

    func sessionTable(_ summaries: [SessionSummary]) -> String {
        let rows = summaries.map { summary -> [String] in
            [
                summary.shortID, RecordDates.minute(summary.startedAt, in: timeZone), summary.scenarioId.printable,
                String(summary.replies), summary.outcomeText, Self.score(summary),
            ]
        }
        return style.bold("Sessions") + "\n"
            + table(header: ["ID", "STARTED", "SCENARIO", "REPLIES", "OUTCOME", "SCORE"], rows: rows, rightAligned: [3, 5])
    }

    /// "74", or "74→82" once a trainer's review changed it.
    static func score(_ summary: SessionSummary) -> String {
        guard let score = summary.score else { return "—" }
        guard let reviewed = summary.reviewedScore, reviewed != score else { return String(score) }
        return "\(score)→\(reviewed)"
    }

    /// A table with a dim header, columns as wide as their widest cell, two spaces apart.
    func table(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                rightAligned.contains(index) ? cell.leftPadded(to: widths[index]) : pad(cell, widths[index])
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return "  " + style.dim(line(header)) + "\n" + rows.map { "  " + line($0) + "\n" }.joined()
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    func colour(_ text: String, _ score: Int) -> String {
        score >= 80 ? style.green(text) : score >= 50 ? style.yellow(text) : style.red(text)
    }
}
