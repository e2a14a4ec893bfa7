import Foundation
import Testing

@testable import CoachKit

/// `coach graph`: DOT that Graphviz renders, Mermaid that parses, the same picture in both.
@Suite struct GraphTests {
    static let scenarios = ShippedScenarioTests.scenarios

    static var tiny: Scenario { Fixtures.tinySetup.scenario }

    /// A scenario whose texts try to break out of every quoting rule.
    static let hostile: Scenario = {
        let text = """
            id: end
            title: 'The "quoted" title \\N with <tags> & #hash; {braces} [brackets] | pipe'
            kind: provocateur
            difficulty: 1
            language: en
            briefing: Test.
            customer: {names: [Anna]}
            mood:
              anger: {initial: 50, max-ending: graph}
            start: subgraph
            states:
              subgraph:
                say: Hello.
                on:
                  - if: {any: [question], mood: {anger: "< 50"}}
                    goto: end-state
                fallback: {say: [Hm?], mood: {anger: +10}, limit: 1, goto: graph}
              end-state:
                say: Bye.
                on:
                  - goto: graph
            global:
              - if: {any: [rudeness]}
                mood: {anger: +50}
            endings:
              graph: {outcome: customer-lost}
            """
        var diagnostics = DiagnosticCollector()
        guard let scenario = ScenarioLoader.load(text: text, file: "hostile.yaml", diagnostics: &diagnostics) else {
            fatalError("\(diagnostics.diagnostics)")
        }
        return scenario
    }()

    @Test func dotHasEveryStateEndingAndArrow() {
        let dot = GraphDOT.render(Self.tiny)
        #expect(dot.hasPrefix("digraph \"tiny\" {\n"))
        #expect(dot.hasSuffix("}\n"))
        for id in ["s:open", "s:details", "s:closing", "e:done", "e:lost", "m:anger:max", "m:patience:min"] {
            #expect(dot.contains("\"\(id)\" ["), "\(id)")
        }
        #expect(dot.contains("\"s:open\" -> \"s:details\" [label=\"1. any: question, paraphrase\"]"))
        #expect(dot.contains("\"s:details\" -> \"s:closing\" [label=\"1. all: plan, deadline\\l   +5 resolution\\l\"]"))
        #expect(dot.contains("\"s:closing\" -> \"e:done\" [label=\"1. always\"]"))
        // Fallbacks dashed, mood bounds dotted, endings filled by outcome.
        #expect(dot.contains("\"s:open\" -> \"e:lost\" [style=dashed"))
        #expect(dot.contains("\"m:anger:max\" -> \"e:lost\" [style=dotted]"))
        #expect(dot.contains("\"e:done\" [shape=box, peripheries=2, style=\"rounded,filled\", fillcolor=\"#c8e6c9\""))
        #expect(dot.contains("\"e:lost\" [shape=box, peripheries=2, style=\"rounded,filled\", fillcolor=\"#ffcdd2\""))
    }

    @Test func transitionsThatStayShareOneLoop() {
        let dot = GraphDOT.render(Self.tiny)
        let loops = dot.split(separator: "\n").filter { $0.contains("\"s:open\" -> \"s:open\"") }
        #expect(loops.count == 1)
        #expect(loops.first?.contains("2. any: dismiss, rudeness") == true)
    }

    @Test func dotQuotesEverythingATrainerWrote() {
        let dot = GraphDOT.render(Self.hostile)
        #expect(dot.contains(#"The \"quoted\" title \\N with <tags>"#))
        #expect(dot.contains("\"s:subgraph\""))
        #expect(dot.contains("\"global\" -> \"global\" [label=\"G1. any: rudeness (stays)\"]"))
        // Every line is a statement, an attribute list or a brace: nothing a label could have cut open.
        for line in dot.split(separator: "\n") {
            let quotes = line.replacingOccurrences(of: "\\\"", with: "").filter { $0 == "\"" }.count
            #expect(quotes % 2 == 0, "\(line)")
        }
    }

