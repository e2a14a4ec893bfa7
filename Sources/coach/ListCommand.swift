import ArgumentParser
import CoachKit
import Foundation

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the scenarios in the library (the drills: coach drill).")

    @OptionGroup var library: LibraryOptions

    @Flag(help: "Print a JSON array.")
    var json = false

    @Option(help: ArgumentHelp("Only the scenarios in this language (en, ru, hu …).", valueName: "code"))
    var lang: String?

    func validate() throws {
        if let lang, !LanguageCode.isValid(lang) { throw ValidationError(LanguageCode.problem(lang)) }
    }

    func run() throws {
        var diagnostics = DiagnosticCollector()
        let resolved = library.resolved
        // Drills have a list of their own (`coach drill`): they are practice, not conversations.
        let drillFolder = DrillCatalogue.folder(of: resolved) + "/"
        let all = resolved.loadScenarios(diagnostics: &diagnostics).filter { lang == nil || $0.language == lang }
        let drills = all.filter { $0.file.hasPrefix(drillFolder) }
        let scenarios = all.filter { !$0.file.hasPrefix(drillFolder) }
            .sorted { ($0.kind.rawValue, $0.difficulty, $0.id) < ($1.kind.rawValue, $1.difficulty, $1.id) }
        if !diagnostics.diagnostics.isEmpty {
            DiagnosticPrinter.standardError.print(diagnostics.sorted.filter { $0.severity == .error })
        }
        if json {
            let value = JSONValue.array(
                scenarios.map {
                    .object([
                        ("id", .string($0.id)), ("kind", .string($0.kind.rawValue)), ("difficulty", .int($0.difficulty)),
                        ("language", .string($0.language)), ("title", .string($0.title)),
                    ])
                })
            StandardOutput.write(value.serialized(pretty: true) + "\n")
            return
        }
        let style = TerminalStyle.standardOutput
        let idWidth = max(2, scenarios.map(\.id.count).max() ?? 0)
        let kindWidth = max(4, scenarios.map(\.kind.rawValue.count).max() ?? 0)
        var text = style.bold(
            "ID".padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
                + "KIND".padding(toLength: kindWidth, withPad: " ", startingAt: 0) + "  LEVEL  LANG  TITLE") + "\n"
        for scenario in scenarios {
            text += scenario.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
            text += scenario.kind.rawValue.padding(toLength: kindWidth, withPad: " ", startingAt: 0) + "  "
            text += String(repeating: "●", count: scenario.difficulty).padding(toLength: 5, withPad: " ", startingAt: 0)
            text += "  " + scenario.language.padding(toLength: 4, withPad: " ", startingAt: 0) + "  " + scenario.title + "\n"
        }
        if !drills.isEmpty {
            let names = Set(drills.map(DrillCatalogue.name(of:))).sorted()
            text += style.dim("\nDrills (coach drill NAME): \(names.joined(separator: ", "))") + "\n"
        }
        StandardOutput.write(text)
    }
}
