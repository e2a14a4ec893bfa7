/// Applies the rubric to a conversation as it happens, reply by reply.
///
/// A value that the engine carries along: `reply` records what each reply did right
/// and wrong; `finish` adds what can only be judged at the end (expected moves,
/// pairings, counts, chances missed) and what each category could have earned.
public struct RubricEvaluator: Sendable {
    public let rubric: Rubric
    public let kind: Scenario.Kind
    let factCount: Int
    let rules: [Rule]
    /// Fills `{customer}` in a transition's own points.
    private let customerName: String
    /// The language of what the evaluator writes itself ("The conversation ended …").
    private let texts: InterfaceCatalogue

    /// Moves made in earlier replies.
    private var earlierMoves: Set<MoveID> = []
    private var customerHasInsulted = false
    private var fired: [String: Int] = [:]
    /// Per rule: replies in which its conditions (all but the move itself) held.
    private var opportunities: [String: Int] = [:]
    /// `expected` rules that were met: the reply and the words.
    private var met: [String: (turn: Int, quote: String)] = [:]
    /// `pairing` rules: replies that made the move and wait for its partner.
    private var pending: [String: [(turn: Int, quote: String)]] = [:]
    private var paired: [String: (turn: Int, quote: String)] = [:]
    private var unpaired: [String: (turn: Int, quote: String)] = [:]
    private var scenarioPossible: [Category: Int] = [:]
    private var replies = 0
    private var provocations = 0
    /// The last reply with a fault of conduct (a rule with a ceiling): it earns no credit.
    private var conductTurn: Int?

    public init(rubric: Rubric, scenario: Scenario, texts: InterfaceCatalogue = .english) {
        self.rubric = rubric
        self.texts = texts
        kind = scenario.kind
        factCount = scenario.customer.facts.count
        rules = ScenarioRubric.rules(of: rubric, for: scenario)
        customerName = ScenarioRubric.customerName(in: scenario)
    }

    /// What the reply is answering and what it did.
    public struct Reply: Sendable {
        public var turn: Int
        public var detection: MoveDetection
        public var phase: Scenario.Phase
        /// What the customer's line being answered did.
        public var acts: Scenario.CustomerAct
        /// The reply gives away what the scenario's `beyond-authority:` forbids.
        public var gaveAway = false
    }

    /// Notes what the customer said (insults change what is right: G36).
    public mutating func customerSaid(_ acts: Scenario.CustomerAct) {
        if acts.contains(.insults) { customerHasInsulted = true }
        if acts.contains(.provokes) { provocations += 1 }
    }

    /// Whether the rule's conditions hold for this reply, leaving aside its own move.
    private func situationHolds(_ condition: RuleCondition, _ reply: Reply) -> Bool {
        if !condition.phases.isEmpty && !condition.phases.contains(reply.phase) { return false }
        if !condition.beforeAny.isEmpty && !earlierMoves.isDisjoint(with: condition.beforeAny) { return false }
        if !condition.afterAny.isEmpty && earlierMoves.isDisjoint(with: condition.afterAny) { return false }
        if !condition.customer.isEmpty && condition.customer.isDisjoint(with: reply.acts) { return false }
        if let insulted = condition.customerHasInsulted, insulted != customerHasInsulted { return false }
        if let turn = condition.turn, !turn.holds(for: Double(reply.turn)) { return false }
        return true
    }

    /// The evidence of one of `moves` in the reply that satisfies the rule, if any.
    private func trigger(_ moves: [MoveID], before: [MoveID], in reply: Reply) -> DetectedMove? {
        for move in reply.detection.moves where moves.contains(move.id) {
            // "Before any" also looks inside the reply: "Sorry — what happened?" apologises first.
            let earlier = reply.detection.moves.contains { before.contains($0.id) && $0.start < move.start }
            if !earlier { return move }
        }
        return nil
    }

    private mutating func record(_ rule: Rule, _ kind: RuleEvent.Kind, turn: Int?, quote: String?, points: Int)
        -> RuleEvent
    {
        fired[rule.id, default: 0] += 1
        return RuleEvent(
            rule: rule.id, kind: kind, guidelines: rule.guidelines, turn: turn, quote: quote, points: points,
            category: rule.category, why: rule.why, tryText: rule.tryText)
    }

