import Testing

@testable import CoachKit

@Suite struct DrillCatalogueTests {
    @Test(arguments: [
        ("circuit-en", "en", "circuit"), ("apology-timing-ru", "ru", "apology-timing"),
        ("circuit", "en", "circuit"), ("-en", "en", "-en"), ("circuit-en", "ru", "circuit-en"),
    ])
    func aDrillsNameIsItsIdWithoutTheLanguage(id: String, language: String, name: String) {
        #expect(DrillCatalogue.name(id: id, language: language) == name)
    }

    @Test func theShippedLibrarysDrillsAreReadWithTheGuidelinesTheyScore() throws {
        var diagnostics = DiagnosticCollector()
        let catalogue = DrillCatalogue(library: Library.bundled, diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.isEmpty)
        let circuit = try #require(catalogue.drill(named: "circuit"))
        #expect(circuit.languages.contains("en") && circuit.languages.contains("ru"))
        #expect(circuit.languages == circuit.languages.sorted())
        #expect(circuit.guidelines == ["G41"])
        #expect(catalogue.scenario(named: "circuit", language: "en", in: .bundled, diagnostics: &diagnostics)?.id == "circuit-en")
        #expect(catalogue.scenario(named: "circuit", language: "xx", in: .bundled, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.diagnostics.map(\.code) == ["NO-DRILL"])
    }

    @Test func guidelinesSortByNumber() {
        #expect(["G32", "G1", "x", "G27", "G2"].sorted(by: Guideline.precedes) == ["G1", "G2", "G27", "G32", "x"])
        #expect(Guideline.number("G46") == 46)
        #expect(Guideline.number("G0") == nil)
        #expect(Guideline.number("46") == nil)
    }
}
