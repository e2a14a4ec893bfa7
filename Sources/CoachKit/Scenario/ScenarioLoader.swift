import Foundation

/// Reads a scenario file, reporting every problem as `file:line:col`.
///
/// Reading is in two passes: this one turns YAML into a ``Scenario`` and reports
/// shape errors (types, unknown and missing keys); ``ScenarioValidator`` then checks
/// what refers to what (states, endings, moves, mood variables) and reachability.
public enum ScenarioLoader {
    static let topKeys = [
        "id", "title", "kind", "difficulty", "language", "briefing", "authority", "turn-limit", "customer", "mood",
        "start", "states", "global", "endings", "interrupt", "silence", "unclear", "rubric", "beyond-authority", "phrases",
        "tests", "include",
    ]
    /// A state's keys besides the customer's act flags (``Scenario/CustomerAct``).
    static let stateKeys = ["phase", "say", "hint", "on", "unclear", "fallback"]

    /// Loads and validates `path`; `nil` when errors make it unplayable.
    public static func load(path: String, diagnostics: inout DiagnosticCollector) -> Scenario? {
        // The document first: it refuses what is not a regular file before anything reads it.
        guard let root = YAMLDocument.load(contentsOf: path, diagnostics: &diagnostics) else { return nil }
        let data = (try? RegularFile.read(path, limit: YAMLLimits().maxBytes).get()) ?? Data()
        let assembled = ScenarioIncludes.assemble(root, file: path, hash: ContentHash.of(data), diagnostics: &diagnostics)
        return finish(assembled.root, file: path, hash: assembled.hash, diagnostics: &diagnostics)
    }

    /// Loads scenario text (tests, tools); its `include:` is read from the library of `file`.
    public static func load(text: String, file: String, diagnostics: inout DiagnosticCollector) -> Scenario? {
        guard let root = YAMLDocument.parse(text: text, file: file, diagnostics: &diagnostics) else { return nil }
        let assembled = ScenarioIncludes.assemble(
            root, file: file, hash: ContentHash.of(Data(text.utf8)), diagnostics: &diagnostics)
        return finish(assembled.root, file: file, hash: assembled.hash, diagnostics: &diagnostics)
    }

    /// Reads and validates a scenario whose fragments are merged in already (``ScenarioIncludes``).
    static func finish(_ root: YAMLNode, file: String, hash: String, diagnostics: inout DiagnosticCollector)
        -> Scenario?
    {
        var local = DiagnosticCollector()
        guard var scenario = read(root, file: file, diagnostics: &local) else {
            diagnostics.append(contentsOf: local.diagnostics)
            return nil
        }
        scenario.contentHash = hash
        // References are checked even after shape errors, so one pass reports everything.
        ScenarioValidator.validate(scenario, diagnostics: &local)
        diagnostics.append(contentsOf: local.diagnostics)
        return local.hasErrors ? nil : scenario
    }

    static func read(_ root: YAMLNode, file: String, diagnostics: inout DiagnosticCollector) -> Scenario? {
        guard var written = root.mapping("a scenario", &diagnostics) else { return nil }
        // `x-…` keys are the trainer's own: a place for anchors that `<<: *name` merges elsewhere.
        written.entries.removeAll { $0.key.hasPrefix("x-") }
        let top = written.checkKeys(
            "a scenario", known: topKeys,
            required: ["id", "title", "kind", "difficulty", "language", "briefing", "states", "endings"],
            &diagnostics)
        if top["start"] == nil {
            // Said where the states are, with what it may name: there is no line to point at.
            let states = top["states"].flatMap { node -> [String]? in
                if case .mapping(let mapping) = node { return mapping.keys } else { return nil }
            } ?? []
            diagnostics.error(
                "MISSING-KEY",
                "a scenario needs the key 'start': the state it begins in"
                    + (states.isEmpty ? "" : " (one of: \(states.joined(separator: ", ")))"),
                at: top.entries.first { $0.key == "states" }?.keyLocation ?? top.location)
        }
        var reader = Reader(diagnostics: diagnostics)
        let scenario = reader.scenario(top, file: file)
        diagnostics = reader.diagnostics
        return scenario
    }