    /// The events one reply earns.
    ///
    /// A reply with a fault of conduct (an insult, sarcasm: a rule with a `ceiling`)
    /// earns no credit, whatever else it does: "Fine, what's the order number, genius?"
    /// is not a question well asked. The chance still counts as possible.
    public mutating func reply(_ reply: Reply) -> [RuleEvent] {
        replies += 1
        var events: [RuleEvent] = []
        let misconduct = rules.contains { rule in
            rule.ceiling != nil && situationHolds(rule.when, reply)
                && trigger(rule.moves, before: rule.when.beforeAny, in: reply) != nil
        }
        if misconduct { conductTurn = reply.turn }
        var faults: [(rule: Rule, move: DetectedMove, points: Int)] = []
        for rule in rules {
            switch rule.kind {
            case .never, .credit, .order:
                let before = rule.kind == .order ? rule.partners : rule.when.beforeAny
                let orderHolds = rule.kind != .order || earlierMoves.isDisjoint(with: rule.partners)
                guard orderHolds, situationHolds(rule.when, reply) else { continue }
                opportunities[rule.id, default: 0] += 1
                if misconduct, rule.kind == .credit, rule.points > 0 { continue }
                // A concession beyond authority is no offer well made: the rules that credit
                // an offer (`amends`, `exception`) are silent for it; its own fault speaks.
                if reply.gaveAway, rule.kind == .credit, rule.points > 0,
                    !AuthorityCheck.offers.isDisjoint(with: rule.moves)
                { continue }
                guard fired[rule.id, default: 0] < rule.limit,
                    let move = trigger(rule.moves, before: before, in: reply)
                else { continue }
                let kind: RuleEvent.Kind = rule.kind == .credit && rule.points >= 0 ? .credit : .fault
                let points = rule.kind == .credit ? rule.points : -abs(rule.points)
                if kind == .fault {
                    faults.append((rule, move, points))
                } else {
                    events.append(record(rule, kind, turn: reply.turn, quote: move.evidence, points: points))
                }
            case .expected:
                guard met[rule.id] == nil, situationHolds(rule.when, reply) else { continue }
                if let byTurn = rule.byTurn, reply.turn > byTurn { continue }
                opportunities[rule.id, default: 0] += 1
                if !misconduct, let move = reply.detection.moves.first(where: { rule.moves.contains($0.id) }) {
                    met[rule.id] = (reply.turn, move.evidence)
                }
            case .pairing:
                guard situationHolds(rule.when, reply) else { continue }
                var waiting = pending[rule.id] ?? []
                if !misconduct, let move = reply.detection.moves.first(where: { rule.moves.contains($0.id) }) {
                    waiting.append((reply.turn, move.evidence))
                }
                let partner = reply.detection.moves.first { rule.partners.contains($0.id) }
                let partnered = partner != nil
                for entry in waiting {
                    if let partner, reply.turn - entry.turn <= rule.within {
                        // Quote both halves: the plan and the deadline it was paired with.
                        if paired[rule.id] == nil { paired[rule.id] = (entry.turn, "\(entry.quote) … \(partner.evidence)") }
                    } else if reply.turn - entry.turn >= rule.within, unpaired[rule.id] == nil {
                        unpaired[rule.id] = entry
                    }
                }
                pending[rule.id] = waiting.filter { reply.turn - $0.turn < rule.within && !partnered }
            case .count, .event:
                continue
            }
        }
        // One act, one fault: words that break two rules ("a 15 euro credit" offered to a
        // provocateur both concedes to a demand and comes before any question; "these things
        // happen" both dismisses and excuses) cost the trainee once, by the heavier rule.
        // Faults on words that do not overlap all count. A fault of conduct (with a ceiling)
        // always outranks one without: the words stay an insult, whatever else they also are.
        func rank(_ index: Int) -> (Int, Int, Int) { (faults[index].rule.ceiling == nil ? 1 : 0, faults[index].points, index) }
        let heaviestFirst = faults.indices.sorted { rank($0) < rank($1) }
        var judged: [Range<Int>] = [], kept: Set<Int> = []
        for index in heaviestFirst {
            let words = faults[index].move.start..<max(faults[index].move.end, faults[index].move.start + 1)
            guard !judged.contains(where: { $0.overlaps(words) }) else { continue }
            judged.append(words)
            kept.insert(index)
        }
        for (index, fault) in faults.enumerated() where kept.contains(index) {
            events.append(record(fault.rule, .fault, turn: reply.turn, quote: fault.move.evidence, points: fault.points))
        }
        earlierMoves.formUnion(reply.detection.ids)
        return events
    }

    /// The events a session event earns (interrupting, silence, a hint, a noted fact).
    public mutating func event(_ event: Rule.Event, turn: Int?, quote: String? = nil) -> [RuleEvent] {
        var events: [RuleEvent] = []
        for rule in rules where rule.kind == .event && rule.event == event {
            let limit = event == .factNoted ? max(rule.limit, factCount) : rule.limit
            guard fired[rule.id, default: 0] < limit else { continue }
            events.append(
                record(rule, rule.points >= 0 ? .credit : .fault, turn: turn, quote: quote, points: rule.points))
        }
        return events
    }

