import Foundation
import Testing

@testable import CoachKit

/// The reports a training lead reads, in Russian: headings, counted words, dates, and not a
/// word of the English report texts left.
@Suite struct ReportLocalisationTests {
    typealias F = RecordsFixtures

    static let utc = TimeZone(identifier: "UTC")!

    static let russian: InterfaceCatalogue = {
        var diagnostics = DiagnosticCollector()
        return InterfaceCatalogueLoader.load(language: "ru", from: .bundled, diagnostics: &diagnostics)!
    }()

    /// 2026-12-06 10:00 UTC: its day and month differ, so the order they are written in shows.
    static let december6 = Date(timeIntervalSince1970: 1_796_551_200)

    /// `count` made-up sessions of one trainee, a day apart from 6 December 2026: every
    /// status, faults with Russian texts, a Russian title, so that any English left in a
    /// report is coach's own.
    static func sessions(_ count: Int, trainee: String = "anna") -> [StoredSession] {
        let statuses: [SessionStatus] = [.finished, .abandoned, .walkedOut, .interrupted, .finished, .inProgress, .finished]
        return (0..<count).map { index in
            var summary = F.summary(
                "\(trainee)-\(index)", trainee: trainee, day: 0, status: statuses[index % statuses.count], score: 40 + index * 9,
                categories: [.listening: 30 + index * 10, .courtesy: 90, .control: 55])
            let started = december6.addingTimeInterval(Double(index) * 86_400)
            summary.startedAt = started
            summary.lastActivityAt = started.addingTimeInterval(200)
            summary.endedAt = summary.endedAt.map { _ in started.addingTimeInterval(3725) }
            summary.scenarioTitle = "Посылка опоздала"
            let fault = RuleEvent(
                rule: "rude", kind: .fault, guidelines: ["G13"], turn: 1, quote: "успокойтесь", points: -5, category: .courtesy,
                why: "Грубость задевает клиента.", tryText: "«Понимаю, как это неприятно».")
            var session = F.session(summary, events: [fault])
            session.transcript = [
                .customer(CustomerLine(source: "opening", parts: ["Где моя посылка?"], acts: [])),
                .trainee(reply: 1, text: "успокойтесь"), .note("заказ 48213"), .hint("Спросите, что случилось."), .silence("12"),
            ]
            // The first session reviewed: a comment, and its fault struck.
            if index == 0 {
                session.reviews = [
                    SessionReview(change: .comment(reply: 1), text: "резко", reviewer: "лид", at: started),
                    SessionReview(change: .override(event: 1, points: 0), text: "строго", reviewer: "лид", at: started),
                ]
            }
            return session
        }
    }

    /// Every page a Russian-speaking lead may read of `sessions`: text progress, cohort and
    /// transcripts, HTML progress and cohort, as the words a reader sees (no markup, no CSS).
    static func pages(_ sessions: [StoredSession]) -> [String] {
        let library = [ProgressReport.LibraryScenario(id: "other", title: "Вежливый отказ", difficulty: 1)]
        let report = ProgressReport(trainee: "anna", sessions: sessions, library: library)
        let cohort = CohortReport(sessions: sessions)
        let text = ReportText(style: .plain, timeZone: utc, texts: russian)
        let html = ReportHTML(timeZone: utc, texts: russian)
        return [
            text.render(report), text.render(cohort), text.render(ProgressReport(trainee: "anna", sessions: [], library: library)),
            html.render(report), html.render(cohort, trainees: [report]),
        ] + sessions.map { SessionTranscriptText(style: .plain, timeZone: utc, texts: russian).render($0) }
    }