    /// The reading pass, with the diagnostics it collects.
    struct Reader {
        var diagnostics: DiagnosticCollector
        /// The customer's fact ids, once read: what `{fact:ID}` in a line may name.
        var factIds: [String] = []

        mutating func scenario(_ top: YAMLMapping, file: String) -> Scenario {
            var scenario = Scenario(
                id: "", title: "", kind: .genuineGrievance, difficulty: 1, language: "en", briefing: "",
                authority: [], turnLimit: 20, customer: .init(names: [], persona: "", facts: []), mood: [],
                start: "", states: [:], stateOrder: [], global: [], endings: [:], endingOrder: [],
                interrupt: nil, silence: nil, tests: [], file: file, contentHash: "")
            if let node = top["id"], let id = node.string("id", &diagnostics) {
                if !Self.isIdentifier(id) {
                    diagnostics.error(
                        "SCN-ID", "the id '\(id)' must be lower-case letters, digits and '-'", at: node.location)
                }
                scenario.id = id
            }
            scenario.title = top["title"]?.string("title", &diagnostics) ?? ""
            if let node = top["kind"], let text = node.string("kind", &diagnostics) {
                if let kind = Scenario.Kind(rawValue: text) {
                    scenario.kind = kind
                } else {
                    let known = Scenario.Kind.allCases.map(\.rawValue)
                    diagnostics.error(
                        "SCN-KIND",
                        "unknown kind '\(text)'\(Suggestion.hint(for: text, in: known)); use one of \(known.joined(separator: ", "))",
                        at: node.location)
                }
            }
            scenario.difficulty = top["difficulty"]?.int("difficulty", in: 1...3, &diagnostics) ?? 1
            scenario.language = top["language"]?.string("language", &diagnostics) ?? "en"
            if let node = top["language"], !LanguageCode.isValid(scenario.language) {
                diagnostics.error("BAD-LANGUAGE", LanguageCode.problem(scenario.language), at: node.location)
            }
            scenario.briefing = top["briefing"]?.string("briefing", &diagnostics) ?? ""
            scenario.authority = top["authority"]?.strings("authority", &diagnostics) ?? []
            scenario.turnLimit = top["turn-limit"]?.int("turn-limit", in: 1...100, &diagnostics) ?? 20
            if let customer = top["customer"]?.mapping("customer", &diagnostics) {
                scenario.customer = self.customer(customer)
                factIds = scenario.customer.facts.map(\.id)
            }
            if let mood = top["mood"]?.mapping("mood", &diagnostics) {
                scenario.mood = mood.entries.compactMap { moodVariable($0) }
            }
            scenario.start = top["start"]?.string("start", &diagnostics) ?? ""
            scenario.startLocation = top["start"]?.location
            if let states = top["states"]?.mapping("states", &diagnostics) {
                for entry in states.entries {
                    guard let state = state(entry) else { continue }
                    scenario.states[entry.key] = state
                    scenario.stateOrder.append(entry.key)
                }
            }
            if let global = top["global"]?.sequence("global", &diagnostics) {
                scenario.global = global.compactMap { transition($0) }
            }
            if let endings = top["endings"]?.mapping("endings", &diagnostics) {
                for entry in endings.entries {
                    guard let ending = ending(entry) else { continue }
                    scenario.endings[entry.key] = ending
                    scenario.endingOrder.append(entry.key)
                }
            }
            if let interrupt = top["interrupt"] { scenario.interrupt = reaction(interrupt, "interrupt") }
            if let unclear = top["unclear"] { scenario.unclear = reaction(unclear, "unclear") }
            for node in top["beyond-authority"]?.sequence("beyond-authority", &diagnostics) ?? [] {
                let what = "an entry of beyond-authority"
                guard let mapping = node.mapping(what, &diagnostics) else { continue }
                mapping.checkKeys(what, known: ["label", "words"], required: ["label", "words"], &diagnostics)
                guard let label = mapping["label"]?.string("label", &diagnostics),
                    let words = mapping["words"]?.strings("words", &diagnostics)
                else { continue }
                scenario.beyondAuthority.append(.init(label: label, words: words, location: mapping.location))
            }
            if let phrases = top["phrases"]?.mapping("phrases", &diagnostics) {
                for entry in phrases.entries {
                    guard let move = entry.move(&diagnostics) else { continue }
                    // Parsed with the lexicon, when the scenario is set up to play (Setup.make).
                    for scalar in entry.value.scalars("the phrases of '\(entry.key)'", &diagnostics) ?? [] {
                        scenario.phrases.append(
                            .init(move: move, pattern: scalar.text, location: scalar.location(ofOffset: 0)))
                    }
                }
            }
            if let rubric = top["rubric"]?.mapping("rubric", &diagnostics) {
                for entry in rubric.entries {
                    let what = "the rubric rule '\(entry.key)'"
                    guard let mapping = entry.value.mapping(what, &diagnostics) else { continue }
                    mapping.checkKeys(what, known: ["why", "try", "applies"], &diagnostics)
                    scenario.rubric[entry.key] = Scenario.RuleOverride(
                        why: mapping["why"]?.string("why", &diagnostics),
                        tryText: mapping["try"]?.string("try", &diagnostics),
                        applies: mapping["applies"]?.bool("applies", &diagnostics) ?? true, location: entry.keyLocation)
                }
            }
            if let silence = top["silence"]?.mapping("silence", &diagnostics) {
                silence.checkKeys("silence", known: ["after", "say", "mood"], &diagnostics)
                scenario.silence = Scenario.SilenceRule(
                    // Zero or less would nudge on every tick of the clock, for ever.
                    after: silence["after"]?.double("after", in: 1...86_400, &diagnostics) ?? 40,
                    say: silence["say"].map { lines($0, "silence's say") } ?? [],
                    effects: silence["mood"].map { effects($0) } ?? [])
            }
            if let tests = top["tests"]?.sequence("tests", &diagnostics) {
                scenario.tests = tests.compactMap { test($0) }
            }
            return scenario
        }

