/// A scenario's state machine as a Graphviz DOT graph (`coach graph --format dot`).
///
/// States are rounded boxes (the start one bold, marked ▶), endings double boxes
/// filled by outcome, transitions solid arrows labelled with their order, guard and
/// points, fallbacks dashed, mood bounds dotted from a hexagon naming the variable,
/// and global transitions come from one "global" note, since they apply in every state.
/// States are grouped in a dashed frame per phase (opening, listening, resolving,
/// closing), so a scenario of ten states reads as the conversation's course.
/// A pure function of the scenario: the same file always gives the same text.
public enum GraphDOT {
    /// From this many states on, the graph runs top to bottom: left to right, a scenario of
    /// eight states with its guard labels drew a strip seven times wider than high.
    static let topToBottomFrom = 6

    /// The DOT text of the scenario's graph.
    public static func render(_ scenario: Scenario) -> String {
        let direction = scenario.stateOrder.count >= topToBottomFrom ? "TB" : "LR"
        var out = "digraph \(quote(scenario.id)) {\n"
        out += "  graph [label=\(quote("\(scenario.title)\n\(scenario.id) · \(scenario.kind.rawValue) · \(scenario.language)")), labelloc=t, rankdir=\(direction), fontname=\"Helvetica\", nodesep=0.35, ranksep=0.6];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=11];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        for phase in Scenario.Phase.allCases {
            let ids = scenario.stateOrder.filter { scenario.states[$0]?.phase == phase }
            guard !ids.isEmpty else { continue }
            out += "  subgraph \(quote("cluster_" + phase.rawValue)) {\n"
            out += "    label=\(quote(phase.rawValue)); labeljust=l; style=\"dashed,rounded\"; color=\"#bdbdbd\"; fontcolor=\"#757575\"; fontsize=10;\n"
            for id in ids {
                guard let state = scenario.states[id] else { continue }
                let bold = id == scenario.start ? ", penwidth=2" : ""
                out += "    \(quote("s:" + id)) [shape=box, style=rounded\(bold), label=\(quote(GraphLabels.state(state, isStart: id == scenario.start)))];\n"
            }
            out += "  }\n"
        }
        for id in scenario.endingOrder {
            guard let ending = scenario.endings[id] else { continue }
            let colours = GraphLabels.colours(ending.outcome)
            out += "  \(quote("e:" + id)) [shape=box, peripheries=2, style=\"rounded,filled\", fillcolor=\(quote(colours.fill)), color=\(quote(colours.stroke)), label=\(quote(GraphLabels.ending(ending)))];\n"
        }
        if !scenario.global.isEmpty {
            out += "  \"global\" [shape=note, style=dashed, label=\(quote(["global", "tried first in every state"]))];\n"
        }
        for variable in scenario.mood {
            for (ending, atMax) in [(variable.minEnding, false), (variable.maxEnding, true)] {
                guard ending != nil else { continue }
                out += "  \(quote("m:\(variable.name):\(atMax ? "max" : "min")")) [shape=hexagon, fontsize=9, label=\(quote(GraphLabels.mood(variable, atMax: atMax)))];\n"
            }
        }
        func node(_ id: String?) -> String {
            guard let id else { return quote("global") }
            return quote((scenario.isEnding(id) ? "e:" : "s:") + id)
        }
        for arrow in GraphLabels.arrows(scenario) {
            let from = arrow.from.map { node($0) } ?? quote("global")
            let to = arrow.to.map { node($0) } ?? quote("global")
            switch arrow.style {
            case .transition:
                out += "  \(from) -> \(to) [label=\(label(arrow.lines))];\n"
            case .fallback:
                out += "  \(from) -> \(to) [style=dashed, color=\"#757575\", fontcolor=\"#757575\", label=\(label(arrow.lines))];\n"
            case .mood:
                guard let (index, atMax) = arrow.mood else { continue }
                let variable = scenario.mood[index]
                out += "  \(quote("m:\(variable.name):\(atMax ? "max" : "min")")) -> \(to) [style=dotted];\n"
            }
        }
        out += "}\n"
        return out
    }

    /// An edge label: one line, centred; several (one per transition), left-aligned with `\\l`.
    static func label(_ lines: [String]) -> String {
        guard lines.count > 1 else { return quote(lines) }
        return "\"" + lines.map { String(quote($0).dropFirst().dropLast()) + "\\l" }.joined() + "\""
    }

    /// A DOT string: quotes and backslashes escaped, lines joined with `\n` (centred).
    static func quote(_ lines: [String]) -> String {
        quote(lines.joined(separator: "\n"))
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.printable(keepingNewlines: true).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            // A backslash starts an escape in DOT labels (\N, \G, \l): keep it literal.
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
