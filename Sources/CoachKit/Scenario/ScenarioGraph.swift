/// A way out of a state that a scenario declares: one of its transitions, a global
/// transition, or its fallback. Coverage counts these; lint and graphs name them.
public enum TransitionRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `states.<state>.on[index]` (0-based).
    case on(state: String, index: Int)
    /// `global[index]` (0-based), tried in every state.
    case global(index: Int)
    /// `states.<state>.fallback`.
    case fallback(state: String)

    /// "vent #2", "global #1", "vent fallback": 1-based, as a trainer counts.
    public var description: String {
        switch self {
        case .on(let state, let index): "\(state) #\(index + 1)"
        case .global(let index): "global #\(index + 1)"
        case .fallback(let state): "\(state) fallback"
        }
    }

    private var sortKey: (Int, String, Int) {
        switch self {
        case .global(let index): (0, "", index)
        case .on(let state, let index): (1, state, index)
        case .fallback(let state): (1, state, Int.max)
        }
    }

    public static func < (lhs: TransitionRef, rhs: TransitionRef) -> Bool { lhs.sortKey < rhs.sortKey }
}

/// The scenario's state machine as nodes and edges: the common ground of lint, graphs and coverage.
///
/// Edges are what the file declares, guards included but not evaluated: a
/// transition that stays (no `goto`) is an edge from the state to itself; a global
/// transition is listed once, with `from == nil`; a mood variable with an ending is
/// an edge from every state in which some effect pushes the variable towards that bound.
public struct ScenarioGraph: Sendable {
    /// One declared way from a state to a state or an ending.
    public struct Edge: Sendable {
        /// Which declaration the edge comes from.
        public enum Kind: Sendable, Hashable {
            case transition
            case global
            /// `limit` fallbacks in a row, then `goto` (or the fallback that stays, when `to == from`).
            case fallback
            /// A mood variable reached its `min` (`atMax == false`) or `max` bound.
            case mood(variable: String, atMax: Bool)
        }

        public var kind: Kind
        /// The transition this edge belongs to (`nil` for mood bounds).
        public var ref: TransitionRef?
        /// The source state; `nil` for a global transition or a mood bound (any state).
        public var from: String?
        /// The target; for a global transition that stays, `nil` (the state it fired in).
        public var to: String?
        public var transition: Scenario.Transition?
        public var fallback: Scenario.Fallback?
        public var location: SourceLocation?
    }

    public let scenario: Scenario
    public private(set) var edges: [Edge] = []

    /// The edges of `scenario`: global transitions, then each state's transitions and fallback, then mood bounds.
    public init(_ scenario: Scenario) {
        self.scenario = scenario
        for (index, transition) in scenario.global.enumerated() {
            edges.append(
                Edge(
                    kind: .global, ref: .global(index: index), from: nil, to: transition.goto,
                    transition: transition, location: transition.location))
        }
        for id in scenario.stateOrder {
            guard let state = scenario.states[id] else { continue }
            for (index, transition) in state.on.enumerated() {
                edges.append(
                    Edge(
                        kind: .transition, ref: .on(state: id, index: index), from: id, to: transition.goto ?? id,
                        transition: transition, location: transition.location))
            }
            if let fallback = state.fallback {
                edges.append(
                    Edge(
                        kind: .fallback, ref: .fallback(state: id), from: id, to: fallback.goto ?? id,
                        fallback: fallback, location: fallback.location))
            }
        }
        for variable in scenario.mood {
            if let ending = variable.minEnding {
                edges.append(Edge(kind: .mood(variable: variable.name, atMax: false), from: nil, to: ending, location: variable.location))
            }
            if let ending = variable.maxEnding {
                edges.append(Edge(kind: .mood(variable: variable.name, atMax: true), from: nil, to: ending, location: variable.location))
            }
        }
    }

    /// Every transition, global transition and fallback, in file order (globals first).
    public var transitionRefs: [TransitionRef] { edges.compactMap(\.ref) }

