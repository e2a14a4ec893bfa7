import Foundation
import Testing

@testable import CoachKit

@Suite struct RecordsRenderTests {
    typealias F = RecordsFixtures

    @Test(arguments: [
        ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("crlf\r\nhere", "\"crlf\r\nhere\""), ("cr\ronly", "\"cr\ronly\""),
        ("ünïcødé;semi", "ünïcødé;semi"),
        // Formulas are defused, numbers are not.
        ("=HYPERLINK(\"http://x\",\"a\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""),
        ("+1-2", "'+1-2"), ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("-5", "-5"), ("+3.5", "+3.5"), ("a=b", "a=b"),
    ])
    func csvFieldsAreQuotedPerRFC4180(field: String, expected: String) {
        #expect(ReportCSV.field(field) == expected)
    }

    @Test func csvRowsEndInCRLFAndKeepEveryColumn() {
        let text = ReportCSV.sessions([F.summary("a,1", categories: [.listening: 50])], passMark: .standard)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[0].split(separator: ",").count == 24)
        #expect(lines[1].hasPrefix("\"a,1\",anna,tiny,Title of tiny,genuine-grievance,en,v-tiny,r1,7,2025-01-01T10:00:00.000Z,"))
        #expect(lines[1].hasSuffix(",finished,resolved,done,3,80,,yes,50,,,,,"))
    }

    @Test(arguments: [
        ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        ("a & b \"c\"", "a &amp; b &quot;c&quot;"),
        ("bell\u{7}", "bell\u{FFFD}"),
        ("line\nbreak", "line\nbreak"),
    ])
    func htmlTextIsEscaped(text: String, expected: String) {
        #expect(HTMLText.escape(text) == expected)
    }

    @Test func theHTMLReportShowsHostileTextAsTextAndLoadsNothing() throws {
        let store = try SessionStore()
        let hostile = "<script>alert('pwned')</script><img src=x onerror=alert(1)>"
        RecordsFixtures.play(["What happened?", hostile, "/note </details><script>x()</script>"], recorder: F.recorder(store), trainee: "<b>eve</b>")
        let sessions = try store.sessions(.all, resolver: F.gone)
        let progress = ProgressReport(trainee: "<b>eve</b>", sessions: sessions)
        let pages = [
            ReportHTML(timeZone: TimeZone(identifier: "UTC")!).render(progress),
            ReportHTML(timeZone: TimeZone(identifier: "UTC")!).render(
                CohortReport(summaries: sessions.map(\.summary)), trainees: [progress]),
        ]
        for page in pages {
            #expect(!page.lowercased().contains("<script"))
            #expect(!page.contains("<img"))
            #expect(!page.contains("<b>eve"))
            #expect(page.contains("&lt;b&gt;eve&lt;/b&gt;"))
            // Self-contained: no external stylesheet, script, image or font.
            for needle in ["<link", "<iframe", "<object", "<embed", "url(", "@import"] { #expect(!page.contains(needle)) }
            // No tag fetches anything: links only point inside the page.
            #expect(page.range(of: "<[^>]+ (src|href)=\"[^#]", options: .regularExpression) == nil)
            #expect(page.contains("Content-Security-Policy"))
        }
        #expect(pages[0].contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(pages[0].contains("noted: &lt;/details&gt;&lt;script&gt;x()&lt;/script&gt;"))
        #expect(pages[0].contains("<svg"))
    }

    /// What a training lead found missing: credits, labelled axes, the customer's name, and
    /// the customer's lines as they came.
    @Test func theHTMLReportHasCreditsAxesNamesAndTheCustomersLinesAsTheyCame() throws {
        let store = try SessionStore()
        // Seed 2 opens with the line in two parts.
        #expect(Fixtures.tinySetup.conversation(seed: 2).opening.parts.count == 2)
        RecordsFixtures.play(F.goodLines, recorder: F.recorder(store, prefix: "a"), seed: 2)
        RecordsFixtures.play(["What happened?", "calm down"], recorder: F.recorder(store, prefix: "b"), seed: 2)
        let sessions = try store.sessions(.all, resolver: F.gone)
        try store.add(
            SessionReview(change: .comment(reply: 1), text: "a good first question", reviewer: "lead", at: F.start), toSession: "a-1")
        let reviewed = try store.sessions(.all, resolver: F.gone)
        #expect(sessions.count == 2)
        let page = ReportHTML(timeZone: TimeZone(identifier: "UTC")!, customerNames: ["tiny": "Anna Varga"])
            .render(ProgressReport(trainee: "anna", sessions: reviewed))
        #expect(page.contains("<h4>What went well</h4>"))
        #expect(page.contains("<ul class=\"credits\">\n<li>"))
        #expect(page.contains(">score</text>") && page.contains(">sessions, oldest to newest</text>"))
        #expect(page.contains("<text class=\"tick\"") && page.contains(">01-01</text>"))
        #expect(page.contains(">category</text>") && page.contains(">trend, oldest → newest</text>"))
        // Each part of a line as it came: a paragraph each, with the customer's name.
        let parts = ["My parcel never came.", "It was a present!"]
        #expect(parts.allSatisfy { page.contains("<p class=\"customer\"><b>Anna Varga</b> \($0)</p>") })
        #expect(!page.contains(parts.joined(separator: " ")))
        #expect(!page.contains("<b>Customer</b>"))
        #expect(page.contains("on reply 1: a good first question"))
        // Without the scenario in the library, the customer is "Customer".
        let unnamed = ReportHTML(timeZone: TimeZone(identifier: "UTC")!).render(ProgressReport(trainee: "anna", sessions: reviewed))
        #expect(unnamed.contains("<b>Customer</b>"))
    }

    @Test(arguments: [
        ([0, 50, 100], "▁▅█"), ([12, 13, 99, -5, 250], "▁▂█▁█"), ([], ""),
    ])
    func sparklinesUseAFixedScale(values: [Int], expected: String) {
        #expect(TerminalChart.sparkline(values) == expected)
    }

    @Test(arguments: [(0, "    "), (50, "██  "), (100, "████"), (60, "██▍ ")])
    func barsFillTheirWidth(value: Int, expected: String) {
        #expect(TerminalChart.bar(value, width: 4) == expected)
    }

    @Test(arguments: [([40, 50, 60, 70], "↑"), ([70, 60], "↓"), ([50, 52], "→"), ([50], "")])
    func trendsCompareHalves(values: [Int], expected: String) {
        #expect(TerminalChart.trend(values) == expected)
    }

    @Test(arguments: [
        (0.0, "PT0S"), (12, "PT12S"), (252.5, "PT4M12.5S"), (3723.25, "PT1H2M3.25S"), (3600, "PT1H"), (0.004, "PT0S"),
        (60.07, "PT1M0.07S"),
    ])
    func durationsAreISO8601(seconds: Double, expected: String) {
        #expect(RecordDates.duration(seconds) == expected)
    }

    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(RecordDates.timestamp(F.start.addingTimeInterval(0.25)) == "2025-01-01T10:00:00.250Z")
        #expect(RecordDates.minute(F.start, in: TimeZone(identifier: "Europe/Budapest")!) == "2025-01-01 11:00")
    }

