import Foundation

/// Reports as one self-contained HTML page: inline CSS and SVG, no script, no external asset.
///
/// Every piece of trainee or scenario text goes through ``HTMLText/escape(_:)``, and the
/// page's Content-Security-Policy forbids scripts anyway, so a reply such as `<script>` shows
/// as the words typed and can never run. coach's own words come from `texts`, in its
/// language (the page's `lang`), and are escaped too: a translator's text is text.
public struct ReportHTML: Sendable {
    public var timeZone: TimeZone
    /// The customer's name in each scenario, by scenario id: the transcripts say who spoke.
    /// A scenario not in the library (renamed, removed) shows "Customer".
    public var customerNames: [String: String]
    public var texts: InterfaceCatalogue

    public init(timeZone: TimeZone = .current, customerNames: [String: String] = [:], texts: InterfaceCatalogue = .english) {
        self.timeZone = timeZone
        self.customerNames = customerNames
        self.texts = texts
    }

    /// A trainee's progress with charts and every session's transcript.
    public func render(_ report: ProgressReport) -> String {
        page(title: texts(.reportProgress, ["trainee": report.trainee]), body: progressBody(report, transcripts: true, level: 1))
    }

    /// The cohort table, then each trainee's progress (without transcripts, to stay readable).
    public func render(_ cohort: CohortReport, trainees: [ProgressReport]) -> String {
        var body = "<h1>\(t(.reportCohort))</h1>\n"
        body += "<p class=\"meta\">\(t(.reportTrainees, count: cohort.rows.count)) · \(e(texts.passMark(cohort.passMark)))</p>\n"
        body += SVGChart.bars(
            cohort.rows.map { ($0.trainee, $0.averageScore, $0.scores) }, title: texts(.reportChartTraineeAverages),
            nameHeading: texts(.reportChartTrainee), texts: texts) + "\n"
        body += "<table>\n" + header(
            .reportColumnTrainee, .reportColumnSessions, .reportColumnLeftOut, .reportColumnScenariosPassed, .reportColumnAverage,
            .reportColumnLatest, .reportColumnWeakestCategory, .reportColumnLastActive) + "<tbody>\n"
        for row in cohort.rows {
            body += "<tr><td><a href=\"#\(anchor(row.trainee))\">\(e(row.trainee))</a></td><td class=\"n\">\(row.sessions)</td>"
            body += "<td class=\"n\">\(row.leftOut)</td><td class=\"n\">\(row.scenariosPassed)/\(row.scenariosPlayed)</td>"
            body += "<td class=\"n\">\(number(row.averageScore))</td><td class=\"n\">\(number(row.latestScore))</td>"
            body += "<td>\(row.weakestCategory.map { "\(e(texts.name(of: $0))) (\(row.weakestAverage ?? 0))" } ?? "—")</td>"
            body += "<td>\(e(texts.dates.minute(row.lastActive, in: timeZone)))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        if !cohort.guidelines.isEmpty {
            body += "<h2>\(t(.reportGuidelines))</h2>\n<table>\n" + header(
                .reportColumnGuideline, .reportColumnHabitOf, .reportColumnTrainees, .reportColumnSessionsBroken,
                .reportColumnTrend) + "<tbody>\n"
            for guideline in cohort.guidelines.prefix(ProgressReport.brokenRuleLimit * 2) {
                body += "<tr><td>\(e(guideline.guideline))</td><td>\(e(guideline.habitOf.joined(separator: ", ")))</td>"
                body += "<td class=\"n\">\(guideline.trainees)</td><td class=\"n\">\(brokenOf(guideline.broken, guideline.sessions))</td>"
                body += "<td>\(e(texts.trend(guideline.direction)))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        for report in trainees {
            body += "<section id=\"\(anchor(report.trainee))\">\n" + progressBody(report, transcripts: false, level: 2) + "</section>\n"
        }
        return page(title: texts(.reportCohortTitle), body: body)
    }

    func progressBody(_ report: ProgressReport, transcripts: Bool, level: Int) -> String {
        let h = "h\(level)", h2 = "h\(level + 1)"
        // The trainee's name is stored text: escaped before it goes into the heading.
        var body = "<\(h)>\(t(.reportProgress, ["trainee": e(report.trainee)]))</\(h)>\n"
        let summaries = report.sessions.map(\.summary)
        body += "<p class=\"meta\">\(t(.reportSessions, count: summaries.count)) (\(e(texts.statusCounts(report.count)))) · \(e(texts.passMark(report.passMark)))</p>\n"
        if report.leftOut > 0 { body += "<p class=\"meta\">\(e(texts(.reportLeftOut, count: report.leftOut)))</p>\n" }
        let counted = summaries.filter { $0.counts && $0.effectiveScore != nil }
        body += "<\(h2)>\(t(.reportChartScoreOverTime))</\(h2)>\n"
        body += SVGChart.scores(
            counted.map {
                (
                    "\(texts.dates.minute($0.startedAt, in: timeZone)) \($0.scenarioTitle)",
                    texts.dates.shortDay($0.startedAt, in: timeZone), $0.effectiveScore!
                )
            },
            passMark: report.passMark.score, title: texts(.reportChartScoreOverTimeFor, ["trainee": report.trainee]),
            texts: texts) + "\n"
        body += "<\(h2)>\(t(.reportCategories))</\(h2)>\n"
        body += SVGChart.bars(
            report.categories.map { (texts.name(of: $0.category), $0.recentAverage, $0.scores) },
            title: texts(.reportChartCategoryAverages, count: ProgressReport.recentWindow),
            nameHeading: texts(.reportChartCategory), texts: texts) + "\n"

        if !report.scenarios.isEmpty {
            body += "<\(h2)>\(t(.reportScenarios))</\(h2)>\n<table>\n" + header(
                .reportColumnScenario, .reportColumnAttempts, .reportColumnBest, .reportColumnLatest, .reportColumnPassed)
                + "<tbody>\n"
            for scenario in report.scenarios {
                body += "<tr><td>\(e(scenario.title)) <span class=\"id\">\(e(scenario.id))</span></td><td class=\"n\">\(scenario.attempts)</td>"
                body += "<td class=\"n\">\(number(scenario.best))</td><td class=\"n\">\(number(scenario.latest))</td>"
                body += "<td>\(scenario.passed.map { t($0 ? .reportYes : .reportNo) } ?? "—")</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        if !report.guidelines.isEmpty {
            body += "<\(h2)>\(t(.reportGuidelines))</\(h2)>\n<table>\n" + header(
                .reportColumnGuideline, .reportColumnSessions, .reportColumnBroken, .reportColumnTrend, .reportColumnWhy)
                + "<tbody>\n"
            for trend in report.guidelines {
                let marks = trend.marks.map { $0 ? "●" : "·" }.joined()
                body += "<tr><td>\(e(trend.guideline))</td><td class=\"marks\" title=\"\(e(texts(.reportOldestFirst)))\">\(marks)</td>"
                body += "<td class=\"n\">\(brokenOf(trend.broken, trend.sessions))</td><td>\(e(texts.trend(trend.direction)))</td>"
                body += "<td>\(e(trend.why))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        if !report.brokenRules.isEmpty {
            body += "<\(h2)>\(t(.reportRules))</\(h2)>\n<ol class=\"rules\">\n"
            for rule in report.brokenRules {
                body += "<li><strong>\(e(rule.rule))</strong> ×\(rule.count) <span class=\"tag\">\(e(([texts.name(of: rule.category)] + rule.guidelines).joined(separator: " · ")))</span>"
                body += "<div>\(e(rule.why))</div>"
                if let example = rule.example { body += "<blockquote>\(e(example.quote))</blockquote>" }
                if let tryText = rule.tryText { body += "<div class=\"try\">\(t(.scorecardTry)) \(e(tryText))</div>" }
                body += "</li>\n"
            }
            body += "</ol>\n"
        }
        if !report.advice.isEmpty {
            body += "<\(h2)>\(t(.reportPractise))</\(h2)>\n<ul>\n" + report.advice.map { "<li>\(e($0.text(in: texts)))</li>\n" }.joined()
                + "</ul>\n"
        }
        body += "<\(h2)>\(t(.reportSessionsHeading))</\(h2)>\n"
        if transcripts {
            for session in report.sessions.reversed() { body += sessionBlock(session, passMark: report.passMark) }
        } else {
            body += sessionTable(summaries)
        }
        return body
    }

    /// "3 of 7": in how many of the sessions a guideline was broken.
    func brokenOf(_ broken: Int, _ sessions: Int) -> String {
        t(.reportBrokenOf, ["broken": String(broken), "sessions": String(sessions)])
    }

    /// A table's head row with the catalogue's column names.
    func header(_ keys: InterfaceText...) -> String {
        "<thead><tr>" + keys.map { "<th>\(t($0))</th>" }.joined() + "</tr></thead>\n"
    }

    func sessionTable(_ summaries: [SessionSummary]) -> String {
        var body = "<table>\n" + header(
            .reportColumnStarted, .reportColumnScenario, .reportColumnReplies, .reportColumnOutcome, .reportColumnScore)
            + "<tbody>\n"
        for summary in summaries.reversed() {
            body += "<tr><td>\(e(texts.dates.minute(summary.startedAt, in: timeZone)))</td><td>\(e(summary.scenarioTitle))</td>"
            body += "<td class=\"n\">\(summary.replies)</td><td class=\"\(summary.status.rawValue)\">\(e(texts.outcome(of: summary)))</td>"
            body += "<td class=\"n\">\(e(ReportText.score(summary)))</td></tr>\n"
        }
        return body + "</tbody>\n</table>\n"
    }

    func sessionBlock(_ session: StoredSession, passMark: PassMark) -> String {
        let summary = session.summary
        var body = "<details id=\"session-\(e(summary.id))\">\n<summary>\(e(texts.dates.minute(summary.startedAt, in: timeZone))) · \(e(summary.scenarioTitle)) · "
        body += "<span class=\"\(summary.status.rawValue)\">\(e(texts.outcome(of: summary)))</span> · \(e(ReportText.score(summary)))</summary>\n"
        let meta = texts(.reportSessionMeta, ["id": summary.id, "seed": String(summary.seed), "duration": texts.duration(summary.duration)])
        body += "<p class=\"meta\">\(e(meta))</p>\n<div class=\"transcript\">\n"
        let customer = customerNames[summary.scenarioId] ?? texts(.labelCustomer)
        for entry in session.transcript {
            switch entry {
            case .customer(let line):
                // A line in parts came in parts: each as the customer said it.
                for part in line.parts { body += "<p class=\"customer\"><b>\(e(customer))</b> \(e(part))</p>\n" }
            case .trainee(let reply, let text):
                body += "<p class=\"trainee\"><b>\(t(.reportYou))</b> <span class=\"n\">\(reply)</span> \(e(text))</p>\n"
            case .note(let text): body += "<p class=\"aside\">\(t(.noted, ["text": e(text)]))</p>\n"
            case .hint(let text): body += "<p class=\"aside\">\(t(.hint, ["hint": e(text)]))</p>\n"
            case .silence(let seconds): body += "<p class=\"aside\">\(t(.reportSilence, ["seconds": e(seconds)]))</p>\n"
            }
        }
        body += "</div>\n"
        if let card = session.scorecard {
            let strengths = card.strengths
            if !strengths.isEmpty {
                body += "<h4>\(t(.scorecardWentWell))</h4>\n<ul class=\"credits\">\n"
                for event in strengths {
                    body += "<li>\(e(event.why))" + (event.quote.map { " <q>\(e($0))</q>" } ?? "")
                    body += " <span class=\"tag\">\(e(event.rule)) +\(event.points)</span></li>\n"
                }
                body += "</ul>\n"
            }
            let improve = card.improvements
            if !improve.isEmpty { body += "<h4>\(t(.scorecardToImprove))</h4>\n" }
            if !improve.isEmpty {
                body += "<ul class=\"faults\">\n"
                for event in improve {
                    body += "<li>\(e(event.why))" + (event.quote.map { " <q>\(e($0))</q>" } ?? "")
                    body += " <span class=\"tag\">\(e(event.rule))\(event.points < 0 ? " \(event.points)" : "")</span>"
                    if let tryText = event.tryText { body += "<div class=\"try\">\(t(.scorecardTry)) \(e(tryText))</div>" }
                    body += "</li>\n"
                }
                body += "</ul>\n"
            }
        } else if summary.status == .interrupted {
            body += "<p class=\"aborted\">\(t(.reportInterruptedHTML, ["status": t(.reportInterrupted)]))</p>\n"
        }
        return body + reviews(session) + "</details>\n"
    }

    /// A trainer's overrides and comments, with who made them and when.
    func reviews(_ session: StoredSession) -> String {
        guard !session.reviews.isEmpty else { return "" }
        var body = "<h4>\(t(.reportReview))</h4>\n<ul class=\"reviews\">\n"
        for review in session.reviews {
            let by = " <span class=\"tag\">— \(e(review.reviewer)), \(e(texts.dates.minute(review.at, in: timeZone)))</span>"
            switch review.change {
            case .override(let number, let points):
                let rule =
                    session.events.indices.contains(number - 1)
                    ? session.events[number - 1].rule : texts(.reportEvent, ["number": String(number)])
                let line = t(.reportOverride, ["event": e(rule), "points": "\(points > 0 ? "+" : "")\(points)", "text": e(review.text)])
                body += "<li>\(line)\(by)</li>\n"
            case .comment(let reply):
                let line = reply.map { t(.reportOnReply, ["reply": String($0), "text": e(review.text)]) } ?? e(review.text)
                body += "<li>\(line)\(by)</li>\n"
            }
        }
        if let reviewed = session.summary.reviewedScore, let score = session.summary.score {
            body += "<li>\(t(.reportReviewedScoreHTML, ["reviewed": String(reviewed), "score": String(score)]))</li>\n"
        }
        return body + "</ul>\n"
    }

    func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(e(texts.language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(e(title))</title>
        <style>\(Self.css)</style>
        </head>
        <body>
        \(body)<footer>\(t(.reportFooter))</footer>
        </body>
        </html>

        """
    }

    static let css = """
        body{font:15px/1.45 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
        h1,h2,h3{font-weight:600}.meta,.id,footer{color:#777;font-size:90%}
        table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{padding:.25em .7em;border-bottom:1px solid #ddd;text-align:left}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        svg{display:block;max-width:100%;height:auto;margin:.5em 0 1em}
        svg .grid{stroke:#e4e4e4}svg .pass{stroke:#c77;stroke-dasharray:4 3}svg .series{fill:none;stroke:#36c;stroke-width:2}
        svg .point{fill:#36c}svg .axis,svg .tick{fill:#888;font-size:11px}svg .axis-title{fill:#555;font-size:12px;font-weight:600}svg .label,svg .value{fill:#333;font-size:13px}
        svg .track{fill:#f0f0f0}svg .good{fill:#3a3}svg .fair{fill:#d90}svg .poor{fill:#c33}svg .spark{fill:none;stroke:#36c;stroke-width:1.5}
        details{border:1px solid #ddd;border-radius:6px;padding:.4em .8em;margin:.5em 0}summary{cursor:pointer}
        .transcript p{margin:.3em 0;white-space:pre-wrap;overflow-wrap:anywhere}.customer b{color:#a3a}.trainee b{color:#068}
        .aside{color:#777;font-style:italic}.aborted{color:#c33}.in-progress{color:#d90}
        .tag{color:#777;font-size:85%}.credits li::marker{content:"+ ";color:#3a3}h4{margin:.6em 0 .2em}.try{color:#068}blockquote{margin:.2em 0 .2em 1em;color:#555;white-space:pre-wrap}
        """

    func e(_ text: String) -> String { HTMLText.escape(text) }

    /// A catalogue text as element content, its arguments already escaped by the caller: the
    /// translator's own `&` and `<` are escaped, quotes left as written ("the session's").
    func t(_ key: InterfaceText, _ arguments: [String: String] = [:]) -> String {
        InterfaceCatalogue.fill(HTMLText.escapeContent(texts(key)), arguments)
    }

    /// A counted catalogue text as element content (see ``t(_:_:)``).
    func t(_ key: InterfaceText, count: Int, _ arguments: [String: String] = [:]) -> String {
        InterfaceCatalogue.fill(HTMLText.escapeContent(texts(key, count: count)), arguments)
    }

    func number(_ value: Int?) -> String { value.map(String.init) ?? "—" }

    /// An id attribute for a trainee's section: letters and digits kept, the rest as code points.
    func anchor(_ name: String) -> String {
        "trainee-" + name.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) ? String(scalar) : "_\(scalar.value)"
        }.joined()
    }
}
