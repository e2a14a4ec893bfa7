import CoachKit
import Foundation

/// coach's own texts for one run: the language ``InterfaceLanguage`` chooses from the
/// command's option, the process's locale variables and the scenario's language.
enum InterfaceChoice {
    /// The catalogue to speak in; English when the chosen language's cannot be read.
    static func catalogue(option: String?, scenarioLanguage: String?, library: Library) -> InterfaceCatalogue {
        let language = InterfaceLanguage.choose(
            option: option, environment: ProcessInfo.processInfo.environment, scenario: scenarioLanguage,
            available: library.interfaceLanguages)
        var scratch = DiagnosticCollector()
        return InterfaceCatalogueLoader.load(language: language, from: library, diagnostics: &scratch) ?? .english
    }
}