        static func isIdentifier(_ text: String) -> Bool {
            !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        }

        mutating func customer(_ mapping: YAMLMapping) -> Scenario.Customer {
            mapping.checkKeys("customer", known: ["names", "persona", "facts"], required: ["names"], &diagnostics)
            var customer = Scenario.Customer(
                names: mapping["names"]?.strings("names", &diagnostics) ?? [],
                persona: mapping["persona"]?.string("persona", &diagnostics) ?? "", facts: [])
            for node in mapping["facts"]?.sequence("facts", &diagnostics) ?? [] {
                guard let fact = node.mapping("a fact", &diagnostics) else { continue }
                fact.checkKeys(
                    "a fact", known: ["id", "label", "value", "accept", "asked-by", "answer"], required: ["id", "value"],
                    &diagnostics)
                let value = fact["value"]?.string("value", &diagnostics) ?? ""
                var loaded = Scenario.Fact(
                    id: fact["id"]?.string("id", &diagnostics) ?? "",
                    label: fact["label"]?.string("label", &diagnostics) ?? value,
                    value: value,
                    accept: fact["accept"]?.strings("accept", &diagnostics) ?? [])
                loaded.askedBy = fact["asked-by"]?.strings("asked-by", &diagnostics) ?? []
                loaded.answer = fact["answer"]?.string("answer", &diagnostics).map { Scenario.Line(parts: [$0]) }
                // Each needs the other: words that ask with nothing to answer, or an answer nobody can ask for.
                if loaded.askedBy.isEmpty != (loaded.answer == nil) {
                    let (has, lacks) = loaded.answer == nil ? ("asked-by", "answer") : ("answer", "asked-by")
                    diagnostics.error(
                        "SCN-FACT-ANSWER", "the fact '\(loaded.id)' has '\(has)' but no '\(lacks)'",
                        at: (fact[has] ?? node).location)
                }
                customer.facts.append(loaded)
            }
            return customer
        }

