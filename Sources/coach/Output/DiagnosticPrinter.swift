import CoachKit
import Foundation

/// Prints diagnostics compiler-style, with the source line and a caret when the file is readable.
struct DiagnosticPrinter {
    var style: TextStyle
    var toStandardOutput: Bool

    static var standardOutput: DiagnosticPrinter { DiagnosticPrinter(style: TerminalStyle.standardOutput, toStandardOutput: true) }
    static var standardError: DiagnosticPrinter { DiagnosticPrinter(style: TerminalStyle.standardError, toStandardOutput: false) }

    func print(_ diagnostics: [Diagnostic]) {
        var sources: [String: [Substring]] = [:]
        var text = ""
        for diagnostic in diagnostics {
            let severity =
                switch diagnostic.severity {
                case .error: style.red(style.bold("error"))
                case .warning: style.yellow(style.bold("warning"))
                case .note: style.cyan("note")
                }
            let place = diagnostic.location.map { "\($0): " } ?? "coach: "
            text += "\(style.bold(place))\(severity): [\(diagnostic.code)] \(diagnostic.message.printable)\n"
            if let location = diagnostic.location {
                if sources[location.file] == nil {
                    // Only a file coach could have read: never a pipe, never more than the YAML limit.
                    let data = (try? RegularFile.read(location.file, limit: YAMLLimits().maxBytes).get()) ?? Data()
                    let contents = String(decoding: data, as: UTF8.self)
                    sources[location.file] = contents.split(separator: "\n", omittingEmptySubsequences: false)
                }
                if let lines = sources[location.file], location.line >= 1, location.line <= lines.count {
                    let (line, caret) = Self.excerpt(String(lines[location.line - 1]).printable, column: location.column)
                    text += "    \(line)\n    \(String(repeating: " ", count: caret))\(style.green("^"))\n"
                }
            }
        }
        if toStandardOutput { StandardOutput.write(text) } else { StandardError.write(text) }
    }

    /// At most `width` characters of `line` around `column` (1-based), with "…" where it was
    /// cut, and where the caret goes under it: a 500,000-character line is not printed whole.
    static func excerpt(_ line: String, column: Int, width: Int = 120) -> (text: String, caret: Int) {
        let scalars = Array(line.unicodeScalars)
        let at = max(0, min(column - 1, scalars.count))
        guard scalars.count > width else { return (line, at) }
        let start = max(0, min(at - width / 2, scalars.count - width))
        let end = min(scalars.count, start + width)
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        var caret = at - start
        if start > 0 {
            text = "…" + text
            caret += 1
        }
        if end < scalars.count { text += "…" }
        return (text, caret)
    }
}
