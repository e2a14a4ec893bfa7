import Foundation

/// How a language writes dates and times in reports: "2026-12-06 14:05" in English,
/// "06.12.2026 14:05" in Russian.
///
/// Each pattern is a text with the placeholders `{year}` (four digits), `{month}`, `{day}`,
/// `{hour}` and `{minute}` (two digits each, 24-hour clock), or `{m}` and `{d}` for the month
/// and the day without a leading zero (Slovak "6. 12. 2026"): a translator writes the order
/// and the separators of their country, never a format string a program has to understand.
public struct DateConventions: Sendable, Hashable {
    /// A calendar day: "{year}-{month}-{day}", "{day}.{month}.{year}".
    public var day: String
    /// A day and a time to the minute: "{year}-{month}-{day} {hour}:{minute}".
    public var minute: String
    /// A day without its year, under a chart's points: "{month}-{day}", "{day}.{month}".
    public var shortDay: String

    public init(
        day: String = "{year}-{month}-{day}", minute: String = "{year}-{month}-{day} {hour}:{minute}",
        shortDay: String = "{month}-{day}"
    ) {
        self.day = day
        self.minute = minute
        self.shortDay = shortDay
    }

    /// ISO 8601's order, which English reports have always used: it sorts, and no reader
    /// mistakes 03-04 for April the 3rd.
    public static let english = DateConventions()

    /// The placeholders each pattern must have, by its key in a catalogue's `dates:`: a date
    /// without its day, or a time without its hour, would say something else. `{d}` and `{m}`
    /// stand for `{day}` and `{month}`.
    static let required: [(key: String, placeholders: [String])] = [
        ("day", ["year", "month", "day"]), ("minute", ["year", "month", "day", "hour", "minute"]),
        ("short-day", ["month", "day"]),
    ]

    /// `date` as a calendar day in `timeZone`.
    public func day(_ date: Date, in timeZone: TimeZone) -> String { Self.format(date, day, timeZone) }

    /// `date` to the minute in `timeZone`.
    public func minute(_ date: Date, in timeZone: TimeZone) -> String { Self.format(date, minute, timeZone) }

    /// `date` as a day without its year in `timeZone`.
    public func shortDay(_ date: Date, in timeZone: TimeZone) -> String { Self.format(date, shortDay, timeZone) }

    static func format(_ date: Date, _ pattern: String, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return InterfaceCatalogue.fill(
            pattern,
            [
                "year": String(format: "%04d", parts.year ?? 0), "month": two(parts.month), "day": two(parts.day),
                "m": String(parts.month ?? 0), "d": String(parts.day ?? 0), "hour": two(parts.hour),
                "minute": two(parts.minute),
            ])
    }
}
