/// A set of numbers as disjoint intervals: what a mood or turn comparison allows.
///
/// Comparisons are `<`, `<=`, `>`, `>=`, `==` and `!=` against one number, clipped to
/// the variable's range, so every set is at most two intervals around a hole.
struct NumberSet: Sendable, Equatable {
    struct Interval: Sendable, Equatable {
        var low: Double
        var lowOpen: Bool
        var high: Double
        var highOpen: Bool

        var isEmpty: Bool { low > high || (low == high && (lowOpen || highOpen)) }

        func intersection(_ other: Interval) -> Interval {
            var result = self
            if other.low > low || (other.low == low && other.lowOpen) {
                result.low = other.low
                result.lowOpen = other.lowOpen
            }
            if other.high < high || (other.high == high && other.highOpen) {
                result.high = other.high
                result.highOpen = other.highOpen
            }
            return result
        }

        /// Whether every number of `other` is in this interval.
        func contains(_ other: Interval) -> Bool {
            let lowOK = low < other.low || (low == other.low && (!lowOpen || other.lowOpen))
            let highOK = high > other.high || (high == other.high && (!highOpen || other.highOpen))
            return lowOK && highOK
        }
    }

    var intervals: [Interval]

    /// Every number from `range.lowerBound` to `range.upperBound`.
    init(_ range: ClosedRange<Double>) {
        intervals = [Interval(low: range.lowerBound, lowOpen: false, high: range.upperBound, highOpen: false)]
    }

    init(intervals: [Interval]) { self.intervals = intervals.filter { !$0.isEmpty } }

    /// The numbers of `range` for which `comparison` holds.
    init(_ comparison: Scenario.Comparison, in range: ClosedRange<Double>) {
        let whole = Interval(low: range.lowerBound, lowOpen: false, high: range.upperBound, highOpen: false)
        let value = comparison.value
        let pieces: [Interval] =
            switch comparison.op {
            case .less: [Interval(low: -.infinity, lowOpen: false, high: value, highOpen: true)]
            case .lessOrEqual: [Interval(low: -.infinity, lowOpen: false, high: value, highOpen: false)]
            case .greater: [Interval(low: value, lowOpen: true, high: .infinity, highOpen: false)]
            case .greaterOrEqual: [Interval(low: value, lowOpen: false, high: .infinity, highOpen: false)]
            case .equal: [Interval(low: value, lowOpen: false, high: value, highOpen: false)]
            case .notEqual:
                [
                    Interval(low: -.infinity, lowOpen: false, high: value, highOpen: true),
                    Interval(low: value, lowOpen: true, high: .infinity, highOpen: false),
                ]
            }
        self.init(intervals: pieces.map { whole.intersection($0) })
    }

    var isEmpty: Bool { intervals.isEmpty }

    func intersection(_ other: NumberSet) -> NumberSet {
        NumberSet(intervals: intervals.flatMap { mine in other.intervals.map { mine.intersection($0) } })
    }

    /// Whether every number of this set is in `other`. The pieces of one comparison are
    /// separated by a hole, so a piece is covered only if one piece of `other` covers it.
    func isSubset(of other: NumberSet) -> Bool {
        intervals.allSatisfy { piece in other.intervals.contains { $0.contains(piece) } }
    }
}

/// What lint can prove about transition guards: that one can never hold, or that an
/// earlier one always fires first. Proofs are conservative: when in doubt, nothing is said.
enum GuardAnalysis {
    /// Why a condition can never hold, and where to point.
    struct Problem: Sendable {
        var code: String
        var message: String
        var location: SourceLocation?
    }

    /// The numbers a condition allows for `variable` within its range (nil: no comparison on it).
    static func moodSet(_ condition: Scenario.Condition, _ variable: Scenario.MoodVariable) -> NumberSet {
        var set = NumberSet(variable.min...variable.max)
        for (name, comparison, _) in condition.mood where name == variable.name {
            set = set.intersection(NumberSet(comparison, in: variable.min...variable.max))
        }
        return set
    }

    /// The reply numbers (1…turn-limit) a condition allows.
    static func turns(_ condition: Scenario.Condition, limit: Int) -> Set<Int> {
        guard let comparison = condition.turn else { return Set(1...max(limit, 1)) }
        return Set((1...max(limit, 1)).filter { comparison.holds(for: Double($0)) })
    }

