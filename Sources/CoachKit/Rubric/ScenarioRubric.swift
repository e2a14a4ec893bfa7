import Foundation

/// The library's rubric as one scenario applies it: which rules count, in whose words.
///
/// The rubric is shared by every scenario of a library, so its texts must not name one
/// scenario's customer or facts, and some rules ask for what a scenario never gives the
/// trainee (a cause to explain). A scenario's `rubric:` replaces a rule's `why` and `try`
/// with its own or switches the rule off (`applies: false`); any text may say
/// `{customer}`: the form of the customer's name a trainee would use, the last of
/// `customer.names` ("Mrs Varga"). Lint checks both (`RUB-TEXT`, `SCN-RUBRIC`).
public enum ScenarioRubric {
    /// The one placeholder a feedback text may use.
    public static let customerPlaceholder = "{customer}"

    /// How feedback refers to the customer: the last listed form of the name.
    public static func customerName(in scenario: Scenario) -> String {
        scenario.customer.names.last ?? "the customer"
    }

    /// `text` with the scenario's customer in place of `{customer}`.
    public static func fill(_ text: String, for scenario: Scenario) -> String {
        guard text.contains(customerPlaceholder) else { return text }
        return text.replacingOccurrences(of: customerPlaceholder, with: customerName(in: scenario))
    }

    /// The rules that apply to the scenario, with its own texts and placeholders filled.
    public static func rules(of rubric: Rubric, for scenario: Scenario) -> [Rule] {
        rubric.rules.filter { applies($0, to: scenario) }.map { rule($0, in: scenario) }
    }

    /// Whether the rule counts in this scenario: its kind, and the scenario's own say.
    public static func applies(_ rule: Rule, to scenario: Scenario) -> Bool {
        rule.when.applies(to: scenario.kind) && scenario.rubric[rule.id]?.applies != false
    }

    /// `rule` with the scenario's own texts, placeholders filled.
    public static func rule(_ rule: Rule, in scenario: Scenario) -> Rule {
        var rule = rule
        if let own = scenario.rubric[rule.id] {
            if let why = own.why { rule.why = why }
            if let tryText = own.tryText { rule.tryText = tryText }
        }
        rule.why = fill(rule.why, for: scenario)
        rule.tryText = rule.tryText.map { fill($0, for: scenario) }
        return rule
    }

    /// What is wrong with a feedback text as written, if anything: a placeholder other
    /// than `{customer}`, or quotes that do not pair up (a YAML-quoted quote such as
    /// `'"…"'` inside double quotes renders with stray marks).
    public static func problem(in text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return "a '{' is never closed" }
            let name = rest[open...close]
            if name != customerPlaceholder {
                return "'\(name)' is not a placeholder; the only one is \(customerPlaceholder)"
            }
            rest = rest[rest.index(after: close)...]
        }
        if text.filter({ $0 == "\"" }).count % 2 != 0 { return "its double quotes do not pair up" }
        if text.contains("'\"") || text.contains("\"'") {
            return "it will show both quote marks ('\"…\"'): quote the whole value in YAML instead, 'Ask first — \"…\"'"
        }
        return nil
    }
}
