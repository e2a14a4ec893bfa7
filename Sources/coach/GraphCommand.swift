import ArgumentParser
import CoachKit
import Foundation

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a scenario's state machine as Graphviz DOT or a Mermaid flowchart.",
        discussion: """
            States are boxes (the start marked ▶), endings double boxes coloured by outcome (green resolved, \
            amber escalated, red customer lost), transitions arrows labelled with their order, guard and points, \
            fallbacks dashed, mood bounds dotted; global transitions start from one "global" node.
            Render DOT with Graphviz: coach graph late-parcel | dot -Tsvg > late-parcel.svg
            Paste Mermaid into a ```mermaid block of a Markdown page.
            """
    )

    @OptionGroup var library: LibraryOptions

    @Option(help: ArgumentHelp("dot or mermaid.", valueName: "format"))
    var format: String = GraphFormat.dot.rawValue

    @Argument(help: "The scenario: an id from `coach list`, or a file.")
    var scenario: String

    func validate() throws {
        guard GraphFormat(rawValue: format) != nil else {
            throw ValidationError("unknown format '\(format)'; use \(GraphFormat.allCases.map(\.rawValue).joined(separator: " or "))")
        }
    }

    func run() throws {
        var diagnostics = DiagnosticCollector()
        guard let loaded = library.resolved.scenario(scenario, diagnostics: &diagnostics) else {
            DiagnosticPrinter.standardError.print(diagnostics.sorted)
            throw ExitStatus.unusable
        }
        let output = (GraphFormat(rawValue: format) ?? .dot).render(loaded)
        StandardOutput.write(output)
    }
}