        mutating func moodVariable(_ entry: YAMLMapping.Entry) -> Scenario.MoodVariable? {
            let what = "the mood '\(entry.key)'"
            guard let mapping = entry.value.mapping(what, &diagnostics) else { return nil }
            mapping.checkKeys(
                what, known: ["initial", "min", "max", "min-ending", "max-ending"], required: ["initial"], &diagnostics)
            // Mood numbers are bounded as comparisons are, so that sums of effects stay exact.
            let bound = Scenario.Comparison.maxMagnitude
            let minimum = mapping["min"]?.double("min", in: -bound...bound, &diagnostics) ?? 0
            let maximum = mapping["max"]?.double("max", in: -bound...bound, &diagnostics) ?? 100
            let initial = mapping["initial"]?.double("initial", in: -bound...bound, &diagnostics) ?? minimum
            if minimum >= maximum {
                diagnostics.error("SCN-MOOD-RANGE", "\(what): min must be below max", at: mapping.location)
            } else if initial < minimum || initial > maximum {
                diagnostics.error(
                    "SCN-MOOD-RANGE", "\(what): initial must lie between min and max", at: mapping["initial"]?.location)
            }
            return Scenario.MoodVariable(
                name: entry.key, initial: initial, min: minimum, max: maximum,
                minEnding: mapping["min-ending"]?.string("min-ending", &diagnostics),
                maxEnding: mapping["max-ending"]?.string("max-ending", &diagnostics), location: entry.keyLocation)
        }

        mutating func state(_ entry: YAMLMapping.Entry) -> Scenario.State? {
            let what = "the state '\(entry.key)'"
            guard let written = entry.value.mapping(what, &diagnostics) else { return nil }
            let flags = Scenario.CustomerAct.names.map(\.0)
            let mapping = written.checkKeys(what, known: stateKeys + flags, required: ["say"], &diagnostics)
            var state = Scenario.State(
                id: entry.key, phase: .listening, say: mapping["say"].map { lines($0, "say") } ?? [], acts: [],
                hint: mapping["hint"]?.string("hint", &diagnostics), on: [], unclear: nil, fallback: nil,
                location: entry.keyLocation)
            if let node = mapping["phase"], let text = node.string("phase", &diagnostics) {
                if let phase = Scenario.Phase(rawValue: text) {
                    state.phase = phase
                } else {
                    let known = Scenario.Phase.allCases.map(\.rawValue)
                    diagnostics.error(
                        "SCN-PHASE", "unknown phase '\(text)'\(Suggestion.hint(for: text, in: known))", at: node.location)
                }
            }
            for (name, act) in Scenario.CustomerAct.names where mapping[name]?.bool(name, &diagnostics) == true {
                state.acts.insert(act)
            }
            state.on = mapping["on"]?.sequence("on", &diagnostics)?.compactMap { transition($0) } ?? []
            if let unclear = mapping["unclear"] { state.unclear = reaction(unclear, "unclear") }
            if let fallback = mapping["fallback"]?.mapping("fallback", &diagnostics) {
                fallback.checkKeys("fallback", known: ["say", "mood", "limit", "goto"], &diagnostics)
                state.fallback = Scenario.Fallback(
                    say: fallback["say"].map { lines($0, "fallback's say") } ?? [],
                    effects: fallback["mood"].map { effects($0) } ?? [],
                    limit: fallback["limit"]?.int("limit", in: 1...50, &diagnostics),
                    goto: fallback["goto"]?.string("goto", &diagnostics),
                    gotoLocation: fallback["goto"]?.location, location: fallback.location)
                if state.fallback?.limit != nil, state.fallback?.goto == nil {
                    diagnostics.error("SCN-FALLBACK", "a fallback with a limit needs a goto", at: fallback.location)
                }
            }
            return state
        }

