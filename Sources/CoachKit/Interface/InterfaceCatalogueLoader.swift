import Foundation

/// Reads `interface/<language>.yaml` files into ``InterfaceCatalogue``s.
///
/// ```yaml
/// language: ru
/// name: Русский
/// numbers: {decimal: ",", group: " ", group-from: 5, percent: "{number} %"}
/// dates: {day: "{day}.{month}.{year}", minute: "{day}.{month}.{year} {hour}:{minute}", short-day: "{day}.{month}"}
/// texts:
///   scorecard.heading: "Итоги · {title}"
///   scorecard.circuits-completed: {one: "{count} завершён", few: "{count} завершено", many: "{count} завершено"}
/// moves: {apology: извинение}
/// outcomes: {resolved: решено}
/// categories: {courtesy: вежливость}
/// kinds: {provocateur: провокатор}
/// statuses: {interrupted: оборвано}
/// ```
public enum InterfaceCatalogueLoader {
    /// The folder of a library that holds the catalogues.
    public static let folderName = "interface"

    /// The sections of a catalogue file whose keys are names of things, and the prefix their
    /// keys take among ``InterfaceCatalogue/requiredKeys``.
    static let nameSections: [(section: String, prefix: String)] = [
        ("moves", "move."), ("outcomes", "outcome."), ("categories", "category."), ("kinds", "kind."),
        ("statuses", "status."),
    ]

    /// One file as written: its texts by key, and where each key is.
    public struct File: Sendable {
        public var path: String
        public var language: String
        public var name: String
        public var numbers: NumberConventions
        public var dates: DateConventions = .english
        public var texts: [String: InterfaceCatalogue.Entry] = [:]
        public var keyLocations: [String: SourceLocation] = [:]
        /// Where a missing key of a section would be written: the section's own key, else the top.
        public var sectionLocations: [String: SourceLocation] = [:]
        public var top: SourceLocation
    }

    /// The catalogue of `language` in `library`: its texts over English's. `nil` only when
    /// there is no file for the language, or English itself cannot be read.
    public static func load(
        language: String, from library: Library, diagnostics: inout DiagnosticCollector
    ) -> InterfaceCatalogue? {
        guard LanguageCode.isValid(language) else {
            diagnostics.error("BAD-LANGUAGE", LanguageCode.problem(language), at: nil)
            return nil
        }
        let englishPath = library.interfaceFile(for: "en")
        // The built-in English is read once per process (``InterfaceCatalogue/english``).
        let english: InterfaceCatalogue
        if englishPath == Library.bundled.interfacePath(for: "en") {
            english = .english
        } else {
            guard let file = read(path: englishPath, diagnostics: &diagnostics) else { return nil }
            english = InterfaceCatalogue(language: "en", name: file.name, numbers: file.numbers, dates: file.dates, texts: file.texts)
        }
        if language == "en" { return english }
        let path = library.interfaceFile(for: language)
        guard FileManager.default.fileExists(atPath: path), let own = read(path: path, diagnostics: &diagnostics) else {
            return nil
        }
        return InterfaceCatalogue(
            language: language, name: own.name, numbers: own.numbers, dates: own.dates, texts: own.texts,
            english: english.texts)
    }

    /// Parses one catalogue file; `nil` (with diagnostics) when it cannot be used at all.
    public static func read(path: String, diagnostics: inout DiagnosticCollector) -> File? {
        guard let root = YAMLDocument.load(contentsOf: path, diagnostics: &diagnostics),
            let top = root.mapping("an interface catalogue", &diagnostics)
        else { return nil }
        let fileLanguage = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var file = File(
            path: path, language: fileLanguage, name: fileLanguage, numbers: .english, top: top.location)
        for entry in top.entries {
            switch entry.key {
            case "language":
                guard let code = entry.value.string("language", &diagnostics) else { continue }
                if code != fileLanguage {
                    diagnostics.error(
                        "UI-LANGUAGE", "the file \(fileLanguage).yaml says it is '\(code)'; name it \(code).yaml or say '\(fileLanguage)'",
                        at: entry.value.location)
                }
            case "name":
                file.name = entry.value.string("name", &diagnostics) ?? file.name
            case "numbers":
                file.numbers = numbers(entry.value, &diagnostics)
            case "dates":
                file.dates = dates(entry.value, &diagnostics)
            case "texts":
                file.sectionLocations["texts"] = entry.keyLocation
                guard let texts = entry.value.mapping("texts", &diagnostics) else { continue }
                for text in texts.entries {
                    guard let value = self.entry(text.value, key: text.key, &diagnostics) else { continue }
                    file.texts[text.key] = value
                    file.keyLocations[text.key] = text.keyLocation
                }
            default:
                guard let prefix = nameSections.first(where: { $0.section == entry.key })?.prefix else {
                    let known = ["language", "name", "numbers", "dates", "texts"] + nameSections.map(\.section)
                    diagnostics.error(
                        "UI-KEY", "unknown key '\(entry.key)' of an interface catalogue\(Suggestion.hint(for: entry.key, in: known))",
                        at: entry.keyLocation)
                    continue
                }
                file.sectionLocations[entry.key] = entry.keyLocation
                guard let names = entry.value.mapping(entry.key, &diagnostics) else { continue }
                for name in names.entries {
                    guard let text = name.value.string("\(entry.key).\(name.key)", &diagnostics) else { continue }
                    file.texts[prefix + name.key] = InterfaceCatalogue.Entry(text)
                    file.keyLocations[prefix + name.key] = name.keyLocation
                }
            }
        }
        return file
    }

