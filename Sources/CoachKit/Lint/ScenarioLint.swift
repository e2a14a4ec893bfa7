import Foundation

/// The checks `coach lint` adds to loading a scenario: what loads but cannot work as meant.
///
/// Every check is a pure function of the scenario, its file's YAML tree (for exact
/// places), and the rubric and lexicon it will be played with. Codes and fixes are
/// documented in `docs/diagnostics.md`.
public enum ScenarioLint {
    /// The score a scenario's best trainee must be able to reach (a warning below it).
    public static let targetScore = 80

    /// Everything lint finds in a scenario that loaded; `source` is the file's YAML tree.
    /// With `readings` (what the lexicon's examples are read as), guards that the moves of
    /// real replies come bundled against are reported too (``BundleCheck``). `profile` is the
    /// lexicon's ``LanguageCheck/Profile`` when the caller keeps one for many scenarios
    /// (learning it reads every example of the lexicon); without it, it is learnt here.
    public static func check(
        _ scenario: Scenario, source: YAMLNode?, rubric: Rubric?, lexicon: Lexicon?, readings: ExampleReadings? = nil,
        profile: LanguageCheck.Profile? = nil
    ) -> [Diagnostic] {
        var diagnostics = DiagnosticCollector()
        let graph = ScenarioGraph(scenario)
        let dead = checkGuards(scenario, graph: graph, source: source, diagnostics: &diagnostics)
        if let readings { BundleCheck.check(scenario, readings: readings, dead: dead, diagnostics: &diagnostics) }
        checkReachability(graph, dead: dead, diagnostics: &diagnostics)
        checkMood(scenario, diagnostics: &diagnostics)
        checkAuthorityGuards(scenario, diagnostics: &diagnostics)
        if let lexicon, let source {
            diagnostics.append(
                contentsOf: LanguageCheck.check(scenario, source: source, profile: profile ?? LanguageCheck.Profile(lexicon)))
        }
        // The scenario's own phrases parse as the lexicon's patterns do.
        if let lexicon { _ = lexicon.adding(scenario.phrases, diagnostics: &diagnostics) }
        if let rubric {
            checkTestEvents(scenario, rubric: rubric, source: source, diagnostics: &diagnostics)
            checkRubric(scenario, rubric: rubric, source: source, diagnostics: &diagnostics)
            let bound = ScoreBound.compute(scenario, rubric: rubric, dead: dead)
            if bound.score < targetScore {
                let place = source?.keyLocation("id") ?? SourceLocation(file: scenario.file, line: 1, column: 1)
                diagnostics.warning(
                    "SCN-MAX-SCORE",
                    "even a perfect trainee scores at most \(bound.score) here (below \(targetScore)): \(bound.explanation)",
                    at: place)
            }
        }
        return diagnostics.diagnostics
    }