        /// `say:` lines and `mood:` effects, the shape of `interrupt:` and `unclear:`.
        mutating func reaction(_ node: YAMLNode, _ what: String) -> Scenario.Reaction? {
            guard let mapping = node.mapping(what, &diagnostics) else { return nil }
            mapping.checkKeys(what, known: ["say", "mood"], &diagnostics)
            return Scenario.Reaction(
                say: mapping["say"].map { lines($0, "\(what)'s say") } ?? [],
                effects: mapping["mood"].map { effects($0) } ?? [])
        }

        mutating func transition(_ node: YAMLNode) -> Scenario.Transition? {
            guard let mapping = node.mapping("a transition", &diagnostics) else { return nil }
            mapping.checkKeys("a transition", known: ["if", "mood", "points", "say", "goto"], &diagnostics)
            var transition = Scenario.Transition(
                condition: .init(), effects: mapping["mood"].map { effects($0) } ?? [], points: nil,
                say: [], goto: mapping["goto"]?.string("goto", &diagnostics), gotoLocation: mapping["goto"]?.location,
                location: mapping.location)
            if let condition = mapping["if"]?.mapping("if", &diagnostics) {
                transition.condition = self.condition(condition)
            }
            if let say = mapping["say"] { transition.say = onceSaid(say, "a transition's say") }
            if let points = mapping["points"]?.mapping("points", &diagnostics) { transition.points = self.points(points) }
            return transition
        }

        /// The keys of a transition's `if:`.
        static let conditionKeys = [
            "any", "all", "none", "mood", "turn", "visited", "not-visited", "interrupted", "beyond-authority", "asked",
        ]
        /// The keys of a line's `if:`: what the conversation has come to, not the reply's words.
        static let wordingKeys = ["mood", "turn", "visited", "not-visited"]

        mutating func condition(_ mapping: YAMLMapping, known: [String] = conditionKeys) -> Scenario.Condition {
            mapping.checkKeys(known == Self.conditionKeys ? "a condition" : "a line's condition", known: known, &diagnostics)
            var condition = Scenario.Condition()
            condition.any = moves(mapping["any"], "any")
            (condition.all, condition.allGroups) = allMoves(mapping["all"])
            condition.none = moves(mapping["none"], "none")
            if let mood = mapping["mood"]?.mapping("mood", &diagnostics) {
                for entry in mood.entries {
                    if let comparison = comparison(entry.value, "the mood condition on '\(entry.key)'") {
                        condition.mood.append((entry.key, comparison, entry.keyLocation))
                    }
                }
            }
            condition.turn = mapping["turn"].flatMap { comparison($0, "turn") }
            condition.visited = mapping["visited"]?.strings("visited", &diagnostics) ?? []
            condition.notVisited = mapping["not-visited"]?.strings("not-visited", &diagnostics) ?? []
            condition.interrupted = mapping["interrupted"]?.bool("interrupted", &diagnostics)
            condition.beyondAuthority = mapping["beyond-authority"]?.bool("beyond-authority", &diagnostics)
            condition.asked = mapping["asked"]?.strings("asked", &diagnostics) ?? []
            return condition
        }

        mutating func moves(_ node: YAMLNode?, _ what: String) -> [MoveID] {
            node?.moves(what, &diagnostics) ?? []
        }

        /// `all: [plan, [apology, empathy]]`: the moves needed, and the groups of which one is.
        mutating func allMoves(_ node: YAMLNode?) -> ([MoveID], [[MoveID]]) {
            guard case .sequence(let items, _)? = node else { return (moves(node, "all"), []) }
            var needed: [MoveID] = []
            var groups: [[MoveID]] = []
            for item in items {
                if case .sequence = item {
                    let group = moves(item, "a group of all")
                    if !group.isEmpty { groups.append(group) }
                } else {
                    needed += moves(item, "all")
                }
            }
            return (needed, groups)
        }

