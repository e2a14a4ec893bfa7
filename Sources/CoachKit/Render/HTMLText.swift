/// Escaping for HTML and SVG: everything a trainee typed or a scenario says is text, never markup.
public enum HTMLText {
    /// Escapes `& < > " '` so the text is safe in element content and in quoted attributes;
    /// control characters other than tab and newline become U+FFFD.
    public static func escape(_ text: String) -> String { escape(text, quotes: true) }

    /// Escapes `& < >` (and control characters, as ``escape(_:)``) but not quotes: for text
    /// that only ever goes into element content, such as coach's own words ("the session's").
    public static func escapeContent(_ text: String) -> String { escape(text, quotes: false) }

    static func escape(_ text: String, quotes: Bool) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes: output += "&quot;"
            case "'" where quotes: output += "&#39;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }
}