    /// What a reader sees of an HTML page: the style sheet and the tags left out.
    static func visible(_ page: String) -> String {
        page.replacingOccurrences(of: "<style>[\\s\\S]*?</style>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    @Test func theRussianReportsHaveRussianHeadings() throws {
        let pages = Self.pages(Self.sessions(7))
        let progress = pages[0], cohort = pages[1], page = pages[3]
        let headings = [
            "Прогресс · anna", "Сценарии", "Разделы оценки", "Чаще всего нарушаемые рекомендации", "Чаще всего нарушаемые правила",
            "Что отработать дальше", "Сеансы",
        ]
        for heading in headings + ["Баллы"] {
            #expect(progress.contains(heading + "\n") || progress.contains(heading + " "), "missing \(heading)")
        }
        for heading in headings + ["Динамика баллов"] { #expect(page.contains(heading), "missing \(heading) in HTML") }
        #expect(progress.contains("КОД") && progress.contains("НАЧАЛО") && progress.contains("«успокойтесь»  (сеанс anna-6, ответ 1)"))
        #expect(progress.contains("завершено: 3, прервано: 1, клиент не дождался: 1, оборвано: 1, идёт: 1"), "\(progress)")
        #expect(cohort.hasPrefix("Группа · 1 обучаемый · проходной балл 70"))
        #expect(cohort.contains("ОБУЧАЕМЫЙ"))
        #expect(page.contains("<html lang=\"ru\">"))
        #expect(page.contains("<footer>отчёт coach</footer>"))
        // Names of things from the catalogue's sections.
        #expect(progress.contains("клиент не дождался") && progress.contains("проблема решена") && progress.contains("вежливость"))
        let transcript = pages[5]
        #expect(transcript.contains("Клиент: Где моя посылка?") && transcript.contains("Вы: успокойтесь"))
        #expect(transcript.contains("1 ч 02 мин") && transcript.contains("(молчание 12 с)"))
        #expect(transcript.contains("Ошибки на этот момент:") && transcript.contains(": «успокойтесь»"))
        #expect(page.contains("<h4>Разбор тренера</h4>") && page.contains("к ответу 1: резко"))
        #expect(page.contains("<p class=\"aborted\">Оборвано: процесс сеанса"))
        #expect(pages[8].contains("Оборвано: сеанс закончился без оценочного листа (процесс остановился после 3 ответов;"))
        #expect(pages[2].contains("Записанных сеансов пока нет.") && pages[2].contains("Пройдите первый сценарий: Вежливый отказ"))
    }

    @Test(arguments: [(1, "1 сеанс (", "1 обучаемый"), (3, "3 сеанса (", "3 обучаемых"), (5, "5 сеансов (", "5 обучаемых")])
    func countedWordsTakeTheRussianForm(count: Int, sessions: String, trainees: String) {
        let text = ReportText(style: .plain, timeZone: Self.utc, texts: Self.russian)
        let progress = text.render(ProgressReport(trainee: "anna", sessions: Self.sessions(count)))
        #expect(progress.contains(sessions), "\(progress)")
        #expect(ReportHTML(timeZone: Self.utc, texts: Self.russian).render(ProgressReport(trainee: "anna", sessions: Self.sessions(count)))
            .contains(sessions))
        // One trainee per session: the cohort counts trainees.
        let cohort = (0..<count).flatMap { Self.sessions(1, trainee: "t\($0)") }
        #expect(text.render(CohortReport(sessions: cohort)).contains(trainees))
    }

    @Test func datesAreWrittenTheRussianWay() {
        let pages = Self.pages(Self.sessions(3))
        #expect(pages[0].contains("06.12.2026 – 08.12.2026"), "\(pages[0])")
        #expect(pages[0].contains("06.12.2026 10:00"))
        #expect(pages[1].contains("08.12.2026 "))
        #expect(pages[3].contains(">06.12</text>") && pages[3].contains("<summary>06.12.2026 10:00 ·"))
        #expect(pages[4].contains("<td>06.12.2026 10:00</td>"))
        #expect(pages[5].contains("06.12.2026 10:00"))
        #expect(!pages.contains { $0.contains("2026-12-06") })
        // English keeps the order it always had.
        #expect(InterfaceCatalogue.english.dates.minute(Self.december6, in: Self.utc) == "2026-12-06 10:00")
        #expect(InterfaceCatalogue.english.dates.shortDay(Self.december6, in: Self.utc) == "12-06")
        // Slovak writes the day and the month without a leading zero.
        let slovak = DateConventions(day: "{d}.\u{A0}{m}.\u{A0}{year}", minute: "{d}.{m}.{year} {hour}:{minute}", shortDay: "{d}.{m}.")
        #expect(slovak.day(Self.december6, in: Self.utc) == "6.\u{A0}12.\u{A0}2026")
        #expect(slovak.minute(Self.december6, in: Self.utc) == "6.12.2026 10:00")
    }

    /// Every word of the English report texts (and of the names a report shows), that a
    /// Russian page must not show: what is left in Latin letters is data (ids, the trainee's
    /// name) or a command typed as it is (coach play).
    @Test func noEnglishWordOfTheReportsIsLeft() {
        let english = InterfaceCatalogue.english
        var words: Set<String> = []
        let keys =
            InterfaceText.allCases.filter { $0.rawValue.hasPrefix("report.") }.map(\.rawValue)
            + SessionStatus.allCases.map { "status.\($0.rawValue)" } + Outcome.allCases.map { "outcome.\($0.rawValue)" }
            + Category.allCases.map { "category.\($0.rawValue)" }
        for key in keys {
            for form in english.texts[key]?.forms.values.map({ $0 }) ?? [] {
                let text = form.replacingOccurrences(of: "\\{[a-z-]+\\}", with: " ", options: .regularExpression)
                for word in text.split(whereSeparator: { !$0.isLetter && $0 != "-" }) where word.count > 1 {
                    words.insert(word.lowercased())
                }
            }
        }
        // The program's name and its commands are typed as they are in every language.
        words.subtract(["coach", "play", "list"])
        #expect(words.contains("session") && words.contains("pass") && words.contains("walked-out"))
        for page in Self.pages(Self.sessions(7)).map(Self.visible) {
            let seen = Set(page.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map { $0.lowercased() })
            let left = seen.intersection(words)
            #expect(left.isEmpty, "English left: \(left.sorted()) in\n\(page)")
        }
    }

    @Test func theDatesSectionIsReadAndChecked() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "interface/xx.yaml",
            """
            language: xx
            name: Test
            dates: {day: "{day}/{month}/{year}", minute: "{day}/{month} {hour}h{minute}", short-day: "{day}/{month}", era: x}
            """)
        var diagnostics = DiagnosticCollector()
        let file = try #require(InterfaceCatalogueLoader.read(path: folder.path + "/interface/xx.yaml", diagnostics: &diagnostics))
        #expect(file.dates.day(Self.december6, in: Self.utc) == "06/12/2026")
        #expect(file.dates.shortDay(Self.december6, in: Self.utc) == "06/12")
        // A minute without its year is refused, and English's pattern kept.
        #expect(file.dates.minute == DateConventions.english.minute)
        let messages = diagnostics.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("dates.minute must contain {year}") })
        #expect(messages.contains { $0.contains("unknown key 'era' of dates") })
    }
}
