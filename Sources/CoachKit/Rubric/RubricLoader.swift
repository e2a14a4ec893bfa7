import Foundation

/// Reads the rubric file, reporting every problem as `file:line:col`.
public enum RubricLoader {
    static let ruleKeys = [
        "id", "kind", "moves", "first", "with", "when", "by-turn", "within", "measure", "at-least", "on", "points",
        "category", "guidelines", "why", "try", "limit", "also", "ceiling",
    ]

    public static func load(path: String, diagnostics: inout DiagnosticCollector) -> Rubric? {
        guard let root = YAMLDocument.load(contentsOf: path, diagnostics: &diagnostics) else { return nil }
        let hash = ContentHash.of((try? RegularFile.read(path, limit: YAMLLimits().maxBytes).get()) ?? Data())
        return read(root, file: path, version: hash, diagnostics: &diagnostics)
    }

    public static func load(text: String, file: String, diagnostics: inout DiagnosticCollector) -> Rubric? {
        guard let root = YAMLDocument.parse(text: text, file: file, diagnostics: &diagnostics) else { return nil }
        return read(root, file: file, version: ContentHash.of(Data(text.utf8)), diagnostics: &diagnostics)
    }

    static func read(_ root: YAMLNode, file: String, version: String, diagnostics: inout DiagnosticCollector)
        -> Rubric?
    {
        var local = DiagnosticCollector()
        defer { diagnostics.append(contentsOf: local.diagnostics) }
        guard let top = root.mapping("a rubric", &local) else { return nil }
        top.checkKeys(
            "a rubric", known: ["categories", "weights", "outcomes", "full-marks-at", "rules"], required: ["rules"], &local)
        var rubric = Rubric(
            categories: Dictionary(uniqueKeysWithValues: Category.allCases.map { ($0, .init(weight: 1, base: 0)) }),
            kindWeights: [:], outcomePoints: [:], rules: [], file: file, version: version)

        if let categories = top["categories"]?.mapping("categories", &local) {
            for entry in categories.entries {
                guard let category = category(entry.key, at: entry.keyLocation, &local),
                    let setting = entry.value.mapping("a category", &local)
                else { continue }
                setting.checkKeys("a category", known: ["weight", "base"], &local)
                rubric.categories[category] = .init(
                    // Bounded so that the weighted average cannot overflow to infinity or NaN.
                    weight: setting["weight"]?.double("weight", in: 0...100, &local) ?? 1,
                    base: setting["base"]?.int("base", in: 0...1000, &local) ?? 0)
            }
        }
        if let weights = top["weights"]?.mapping("weights", &local) {
            for entry in weights.entries {
                guard let kind = Scenario.Kind(rawValue: entry.key) else {
                    local.error("RUB-KIND", "unknown scenario kind '\(entry.key)'", at: entry.keyLocation)
                    continue
                }
                guard let mapping = entry.value.mapping("weights", &local) else { continue }
                var table: [Category: Double] = [:]
                for item in mapping.entries {
                    if let category = category(item.key, at: item.keyLocation, &local),
                        let weight = item.value.double("a weight", in: 0...100, &local)
                    {
                        table[category] = weight
                    }
                }
                rubric.kindWeights[kind] = table
            }
        }
        if let node = top["full-marks-at"] {
            rubric.fullMarksAt = node.int("full-marks-at", in: 50...100, &local) ?? 100
        }
        if let outcomes = top["outcomes"]?.mapping("outcomes", &local) {
            for entry in outcomes.entries {
                guard let outcome = Outcome(rawValue: entry.key) else {
                    local.error("RUB-OUTCOME", "unknown outcome '\(entry.key)'", at: entry.keyLocation)
                    continue
                }
                rubric.outcomePoints[outcome] = entry.value.int("points", in: 0...100, &local)
            }
        }
        var ids = Set<String>()
        for node in top["rules"]?.sequence("rules", &local) ?? [] {
            guard let rule = rule(node, &local) else { continue }
            if !ids.insert(rule.id).inserted {
                local.error("RUB-DUPLICATE-ID", "two rules are called '\(rule.id)'", at: rule.location)
            }
            rubric.rules.append(rule)
        }
        return local.hasErrors ? nil : rubric
    }