    private static func entry(
        _ node: YAMLNode, key: String, _ diagnostics: inout DiagnosticCollector
    ) -> InterfaceCatalogue.Entry? {
        if case .mapping(let forms) = node {
            var result: [PluralCategory: String] = [:]
            for form in forms.entries {
                guard let category = PluralCategory(rawValue: form.key) else {
                    let names = PluralCategory.allCases.map(\.rawValue)
                    diagnostics.error(
                        "UI-KEY", "'\(form.key)' is not a plural form; the forms are \(names.joined(separator: ", "))",
                        at: form.keyLocation)
                    continue
                }
                result[category] = form.value.string("\(key).\(form.key)", &diagnostics)
            }
            guard result[.other] != nil || !result.isEmpty else { return nil }
            return InterfaceCatalogue.Entry(forms: result)
        }
        return node.string(key, &diagnostics).map(InterfaceCatalogue.Entry.init)
    }

    private static func numbers(_ node: YAMLNode, _ diagnostics: inout DiagnosticCollector) -> NumberConventions {
        var numbers = NumberConventions.english
        guard let mapping = node.mapping("numbers", &diagnostics) else { return numbers }
        for entry in mapping.entries {
            switch entry.key {
            case "decimal": numbers.decimal = entry.value.string("numbers.decimal", &diagnostics) ?? numbers.decimal
            case "group":
                // A group separator may be a space, which YAML would otherwise trim away.
                if case .scalar(let scalar) = entry.value { numbers.group = scalar.text }
            case "group-from": numbers.groupFrom = entry.value.int("numbers.group-from", in: 2...9, &diagnostics) ?? numbers.groupFrom
            case "percent":
                guard let text = entry.value.string("numbers.percent", &diagnostics) else { continue }
                if !text.contains("{number}") {
                    diagnostics.error("UI-TEXT", "numbers.percent must contain {number}", at: entry.value.location)
                } else {
                    numbers.percent = text
                }
            default:
                diagnostics.error(
                    "UI-KEY",
                    "unknown key '\(entry.key)' of numbers\(Suggestion.hint(for: entry.key, in: ["decimal", "group", "group-from", "percent"]))",
                    at: entry.keyLocation)
            }
        }
        return numbers
    }
}

extension InterfaceCatalogueLoader {
    /// The `dates:` patterns; a key left out keeps English's pattern, and a pattern without
    /// one of its placeholders (a day without its month) is refused rather than shown wrong.
    static func dates(_ node: YAMLNode, _ diagnostics: inout DiagnosticCollector) -> DateConventions {
        var dates = DateConventions.english
        guard let mapping = node.mapping("dates", &diagnostics) else { return dates }
        for entry in mapping.entries {
            guard let required = DateConventions.required.first(where: { $0.key == entry.key })?.placeholders else {
                let keys = DateConventions.required.map(\.key)
                diagnostics.error(
                    "UI-KEY", "unknown key '\(entry.key)' of dates\(Suggestion.hint(for: entry.key, in: keys))", at: entry.keyLocation)
                continue
            }
            guard let pattern = entry.value.string("dates.\(entry.key)", &diagnostics) else { continue }
            let short = ["day": "d", "month": "m"]
            let lacking = required.filter { !pattern.contains("{\($0)}") && !(short[$0].map { pattern.contains("{\($0)}") } ?? false) }
            guard lacking.isEmpty else {
                diagnostics.error(
                    "UI-TEXT", "dates.\(entry.key) must contain \(lacking.map { "{\($0)}" }.joined(separator: ", "))",
                    at: entry.value.location)
                continue
            }
            switch entry.key {
            case "day": dates.day = pattern
            case "minute": dates.minute = pattern
            default: dates.shortDay = pattern
            }
        }
        return dates
    }
}

extension Library {
    /// This library's own catalogue file for `language` (it may not exist).
    public func interfacePath(for language: String) -> String {
        ((root as NSString).appendingPathComponent(InterfaceCatalogueLoader.folderName) as NSString)
            .appendingPathComponent("\(language).yaml")
    }

    /// The catalogue a run in `language` reads: this library's own, else the built-in one.
    public func interfaceFile(for language: String) -> String {
        let own = interfacePath(for: language)
        let builtIn = Library.bundled.interfacePath(for: language)
        return FileManager.default.fileExists(atPath: own) || !FileManager.default.fileExists(atPath: builtIn) ? own : builtIn
    }

    /// The languages coach's interface can speak here, sorted.
    public var interfaceLanguages: [String] {
        func own(_ library: Library) -> [String] {
            let folder = (library.root as NSString).appendingPathComponent(InterfaceCatalogueLoader.folderName)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.filter(LanguageCode.isValid)
        }
        return Array(Set(own(self) + own(.bundled))).sorted()
    }
}