        mutating func comparison(_ node: YAMLNode, _ what: String) -> Scenario.Comparison? {
            YAMLComparison.read(node, what, &diagnostics)
        }

        mutating func effects(_ node: YAMLNode) -> [Scenario.MoodEffect] {
            guard let mapping = node.mapping("mood effects", &diagnostics) else { return [] }
            return mapping.entries.compactMap { entry in
                let bound = Scenario.Comparison.maxMagnitude
                guard let delta = entry.value.double("the change of '\(entry.key)'", in: -bound...bound, &diagnostics)
                else { return nil }
                return Scenario.MoodEffect(variable: entry.key, delta: delta, location: entry.keyLocation)
            }
        }

        mutating func points(_ mapping: YAMLMapping) -> Scenario.Points? {
            mapping.checkKeys(
                "points", known: ["value", "category", "because", "guidelines", "try"],
                required: ["value", "category", "because"], &diagnostics)
            var category = Category.resolution
            if let node = mapping["category"], let text = node.string("category", &diagnostics) {
                if let known = Category(rawValue: text) {
                    category = known
                } else {
                    let names = Category.allCases.map(\.rawValue)
                    diagnostics.error(
                        "SCN-CATEGORY", "unknown category '\(text)'\(Suggestion.hint(for: text, in: names))",
                        at: node.location)
                }
            }
            let guidelines = mapping["guidelines"]?.strings("guidelines", &diagnostics) ?? []
            // The ids reach the scorecard: each must be one of GUIDELINES.md's, reported where written.
            if case .sequence(let items, _)? = mapping["guidelines"] {
                for (item, id) in zip(items, guidelines) where !RubricLoader.isGuidelineId(id) {
                    diagnostics.error("SCN-GUIDELINE", "'\(id)' is not a guideline id (G1–G46)", at: item.location)
                }
            }
            return Scenario.Points(
                value: mapping["value"]?.int("value", in: -100...100, &diagnostics) ?? 0, category: category,
                because: mapping["because"]?.string("because", &diagnostics) ?? "",
                guidelines: guidelines,
                tryText: mapping["try"]?.string("try", &diagnostics))
        }

        /// Variants of a customer line: `text`, `[text, text]` (variants), or `[[part, part], text]`;
        /// any variant may be `{if: condition, say: line}`, said only while the condition holds.
        mutating func lines(_ node: YAMLNode, _ what: String) -> [Scenario.Line] {
            switch node {
            case .scalar:
                return text(node, what).map { [Scenario.Line(parts: [$0])] } ?? []
            case .sequence(let items, _):
                let variants = items.compactMap { item -> Scenario.Line? in
                    switch item {
                    case .sequence: return parts(item)
                    case .mapping: return conditionalLine(item)
                    case .scalar: return text(item, "a line").map { Scenario.Line(parts: [$0]) }
                    }
                }
                requirePlainVariant(variants, at: node)
                return variants
            case .mapping:
                let variants = conditionalLine(node).map { [$0] } ?? []
                requirePlainVariant(variants, at: node)
                return variants
            }
        }

        /// The lines of a `say:` that is said once where it is (a transition's, an ending's): a
        /// list of texts is one line in parts there; a list with lists or conditional lines in
        /// it is variants.
        mutating func onceSaid(_ node: YAMLNode, _ what: String) -> [Scenario.Line] {
            let variants = lines(node, what)
            if case .sequence(let items, _) = node, items.allSatisfy({ if case .scalar = $0 { true } else { false } }) {
                return [Scenario.Line(parts: variants.flatMap(\.parts))]
            }
            return variants
        }

        mutating func parts(_ node: YAMLNode) -> Scenario.Line? {
            guard case .sequence(let parts, _) = node else { return text(node, "a line").map { Scenario.Line(parts: [$0]) } }
            let texts = parts.compactMap { text($0, "a part of a line") }
            return texts.isEmpty ? nil : Scenario.Line(parts: texts)
        }