    static func category(_ name: String, at location: SourceLocation, _ diagnostics: inout DiagnosticCollector)
        -> Category?
    {
        if let category = Category(rawValue: name) { return category }
        let known = Category.allCases.map(\.rawValue)
        diagnostics.error(
            "RUB-CATEGORY", "unknown category '\(name)'\(Suggestion.hint(for: name, in: known))", at: location)
        return nil
    }

    static func rule(_ node: YAMLNode, _ diagnostics: inout DiagnosticCollector) -> Rule? {
        guard let mapping = node.mapping("a rule", &diagnostics) else { return nil }
        mapping.checkKeys(
            "a rule", known: ruleKeys, required: ["id", "kind", "points", "category", "guidelines", "why"], &diagnostics)
        guard let id = mapping["id"]?.string("id", &diagnostics),
            let kindNode = mapping["kind"], let kindText = kindNode.string("kind", &diagnostics)
        else { return nil }
        guard let kind = Rule.Kind(rawValue: kindText) else {
            let known = Rule.Kind.allCases.map(\.rawValue)
            diagnostics.error(
                "RUB-RULE-KIND", "unknown rule kind '\(kindText)'\(Suggestion.hint(for: kindText, in: known))",
                at: kindNode.location)
            return nil
        }
        let points = mapping["points"]?.int("points", in: -100...100, &diagnostics) ?? 0
        var rule = Rule(
            id: id, kind: kind, points: points,
            category: mapping["category"].flatMap { node in
                node.string("category", &diagnostics).flatMap { category($0, at: node.location, &diagnostics) }
            } ?? .courtesy,
            guidelines: mapping["guidelines"]?.strings("guidelines", &diagnostics) ?? [],
            why: mapping["why"]?.string("why", &diagnostics) ?? "",
            tryText: mapping["try"]?.string("try", &diagnostics),
            limit: 1, location: mapping.location)
        rule.moves = moves(mapping["moves"], "moves", &diagnostics)
        rule.partners = moves(mapping["first"] ?? mapping["with"], "partner moves", &diagnostics)
        rule.byTurn = mapping["by-turn"]?.int("by-turn", in: 1...100, &diagnostics)
        rule.within = mapping["within"]?.int("within", in: 0...20, &diagnostics) ?? 1
        rule.atLeast = mapping["at-least"]?.int("at-least", in: 0...100, &diagnostics) ?? 1
        rule.limit = mapping["limit"]?.int("limit", in: 1...100, &diagnostics) ?? (kind == .never ? 3 : 1)
        if let node = mapping["measure"], let text = node.string("measure", &diagnostics) {
            rule.measure = Rule.Measure(rawValue: text)
            if rule.measure == nil {
                diagnostics.error("RUB-MEASURE", "unknown measure '\(text)'", at: node.location)
            }
        }
        if let node = mapping["on"], let text = node.string("on", &diagnostics) {
            rule.event = Rule.Event(rawValue: text)
            if rule.event == nil { diagnostics.error("RUB-EVENT", "unknown event '\(text)'", at: node.location) }
        }
        if let when = mapping["when"]?.mapping("when", &diagnostics) { rule.when = condition(when, &diagnostics) }
        if let node = mapping["also"] {
            for text in node.strings("also", &diagnostics) ?? [] {
                if let extra = category(text, at: node.location, &diagnostics), extra != rule.category {
                    rule.alsoCounts.append(extra)
                }
            }
        }
        if let node = mapping["ceiling"] {
            rule.ceiling = node.int("ceiling", in: 0...100, &diagnostics)
            if kind != .never {
                diagnostics.error(
                    "RUB-RULE", "only a 'never' rule can have a ceiling: it is a fault in the trainee's conduct",
                    at: node.location)
            }
        }

        // What each kind needs, so a rule never silently does nothing.
        let needs: [(Bool, String)] =
            switch kind {
            case .never, .credit, .expected: [(rule.moves.isEmpty, "moves")]
            case .order: [(rule.moves.isEmpty, "moves"), (rule.partners.isEmpty, "first")]
            case .pairing: [(rule.moves.isEmpty, "moves"), (rule.partners.isEmpty, "with")]
            case .count: [(rule.measure == nil, "measure")]
            case .event: [(rule.event == nil, "on")]
            }
        for (missing, key) in needs where missing {
            diagnostics.error("RUB-RULE", "a '\(kind.rawValue)' rule needs '\(key)'", at: mapping.location)
        }
        let isFault = points < 0 || [.never, .order, .expected, .pairing, .count].contains(kind)
        if isFault && rule.tryText == nil {
            diagnostics.error("RUB-TRY", "the rule '\(id)' can record a fault, so it needs a 'try' rewrite", at: mapping.location)
        }
        for (key, text) in [("why", rule.why), ("try", rule.tryText)] {
            guard let text, let problem = ScenarioRubric.problem(in: text) else { continue }
            diagnostics.warning(
                "RUB-TEXT", "the \(key) text of '\(id)': \(problem)", at: mapping[key]?.location ?? mapping.location)
        }
        // Each wrong id is reported where it is written, not at the rule.
        var idLocations: [SourceLocation] = []
        if case .sequence(let items, _)? = mapping["guidelines"] { idLocations = items.map(\.location) }
        for (index, guideline) in rule.guidelines.enumerated() where !isGuidelineId(guideline) {
            let location = index < idLocations.count ? idLocations[index] : mapping["guidelines"]?.location ?? mapping.location
            diagnostics.error("RUB-GUIDELINE", "'\(guideline)' is not a guideline id (G1–G46)", at: location)
        }
        return rule
    }

