import Foundation

/// A rubric's `why` and `try` texts in another language: `rubric.<language>.yaml` beside
/// the rubric (`rubric.ru.yaml` next to `rubric.yaml`), which a translator edits without
/// touching the rules themselves.
///
/// ```yaml
/// language: ru
/// rules:
///   asked-first:
///     why: Сначала выясните, что случилось, …
///     try: '"{customer}, расскажите, пожалуйста, что случилось?"'
/// ```
///
/// Feedback follows the *scenario's* language, not the interface's: a `try` line is
/// something to say to this customer, so it is in the language they speak. A rule the file
/// lacks keeps its English texts and is listed in ``Rubric/untranslated``; lint says so
/// (`UI-MISSING`).
public enum RubricTranslations {
    public struct Text: Sendable, Hashable {
        public var why: String?
        public var tryText: String?
        public var location: SourceLocation
    }

    /// `rubric.ru.yaml` and the like; not a scenario, not a rubric of its own.
    public static func isTranslationFile(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        return parts.count == 3 && parts[0] == "rubric" && parts[2] == "yaml" && LanguageCode.isValid(String(parts[1]))
    }

    /// The translation file of the rubric at `rubricPath` for `language` (it may not exist).
    public static func path(forRubricAt rubricPath: String, language: String) -> String {
        let folder = (rubricPath as NSString).deletingLastPathComponent
        let base = ((rubricPath as NSString).lastPathComponent as NSString).deletingPathExtension
        return (folder as NSString).appendingPathComponent("\(base).\(language).yaml")
    }

    /// The texts of `file` by rule id; problems are diagnostics at their place.
    public static func read(path: String, diagnostics: inout DiagnosticCollector) -> [String: Text] {
        guard let root = YAMLDocument.load(contentsOf: path, diagnostics: &diagnostics),
            let top = root.mapping("a rubric translation", &diagnostics)
        else { return [:] }
        top.checkKeys("a rubric translation", known: ["language", "rules"], required: ["rules"], &diagnostics)
        let language = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            .split(separator: ".").last.map(String.init) ?? ""
        if let said = top["language"]?.string("language", &diagnostics), said != language {
            diagnostics.error(
                "UI-LANGUAGE", "the file is named for '\(language)' but says it is '\(said)'", at: top["language"]?.location)
        }
        var texts: [String: Text] = [:]
        for entry in top["rules"]?.mapping("rules", &diagnostics)?.entries ?? [] {
            guard let rule = entry.value.mapping("a rule's texts", &diagnostics) else { continue }
            rule.checkKeys("a rule's texts", known: ["why", "try"], &diagnostics)
            var text = Text(location: entry.keyLocation)
            text.why = rule["why"]?.string("why", &diagnostics)
            text.tryText = rule["try"]?.string("try", &diagnostics)
            texts[entry.key] = text
        }
        return texts
    }

    /// `rubric` with its texts in `language` where the translation beside it has them.
    public static func apply(
        to rubric: Rubric, language: String, diagnostics: inout DiagnosticCollector
    ) -> Rubric {
        guard language != "en", LanguageCode.isValid(language) else { return rubric }
        var rubric = rubric
        let file = path(forRubricAt: rubric.file, language: language)
        let texts = FileManager.default.fileExists(atPath: file) ? read(path: file, diagnostics: &diagnostics) : [:]
        var untranslated: [String] = []
        for index in rubric.rules.indices {
            let id = rubric.rules[index].id
            guard let text = texts[id] else {
                untranslated.append(id)
                continue
            }
            if let why = text.why { rubric.rules[index].why = why }
            if let tryText = text.tryText { rubric.rules[index].tryText = tryText }
        }
        rubric.untranslated = untranslated
        return rubric
    }
}
