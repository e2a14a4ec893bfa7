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

    @Option(help: "The language of the drill (without a name: only the drills in this language).")
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
        guard let drill = catalogue.scenario(named: name, language: lang ?? "en", in: resolved, diagnostics: &diagnostics),
            let setup = library.setup(for: drill, diagnostics: &diagnostics)
        else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        var reader: ReadlineReader?
        defer { reader?.close() }
        try SessionLaunch.run(setup, library: library.resolved, options: session, records: records, reader: &reader)
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
        let nameWidth = max(4, drills.map(\.name.count).max() ?? 0)
        let languageWidth = max(5, drills.map { $0.languages.joined(separator: " ").count }.max() ?? 0)
        let guidelineWidth = max(9, drills.map { $0.guidelines.joined(separator: ",").count }.max() ?? 0)
        var text = style.bold(
            "NAME".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                + "LANGS".padding(toLength: languageWidth, withPad: " ", startingAt: 0) + "  "
                + "PRACTISES".padding(toLength: guidelineWidth, withPad: " ", startingAt: 0) + "  TITLE") + "\n"
        for drill in drills {
            text += drill.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            text += drill.languages.joined(separator: " ").padding(toLength: languageWidth, withPad: " ", startingAt: 0) + "  "
            text += drill.guidelines.joined(separator: ",").padding(toLength: guidelineWidth, withPad: " ", startingAt: 0) + "  "
            text += drill.title(in: language) + "\n"
        }
        if drills.isEmpty { text = "No drills" + (lang.map { " in '\($0)'" } ?? "") + " in \(DrillCatalogue.folder(of: library.resolved)).\n" }
        StandardOutput.write(text)
    }
}