    /// The transitions that can never fire: contradictory guards, and guards an earlier
    /// transition always takes first. Reports each; returns them for the graph checks.
    static func checkGuards(
        _ scenario: Scenario, graph: ScenarioGraph, source: YAMLNode?, diagnostics: inout DiagnosticCollector
    ) -> Set<TransitionRef> {
        var dead = Set<TransitionRef>()
        func node(_ ref: TransitionRef) -> YAMLNode? {
            switch ref {
            case .global(let index): source?.at("global", .index(index))
            case .on(let state, let index): source?.at("states", .key(state), "on", .index(index))
            case .fallback(let state): source?.at("states", .key(state), "fallback")
            }
        }
        // Contradictions first: a transition that can never fire shadows nothing.
        var lists: [(state: String?, refs: [(TransitionRef, Scenario.Transition)])] = []
        lists.append((nil, scenario.global.enumerated().map { (.global(index: $0.offset), $0.element) }))
        for id in scenario.stateOrder {
            guard let state = scenario.states[id] else { continue }
            lists.append((id, state.on.enumerated().map { (.on(state: id, index: $0.offset), $0.element) }))
        }
        for (state, refs) in lists {
            for (ref, transition) in refs {
                let problems = GuardAnalysis.contradictions(
                    transition.condition, state: state, scenario: scenario, guardNode: node(ref)?.at("if"),
                    fallback: transition.location)
                for problem in problems {
                    diagnostics.error(problem.code, problem.message, at: problem.location)
                }
                if !problems.isEmpty { dead.insert(ref) }
            }
        }
        let globals = lists[0].refs.filter { !dead.contains($0.0) }
        /// `transition`, for a warning at `here`: by its line, and its file when that is another
        /// (a fragment's, ``ScenarioIncludes``).
        func describe(_ ref: TransitionRef, _ transition: Scenario.Transition, from here: SourceLocation?) -> String {
            let file = transition.location.file
            let line =
                "line \(transition.location.line)" + (file == here?.file ? "" : " of \((file as NSString).lastPathComponent)")
            if transition.condition.isEmpty {
                return "the \(ref.isGlobal ? "global " : "")transition at \(line) has no 'if' and always fires first"
            }
            return "the \(ref.isGlobal ? "global " : "")transition at \(line) fires first whenever this one would"
        }
        // Shadowing: among globals, then each state's own list after the globals.
        for (state, refs) in lists {
            var earlier = state == nil ? [] : globals
            for (ref, transition) in refs where !dead.contains(ref) {
                if let (shadowRef, shadow) = earlier.first(where: {
                    GuardAnalysis.implies(transition.condition, $0.1.condition, scenario: scenario)
                }) {
                    diagnostics.warning(
                        "SCN-SHADOWED", "this transition can never fire: \(describe(shadowRef, shadow, from: transition.location))",
                        at: transition.location)
                    dead.insert(ref)
                    continue
                }
                earlier.append((ref, transition))
            }
            guard let state, let fallback = scenario.states[state]?.fallback else { continue }
            if let (alwaysRef, always) = earlier.first(where: {
                GuardAnalysis.alwaysHolds($0.1.condition, scenario: scenario)
            }) {
                diagnostics.warning(
                    "SCN-SHADOWED", "this fallback is never used: \(describe(alwaysRef, always, from: fallback.location))",
                    at: fallback.location)
                dead.insert(.fallback(state: state))
            }
        }
        return dead
    }

    /// Endings that can never be reached, states reachable only through transitions
    /// that never fire, and states from which no ending can be reached.
    static func checkReachability(
        _ graph: ScenarioGraph, dead: Set<TransitionRef>, diagnostics: inout DiagnosticCollector
    ) {
        let scenario = graph.scenario
        guard scenario.states[scenario.start] != nil else { return }
        let live: (TransitionRef) -> Bool = { !dead.contains($0) }
        let declared = graph.reachable()
        let reached = graph.reachable(include: live)
        for id in scenario.stateOrder where declared.contains(id) && !reached.contains(id) {
            diagnostics.warning(
                "SCN-UNREACHABLE",
                "the state '\(id)' can only be reached through transitions that never fire",
                at: scenario.states[id]?.location)
        }
        for id in scenario.endingOrder where !reached.contains(id) {
            let how =
                declared.contains(id)
                ? "only transitions that never fire lead to it"
                : "no transition, fallback or mood bound leads to it from '\(scenario.start)'"
            diagnostics.warning(
                "SCN-UNREACHABLE", "the ending '\(id)' can never be reached: \(how)", at: scenario.endings[id]?.location)
        }
        let endings = Set(scenario.endingOrder).intersection(reached)
        let canEnd = graph.canReach(endings, include: live)
        for id in scenario.stateOrder where reached.contains(id) && !canEnd.contains(id) {
            diagnostics.warning(
                "SCN-DEAD-END",
                "no ending can be reached from the state '\(id)': once here, the conversation can only run out of turns",
                at: scenario.states[id]?.location)
        }
    }

    /// Mood variables that nothing changes, or that nothing reads.
    /// A guard on `beyond-authority` in a scenario that forbids nothing is decided before
    /// the conversation starts: `true` never holds, `false` always does.
    static func checkAuthorityGuards(_ scenario: Scenario, diagnostics: inout DiagnosticCollector) {
        guard scenario.beyondAuthority.isEmpty else { return }
        let transitions = scenario.global + scenario.stateOrder.flatMap { scenario.states[$0]?.on ?? [] }
        for transition in transitions {
            guard let beyond = transition.condition.beyondAuthority else { continue }
            diagnostics.warning(
                "SCN-NO-AUTHORITY",
                "this guard asks whether the reply gives away what the briefing forbids, but the scenario has no "
                    + "beyond-authority: list, so it \(beyond ? "never holds" : "always holds")",
                at: transition.location)
        }
    }

