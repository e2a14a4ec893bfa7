import Foundation

/// How records write times and durations in exports: ISO 8601, in UTC.
public enum RecordDates {
    /// `2025-03-04T09:15:02.120Z`.
    public static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// `2025-03-04 10:15` in `timeZone`: for tables people read.
    public static func minute(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    /// `2025-03-04` in `timeZone`.
    public static func day(_ date: Date, in timeZone: TimeZone) -> String { String(minute(date, in: timeZone).prefix(10)) }

    /// A duration for people: `4 min 05 s`, `1 h 02 min`, `12 s`.
    public static func spoken(_ seconds: TimeInterval) -> String {
        let total = Int(max(0, seconds).rounded())
        if total >= 3600 { return "\(total / 3600) h " + String(format: "%02d min", total / 60 % 60) }
        if total >= 60 { return "\(total / 60) min " + String(format: "%02d s", total % 60) }
        return "\(total) s"
    }

    /// A time limit in messages, to a tenth of a second: `30 s`, `1.5 s`.
    public static func seconds(_ seconds: TimeInterval) -> String {
        String(format: "%g s", (seconds * 10).rounded() / 10)
    }

    /// An ISO 8601 duration, to the hundredth of a second as xAPI recommends: `PT1H2M3.5S`, `PT0S`.
    public static func duration(_ seconds: TimeInterval) -> String {
        let hundredths = Int((max(0, seconds) * 100).rounded())
        let hours = hundredths / 360_000
        let minutes = hundredths / 6000 % 60
        let rest = hundredths % 6000
        var text = "PT"
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if rest > 0 || (hours == 0 && minutes == 0) {
            text += String(rest / 100)
            let fraction = rest % 100
            if fraction > 0 {
                text += "." + (fraction % 10 == 0 ? String(fraction / 10) : String(format: "%02d", fraction))
            }
            text += "S"
        }
        return text
    }
}
