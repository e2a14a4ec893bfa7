import ArgumentParser
import CoachKit
import Foundation

struct DrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Fast practice of one skill.",
        subcommands: [CircuitDrillCommand.self]
    )
}

/// `coach drill circuit`: provocation after provocation, scored on the circuit (G41) alone.
struct CircuitDrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "circuit",
        abstract: "Practise the circuit: loaded questions, one after another, scored on circuits alone.",
        discussion: """
            For each loaded question: answer it completely and calmly, ask a question that invites "yes", \
            and close positively once the customer says it. The drill is the scenario `circuit-LANG` in the \
            library's drills/ folder, scored by the rubric beside it (docs/drills.md).
            """
    )

    @OptionGroup var library: LibraryOptions

    @OptionGroup var records: RecordsOptions

    @OptionGroup var session: SessionOptions

    @Option(help: "The language of the drill.")
    var lang = "en"

    func validate() throws {
        guard LanguageCode.isValid(lang) else { throw ValidationError(LanguageCode.problem(lang)) }
    }

    func run() throws {
        var diagnostics = DiagnosticCollector()
        guard let drill = Self.drill(language: lang, in: library.resolved, diagnostics: &diagnostics),
            let setup = library.setup(for: drill, diagnostics: &diagnostics)
        else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        var reader: ReadlineReader?
        defer { reader?.close() }
        try SessionLaunch.run(setup, options: session, records: records, reader: &reader)
    }

    /// The circuit drill of `language`: the scenario `circuit-<language>` under `drills/`.
    static func drill(language: String, in library: Library, diagnostics: inout DiagnosticCollector) -> Scenario? {
        let folder = (library.root as NSString).appendingPathComponent("drills")
        let files = library.scenarioFiles.filter { $0.hasPrefix(folder + "/") }
        var scratch = DiagnosticCollector()
        let drills = files.compactMap { ScenarioLoader.load(path: $0, diagnostics: &scratch) }
            .filter { $0.id.hasPrefix("circuit-") }
        if let found = drills.first(where: { $0.id == "circuit-\(language)" }) { return found }
        let id = "circuit-\(language)"
        if let file = files.first(where: { ($0 as NSString).lastPathComponent.hasPrefix(id + ".") }) {
            // The file is there but does not load: say why.
            _ = ScenarioLoader.load(path: file, diagnostics: &diagnostics)
            return nil
        }
        let languages = drills.map { String($0.id.dropFirst("circuit-".count)) }.sorted()
        diagnostics.error(
            "NO-DRILL",
            "no circuit drill in '\(language)' in \(folder)"
                + (languages.isEmpty ? "" : " (available: \(languages.joined(separator: ", ")))"),
            at: nil)
        return nil
    }
}