    /// Where the declaration of `ref` was written.
    public func location(of ref: TransitionRef) -> SourceLocation? {
        edges.first { $0.ref == ref }?.location
    }

    /// The mood effects that can apply while the conversation is in `state`: its own
    /// transitions and fallback, the global transitions, interrupting and silence.
    public func effects(in state: String) -> [Scenario.MoodEffect] {
        var effects = scenario.global.flatMap(\.effects)
        if let current = scenario.states[state] {
            effects += current.on.flatMap(\.effects)
            effects += current.fallback?.effects ?? []
        }
        effects += scenario.interrupt?.effects ?? []
        effects += scenario.silence?.effects ?? []
        return effects
    }

    /// Whether some effect available in `state` moves `variable` towards its min or max.
    public func canPush(_ variable: String, atMax: Bool, in state: String) -> Bool {
        effects(in: state).contains { $0.variable == variable && (atMax ? $0.delta > 0 : $0.delta < 0) }
    }

    /// Where the conversation can go next from `state`, following the edges whose
    /// transitions are allowed by `include` (all by default), with mood bounds
    /// counted only where an effect can push the variable there.
    public func successors(of state: String, include: (TransitionRef) -> Bool = { _ in true }) -> [String] {
        guard scenario.states[state] != nil else { return [] }
        var next: [String] = []
        for edge in edges {
            switch edge.kind {
            case .global:
                guard let ref = edge.ref, include(ref) else { continue }
                next.append(edge.to ?? state)
            case .transition, .fallback:
                guard edge.from == state, let ref = edge.ref, include(ref), let to = edge.to else { continue }
                next.append(to)
            case .mood(let variable, let atMax):
                if let to = edge.to, canPush(variable, atMax: atMax, in: state) { next.append(to) }
            }
        }
        return next
    }

    /// The states and endings reachable from the start (the start included).
    public func reachable(include: (TransitionRef) -> Bool = { _ in true }) -> Set<String> {
        guard scenario.states[scenario.start] != nil else { return [] }
        var seen: Set<String> = [scenario.start]
        var queue = [scenario.start]
        while let id = queue.popLast() {
            for next in successors(of: id, include: include) where seen.insert(next).inserted {
                queue.append(next)
            }
        }
        return seen
    }

    /// The states from which one of `targets` can be reached (the targets included).
    public func canReach(_ targets: Set<String>, include: (TransitionRef) -> Bool = { _ in true }) -> Set<String> {
        var predecessors: [String: [String]] = [:]
        for id in scenario.stateOrder {
            for next in successors(of: id, include: include) { predecessors[next, default: []].append(id) }
        }
        var seen = targets
        var queue = Array(targets)
        while let id = queue.popLast() {
            for previous in predecessors[id] ?? [] where seen.insert(previous).inserted {
                queue.append(previous)
            }
        }
        return seen
    }

    /// The fewest replies after which the conversation can be in each state (the start: 0).
    public func distances(include: (TransitionRef) -> Bool = { _ in true }) -> [String: Int] {
        guard scenario.states[scenario.start] != nil else { return [:] }
        var distance = [scenario.start: 0]
        var frontier = [scenario.start]
        var step = 0
        while !frontier.isEmpty {
            step += 1
            var next: [String] = []
            for id in frontier {
                for target in successors(of: id, include: include) where distance[target] == nil {
                    distance[target] = step
                    next.append(target)
                }
            }
            frontier = next
        }
        return distance
    }
}

extension Scenario {
    /// The transition a reference names (`nil` for a fallback, which is not a transition).
    public func transition(_ reference: TransitionRef) -> Transition? {
        switch reference {
        case .global(let index): global.indices.contains(index) ? global[index] : nil
        case .on(let state, let index):
            states[state].flatMap { $0.on.indices.contains(index) ? $0.on[index] : nil }
        case .fallback: nil
        }
    }
}

