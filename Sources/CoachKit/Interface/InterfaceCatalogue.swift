import Foundation

/// coach's own texts in one language: headings, prompts, slash-command messages, and the
/// names of moves, outcomes, kinds, score categories and session statuses.
///
/// Texts live in `interface/<language>.yaml` of a library (a trainer's own, else the
/// built-in one), where a translator edits them without touching code; `en.yaml` has every
/// key (``InterfaceCatalogue/requiredKeys``). A key another language lacks is said in
/// English and listed in ``untranslated``, which lint reports (`UI-MISSING`) and a session
/// announces: a gap shows, it is never papered over. A text may hold placeholders such as
/// `{title}`, and may give a form per plural category (`one`, `few`, `many`, `other`) for
/// texts that count something.
public struct InterfaceCatalogue: Sendable {
    /// One text: a single form, or one per plural category (`other` always present).
    public struct Entry: Sendable, Hashable {
        public var forms: [PluralCategory: String]

        public init(_ text: String) { forms = [.other: text] }
        public init(forms: [PluralCategory: String]) { self.forms = forms }

        func form(for category: PluralCategory) -> String {
            forms[category] ?? forms[.other] ?? forms.values.first ?? ""
        }
    }

    /// The language the texts are in ("en", "ru").
    public var language: String
    /// The language's own name ("English", "Русский").
    public var name: String
    public var numbers: NumberConventions
    /// How dates and times are written in reports.
    public var dates: DateConventions
    /// The required keys this language lacks, said in English instead; sorted.
    public private(set) var untranslated: [String]
    var texts: [String: Entry]

    public init(
        language: String, name: String, numbers: NumberConventions, dates: DateConventions = .english,
        texts: [String: Entry], english: [String: Entry] = [:]
    ) {
        self.language = language
        self.name = name
        self.numbers = numbers
        self.dates = dates
        var merged = english
        merged.merge(texts) { _, own in own }
        self.texts = merged
        untranslated = language == "en" ? [] : Self.requiredKeys.filter { texts[$0] == nil }
    }

    /// Every key a complete catalogue has.
    public static var requiredKeys: [String] {
        InterfaceText.allCases.map(\.rawValue) + MoveID.allCases.map { "move.\($0.rawValue)" }
            + Outcome.allCases.map { "outcome.\($0.rawValue)" } + Category.allCases.map { "category.\($0.rawValue)" }
            + Scenario.Kind.allCases.map { "kind.\($0.rawValue)" } + SessionStatus.allCases.map { "status.\($0.rawValue)" }
    }

    /// The text of `key` with `arguments` in its placeholders.
    public func callAsFunction(_ key: InterfaceText, _ arguments: [String: String] = [:]) -> String {
        text(key.rawValue, category: .other, arguments)
    }

    /// The text of `key` in the plural form `count` takes; `{count}` is the number itself.
    public func callAsFunction(_ key: InterfaceText, count: Int, _ arguments: [String: String] = [:]) -> String {
        var arguments = arguments
        arguments["count"] = arguments["count"] ?? numbers.format(count)
        return text(key.rawValue, category: PluralCategory.of(count, in: language), arguments)
    }

    /// What a move is called: "apology", "извинение".
    public func name(of move: MoveID) -> String { text("move.\(move.rawValue)", fallback: move.rawValue) }
    public func name(of outcome: Outcome) -> String { text("outcome.\(outcome.rawValue)", fallback: outcome.rawValue) }
    public func name(of category: Category) -> String { text("category.\(category.rawValue)", fallback: category.rawValue) }
    public func name(of kind: Scenario.Kind) -> String { text("kind.\(kind.rawValue)", fallback: kind.rawValue) }
    /// What a stored session's status is called in a report: "walked-out", "клиент не дождался".
    public func name(of status: SessionStatus) -> String { text("status.\(status.rawValue)", fallback: status.rawValue) }

    private func text(_ key: String, fallback: String) -> String {
        texts[key].map { $0.form(for: .other) } ?? fallback
    }

    private func text(_ key: String, category: PluralCategory, _ arguments: [String: String]) -> String {
        // A key no catalogue has (a broken installation) shows as itself, never as nothing.
        guard let entry = texts[key] else { return "[\(key)]" }
        return Self.fill(entry.form(for: category), arguments)
    }

    /// `template` with each `{name}` that `arguments` has replaced, in one pass, so a value
    /// that itself contains braces (a trainee's words) is never read as a placeholder.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = arguments[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The placeholders a template uses, in order of first use.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !names.contains(name) { names.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

extension InterfaceCatalogue {
    /// The built-in English texts, loaded once. If the program's own files are broken the
    /// catalogue is empty and every text shows as its key: visible, never a crash.
    public static let english: InterfaceCatalogue = {
        var diagnostics = DiagnosticCollector()
        guard let file = InterfaceCatalogueLoader.read(path: Library.bundled.interfacePath(for: "en"), diagnostics: &diagnostics)
        else { return InterfaceCatalogue(language: "en", name: "English", numbers: .english, texts: [:]) }
        return InterfaceCatalogue(language: "en", name: file.name, numbers: file.numbers, dates: file.dates, texts: file.texts)
    }()
}
