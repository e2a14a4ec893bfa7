/// What a scenario's transcript tests reach: states, transitions, endings, moves, rubric rules.
///
/// Computed from the tests' results, so it measures what the engine really did: a
/// transition is covered when it fired in some test, a move when some test reply was
/// detected as it, a rule when it recorded a credit or a fault (a chance missed does not count).
public struct ScenarioCoverage: Sendable {
    /// Something that can be covered, with where it is declared.
    public struct Item: Sendable, Hashable {
        public var name: String
        public var location: SourceLocation?
    }

    /// Covered items out of all items of one kind.
    public struct Measure: Sendable {
        public var total: Int
        public var missing: [Item]
        public var covered: Int { total - missing.count }
        /// 0–100; 100 when there is nothing to cover.
        public var percent: Double { total == 0 ? 100 : Double(covered) * 100 / Double(total) }
    }

    /// The columns of the coverage table, in order.
    public enum Kind: String, Sendable, CaseIterable {
        case states, transitions, endings, moves, rules
    }

    public var scenario: String
    public var file: String
    public var tests: Int
    public var measures: [Kind: Measure]

    /// The measure of one kind (empty if not computed).
    public subscript(kind: Kind) -> Measure { measures[kind] ?? Measure(total: 0, missing: []) }

    /// Coverage of `scenario` by `results` (its tests, played); `rubric` gives the rules.
    public static func compute(_ scenario: Scenario, rubric: Rubric, results: [TranscriptRunner.Result])
        -> ScenarioCoverage
    {
        let graph = ScenarioGraph(scenario)
        let visited = Set(results.flatMap(\.scorecard.path))
        let fired = Set(results.flatMap(\.fired))
        let detected = Set(results.flatMap { $0.scorecard.turns.flatMap { $0.detection.moves.map(\.id) } })
        let recorded = Set(results.flatMap { $0.scorecard.events.filter { $0.kind != .missed }.map(\.rule) })

        var measures: [Kind: Measure] = [:]
        measures[.states] = Measure(
            total: scenario.stateOrder.count,
            missing: scenario.stateOrder.filter { !visited.contains($0) }.map {
                Item(name: $0, location: scenario.states[$0]?.location)
            })
        let refs = graph.transitionRefs
        measures[.transitions] = Measure(
            total: refs.count,
            missing: refs.filter { !fired.contains($0) }.map { Item(name: $0.description, location: graph.location(of: $0)) })
        measures[.endings] = Measure(
            total: scenario.endingOrder.count,
            missing: scenario.endingOrder.filter { !visited.contains($0) }.map {
                Item(name: $0, location: scenario.endings[$0]?.location)
            })
        // The moves the scenario's guards name: those its tests should show it reacting to.
        var named: [MoveID: SourceLocation] = [:]
        for edge in graph.edges {
            guard let transition = edge.transition else { continue }
            for move in transition.condition.any + transition.condition.all + transition.condition.allGroups.flatMap({ $0 })
                + transition.condition.none
            where named[move] == nil {
                named[move] = transition.location
            }
        }
        let moves = named.keys.sorted()
        measures[.moves] = Measure(
            total: moves.count,
            missing: moves.filter { !detected.contains($0) }.map { Item(name: $0.rawValue, location: named[$0]) })
        let rules = rubric.rules.filter { ScenarioRubric.applies($0, to: scenario) }
        measures[.rules] = Measure(
            total: rules.count,
            missing: rules.filter { !recorded.contains($0.id) }.map { Item(name: $0.id, location: $0.location) })
        return ScenarioCoverage(scenario: scenario.id, file: scenario.file, tests: results.count, measures: measures)
    }
}
