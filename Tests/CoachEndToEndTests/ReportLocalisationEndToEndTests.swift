import Foundation
import Testing

/// `coach report` in Russian, as a training lead runs it: the real binary over sessions
/// recorded from pipes.
@Suite struct ReportLocalisationEndToEndTests {
    typealias Binary = RecordsBinary

    /// A sandbox where anna has played the tiny scenario twice, to its end and abandoned.
    func recorded() throws -> Binary.Sandbox {
        let sandbox = Binary.Sandbox()
        for (seed, lines) in [(1, ["What happened?", "I'll call the courier today", "Anything else?"]), (2, ["calm down"])] {
            let result = try Binary.run(
                ["play", "tiny", "--seed", String(seed), "--trainee", "anna"], input: lines, environment: sandbox.environment())
            #expect(result.status == 0, "play failed: \(result.stderr)")
        }
        return sandbox
    }

    @Test func theReportSpeaksRussianWhenAsked() throws {
        let sandbox = try recorded()
        let text = try Binary.run(["report", "--trainee", "anna", "--interface-language", "ru"], environment: sandbox.environment())
        #expect(text.status == 0, "\(text.stderr)")
        for heading in ["Прогресс · anna", "2 сеанса (завершено: 2)", "Сценарии", "Разделы оценки", "Что отработать дальше", "Сеансы"] {
            #expect(text.stdout.contains(heading), "missing \(heading) in\n\(text.stdout)")
        }
        #expect(text.stdout.contains("проходной балл 70"))
        // A date written the Russian way: 06.12.2026.
        #expect(text.stdout.range(of: "\\b\\d\\d\\.\\d\\d\\.\\d{4}\\b", options: .regularExpression) != nil)
        #expect(!text.stdout.contains("Progress") && !text.stdout.contains("pass mark"))

        let cohort = try Binary.run(["report", "--all", "--interface-language", "ru"], environment: sandbox.environment())
        #expect(cohort.stdout.hasPrefix("Группа · 1 обучаемый · проходной балл 70"), "\(cohort.stdout)")

        let page = sandbox.folder + "/report.html"
        let html = try Binary.run(["report", "--trainee", "anna", "--interface-language", "ru", "--html", page], environment: sandbox.environment())
        #expect(html.status == 0, "\(html.stderr)")
        let written = try String(contentsOfFile: page, encoding: .utf8)
        #expect(written.contains("<html lang=\"ru\">") && written.contains("<h1>Прогресс · anna</h1>") && written.contains("Динамика баллов"))
    }

    @Test func theLocaleChoosesTheLanguageAndMachineFormatsStayAsTheyAre() throws {
        let sandbox = try recorded()
        let russian = sandbox.environment(["LC_ALL": "ru_RU.UTF-8"])
        let text = try Binary.run(["report", "--trainee", "anna"], environment: russian)
        #expect(text.stdout.hasPrefix("Прогресс · anna"), "\(text.stdout)")
        // The option wins over the locale.
        let english = try Binary.run(["report", "--trainee", "anna", "--interface-language", "en"], environment: russian)
        #expect(english.stdout.hasPrefix("Progress · anna"), "\(english.stdout)")
        // JSON and CSV are for tools: the same words in any language.
        let json = try Binary.run(["report", "--trainee", "anna", "--json"], environment: russian)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["status"] as? String } == ["finished", "finished"])
        #expect((object["practise-next"] as? [String])?.first?.hasPrefix("Work on") == true, "\(json.stdout)")
        #expect(!json.stdout.contains("Прогресс") && !json.stdout.contains("завершено"))
        let csv = try Binary.run(["report", "--trainee", "anna", "--csv"], environment: russian)
        #expect(csv.stdout.contains(",finished,") && !csv.stdout.contains("завершено"))
    }

    @Test func aCodeThatIsNoLanguageIsAUsageError() throws {
        let sandbox = Binary.Sandbox()
        let result = try Binary.run(["report", "--interface-language", "../ru"], environment: sandbox.environment())
        #expect(result.status == 64, "\(result.stderr)")
    }
}