extension Scenario.Condition {
    /// Whether this condition holds for a reply, as the engine decides it (docs/authoring.md).
    ///
    /// `path` is the conversation's path so far (the current state included) and `mood`
    /// the values at the moment the guards are tried (after an interruption's effects);
    /// `reply`: what else the guard may know of the reply (gifts beyond authority, facts asked for).
    public func holds(
        moves: Set<MoveID>, mood: [String: Double], turn: Int, path: [String], interrupted: Bool,
        reply: GuardFacts = GuardFacts()
    ) -> Bool {
        if !any.isEmpty && moves.isDisjoint(with: any) { return false }
        if !all.allSatisfy(moves.contains) { return false }
        if allGroups.contains(where: moves.isDisjoint) { return false }
        if !moves.isDisjoint(with: none) { return false }
        for (variable, comparison, _) in self.mood where !comparison.holds(for: mood[variable] ?? 0) { return false }
        if let comparison = self.turn, !comparison.holds(for: Double(turn)) { return false }
        if !visited.allSatisfy(path.contains) { return false }
        if notVisited.contains(where: path.contains) { return false }
        if let expected = self.interrupted, expected != interrupted { return false }
        if let expected = self.beyondAuthority, expected != reply.beyondAuthority { return false }
        if !asked.isEmpty, !asked.contains(where: reply.asked.contains) { return false }
        return true
    }

    /// Why this condition does not hold, part by part, in the words of the scenario file
    /// ("no move of any: [apology, empathy]", "mood anger is 40, not > 60"); empty when it
    /// holds. The same decision as ``holds(moves:mood:turn:path:interrupted:reply:)``,
    /// spelt out.
    public func unmet(
        moves: Set<MoveID>, mood: [String: Double], turn: Int, path: [String], interrupted: Bool,
        reply: GuardFacts = GuardFacts()
    ) -> [String] {
        func list(_ items: [MoveID]) -> String { items.map(\.rawValue).joined(separator: ", ") }
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        var reasons: [String] = []
        if !any.isEmpty && moves.isDisjoint(with: any) { reasons.append("no move of any: [\(list(any))]") }
        let missing = all.filter { !moves.contains($0) }
        if !missing.isEmpty { reasons.append("all: lacks \(list(missing))") }
        for group in allGroups where moves.isDisjoint(with: group) { reasons.append("all: no move of [\(list(group))]") }
        let present = none.filter(moves.contains)
        if !present.isEmpty { reasons.append("none: has \(list(present))") }
        for (variable, comparison, _) in self.mood where !comparison.holds(for: mood[variable] ?? 0) {
            reasons.append("mood \(variable) is \(number(mood[variable] ?? 0)), not \(comparison)")
        }
        if let comparison = self.turn, !comparison.holds(for: Double(turn)) {
            reasons.append("turn is \(turn), not \(comparison)")
        }
        let unvisited = visited.filter { !path.contains($0) }
        if !unvisited.isEmpty { reasons.append("visited: \(unvisited.joined(separator: ", ")) not yet") }
        let seen = notVisited.filter(path.contains)
        if !seen.isEmpty { reasons.append("not-visited: \(seen.joined(separator: ", ")) already") }
        if let expected = self.interrupted, expected != interrupted {
            reasons.append(expected ? "the reply did not interrupt" : "the reply interrupted")
        }
        if let expected = self.beyondAuthority, expected != reply.beyondAuthority {
            reasons.append(expected ? "the reply gave nothing beyond authority" : "the reply gave something beyond authority")
        }
        if !asked.isEmpty, !asked.contains(where: reply.asked.contains) {
            reasons.append("asked: the reply asks for none of \(asked.joined(separator: ", "))")
        }
        return reasons
    }

    /// Whether the condition has no parts at all (the transition always fires).
    public var isEmpty: Bool {
        any.isEmpty && all.isEmpty && allGroups.isEmpty && none.isEmpty && mood.isEmpty && turn == nil && visited.isEmpty
            && notVisited.isEmpty && interrupted == nil && beyondAuthority == nil && asked.isEmpty
    }
}
