/// The output formats of `coach graph`.
public enum GraphFormat: String, Sendable, CaseIterable {
    /// Graphviz DOT: `coach graph X | dot -Tsvg > x.svg`.
    case dot
    /// A Mermaid flowchart, for Markdown pages that render Mermaid.
    case mermaid

    /// Renders the scenario's state machine in this format.
    public func render(_ scenario: Scenario) -> String {
        switch self {
        case .dot: GraphDOT.render(scenario)
        case .mermaid: GraphMermaid.render(scenario)
        }
    }
}

/// The words on a graph's nodes and edges, shared by the DOT and Mermaid renderers.
///
/// Plain text with one entry per line; each renderer escapes it for its own syntax.
enum GraphLabels {
    /// One arrow of the picture: every transition between the same two places, in order.
    struct Arrow {
        enum Style { case transition, fallback, mood }

        var style: Style
        /// The source state; `nil` for the "global" node.
        var from: String?
        /// The target; `nil` for a global transition that stays in whatever state it fired in.
        var to: String?
        var lines: [String]
        /// For mood bounds: the variable's index and bound.
        var mood: (index: Int, atMax: Bool)?
    }

    /// The edges of the scenario grouped into arrows, so that seven transitions that all
    /// stay in `vent` draw one loop with seven numbered lines rather than seven loops.
    static func arrows(_ scenario: Scenario) -> [Arrow] {
        var arrows: [Arrow] = []
        func add(_ style: Arrow.Style, from: String?, to: String?, _ lines: [String]) {
            if let index = arrows.firstIndex(where: { $0.style == style && $0.from == from && $0.to == to && $0.mood == nil }) {
                arrows[index].lines += lines
            } else {
                arrows.append(Arrow(style: style, from: from, to: to, lines: lines))
            }
        }
        for edge in ScenarioGraph(scenario).edges {
            switch edge.kind {
            case .global, .transition:
                guard let transition = edge.transition, let ref = edge.ref else { continue }
                let number: String
                switch ref {
                case .global(let index): number = "G\(index + 1)."
                case .on(_, let index): number = "\(index + 1)."
                case .fallback: number = ""
                }
                var lines = self.transition(transition, number: number)
                if edge.kind == .global, edge.to == nil { lines[lines.count - 1] += " (stays)" }
                add(.transition, from: edge.kind == .global ? nil : edge.from, to: edge.to, lines)
            case .fallback:
                guard let fallback = edge.fallback else { continue }
                add(.fallback, from: edge.from, to: edge.to, [self.fallback(fallback)])
            case .mood(let variable, let atMax):
                guard let index = scenario.mood.firstIndex(where: { $0.name == variable }) else { continue }
                arrows.append(Arrow(style: .mood, from: nil, to: edge.to, lines: [], mood: (index, atMax)))
            }
        }
        return arrows
    }

    /// "1. any: question, paraphrase", "none: vague", "anger >= 60", "+4 listening".
    static func transition(_ transition: Scenario.Transition, number: String) -> [String] {
        var lines = guardLines(transition.condition)
        if let points = transition.points {
            lines.append("\(points.value > 0 ? "+" : "")\(points.value) \(points.category.rawValue)")
        }
        // The number starts the transition; its other lines are indented under it.
        return lines.enumerated().map { $0.offset == 0 ? "\(number) \($0.element)" : "   \($0.element)" }
    }

    static func guardLines(_ condition: Scenario.Condition) -> [String] {
        var lines: [String] = []
        func moves(_ prefix: String, _ list: [MoveID]) { lines += wrapped(prefix, list.map(\.rawValue)) }
        if !condition.all.isEmpty || !condition.allGroups.isEmpty {
            lines += wrapped(
                "all: ", condition.all.map(\.rawValue) + condition.allGroups.map { "(" + $0.map(\.rawValue).joined(separator: " | ") + ")" })
        }
        if !condition.any.isEmpty { moves("any: ", condition.any) }
        if !condition.none.isEmpty { moves("none: ", condition.none) }
        for (variable, comparison, _) in condition.mood { lines.append("\(variable) \(comparison)") }
        if let turn = condition.turn { lines.append("turn \(turn)") }
        if !condition.visited.isEmpty { lines.append("visited: \(condition.visited.joined(separator: ", "))") }
        if !condition.notVisited.isEmpty { lines.append("not visited: \(condition.notVisited.joined(separator: ", "))") }
        if let interrupted = condition.interrupted { lines.append(interrupted ? "interrupted" : "not interrupted") }
        if let beyond = condition.beyondAuthority { lines.append(beyond ? "beyond authority" : "within authority") }
        if !condition.asked.isEmpty { lines.append("asked: \(condition.asked.joined(separator: ", "))") }
        return lines.isEmpty ? ["always"] : lines
    }

    /// "any: a, b, c" on one line, or on several of at most ``listWidth`` characters, the
    /// later ones under the first item: a guard of seventeen moves on one line made a graph
    /// too wide for any page.
    static func wrapped(_ prefix: String, _ items: [String]) -> [String] {
        var lines: [String] = []
        var line = prefix
        for (index, item) in items.enumerated() {
            let piece = item + (index < items.count - 1 ? "," : "")
            if line.count > prefix.count && line.count + 1 + piece.count > listWidth {
                lines.append(line)
                line = String(repeating: " ", count: prefix.count) + piece
            } else {
                line += (line.count > prefix.count ? " " : "") + piece
            }
        }
        return lines + [line]
    }

    static let listWidth = 56

    static func fallback(_ fallback: Scenario.Fallback) -> String {
        if let limit = fallback.limit, fallback.goto != nil {
            return "after \(limit) fallback\(limit == 1 ? "" : "s")"
        }
        return "fallback"
    }

    /// "vent", "opening · provokes".
    static func state(_ state: Scenario.State, isStart: Bool) -> [String] {
        var details = [state.phase.rawValue]
        details += Scenario.CustomerAct.names.filter { state.acts.contains($0.1) }.map(\.0)
        return [isStart ? "▶ \(state.id)" : state.id, details.joined(separator: " · ")]
    }

    static func ending(_ ending: Scenario.Ending) -> [String] {
        [ending.id, "(\(ending.outcome.rawValue))"]
    }

    static func mood(_ variable: Scenario.MoodVariable, atMax: Bool) -> String {
        "\(variable.name) reaches \(GuardAnalysis.format(atMax ? variable.max : variable.min))"
    }

    /// Fill and border colours per outcome: green resolved, amber escalated, red lost, grey otherwise.
    static func colours(_ outcome: Outcome) -> (fill: String, stroke: String) {
        switch outcome {
        case .resolved: ("#c8e6c9", "#2e7d32")
        case .escalated: ("#ffe0b2", "#ef6c00")
        case .customerLost: ("#ffcdd2", "#c62828")
        case .timedOut, .abandoned, .completed: ("#e0e0e0", "#616161")
        }
    }
}
