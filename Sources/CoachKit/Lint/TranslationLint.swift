import Foundation

/// Checks translations against English: interface catalogues (`interface/<lang>.yaml`) and
/// rubric translations (`rubric.<lang>.yaml`).
///
/// A missing text is a warning (`UI-MISSING`), not an error: the text shows in English until
/// it is written, and a session says so. A text that would show wrongly — a placeholder
/// English does not have, a plural form the language needs left out — is a warning too
/// (`UI-TEXT`); a key nothing uses is `UI-KEY`.
public enum TranslationLint {
    /// Whether `file` is an interface catalogue: in an `interface/` folder.
    public static func isInterfaceCatalogue(_ file: String) -> Bool {
        ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent == InterfaceCatalogueLoader.folderName
    }

    /// The diagnostics for one interface catalogue file, against the English beside it
    /// (else the built-in English).
    public static func checkInterface(file path: String, diagnostics: inout DiagnosticCollector) {
        guard let file = InterfaceCatalogueLoader.read(path: path, diagnostics: &diagnostics) else { return }
        let folder = (path as NSString).deletingLastPathComponent
        let besideEnglish = (folder as NSString).appendingPathComponent("en.yaml")
        var scratch = DiagnosticCollector()
        let english =
            FileManager.default.fileExists(atPath: besideEnglish)
            ? InterfaceCatalogueLoader.read(path: besideEnglish, diagnostics: &scratch)?.texts ?? [:]
            : InterfaceCatalogue.english.texts
        let required = InterfaceCatalogue.requiredKeys
        for key in required where file.texts[key] == nil {
            let section = InterfaceCatalogueLoader.nameSections.first { key.hasPrefix($0.prefix) }?.section ?? "texts"
            let englishText = english[key].map { " (English: \"\($0.form(for: .other))\")" } ?? ""
            diagnostics.warning(
                "UI-MISSING", "no \(file.name) text for '\(sectionKey(key))' in \(section):\(englishText); it shows in English",
                at: file.sectionLocations[section] ?? file.top)
        }
        let known = Set(required)
        for (key, entry) in file.texts.sorted(by: { $0.key < $1.key }) {
            let location = file.keyLocations[key] ?? file.top
            guard known.contains(key) else {
                diagnostics.warning(
                    "UI-KEY", "'\(sectionKey(key))' is not a text coach shows\(Suggestion.hint(for: key, in: required))",
                    at: location)
                continue
            }
            let allowed = Set(english[key]?.forms.values.flatMap(InterfaceCatalogue.placeholders(in:)) ?? []).union(["count"])
            for form in entry.forms.values {
                for name in InterfaceCatalogue.placeholders(in: form) where !allowed.contains(name) {
                    diagnostics.warning(
                        "UI-TEXT", "'{\(name)}' is not a placeholder of '\(key)' (it has: \(allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")))",
                        at: location)
                }
            }
            // A text that counts (English gives it plural forms) needs every form the language has.
            if let englishForms = english[key]?.forms, englishForms.count > 1 {
                let lacking = PluralCategory.needed(in: file.language).filter { entry.forms[$0] == nil }
                if !lacking.isEmpty {
                    diagnostics.warning(
                        "UI-TEXT",
                        "'\(key)' counts something: give the forms \(lacking.map(\.rawValue).joined(separator: ", ")) (\(file.language) uses \(PluralCategory.needed(in: file.language).map(\.rawValue).joined(separator: ", ")))",
                        at: location)
                }
            }
        }
    }

    /// A key as the translator writes it in its section: "move.apology" is `apology` under `moves:`.
    static func sectionKey(_ key: String) -> String {
        guard let section = InterfaceCatalogueLoader.nameSections.first(where: { key.hasPrefix($0.prefix) }) else { return key }
        return String(key.dropFirst(section.prefix.count))
    }

    /// The diagnostics for one rubric translation, against the rubric beside it.
    public static func checkRubricTranslation(file path: String, diagnostics: inout DiagnosticCollector) {
        let texts = RubricTranslations.read(path: path, diagnostics: &diagnostics)
        let folder = (path as NSString).deletingLastPathComponent
        let rubricPath = (folder as NSString).appendingPathComponent("rubric.yaml")
        var scratch = DiagnosticCollector()
        guard let rubric = RubricLoader.load(path: rubricPath, diagnostics: &scratch) else {
            diagnostics.error("UI-RUBRIC", "no rubric.yaml beside this translation to translate", at: SourceLocation(file: path, line: 1, column: 1))
            return
        }
        let ids = rubric.rules.map(\.id)
        let rulesKey = rulesLocation(path) ?? SourceLocation(file: path, line: 1, column: 1)
        for rule in rubric.rules where texts[rule.id] == nil {
            diagnostics.warning(
                "UI-MISSING", "no translation of the rule '\(rule.id)' (\(rule.location)): its why and try show in English",
                at: rulesKey)
        }
        for (id, text) in texts.sorted(by: { $0.key < $1.key }) {
            guard let rule = rubric.rule(id) else {
                diagnostics.warning("UI-KEY", "'\(id)' is not a rule of \(rubricPath)\(Suggestion.hint(for: id, in: ids))", at: text.location)
                continue
            }
            if text.why == nil {
                diagnostics.warning("UI-MISSING", "the rule '\(id)' has no translated why; it shows in English", at: text.location)
            }
            if rule.tryText != nil && text.tryText == nil {
                diagnostics.warning("UI-MISSING", "the rule '\(id)' has no translated try; it shows in English", at: text.location)
            }
            for value in [text.why, text.tryText].compactMap({ $0 }) {
                if let problem = ScenarioRubric.problem(in: value) {
                    diagnostics.warning("RUB-TEXT", "a text of '\(id)': \(problem)", at: text.location)
                }
            }
        }
    }

    private static func rulesLocation(_ path: String) -> SourceLocation? {
        var scratch = DiagnosticCollector()
        guard let root = YAMLDocument.load(contentsOf: path, diagnostics: &scratch), case .mapping(let top) = root else {
            return nil
        }
        return top.entry("rules")?.keyLocation
    }

    /// What a scenario in another language than English lacks to be shown in it: an
    /// interface catalogue, a translation of its rubric. Warnings at its `language:`.
    public static func checkScenario(
        _ scenario: Scenario, rubric: Rubric?, library: Library, at location: SourceLocation?,
        diagnostics: inout DiagnosticCollector
    ) {
        guard scenario.language != "en", LanguageCode.isValid(scenario.language) else { return }
        if !library.interfaceLanguages.contains(scenario.language) {
            diagnostics.warning(
                "UI-MISSING",
                "coach's interface has no '\(scenario.language)' catalogue (interface/\(scenario.language).yaml): headings and prompts show in English",
                at: location)
        }
        if let rubric, !FileManager.default.fileExists(atPath: RubricTranslations.path(forRubricAt: rubric.file, language: scenario.language)) {
            let name = ((RubricTranslations.path(forRubricAt: rubric.file, language: scenario.language)) as NSString).lastPathComponent
            diagnostics.warning(
                "UI-MISSING", "the rubric has no '\(scenario.language)' translation (\(name) beside \(rubric.file)): its why and try lines show in English",
                at: location)
        }
    }
}
