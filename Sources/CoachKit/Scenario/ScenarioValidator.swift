/// Checks what a scenario's parts refer to, and that its conversation can end.
public enum ScenarioValidator {
    public static func validate(_ scenario: Scenario, diagnostics: inout DiagnosticCollector) {
        let errorsBefore = diagnostics.diagnostics.filter { $0.severity == .error }.count
        let targets = scenario.stateOrder + scenario.endingOrder
        let moodNames = scenario.mood.map(\.name)
        let here = SourceLocation(file: scenario.file, line: 1, column: 1)

        func checkTarget(_ target: String?, at location: SourceLocation?) {
            guard let target, !targets.contains(target) else { return }
            diagnostics.error(
                "SCN-UNKNOWN-TARGET",
                "no state or ending is called '\(target)'\(Suggestion.hint(for: target, in: targets))",
                at: location ?? here)
        }
        func checkState(_ id: String, at location: SourceLocation) {
            guard scenario.states[id] == nil else { return }
            diagnostics.error(
                "SCN-UNKNOWN-STATE",
                "no state is called '\(id)'\(Suggestion.hint(for: id, in: scenario.stateOrder))", at: location)
        }
        func checkMood(_ name: String, at location: SourceLocation) {
            guard !moodNames.contains(name) else { return }
            diagnostics.error(
                "SCN-UNKNOWN-MOOD",
                "no mood variable is called '\(name)'\(Suggestion.hint(for: name, in: moodNames))", at: location)
        }
        func checkTransition(_ transition: Scenario.Transition) {
            checkTarget(transition.goto, at: transition.gotoLocation)
            for effect in transition.effects { checkMood(effect.variable, at: effect.location) }
            for (name, _, location) in transition.condition.mood { checkMood(name, at: location) }
            for id in transition.condition.visited + transition.condition.notVisited {
                checkState(id, at: transition.location)
            }
            for id in transition.condition.asked { checkAsked(id, at: transition.location) }
        }
        // `asked:` names a customer fact the reply asks for by its `asked-by` words: without
        // them the guard could never hold.
        func checkAsked(_ id: String, at location: SourceLocation) {
            let facts = scenario.customer.facts
            guard let fact = facts.first(where: { $0.id == id }) else {
                diagnostics.error(
                    "SCN-UNKNOWN-FACT",
                    "no customer fact is called '\(id)'\(Suggestion.hint(for: id, in: facts.map(\.id)))", at: location)
                return
            }
            if fact.askedBy.isEmpty {
                diagnostics.error(
                    "SCN-UNKNOWN-FACT",
                    "the fact '\(id)' has no asked-by: words, so no reply can ask for it and this guard never holds",
                    at: location)
            }
        }

        if !scenario.start.isEmpty, scenario.states[scenario.start] == nil {
            diagnostics.error(
                "SCN-UNKNOWN-STATE",
                "the start state '\(scenario.start)' does not exist\(Suggestion.hint(for: scenario.start, in: scenario.stateOrder))",
                at: scenario.startLocation ?? here)
        }
        for id in scenario.endingOrder where scenario.states[id] != nil {
            diagnostics.error(
                "SCN-DUPLICATE-ID", "'\(id)' is both a state and an ending", at: scenario.endings[id]?.location ?? here)
        }
        var factIds = Set<String>()
        for fact in scenario.customer.facts where !factIds.insert(fact.id).inserted {
            diagnostics.error("SCN-DUPLICATE-ID", "two facts are called '\(fact.id)'", at: here)
        }
        if scenario.customer.names.isEmpty {
            diagnostics.error("SCN-CUSTOMER", "the customer needs at least one name", at: here)
        }
        for variable in scenario.mood {
            for ending in [variable.minEnding, variable.maxEnding].compactMap({ $0 })
            where scenario.endings[ending] == nil {
                diagnostics.error(
                    "SCN-UNKNOWN-TARGET",
                    "no ending is called '\(ending)'\(Suggestion.hint(for: ending, in: scenario.endingOrder))",
                    at: variable.location)
            }
        }
        for id in scenario.stateOrder {
            guard let state = scenario.states[id] else { continue }
            if state.say.isEmpty {
                diagnostics.error("SCN-SAY", "the state '\(id)' has nothing to say", at: state.location)
            }
            state.on.forEach(checkTransition)
            if let fallback = state.fallback {
                checkTarget(fallback.goto, at: fallback.gotoLocation)
                for effect in fallback.effects { checkMood(effect.variable, at: effect.location) }
            }
        }
        scenario.global.forEach(checkTransition)
        for line in scenario.allLines {
            guard let condition = line.when else { continue }
            let at = line.whenLocation ?? here
            for (name, _, location) in condition.mood { checkMood(name, at: location) }
            for id in condition.visited + condition.notVisited { checkState(id, at: at) }
        }
        for effect in (scenario.interrupt?.effects ?? []) + (scenario.silence?.effects ?? []) {
            checkMood(effect.variable, at: effect.location)
        }
        for test in scenario.tests {
            if let ending = test.expect.ending, scenario.endings[ending] == nil {
                diagnostics.error(
                    "SCN-TEST", "the test '\(test.name)' expects an ending '\(ending)' that does not exist",
                    at: test.expect.location)
            }
            for id in test.expect.path ?? [] where !targets.contains(id) {
                diagnostics.error(
                    "SCN-TEST", "the test '\(test.name)' expects a path through '\(id)', which does not exist",
                    at: test.expect.location)
            }
        }
        // Reachability means little while the graph itself is broken.
        if diagnostics.diagnostics.filter({ $0.severity == .error }).count > errorsBefore { return }
        checkReachability(scenario, diagnostics: &diagnostics)
    }

    /// Where the conversation can go from each state (ignoring guards).
    public static func successors(of id: String, in scenario: Scenario) -> [String] {
        guard let state = scenario.states[id] else { return [] }
        var next = (state.on + scenario.global).compactMap(\.goto)
        if let goto = state.fallback?.goto { next.append(goto) }
        next += scenario.mood.flatMap { [$0.minEnding, $0.maxEnding].compactMap { $0 } }
        return next
    }

    static func checkReachability(_ scenario: Scenario, diagnostics: inout DiagnosticCollector) {
        // Without a start that exists (reported already), every state would look unreachable.
        guard scenario.states[scenario.start] != nil else { return }
        var reached: Set<String> = [scenario.start]
        var queue = [scenario.start]
        while let id = queue.popLast() {
            for next in successors(of: id, in: scenario) where reached.insert(next).inserted {
                queue.append(next)
            }
        }
        for id in scenario.stateOrder where !reached.contains(id) {
            diagnostics.warning(
                "SCN-UNREACHABLE", "the state '\(id)' can never be reached from '\(scenario.start)'",
                at: scenario.states[id]?.location)
        }
        if !scenario.endingOrder.contains(where: reached.contains) {
            diagnostics.error(
                "SCN-NO-ENDING", "no ending can be reached from '\(scenario.start)'",
                at: scenario.states[scenario.start]?.location)
        }
    }
}
