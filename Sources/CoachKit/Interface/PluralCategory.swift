/// The grammatical number a count takes in a language: "1 reply", "2 replies"; in Russian
/// "1 реплика", "3 реплики", "5 реплик".
///
/// The categories and the rules are CLDR's, for whole numbers, which are all coach counts.
/// A language without a rule here uses English's (`one` for 1, `other` otherwise), so a
/// new language still works before its rule is added.
public enum PluralCategory: String, Sendable, CaseIterable, Hashable {
    case zero, one, two, few, many, other

    /// The category `count` takes in `language`.
    public static func of(_ count: Int, in language: String) -> PluralCategory {
        let n = count.magnitude
        let lastDigit = n % 10, lastTwo = n % 100
        switch language.split(separator: "-").first.map(String.init) ?? language {
        case "ru", "uk":
            if lastDigit == 1 && lastTwo != 11 { return .one }
            if (2...4).contains(lastDigit) && !(12...14).contains(lastTwo) { return .few }
            return .many
        case "ro":
            if n == 1 { return .one }
            if n == 0 || (1...19).contains(lastTwo) { return .few }
            return .other
        case "sk", "cs":
            if n == 1 { return .one }
            if (2...4).contains(n) { return .few }
            return .other
        default:
            return n == 1 ? .one : .other
        }
    }

    /// The categories a language's texts should give, in CLDR's order.
    public static func needed(in language: String) -> [PluralCategory] {
        switch language.split(separator: "-").first.map(String.init) ?? language {
        case "ru", "uk": [.one, .few, .many]
        case "ro", "sk", "cs": [.one, .few, .other]
        default: [.one, .other]
        }
    }
}
