import Foundation

/// Reports as text for a terminal: tables, sparklines and bars; colour only if the style says so.
///
/// Trainee and scenario text is printed through `printable`, so nothing stored can drive
/// the terminal. Times are shown in `timeZone` (the command passes the local one). coach's
/// own words, dates and names of things come from `texts`; what was recorded (titles, the
/// rubric's why and Try lines, rule ids) is shown as it was recorded.
public struct ReportText: Sendable {
    public var style: TextStyle
    public var timeZone: TimeZone
    public var texts: InterfaceCatalogue

    public init(style: TextStyle = .plain, timeZone: TimeZone = .current, texts: InterfaceCatalogue = .english) {
        self.style = style
        self.timeZone = timeZone
        self.texts = texts
    }

    /// A trainee's progress.
    public func render(_ report: ProgressReport) -> String {
        var out = style.bold(texts(.reportProgress, ["trainee": report.trainee.printable])) + "\n"
        let summaries = report.sessions.map(\.summary)
        guard let first = summaries.first, let last = summaries.last else {
            out += texts(.reportNoSessions) + "\n"
            if !report.advice.isEmpty { out += "\n" + practise(report) }
            return out
        }
        out += style.dim(
            "\(texts(.reportSessions, count: summaries.count)) (\(texts.statusCounts(report.count))) · "
                + "\(texts.dates.day(first.startedAt, in: timeZone)) – \(texts.dates.day(last.startedAt, in: timeZone)) · "
                + texts.passMark(report.passMark)) + "\n"
        if report.leftOut > 0 { out += style.dim(texts(.reportLeftOut, count: report.leftOut)) + "\n" }

        let scores = report.scores
        if let latest = scores.last, let best = scores.max() {
            out += "\n" + style.bold(texts(.reportScore)) + "   " + colour(TerminalChart.sparkline(scores), latest)
            out += "  " + texts(.reportLatestBest, ["latest": String(latest), "best": String(best)])
            let trend = TerminalChart.trend(scores)
            out += trend.isEmpty ? "\n" : " · \(trend)\n"
        }

        out += "\n" + scenarioTable(report)
        if scores.count > 0 { out += "\n" + categoryTable(report) }
        if !report.guidelines.isEmpty { out += "\n" + guidelineTable(report.guidelines) }
        if !report.brokenRules.isEmpty { out += "\n" + brokenRules(report) }
        if !report.advice.isEmpty { out += "\n" + practise(report) }
        out += "\n" + sessionTable(summaries)
        return out
    }

    /// The cohort: one row per trainee.
    public func render(_ report: CohortReport) -> String {
        var out = style.bold(texts(.reportCohort)) + style.dim(
            " · \(texts(.reportTrainees, count: report.rows.count)) · \(texts.passMark(report.passMark))")
            + "\n"
        guard !report.rows.isEmpty else { return out + texts(.reportNoSessions) + "\n" }
        let rows = report.rows.map { row -> [String] in
            [
                row.trainee.printable, String(row.sessions), "\(row.scenariosPassed)/\(row.scenariosPlayed)",
                row.averageScore.map(String.init) ?? "—", row.latestScore.map(String.init) ?? "—",
                row.weakestCategory.map { "\(texts.name(of: $0)) (\(row.weakestAverage ?? 0))" } ?? "—",
                texts.dates.minute(row.lastActive, in: timeZone), TerminalChart.sparkline(row.scores, width: 12),
            ]
        }
        out += "\n" + table(
            header: columns(
                .reportColumnTrainee, .reportColumnSessions, .reportColumnPassed, .reportColumnAverage, .reportColumnLatest,
                .reportColumnWeakest, .reportColumnLastActive, .reportColumnTrend),
            rows: rows, rightAligned: [1, 2, 3, 4])
        let leftOut = report.rows.reduce(0) { $0 + $1.leftOut }
        if leftOut > 0 { out += style.dim(texts(.reportLeftOut, count: leftOut)) + "\n" }
        if !report.guidelines.isEmpty {
            out += "\n" + style.bold(texts(.reportGuidelines))
                + style.dim("  " + texts(.reportCohortGuidelinesWindow, count: TrainingPlan.window)) + "\n"
            let guidelines = report.guidelines.prefix(ProgressReport.brokenRuleLimit * 2).map { guideline -> [String] in
                [
                    guideline.guideline, guideline.habitOf.isEmpty ? "—" : guideline.habitOf.map(\.printable).joined(separator: ", "),
                    String(guideline.trainees), brokenOf(guideline.broken, guideline.sessions), direction(guideline.direction),
                ]
            }
            out += table(
                header: columns(
                    .reportColumnGuideline, .reportColumnHabitOf, .reportColumnTrainees, .reportColumnSessions, .reportColumnTrend),
                rows: guidelines, rightAligned: [2, 3])
        }
        return out
    }