    static func checkMood(_ scenario: Scenario, diagnostics: inout DiagnosticCollector) {
        let transitions = scenario.global + scenario.stateOrder.flatMap { scenario.states[$0]?.on ?? [] }
        var written = Set<String>()
        for transition in transitions { written.formUnion(transition.effects.map(\.variable)) }
        for id in scenario.stateOrder { written.formUnion(scenario.states[id]?.fallback?.effects.map(\.variable) ?? []) }
        written.formUnion((scenario.interrupt?.effects ?? []).map(\.variable))
        written.formUnion((scenario.silence?.effects ?? []).map(\.variable))
        var read = Set<String>()
        for transition in transitions { read.formUnion(transition.condition.mood.map(\.variable)) }
        for variable in scenario.mood {
            if !written.contains(variable.name) {
                diagnostics.warning(
                    "SCN-MOOD-NEVER-WRITTEN",
                    "nothing changes the mood '\(variable.name)': it stays at \(GuardAnalysis.format(variable.initial)) all conversation",
                    at: variable.location)
            }
            let hasEnding = variable.minEnding != nil || variable.maxEnding != nil
            if !read.contains(variable.name) && !hasEnding {
                diagnostics.warning(
                    "SCN-MOOD-NEVER-READ",
                    "nothing reads the mood '\(variable.name)': no guard compares it and it has no min-ending or max-ending",
                    at: variable.location)
            }
        }
    }

    /// Test expectations that name rubric rules that do not exist.
    static func checkTestEvents(
        _ scenario: Scenario, rubric: Rubric, source: YAMLNode?, diagnostics: inout DiagnosticCollector
    ) {
        let known = rubric.rules.map(\.id) + ["outcome"] + scenario.stateOrder.map { "scenario:\($0)" }
        for (index, test) in scenario.tests.enumerated() {
            for (key, ids) in [("events", test.expect.events), ("no-events", test.expect.noEvents)] {
                for id in ids where !known.contains(id) {
                    let place = source?.at("tests", .index(index), "expect", .key(key))?.item(id) ?? test.expect.location
                    diagnostics.warning(
                        "SCN-TEST-EVENT",
                        "the test '\(test.name)' names a rule '\(id)' that the rubric does not have\(Suggestion.hint(for: id, in: known))",
                        at: place)
                }
            }
        }
    }
}

extension ScenarioLint {
    /// `rubric:` entries for rules the rubric does not have, and feedback texts, the scenario's own
    /// and its points', that would render badly (see ``ScenarioRubric/problem(in:)``).
    static func checkRubric(
        _ scenario: Scenario, rubric: Rubric, source: YAMLNode?, diagnostics: inout DiagnosticCollector
    ) {
        let known = rubric.rules.map(\.id)
        let inFileOrder = scenario.rubric.sorted {
            ($0.value.location.line, $0.value.location.column) < ($1.value.location.line, $1.value.location.column)
        }
        for (id, feedback) in inFileOrder {
            if !known.contains(id) {
                diagnostics.error(
                    "SCN-RUBRIC",
                    "'\(id)' is not a rule of the rubric\(Suggestion.hint(for: id, in: known))",
                    at: feedback.location)
            }
            for (key, text) in [("why", feedback.why), ("try", feedback.tryText)] {
                guard let text, let problem = ScenarioRubric.problem(in: text) else { continue }
                diagnostics.warning(
                    "SCN-RUBRIC", "the \(key) text of '\(id)': \(problem)",
                    at: source?.at("rubric", .key(id), .key(key))?.location ?? feedback.location)
            }
        }
        var points: [(Scenario.Points, SourceLocation)] = []
        for transition in scenario.global { if let own = transition.points { points.append((own, transition.location)) } }
        for id in scenario.stateOrder {
            for transition in scenario.states[id]?.on ?? [] {
                if let own = transition.points { points.append((own, transition.location)) }
            }
        }
        for (own, location) in points {
            for text in [own.because, own.tryText].compactMap({ $0 }) {
                guard let problem = ScenarioRubric.problem(in: text) else { continue }
                diagnostics.warning("SCN-RUBRIC", "the points' text: \(problem)", at: location)
            }
        }
    }
}

extension TransitionRef {
    var isGlobal: Bool {
        if case .global = self { return true }
        return false
    }
}
