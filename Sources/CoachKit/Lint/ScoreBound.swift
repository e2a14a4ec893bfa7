/// An upper bound of the score a scenario allows: what a perfect trainee could reach.
///
/// The method (documented in `docs/diagnostics.md`, `SCN-MAX-SCORE`): for each way the
/// conversation can end — every reachable ending, and running out of turns — take the
/// states that lie on some path from the start to it. A perfect trainee makes no fault
/// and earns every credit whose situation (phase, what the customer's line does, an
/// earlier insult, the turn) arises in one of those states, and every positive
/// scenario `points` of a transition among them. What the graph cannot give is lost:
/// the outcome's points below the rubric's best outcome; an `expected` rule with
/// `by-turn` whose situation no state reachable in time offers; circuits when the
/// customer provokes from the start but never agrees. The categories are then scored
/// exactly as ``Scoring`` does. Paths are merged, so the bound may be higher than any
/// single conversation can reach, never lower: a warning means the target is out of reach.
public enum ScoreBound {
    /// The best score, where it is reached, and why it is not higher.
    public struct Result: Sendable {
        public var score: Int
        /// The ending of the best case (`nil`: running out of turns).
        public var ending: String?
        public var outcome: Outcome
        public var categories: [Category: Int]
        /// What keeps the best case below 100, for people.
        public var explanation: String
    }

    /// The bound over every way the conversation can end; `dead` are transitions that never fire.
    public static func compute(_ scenario: Scenario, rubric: Rubric, dead: Set<TransitionRef> = []) -> Result {
        let graph = ScenarioGraph(scenario)
        let live: (TransitionRef) -> Bool = { !dead.contains($0) }
        let reached = graph.reachable(include: live)
        var candidates: [(ending: String?, outcome: Outcome, states: Set<String>)] = []
        for id in scenario.endingOrder where reached.contains(id) {
            guard let ending = scenario.endings[id] else { continue }
            let states = graph.canReach([id], include: live).intersection(reached).filter { scenario.states[$0] != nil }
            candidates.append((id, ending.outcome, states))
        }
        candidates.append((nil, .timedOut, reached.filter { scenario.states[$0] != nil }))
        var best: Result?
        for candidate in candidates {
            let result = evaluate(
                scenario, rubric: rubric, graph: graph, live: live, ending: candidate.ending,
                outcome: candidate.outcome, states: candidate.states)
            if best == nil || result.score > best!.score { best = result }
        }
        return best!
    }

    static func evaluate(
        _ scenario: Scenario, rubric: Rubric, graph: ScenarioGraph, live: (TransitionRef) -> Bool, ending: String?,
        outcome: Outcome, states: Set<String>
    ) -> Result {
        var possible: [Category: Int] = [:]
        var lost: [Category: Int] = [:]
        var reasons: [String] = []
        let stateList = scenario.stateOrder.filter(states.contains).compactMap { scenario.states[$0] }
        let distance = graph.distances(include: live)

        func situationArises(_ when: RuleCondition, within turns: Int? = nil) -> Bool {
            if let turn = when.turn, !(1...scenario.turnLimit).contains(where: { turn.holds(for: Double($0)) }) {
                return false
            }
            if when.customerHasInsulted == true, !stateList.contains(where: { $0.acts.contains(.insults) }) {
                return false
            }
            return stateList.contains { state in
                if let turns, (distance[state.id] ?? .max) >= turns { return false }
                if !when.phases.isEmpty && !when.phases.contains(state.phase) { return false }
                if !when.customer.isEmpty && when.customer.isDisjoint(with: state.acts) { return false }
                return true
            }
        }

        let provokedAtStart = scenario.states[scenario.start]?.acts.contains(.provokes) ?? false
        let canAgree = stateList.contains { $0.acts.contains(.agrees) }
        for rule in rubric.rules where ScenarioRubric.applies(rule, to: scenario) {
            switch rule.kind {
            case .credit where rule.points > 0:
                if situationArises(rule.when) { possible[rule.category, default: 0] += rule.points * rule.limit }
            case .expected:
                if let byTurn = rule.byTurn {
                    possible[rule.category, default: 0] += rule.points
                    if !situationArises(rule.when, within: byTurn) {
                        lost[rule.category, default: 0] += rule.points
                        reasons.append("'\(rule.id)' needs its situation by reply \(byTurn), and no state offers it in time")
                    }
                } else if situationArises(rule.when) {
                    possible[rule.category, default: 0] += rule.points
                }
            case .pairing:
                if situationArises(rule.when) { possible[rule.category, default: 0] += rule.points }
            case .count:
                switch rule.measure {
                case .circuits:
                    if provokedAtStart && !canAgree {
                        possible[rule.category, default: 0] += rule.points
                        lost[rule.category, default: 0] += rule.points
                        reasons.append("the customer provokes but never agrees (no 'agrees: true' state), so no circuit can complete")
                    } else {
                        possible[rule.category, default: 0] += rule.points * max(1, rule.atLeast)
                    }
                case .factsNoted:
                    let needed = min(rule.atLeast == 0 ? scenario.customer.facts.count : rule.atLeast, scenario.customer.facts.count)
                    possible[rule.category, default: 0] += rule.points * needed
                case nil:
                    break
                }
            case .event where rule.event == .factNoted && rule.points > 0:
                possible[rule.category, default: 0] += rule.points * scenario.customer.facts.count
            default:
                // Faults are avoidable: a perfect trainee makes none.
                continue
            }
        }
        // Positive scenario points of transitions among these states: earned, so they count on both sides.
        for edge in graph.edges {
            guard let ref = edge.ref, live(ref), let points = edge.transition?.points, points.value > 0 else { continue }
            let inside = edge.from.map(states.contains) ?? !states.isEmpty
            let target = edge.to
            let lands = target == nil || states.contains(target!) || target == ending
            if inside && lands { possible[points.category, default: 0] += points.value }
        }
        let bestOutcome = rubric.outcomePoints.values.max() ?? 0
        if bestOutcome > 0 {
            let earned = rubric.outcomePoints[outcome] ?? 0
            possible[.resolution, default: 0] += bestOutcome
            lost[.resolution, default: 0] += bestOutcome - earned
            if earned < bestOutcome {
                let place = ending.map { "the ending '\($0)'" } ?? "running out of turns"
                reasons.insert("the best way to end is \(place) (\(outcome.rawValue)), worth \(earned) of \(bestOutcome) outcome points", at: 0)
            }
        }

        var categories: [Category: Int] = [:]
        var weighted = 0.0, weights = 0.0
        for category in Category.allCases {
            let base = rubric.categories[category]?.base ?? 0
            let available = base + possible[category, default: 0]
            let loss = lost[category, default: 0]
            guard available > 0 else { continue }
            let ratio = min(max(Double(available - loss) / Double(available), 0), 1)
            let score = Int((ratio * 100).rounded())
            categories[category] = score
            let weight = rubric.weight(of: category, for: scenario.kind)
            weighted += weight * Double(score)
            weights += weight
        }
        let score = weights > 0 ? Int((weighted / weights).rounded()) : 0
        let weak = categories.filter { $0.value < 100 }.sorted { $0.key < $1.key }
            .map { "\($0.key.rawValue) \($0.value)%" }.joined(separator: ", ")
        var explanation = reasons.isEmpty ? "nothing in the graph limits it" : reasons.joined(separator: "; ")
        if !weak.isEmpty { explanation += " (at best: \(weak))" }
        return Result(score: score, ending: ending, outcome: outcome, categories: categories, explanation: explanation)
    }
}