    /// Scenario-specific points from a transition; `nil` for a credit the reply forfeited
    /// by a fault of conduct (the chance still counts as possible).
    public mutating func scenarioPoints(_ points: Scenario.Points, state: String, turn: Int, quote: String)
        -> RuleEvent?
    {
        if points.value > 0 { scenarioPossible[points.category, default: 0] += points.value }
        if points.value > 0, conductTurn == turn { return nil }
        return RuleEvent(
            rule: "scenario:\(state)", kind: points.value >= 0 ? .credit : .fault, guidelines: points.guidelines,
            turn: turn, quote: quote, points: points.value, category: points.category,
            why: fill(points.because), tryText: points.tryText.map(fill))
    }

    private func fill(_ text: String) -> String {
        text.replacingOccurrences(of: ScenarioRubric.customerPlaceholder, with: customerName)
    }

    /// What the end of the conversation adds, and what each category could have earned.
    /// `factsAvailable`: the facts the customer gave (or the trainee noted anyway): a fact
    /// never said cannot be a chance missed.
    public func finish(outcome: Outcome, circuitsCompleted: Int, factsNoted: Int, factsAvailable: Int)
        -> (events: [RuleEvent], possible: [Category: Int])
    {
        var events: [RuleEvent] = []
        var possible = scenarioPossible
        func event(_ rule: Rule, _ kind: RuleEvent.Kind, turn: Int?, quote: String?, points: Int) {
            events.append(
                RuleEvent(
                    rule: rule.id, kind: kind, guidelines: rule.guidelines, turn: turn, quote: quote, points: points,
                    category: rule.category, why: rule.why, tryText: rule.tryText))
        }
        for rule in rules {
            let chances = opportunities[rule.id, default: 0]
            switch rule.kind {
            case .credit where rule.points > 0:
                guard chances > 0 else { continue }
                possible[rule.category, default: 0] += rule.points * min(rule.limit, chances)
                if fired[rule.id, default: 0] == 0, rule.tryText != nil {
                    event(rule, .missed, turn: nil, quote: nil, points: 0)
                }
            case .expected:
                guard chances > 0 || (rule.byTurn != nil && replies > 0) else { continue }
                possible[rule.category, default: 0] += rule.points
                if let hit = met[rule.id] {
                    event(rule, .credit, turn: hit.turn, quote: hit.quote, points: rule.points)
                } else {
                    event(rule, .missed, turn: nil, quote: nil, points: 0)
                }
            case .pairing:
                let first = paired[rule.id] ?? unpaired[rule.id] ?? pending[rule.id]?.first
                guard first != nil else { continue }
                possible[rule.category, default: 0] += rule.points
                if let hit = paired[rule.id] {
                    event(rule, .credit, turn: hit.turn, quote: hit.quote, points: rule.points)
                } else if let miss = unpaired[rule.id] ?? pending[rule.id]?.first {
                    event(rule, .missed, turn: miss.turn, quote: miss.quote, points: 0)
                }
            case .count:
                let available = rule.measure == .circuits ? provocations : factsAvailable
                let needed = min(rule.atLeast == 0 ? available : rule.atLeast, available)
                guard needed > 0 else { continue }
                let value = rule.measure == .circuits ? circuitsCompleted : factsNoted
                possible[rule.category, default: 0] += rule.points * needed
                if value >= needed {
                    event(rule, .credit, turn: nil, quote: nil, points: rule.points * needed)
                } else {
                    event(rule, .missed, turn: nil, quote: nil, points: rule.points * value)
                }
            case .event where rule.event == .factNoted && rule.points > 0:
                possible[rule.category, default: 0] += rule.points * factsAvailable
            default:
                continue
            }
        }
        let best = rubric.outcomePoints.values.max() ?? 0
        // A conversation that only ran its course (a drill, a real call scored afterwards) had
        // no scripted ending to reach: its outcome is neither a chance taken nor one missed.
        if best > 0, outcome != .completed {
            possible[.resolution, default: 0] += best
            let earned = rubric.outcomePoints[outcome] ?? 0
            events.append(
                RuleEvent(
                    rule: "outcome", kind: earned > 0 ? .credit : .missed, guidelines: [], turn: nil,
                    quote: nil, points: earned, category: .resolution,
                    why: texts(.outcomeEvent, ["outcome": texts.name(of: outcome)]), tryText: nil))
        }
        return (events, possible)
    }
}