    func scenarioTable(_ report: ProgressReport) -> String {
        var out = style.bold(texts(.reportScenarios)) + "\n"
        let width = max(report.scenarios.map { $0.id.printable.count }.max() ?? 0, 8)
        let passed = texts(.reportPassed)
        for scenario in report.scenarios {
            var line = "  " + pad(scenario.id.printable, width)
            line += "  " + "\(scenario.attempts)×".leftPadded(to: 4)
            line += "  \(texts(.reportBest)) " + (scenario.best.map(String.init) ?? "—").leftPadded(to: 3)
            line += "  \(texts(.reportLatest)) "
            if let latest = scenario.latest {
                line += String(latest).leftPadded(to: 3) + " " + colour(TerminalChart.bar(latest, width: 16), latest)
            } else {
                line += "—".leftPadded(to: 3) + " " + pad("", 16)
            }
            // A row that did not pass keeps the column as wide as the word, so titles line up.
            line += scenario.passed == true ? "  " + style.green(passed) : pad("", 2 + passed.count)
            line += "  " + style.dim(String(scenario.title.printable.prefix(48)))
            out += line + "\n"
        }
        return out
    }

    func categoryTable(_ report: ProgressReport) -> String {
        var out = style.bold(texts(.reportCategories))
            + style.dim("  " + texts(.reportCategoriesWindow, count: ProgressReport.recentWindow)) + "\n"
        // As wide as the longest name, and at least as wide as English's, which it always was.
        let width = max(11, report.categories.map { texts.name(of: $0.category).count }.max() ?? 0)
        for trend in report.categories {
            let name = pad(texts.name(of: trend.category), width)
            guard let average = trend.recentAverage else {
                out += "  \(name) " + style.dim("— " + texts(.reportNotScored)) + "\n"
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
        var out = style.bold(texts(.reportGuidelines)) + style.dim("  " + texts(.reportGuidelinesWindow, count: sessions)) + "\n"
        let width = max(trends.map(\.guideline.count).max() ?? 0, 3)
        for trend in trends {
            let marks = trend.marks.map { $0 ? "●" : "·" }.joined()
            out += "  " + pad(trend.guideline, width) + "  " + pad(marks, sessions) + "  "
                + brokenOf(trend.broken, trend.sessions).leftPadded(to: 7) + "  " + direction(trend.direction)
                + "  " + style.dim(trend.why.printable) + "\n"
        }
        return out
    }

    /// A trend in words, coloured: fewer breaks lately is good news. Padded to the longest
    /// of the words, so the column after it lines up in any language.
    func direction(_ direction: GuidelineTrend.Direction) -> String {
        let width = max(9, [GuidelineTrend.Direction.improving, .worsening, .steady].map { texts.trend($0).count }.max() ?? 0)
        return switch direction {
        case .improving: style.green(pad(texts.trend(.improving), width))
        case .worsening: style.red(pad(texts.trend(.worsening), width))
        case .steady: pad(texts.trend(.steady), width)
        case .unknown: style.dim(pad("—", width))
        }
    }

    /// "3 of 7": in how many of the sessions a guideline was broken.
    func brokenOf(_ broken: Int, _ sessions: Int) -> String {
        texts(.reportBrokenOf, ["broken": String(broken), "sessions": String(sessions)])
    }

    /// A table's header: the catalogue's column names in capitals, as a terminal sets a
    /// header apart (the HTML report uses the same names as written).
    /// Column headings in capitals, by the language's rules: Greek capitals drop their accents.
    func columns(_ keys: InterfaceText...) -> [String] {
        keys.map { texts($0).uppercased(with: Locale(identifier: texts.language)) }
    }

    func brokenRules(_ report: ProgressReport) -> String {
        var out = style.bold(texts(.reportRules)) + "\n"
        for rule in report.brokenRules {
            let tags = ([texts.name(of: rule.category)] + rule.guidelines).joined(separator: " · ")
            out += "  \(rule.count)× " + style.bold(rule.rule.printable) + "  " + style.dim("[\(tags.printable)]") + "\n"
            out += "     \(rule.why.printable)\n"
            if let example = rule.example {
                let session = String(example.session.prefix(8))
                let place =
                    example.reply.map { texts(.reportExampleReply, ["session": session, "reply": String($0)]) }
                    ?? texts(.reportExample, ["session": session])
                out += "     \(texts(.reportQuote, ["quote": example.quote.printable]))  " + style.dim("(\(place))") + "\n"
            }
            if let tryText = rule.tryText { out += "     " + style.cyan(texts(.scorecardTry)) + " \(tryText.printable)\n" }
        }
        return out
    }

    func practise(_ report: ProgressReport) -> String {
        style.bold(texts(.reportPractise)) + "\n" + report.advice.map { "  • \($0.text(in: texts).printable)\n" }.joined()
    }

    func sessionTable(_ summaries: [SessionSummary]) -> String {
        let rows = summaries.map { summary -> [String] in
            [
                summary.shortID, texts.dates.minute(summary.startedAt, in: timeZone), summary.scenarioId.printable,
                String(summary.replies), texts.outcome(of: summary), Self.score(summary),
            ]
        }
        let header = columns(
            .reportColumnID, .reportColumnStarted, .reportColumnScenario, .reportColumnReplies, .reportColumnOutcome,
            .reportColumnScore)
        return style.bold(texts(.reportSessionsHeading)) + "\n" + table(header: header, rows: rows, rightAligned: [3, 5])
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
