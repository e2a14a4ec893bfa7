/// How a language writes numbers: "1,234.5" in English, "1 234,5" in Russian.
public struct NumberConventions: Sendable, Hashable {
    /// Between the whole part and the decimals.
    public var decimal: String
    /// Between groups of three digits, in numbers of `groupFrom` digits or more.
    public var group: String
    /// Fewest digits a whole number needs before it is grouped: Russian and Hungarian
    /// write "1000" but "10 000"; English groups from "1,000".
    public var groupFrom: Int
    /// A percentage, with `{number}`: "{number}%" or "{number} %".
    public var percent: String

    public init(decimal: String = ".", group: String = ",", groupFrom: Int = 4, percent: String = "{number}%") {
        self.decimal = decimal
        self.group = group
        self.groupFrom = groupFrom
        self.percent = percent
    }

    public static let english = NumberConventions()

    /// A whole number, grouped by the language's rule.
    public func format(_ value: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        guard digits.count >= groupFrom, !group.isEmpty else { return sign + digits }
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return sign + groups.joined(separator: group)
    }

    /// A number with `digits` decimals (rounded half away from zero).
    public func format(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return String(value) }
        let scale = (0..<digits).reduce(1.0) { result, _ in result * 10 }
        let scaled = (value.magnitude * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        var text = sign + format(whole)
        if digits > 0 {
            let decimals = String(fraction)
            text += decimal + String(repeating: "0", count: digits - decimals.count) + decimals
        }
        return text
    }

    /// A percentage of a whole number.
    public func percent(_ value: Int) -> String {
        percent.replacingOccurrences(of: "{number}", with: format(value))
    }
}