    @Test func theTextReportHasEverySection() throws {
        let store = try SessionStore()
        F.play(["What happened?", "calm down"], recorder: F.recorder(store, prefix: "a"))
        F.play(F.goodLines, recorder: F.recorder(store, prefix: "b"))
        F.play(["What happened?"], recorder: F.recorder(store, prefix: "c"), finish: false)
        let report = ProgressReport(trainee: "anna", sessions: try store.sessions(.all, resolver: F.gone))
        let text = ReportText(style: .plain, timeZone: TimeZone(identifier: "UTC")!).render(report)
        for heading in ["Progress · anna", "Score", "Scenarios", "Categories", "Practise next", "Sessions"] {
            #expect(text.contains(heading + "\n") || text.contains(heading + " "), "missing \(heading)")
        }
        #expect(text.contains("3 sessions (1 finished, 1 abandoned, 1 interrupted)"), "\(text)")
        #expect(text.contains("1 session left out of the scores"))
        #expect(!text.contains("\u{1B}["))
        let coloured = ReportText(style: TextStyle(colours: true), timeZone: TimeZone(identifier: "UTC")!).render(report)
        #expect(coloured.contains("\u{1B}["))
        let cohort = ReportText(style: .plain).render(CohortReport(summaries: report.sessions.map(\.summary)))
        #expect(cohort.contains("TRAINEE") && cohort.contains("anna"))
    }

    @Test func theJSONReportCarriesEachSessionWithItsTurns() throws {
        let store = try SessionStore()
        F.play(F.goodLines, recorder: F.recorder(store, prefix: "a"))
        F.play(["What happened?"], recorder: F.recorder(store, prefix: "b"), finish: false)
        let report = ProgressReport(trainee: "anna", sessions: try store.sessions(.all, resolver: F.gone))
        let json = ReportJSON.progress(report).serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["status"] as? String } == ["finished", "interrupted"])
        #expect(sessions.map { ($0["turns"] as? [Any])?.count } == [3, 1])
        let turn = try #require((sessions[1]["turns"] as? [[String: Any]])?.first)
        #expect(turn["text"] as? String == "What happened?")
        #expect((turn["moves"] as? [[String: Any]])?.first?["id"] as? String == "question")
        let one = ReportJSON.session(report.sessions[0], passMark: .standard, scorecard: true).serialized()
        #expect(one.contains("\"scorecard\":{\"scenario\":{\"id\":\"tiny\""))
    }

    @Test func anInterruptedSessionShowsItsTranscriptAndWhyThereIsNoScorecard() throws {
        let store = try SessionStore()
        F.play(["What happened?", "calm down"], recorder: F.recorder(store), finish: false)
        let session = try store.session("s-1", resolver: F.gone)
        let text = SessionTranscriptText(style: .plain, timeZone: TimeZone(identifier: "UTC")!).render(session)
        #expect(text.contains("You: What happened?"))
        #expect(text.contains("Interrupted: the session ended without a scorecard"))
    }
}