        /// `{if: {mood: {patience: "< 30"}}, say: "Just tell me when."}`: a wording for a mood.
        mutating func conditionalLine(_ node: YAMLNode) -> Scenario.Line? {
            guard let mapping = node.mapping("a line", &diagnostics) else { return nil }
            mapping.checkKeys("a line with a condition", known: ["if", "say"], required: ["if", "say"], &diagnostics)
            guard let say = mapping["say"], var line = parts(say) else { return nil }
            if case .mapping = say {
                diagnostics.error("TYPE", "a conditional line's say must be a text or a list of parts", at: say.location)
                return nil
            }
            if let written = mapping["if"]?.mapping("if", &diagnostics) {
                line.when = condition(written, known: Self.wordingKeys)
                line.whenLocation = mapping.location
            }
            return line
        }

        /// Wording for a mood needs a wording for every other moment: a line whose variants all
        /// have conditions would leave the customer with nothing to say when none holds.
        mutating func requirePlainVariant(_ variants: [Scenario.Line], at node: YAMLNode) {
            guard !variants.isEmpty, variants.allSatisfy({ $0.when != nil }) else { return }
            diagnostics.error(
                "SCN-WORDING",
                "every variant here has an `if:`; add one without, said when none of them holds",
                at: node.location)
        }

        /// One text the customer says; its placeholders (``Scenario/Line/placeholders(in:)``)
        /// must name what the scenario has, each reported where it is written.
        mutating func text(_ node: YAMLNode, _ what: String) -> String? {
            guard let text = node.string(what, &diagnostics) else { return nil }
            for (placeholder, offset) in Scenario.Line.placeholders(in: text) {
                let known = ["{name}"] + factIds.map { "{fact:\($0)}" }
                guard !known.contains(placeholder) else { continue }
                let at = if case .scalar(let scalar) = node { scalar.location(ofOffset: offset) } else { node.location }
                diagnostics.error(
                    "SCN-PLACEHOLDER",
                    "\(placeholder) is not something coach can fill in\(Suggestion.hint(for: placeholder, in: known))"
                        + " (it knows \(known.joined(separator: ", ")))",
                    at: at)
            }
            return text
        }

        mutating func ending(_ entry: YAMLMapping.Entry) -> Scenario.Ending? {
            let what = "the ending '\(entry.key)'"
            guard let mapping = entry.value.mapping(what, &diagnostics) else { return nil }
            mapping.checkKeys(what, known: ["outcome", "say", "points"], required: ["outcome"], &diagnostics)
            var outcome = Outcome.resolved
            if let node = mapping["outcome"], let text = node.string("outcome", &diagnostics) {
                if let known = Outcome(rawValue: text) {
                    outcome = known
                } else {
                    let names = Outcome.allCases.map(\.rawValue)
                    diagnostics.error(
                        "SCN-OUTCOME", "unknown outcome '\(text)'\(Suggestion.hint(for: text, in: names))",
                        at: node.location)
                }
            }
            return Scenario.Ending(
                id: entry.key, outcome: outcome, say: mapping["say"].map { onceSaid($0, "an ending's say") } ?? [],
                points: mapping["points"]?.mapping("points", &diagnostics).flatMap { points($0) },
                location: entry.keyLocation)
        }