    /// What each line of Mermaid output may look like.
    static var mermaidLine: Regex<AnyRegexOutput> {
        try! Regex(
        #"^(%% .*|flowchart (LR|TB)|  subgraph phase_[a-z]+\["[a-z]+"\]|  end|  start\(\("start"\)\) --> [se]\d+|    s\d+\["[^"]*"\]|  e\d+\(\["[^"]*"\]\):::outcome_[a-z_]+|  global>"[^"]*"\]|  m\d+(min|max)\{\{"[^"]*"\}\}|  ([se]\d+|global) (-->|-\.->)\|"[^"]*"\| ([se]\d+|global)|  m\d+(min|max) -\.-> e\d+|  classDef outcome_[a-z_]+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6})$"#)
    }

    @Test(arguments: scenarios.map(\.id) + ["tiny", "hostile"])
    func mermaidIsWellFormed(id: String) throws {
        let scenario = id == "tiny" ? Self.tiny : id == "hostile" ? Self.hostile : try #require(Self.scenarios.first { $0.id == id })
        let mermaid = GraphMermaid.render(scenario)
        let lines = mermaid.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        // Left to right while small; top to bottom from six states, framed by phase.
        #expect(lines.dropFirst().first == (scenario.stateOrder.count >= 6 ? "flowchart TB" : "flowchart LR"))
        let phases = Set(scenario.states.values.map(\.phase))
        #expect(lines.filter { $0.hasPrefix("  subgraph phase_") }.count == phases.count)
        #expect(lines.filter { $0 == "  end" }.count == phases.count)
        for line in lines {
            #expect(String(line).wholeMatch(of: Self.mermaidLine) != nil, "\(line)")
        }
        // Every node an arrow uses is declared.
        let declared = Set(lines.compactMap { $0.firstMatch(of: #/^ +([se]\d+|m\d+(?:min|max)|global)[\[\(>{]/#)?.1 }.map(String.init))
        for line in lines where line.contains("->") {
            let ends = line.matches(of: #/(?:^  |\| )([se]\d+|m\d+(?:min|max)|global)\b/#).map { String($0.1) }
            for end in ends where !end.hasPrefix("start") { #expect(declared.contains(end), "\(end) in \(line)") }
        }
        #expect(mermaid.filter { $0 == "\"" }.count % 2 == 0)
    }

    @Test func mermaidWritesTextAsEntities() {
        let mermaid = GraphMermaid.render(Self.hostile)
        #expect(mermaid.contains("anger #lt; 50"))
        #expect(!mermaid.contains("subgraph["), "ids are generated, never the trainer's")
        // 'end' closes a Mermaid block: only the phase frames' own closers may say it.
        #expect(!mermaid.split(separator: "\n").contains { $0.contains(" end") && $0 != "  end" }, "'end' would close a Mermaid block")
    }

    @Test(arguments: GraphFormat.allCases)
    func bothFormatsShowTheSameArrows(format: GraphFormat) throws {
        let scenario = try #require(Self.scenarios.first { $0.id == "late-parcel" })
        let output = format.render(scenario)
        let arrows = GraphLabels.arrows(scenario)
        let count = output.split(separator: "\n").filter { $0.contains("->") }.count
        // Mermaid adds one arrow from its start marker.
        #expect(count == arrows.count + (format == .mermaid ? 1 : 0))
    }

    static let dot: String? = {
        for folder in ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] where FileManager.default.isExecutableFile(atPath: folder + "/dot") {
            return folder + "/dot"
        }
        return nil
    }()

    @Test(.enabled(if: dot != nil, "Graphviz `dot` is not installed (.ci/run installs it)"), arguments: scenarios.map(\.id) + ["hostile"])
    func graphvizRendersTheDOT(id: String) throws {
        let scenario = id == "hostile" ? Self.hostile : try #require(Self.scenarios.first { $0.id == id })
        #expect(try Self.svg(of: scenario).contains("<svg"))
    }

    @Test(.enabled(if: dot != nil, "Graphviz `dot` is not installed (.ci/run installs it)"))
    func theLargestShippedScenarioDrawsAsAPageNotAStrip() throws {
        // Left to right, the eight-state penalty-hunter drew 5,610 × 829 pt: a strip nobody
        // could read on a screen. Framed by phase, top to bottom, it must fit a landscape page.
        // Conversations, not drills: a drill is five rounds of the same few states.
        let conversations = Self.scenarios.filter { !$0.file.contains("/drills/") }
        let largest = try #require(conversations.max { $0.stateOrder.count < $1.stateOrder.count })
        #expect(largest.stateOrder.count >= 8)
        let svg = try Self.svg(of: largest)
        let size = try #require(svg.firstMatch(of: #/<svg width="(\d+)pt" height="(\d+)pt"/#))
        let width = Double(size.1)!, height = Double(size.2)!
        #expect(width / height <= 2, "\(width) × \(height)")
        #expect(width <= 3_000, "\(width) × \(height)")
        for phase in Set(largest.states.values.map(\.phase)) {
            #expect(svg.contains(">\(phase.rawValue)</text>"), "the frame of \(phase.rawValue)")
        }
    }

    /// The SVG Graphviz draws for the scenario; an error if it complains.
    static func svg(of scenario: Scenario) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(dot))
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(GraphDOT.render(scenario).utf8))
        try input.fileHandleForWriting.close()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(problems)")
        #expect(problems.isEmpty, "\(problems)")
        return String(decoding: svg, as: UTF8.self)
    }
}
