/// Wraps text to a width at spaces, with a hanging indent for continuation lines.
enum TextWrap {
    static func wrap(_ text: String, width: Int, indent: Int) -> String {
        let limit = max(20, width)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // Leading spaces are the paragraph's own indent ("  • item"): keep them.
            let leading = paragraph.prefix { $0 == " " }.count
            var line = String(repeating: " ", count: leading)
            var lineLength = leading
            var currentIndent = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let length = visibleLength(word)
                if lineLength > 0, currentIndent + lineLength + 1 + length > limit {
                    lines.append(String(repeating: " ", count: currentIndent) + line)
                    line = ""
                    lineLength = 0
                    currentIndent = indent
                }
                if lineLength > leading || (lineLength > 0 && currentIndent > 0) {
                    line += " "
                    lineLength += 1
                }
                line += word
                lineLength += length
            }
            lines.append(String(repeating: " ", count: currentIndent) + line)
        }
        return lines.joined(separator: "\n")
    }

    /// Columns a piece of text takes, ignoring ANSI colour sequences.
    static func visibleLength(_ text: Substring) -> Int {
        var count = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else if scalar.properties.generalCategory != .nonspacingMark {
                count += 1
            }
        }
        return count
    }
}
