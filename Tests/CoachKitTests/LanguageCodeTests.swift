import Testing

@testable import CoachKit

@Suite struct LanguageCodeTests {
    @Test(arguments: ["en", "ru", "hu", "ell", "pt-BR", "sr-Latn", "zh-Hant-TW"])
    func codesAreAccepted(code: String) {
        #expect(LanguageCode.isValid(code))
    }

    @Test(arguments: ["", "e", "EN", "english", "../en", "../../outside", "en/../ru", ".en", "en-", "en-B", "en\u{0}", "en ru", "é"])
    func anythingElseIsRefused(text: String) {
        #expect(!LanguageCode.isValid(text))
    }

    @Test func aScenarioWithAPathForALanguageIsAnErrorAtTheKey() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "language: en", with: "language: ../../outside")
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        let found = diagnostics.diagnostics.filter { $0.code == "BAD-LANGUAGE" }
        #expect(found.count == 1)
        #expect(found.first?.location?.line == 5)
        #expect(found.first?.severity == .error)
    }

    @Test func theLibraryLoadsNoLexiconForAPath() {
        var diagnostics = DiagnosticCollector()
        let detector = Library(root: Fixtures.path("")).detector(for: "../Fixtures/mini-en", diagnostics: &diagnostics)
        #expect(detector == nil)
        #expect(diagnostics.diagnostics.map(\.code) == ["BAD-LANGUAGE"])
    }
}