    /// Why the guard `condition` of a transition (in `state`, or global when `nil`) can never hold.
    ///
    /// `guardNode` is the transition's `if:` mapping in the file, for precise places.
    static func contradictions(
        _ condition: Scenario.Condition, state: String?, scenario: Scenario, guardNode: YAMLNode?,
        fallback: SourceLocation?
    ) -> [Problem] {
        var problems: [Problem] = []
        func place(_ key: String, _ move: String? = nil) -> SourceLocation? {
            guard let node = guardNode?.at(.key(key)) else { return fallback }
            if let move, let item = node.item(move) { return item }
            return node.location
        }
        for move in condition.all where condition.none.contains(move) {
            problems.append(
                Problem(
                    code: "SCN-GUARD-CONTRADICTION",
                    message: "'\(move.rawValue)' is both required (all) and excluded (none): this transition can never fire",
                    location: place("none", move.rawValue)))
        }
        for group in condition.allGroups where group.allSatisfy(condition.none.contains) {
            problems.append(
                Problem(
                    code: "SCN-GUARD-CONTRADICTION",
                    message: "every move of the group [\(group.map(\.rawValue).joined(separator: ", "))] in all: is excluded "
                        + "(none): this transition can never fire",
                    location: place("all")))
        }
        if !condition.any.isEmpty, condition.any.allSatisfy(condition.none.contains) {
            problems.append(
                Problem(
                    code: "SCN-GUARD-CONTRADICTION",
                    message: "every move of 'any' is also excluded by 'none': this transition can never fire",
                    location: place("any")))
        }
        for (name, comparison, location) in condition.mood {
            guard let variable = scenario.mood.first(where: { $0.name == name }) else { continue }
            if NumberSet(comparison, in: variable.min...variable.max).isEmpty {
                problems.append(
                    Problem(
                        code: "SCN-GUARD-RANGE",
                        message: "'\(name) \(comparison)' can never hold: \(name) stays within \(format(variable.min))…\(format(variable.max))",
                        location: location))
            }
        }
        if let comparison = condition.turn, turns(condition, limit: scenario.turnLimit).isEmpty {
            problems.append(
                Problem(
                    code: "SCN-GUARD-RANGE",
                    message: "'turn \(comparison)' can never hold: replies are numbered 1…\(scenario.turnLimit) (turn-limit)",
                    location: place("turn")))
        }
        for id in condition.visited where condition.notVisited.contains(id) {
            problems.append(
                Problem(
                    code: "SCN-GUARD-CONTRADICTION",
                    message: "'\(id)' must be both visited and not visited: this transition can never fire",
                    location: place("not-visited", id)))
        }
        let alwaysVisited = [scenario.start] + (state.map { [$0] } ?? [])
        for id in condition.notVisited where alwaysVisited.contains(id) && !condition.visited.contains(id) {
            let why = id == state ? "the conversation is in '\(id)' when this is tried" : "'\(id)' is where every conversation starts"
            problems.append(
                Problem(
                    code: "SCN-GUARD-CONTRADICTION",
                    message: "'not-visited: \(id)' can never hold: \(why)", location: place("not-visited", id)))
        }
        return problems
    }

    /// Whether every reply for which `later` holds also satisfies `earlier`, so that
    /// `earlier`, tried first, always fires instead. Sound but not complete.
    static func implies(_ later: Scenario.Condition, _ earlier: Scenario.Condition, scenario: Scenario) -> Bool {
        // Moves the later guard guarantees: all of `all`, and one of `any` and of each group in
        // `all` (those not excluded).
        let laterAll = Set(later.all)
        let laterOneOf = ([later.any] + later.allGroups).map { Set($0).subtracting(later.none) }.filter { !$0.isEmpty }
        func guaranteesOne(of moves: [MoveID]) -> Bool {
            !laterAll.isDisjoint(with: moves) || laterOneOf.contains { $0.isSubset(of: moves) }
        }
        if !earlier.any.isEmpty, !guaranteesOne(of: earlier.any) { return false }
        for move in earlier.all where !guaranteesOne(of: [move]) { return false }
        for group in earlier.allGroups where !guaranteesOne(of: group) { return false }
        if !Set(earlier.none).isSubset(of: later.none) { return false }
        for (name, _, _) in earlier.mood {
            guard let variable = scenario.mood.first(where: { $0.name == name }) else { return false }
            if !moodSet(later, variable).isSubset(of: moodSet(earlier, variable)) { return false }
        }
        if earlier.turn != nil,
            !turns(later, limit: scenario.turnLimit).isSubset(of: turns(earlier, limit: scenario.turnLimit))
        {
            return false
        }
        if !Set(earlier.visited).isSubset(of: later.visited) { return false }
        if !Set(earlier.notVisited).isSubset(of: later.notVisited) { return false }
        if let interrupted = earlier.interrupted, later.interrupted != interrupted { return false }
        if let beyond = earlier.beyondAuthority, later.beyondAuthority != beyond { return false }
        // Asking for any of the earlier's facts follows only from asking for some of them all.
        if !earlier.asked.isEmpty, later.asked.isEmpty || !Set(later.asked).isSubset(of: earlier.asked) { return false }
        return true
    }

    /// Whether a condition holds for every reply (no part, or only comparisons that cover their whole range).
    static func alwaysHolds(_ condition: Scenario.Condition, scenario: Scenario) -> Bool {
        implies(Scenario.Condition(), condition, scenario: scenario)
    }

    /// "30" for 30.0, "0.5" for 0.5: a number as a trainer wrote it.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
