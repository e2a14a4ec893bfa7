/// ANSI styling that is either on or off; the caller decides (terminal, `NO_COLOR`).
public struct TextStyle: Sendable {
    public var colours: Bool

    public init(colours: Bool) { self.colours = colours }

    public static let plain = TextStyle(colours: false)

    public func paint(_ text: String, _ code: String) -> String { colours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    public func bold(_ text: String) -> String { paint(text, "1") }
    public func dim(_ text: String) -> String { paint(text, "2") }
    public func red(_ text: String) -> String { paint(text, "31") }
    public func green(_ text: String) -> String { paint(text, "32") }
    public func yellow(_ text: String) -> String { paint(text, "33") }
    public func blue(_ text: String) -> String { paint(text, "34") }
    public func magenta(_ text: String) -> String { paint(text, "35") }
    public func cyan(_ text: String) -> String { paint(text, "36") }
}

extension String {
    /// The text with control characters made visible, so input can never drive a terminal.
    public var printable: String { printable(keepingNewlines: false) }

    /// As ``printable``, optionally keeping line breaks (for multi-line notes).
    public func printable(keepingNewlines: Bool) -> String {
        var output = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0A where keepingNewlines: output.unicodeScalars.append(scalar)
            case 0x09: output.unicodeScalars.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: output.unicodeScalars.append("\u{FFFD}")
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
