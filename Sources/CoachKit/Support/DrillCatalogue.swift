import Foundation

/// The drills of a library: the scenarios under its `drills/` folder, by name and language.
///
/// A drill's scenario id is `NAME-LANGUAGE` (`circuit-en`, `apology-timing-ru`): one drill,
/// written once per language. What a drill practises is read from the rubric that scores
/// it (the one nearest to its file, docs/drills.md): the guidelines of its rules that earn or
/// cost points (a rule that only caps the score is a guard, not the skill), so that
/// `coach train` can send a trainee to the drill for the guideline they break.
public struct DrillCatalogue: Sendable {
    /// One drill, in every language it is written in.
    public struct Drill: Sendable {
        /// The id without the language: `circuit`.
        public var name: String
        /// Its scenarios, one per language, sorted by language.
        public var scenarios: [Scenario]
        /// The guidelines its rubric scores, in numeric order (`G1`, `G27`, `G32`).
        public var guidelines: [String]

        public var languages: [String] { scenarios.map(\.language) }

        /// The title in `language`, else in English, else the first.
        public func title(in language: String) -> String {
            (scenarios.first { $0.language == language } ?? scenarios.first { $0.language == "en" } ?? scenarios.first)?
                .title ?? name
        }
    }

    /// Every drill, by name.
    public var drills: [Drill]

    /// The library's folder of drills.
    public static func folder(of library: Library) -> String {
        (library.root as NSString).appendingPathComponent("drills")
    }

    /// Reads the drills of `library`; a drill file that does not load is reported.
    public init(library: Library, diagnostics: inout DiagnosticCollector) {
        let folder = Self.folder(of: library)
        var byName: [String: [Scenario]] = [:]
        for file in library.scenarioFiles where file.hasPrefix(folder + "/") {
            guard let scenario = ScenarioLoader.load(path: file, diagnostics: &diagnostics) else { continue }
            byName[Self.name(of: scenario), default: []].append(scenario)
        }
        drills = byName.keys.sorted().map { name in
            let scenarios = byName[name, default: []].sorted { ($0.language, $0.id) < ($1.language, $1.id) }
            var scratch = DiagnosticCollector()
            var guidelines: Set<String> = []
            for scenario in scenarios {
                guard let rubric = library.loadRubric(for: scenario, diagnostics: &scratch) else { continue }
                // The skill is what earns or costs points; a rule that only caps the score (rudeness
                // in an apology drill) guards the drill and is not what it practises.
                for rule in ScenarioRubric.rules(of: rubric, for: scenario) where rule.points != 0 {
                    guidelines.formUnion(rule.guidelines)
                }
            }
            return Drill(name: name, scenarios: scenarios, guidelines: guidelines.sorted(by: Guideline.precedes))
        }
    }

    /// The drill's name: the scenario id without its `-LANGUAGE` ending.
    public static func name(of scenario: Scenario) -> String { name(id: scenario.id, language: scenario.language) }

    /// `circuit-en` in `en` is the drill `circuit`; an id without the ending is the name itself.
    public static func name(id: String, language: String) -> String {
        let suffix = "-" + language
        return id.hasSuffix(suffix) && id.count > suffix.count ? String(id.dropLast(suffix.count)) : id
    }

    public func drill(named name: String) -> Drill? { drills.first { $0.name == name } }

    /// The scenario of drill `name` in `language`, or `nil` with a diagnostic saying what
    /// there is instead (`NO-DRILL`).
    public func scenario(named name: String, language: String, in library: Library, diagnostics: inout DiagnosticCollector)
        -> Scenario?
    {
        let folder = Self.folder(of: library)
        if let scenario = drill(named: name)?.scenarios.first(where: { $0.language == language }) { return scenario }
        // A file of that name that does not load: say why, rather than "no such drill".
        let id = "\(name)-\(language)"
        if let file = library.scenarioFiles.first(where: {
            $0.hasPrefix(folder + "/") && ($0 as NSString).lastPathComponent.hasPrefix(id + ".")
        }) {
            _ = ScenarioLoader.load(path: file, diagnostics: &diagnostics)
            return nil
        }
        if let drill = drill(named: name) {
            diagnostics.error(
                "NO-DRILL",
                "no \(name) drill in '\(language)' in \(folder) (available: \(drill.languages.joined(separator: ", ")))",
                at: nil)
        } else {
            let names = drills.map(\.name)
            diagnostics.error(
                "NO-DRILL",
                "no drill '\(name)' in \(folder)" + (names.isEmpty ? "" : " (the drills: \(names.joined(separator: ", ")))")
                    + Suggestion.hint(for: name, in: names),
                at: nil)
        }
        return nil
    }
}
