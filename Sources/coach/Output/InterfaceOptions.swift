import ArgumentParser
import CoachKit
import Foundation

/// `--interface-language`: the language of coach's own texts, for every command that prints
/// text for people. Without it, ``InterfaceLanguage`` decides from the locale variables and
/// the scenario's language (docs/localisation.md).
struct InterfaceOptions: ParsableArguments {
    @Option(
        name: .customLong("interface-language"),
        help: ArgumentHelp(
            "The language of coach's own texts (default: $LC_ALL, $LC_MESSAGES, the scenario's language, $LANG, English).",
            valueName: "code"))
    var language: String?

    func validate() throws {
        if let language, !LanguageCode.isValid(language) { throw ValidationError(LanguageCode.problem(language)) }
    }

    /// The catalogue to speak in, for a run about `scenarioLanguage` (none for a report,
    /// which covers sessions in many languages); English when the chosen one cannot be read.
    func catalogue(in library: Library, scenarioLanguage: String?) -> InterfaceCatalogue {
        let chosen = InterfaceLanguage.choose(
            option: language, environment: ProcessInfo.processInfo.environment, scenario: scenarioLanguage,
            available: library.interfaceLanguages)
        var scratch = DiagnosticCollector()
        return InterfaceCatalogueLoader.load(language: chosen, from: library, diagnostics: &scratch) ?? .english
    }
}
