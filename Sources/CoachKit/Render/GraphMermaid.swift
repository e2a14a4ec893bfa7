/// A scenario's state machine as a Mermaid flowchart (`coach graph --format mermaid`).
///
/// The same picture as ``GraphDOT``: states, endings coloured by outcome, transitions
/// labelled with order, guard and points, fallbacks dotted (`-.->`), mood bounds from
/// hexagons, global transitions from one "global" node. Node ids are generated
/// (`s1`, `e1`, …) because trainers' ids may be Mermaid keywords (`end`), and every
/// label is quoted with `"`, `<`, `>`, `&` and `#` written as entity codes, so no
/// scenario text can break the syntax.
public enum GraphMermaid {
    /// The Mermaid text of the scenario's graph.
    public static func render(_ scenario: Scenario) -> String {
        var ids: [String: String] = [:]
        for (index, id) in scenario.stateOrder.enumerated() { ids[id] = "s\(index + 1)" }
        for (index, id) in scenario.endingOrder.enumerated() { ids[id] = "e\(index + 1)" }
        // A comment, not front matter: older Mermaid renderers reject `title:` blocks.
        let direction = scenario.stateOrder.count >= GraphDOT.topToBottomFrom ? "TB" : "LR"
        var out = "%% \(scenario.title.printable) (\(scenario.id))\nflowchart \(direction)\n"
        out += "  start((\"start\")) --> \(ids[scenario.start] ?? "s1")\n"
        // A frame per phase, as in the DOT picture.
        for phase in Scenario.Phase.allCases {
            let members = scenario.stateOrder.filter { scenario.states[$0]?.phase == phase }
            guard !members.isEmpty else { continue }
            out += "  subgraph phase_\(phase.rawValue)[\(quote([phase.rawValue]))]\n"
            for id in members {
                guard let state = scenario.states[id], let node = ids[id] else { continue }
                out += "    \(node)[\(quote(GraphLabels.state(state, isStart: id == scenario.start)))]\n"
            }
            out += "  end\n"
        }
        for id in scenario.endingOrder {
            guard let ending = scenario.endings[id], let node = ids[id] else { continue }
            out += "  \(node)([\(quote(GraphLabels.ending(ending)))]):::\(className(ending.outcome))\n"
        }
        if !scenario.global.isEmpty {
            out += "  global>\(quote(["global", "tried first in every state"]))]\n"
        }
        for (index, variable) in scenario.mood.enumerated() {
            for (ending, atMax) in [(variable.minEnding, false), (variable.maxEnding, true)] where ending != nil {
                out += "  m\(index + 1)\(atMax ? "max" : "min"){{\(quote([GraphLabels.mood(variable, atMax: atMax)]))}}\n"
            }
        }
        for arrow in GraphLabels.arrows(scenario) {
            let from = arrow.from.flatMap { ids[$0] } ?? "global"
            let to = arrow.to.flatMap { ids[$0] } ?? "global"
            switch arrow.style {
            case .transition: out += "  \(from) -->|\(quote(arrow.lines))| \(to)\n"
            case .fallback: out += "  \(from) -.->|\(quote(arrow.lines))| \(to)\n"
            case .mood:
                guard let (index, atMax) = arrow.mood else { continue }
                out += "  m\(index + 1)\(atMax ? "max" : "min") -.-> \(to)\n"
            }
        }
        for outcome in Outcome.allCases {
            let colours = GraphLabels.colours(outcome)
            out += "  classDef \(className(outcome)) fill:\(colours.fill),stroke:\(colours.stroke)\n"
        }
        return out
    }

    static func className(_ outcome: Outcome) -> String {
        "outcome_" + outcome.rawValue.replacingOccurrences(of: "-", with: "_")
    }

    /// A quoted Mermaid label; lines joined with `<br/>`.
    static func quote(_ lines: [String]) -> String {
        "\"" + lines.map(escape).joined(separator: "<br/>") + "\""
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.printable.unicodeScalars {
            switch scalar {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "&": out += "#amp;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
