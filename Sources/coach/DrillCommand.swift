import ArgumentParser
import CoachKit
import Foundation

/// `coach drill [NAME]`: fast practice of one skill; without a name, the drills there are.
struct DrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Fast practice of one skill; without a name, list the drills.",
        discussion: """
            A drill is the scenario NAME-LANG in the library's drills/ folder, scored by the rubric \
            beside it on its one skill (docs/drills.md). `coach drill circuit` practises the circuit: \
            loaded questions, one after another, scored on circuits alone.
            """
    )

    @OptionGroup var library: LibraryOptions

    @OptionGroup var records: RecordsOptions

    @OptionGroup var session: SessionOptions

    @Argument(help: ArgumentHelp("The drill to play (circuit, apology-timing …); without it, the list.", valueName: "name"))
    var name: String?

    @Option(
        help: """
            The language of the drill (default: the interface's language, from the locale, when the \
            drill has it, else English; without a name: only the drills in this language).
            """)
    var lang: String?

    func validate() throws {
        if let lang, !LanguageCode.isValid(lang) { throw ValidationError(LanguageCode.problem(lang)) }
    }

    func run() throws {
        var diagnostics = DiagnosticCollector()
        let resolved = library.resolved
        let catalogue = DrillCatalogue(library: resolved, diagnostics: &diagnostics)
        guard let name else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted.filter { $0.severity == .error })
            printList(catalogue)
            return
        }
        diagnostics = DiagnosticCollector()
        guard
            let drill = catalogue.scenario(
                named: name, language: lang ?? defaultLanguage(of: name, in: catalogue, library: resolved), in: resolved,
                diagnostics: &diagnostics),
            let setup = library.pendingSetup(for: drill, diagnostics: &diagnostics)
        else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        var reader: ReadlineReader?
        defer { reader?.close() }
        try SessionLaunch.run(setup, library: library.resolved, options: session, records: records, reader: &reader)
    }

    /// A trainee whose locale (or `--interface-language`) says Russian practises in Russian
    /// when the drill has it; English otherwise.
    private func defaultLanguage(of name: String, in catalogue: DrillCatalogue, library: Library) -> String {
        let interface = session.interfaceOptions.catalogue(in: library, scenarioLanguage: nil).language
        let languages = catalogue.drills.first { $0.name == name }?.languages ?? []
        return languages.contains(interface) ? interface : "en"
    }

    private func printList(_ catalogue: DrillCatalogue) {
        let drills = catalogue.drills.filter { lang == nil || $0.languages.contains(lang!) }
        let language = lang ?? "en"
        if session.json {
            let value = JSONValue.array(
                drills.map { drill in
                    .object([
                        ("name", .string(drill.name)), ("title", .string(drill.title(in: language))),
                        ("languages", .array(drill.languages.map(JSONValue.string))),
                        ("guidelines", .array(drill.guidelines.map(JSONValue.string))),
                    ])
                })
            StandardOutput.write(value.serialized(pretty: true) + "\n")
            return
        }
        let style = TerminalStyle.standardOutput
        let texts = session.interface(in: library.resolved, scenarioLanguage: lang)
        let rows = drills.map { drill in
            [drill.name, drill.languages.joined(separator: " "), drill.guidelines.joined(separator: ","), drill.title(in: language)]
        }
        var text = TextTable.render(header: texts(.drillsHeader), rows: rows, bold: style.bold)
        if drills.isEmpty {
            let folder = DrillCatalogue.folder(of: library.resolved)
            text = (lang.map { texts(.drillsNoneInLanguage, ["language": $0, "folder": folder]) } ?? texts(.drillsNone, ["folder": folder])) + "\n"
        }
        StandardOutput.write(text)
    }
}