    static func isGuidelineId(_ text: String) -> Bool {
        guard text.hasPrefix("G"), let number = Int(text.dropFirst()) else { return false }
        return (1...46).contains(number)
    }

    static func moves(_ node: YAMLNode?, _ what: String, _ diagnostics: inout DiagnosticCollector) -> [MoveID] {
        guard let node else { return [] }
        return (node.scalars(what, &diagnostics) ?? []).compactMap { scalar in
            if let move = MoveID(id: scalar.text) { return move }
            let known = MoveID.allCases.map(\.rawValue)
            diagnostics.error(
                "UNKNOWN-MOVE", "unknown move '\(scalar.text)'\(Suggestion.hint(for: scalar.text, in: known))",
                at: scalar.location)
            return nil
        }
    }

    static func condition(_ mapping: YAMLMapping, _ diagnostics: inout DiagnosticCollector) -> RuleCondition {
        mapping.checkKeys(
            "when", known: ["kinds", "phases", "before-any", "after-any", "customer", "customer-has-insulted", "turn"],
            &diagnostics)
        var condition = RuleCondition()
        for scalar in mapping["kinds"]?.scalars("kinds", &diagnostics) ?? [] {
            if let kind = Scenario.Kind(rawValue: scalar.text) {
                condition.kinds.append(kind)
            } else {
                diagnostics.error("RUB-KIND", "unknown scenario kind '\(scalar.text)'", at: scalar.location)
            }
        }
        for scalar in mapping["phases"]?.scalars("phases", &diagnostics) ?? [] {
            if let phase = Scenario.Phase(rawValue: scalar.text) {
                condition.phases.append(phase)
            } else {
                diagnostics.error("RUB-PHASE", "unknown phase '\(scalar.text)'", at: scalar.location)
            }
        }
        condition.beforeAny = moves(mapping["before-any"], "before-any", &diagnostics)
        condition.afterAny = moves(mapping["after-any"], "after-any", &diagnostics)
        for scalar in mapping["customer"]?.scalars("customer", &diagnostics) ?? [] {
            if let act = Scenario.CustomerAct.names.first(where: { $0.0 == scalar.text })?.1 {
                condition.customer.insert(act)
            } else {
                let known = Scenario.CustomerAct.names.map(\.0)
                diagnostics.error(
                    "RUB-CUSTOMER", "unknown customer act '\(scalar.text)'\(Suggestion.hint(for: scalar.text, in: known))",
                    at: scalar.location)
            }
        }
        condition.customerHasInsulted = mapping["customer-has-insulted"]?.bool("customer-has-insulted", &diagnostics)
        condition.turn = mapping["turn"].flatMap { YAMLComparison.read($0, "turn", &diagnostics) }
        return condition
    }
}