        mutating func test(_ node: YAMLNode) -> TranscriptTest? {
            guard let mapping = node.mapping("a test", &diagnostics) else { return nil }
            mapping.checkKeys("a test", known: ["name", "replies", "expect"], required: ["name", "replies"], &diagnostics)
            var steps: [TranscriptTest.Step] = []
            for item in mapping["replies"]?.sequence("replies", &diagnostics) ?? [] {
                if let step = step(item) { steps.append(step) }
            }
            var expectation = TranscriptTest.Expectation(location: mapping["expect"]?.location ?? mapping.location)
            if let expect = mapping["expect"]?.mapping("expect", &diagnostics) {
                expect.checkKeys(
                    "expect", known: ["ending", "outcome", "score", "path", "moves", "events", "no-events"], &diagnostics)
                expectation.ending = expect["ending"]?.string("ending", &diagnostics)
                if let node = expect["outcome"], let text = node.string("outcome", &diagnostics) {
                    expectation.outcome = Outcome(rawValue: text)
                    if expectation.outcome == nil {
                        diagnostics.error("SCN-OUTCOME", "unknown outcome '\(text)'", at: node.location)
                    }
                }
                if let score = expect["score"]?.mapping("score", &diagnostics) {
                    score.checkKeys("score", known: ["min", "max"], &diagnostics)
                    expectation.scoreMin = score["min"]?.int("min", in: 0...100, &diagnostics)
                    expectation.scoreMax = score["max"]?.int("max", in: 0...100, &diagnostics)
                }
                expectation.path = expect["path"]?.strings("path", &diagnostics)
                if let moves = expect["moves"]?.mapping("moves", &diagnostics) {
                    for entry in moves.entries {
                        guard let index = Int(entry.key), index >= 1, index <= steps.count else {
                            diagnostics.error(
                                "SCN-TEST", "'\(entry.key)' is not the number of a reply in this test (1–\(steps.count))",
                                at: entry.keyLocation)
                            continue
                        }
                        expectation.moves[index] = self.moves(entry.value, "moves")
                    }
                }
                expectation.events = expect["events"]?.strings("events", &diagnostics) ?? []
                expectation.noEvents = expect["no-events"]?.strings("no-events", &diagnostics) ?? []
            }
            return TranscriptTest(
                name: mapping["name"]?.string("name", &diagnostics) ?? "", steps: steps, expect: expectation,
                location: mapping.location)
        }

        mutating func step(_ node: YAMLNode) -> TranscriptTest.Step? {
            if case .scalar = node { return node.string("a reply", &diagnostics).map { .reply($0, interrupt: false) } }
            guard let mapping = node.mapping("a reply", &diagnostics) else { return nil }
            mapping.checkKeys("a reply", known: ["say", "interrupt", "silence", "note"], &diagnostics)
            if let text = mapping["say"]?.string("say", &diagnostics) {
                return .reply(text, interrupt: mapping["interrupt"]?.bool("interrupt", &diagnostics) ?? false)
            }
            if let seconds = mapping["silence"]?.double("silence", &diagnostics) { return .silence(seconds: seconds) }
            if let note = mapping["note"]?.string("note", &diagnostics) { return .note(note) }
            diagnostics.error("SCN-TEST", "a reply needs one of say, silence or note", at: mapping.location)
            return nil
        }
    }
}

/// A short, stable hash of a file's bytes: the scenario's version in session records.
public enum ContentHash {
    /// 64-bit FNV-1a as 16 hex digits.
    public static func of(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Reads a comparison such as `"< 50"` from YAML, for scenarios and the rubric.
enum YAMLComparison {
    static func read(_ node: YAMLNode, _ what: String, _ diagnostics: inout DiagnosticCollector)
        -> Scenario.Comparison?
    {
        guard let scalar = node.scalar(what, &diagnostics) else { return nil }
        if let comparison = Scenario.Comparison.parse(scalar.text) {
            // Moods, turns and scores are small numbers; a bound keeps every later conversion
            // to a whole number (graphs, lint's ranges) from trapping on "> 1e19".
            guard abs(comparison.value) <= Scenario.Comparison.maxMagnitude else {
                diagnostics.error(
                    "COMPARISON",
                    "\(what) compares with \(scalar.text); numbers here are between -1000000 and 1000000",
                    at: node.location)
                return nil
            }
            return comparison
        }
        diagnostics.error(
            "COMPARISON", "\(what) must be a comparison such as \"< 50\" or \">= 3\", found '\(scalar.text)'",
            at: node.location)
        return nil
    }
}
