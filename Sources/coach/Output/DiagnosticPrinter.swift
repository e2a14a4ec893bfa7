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
                    let contents = (try? String(contentsOfFile: location.file, encoding: .utf8)) ?? ""
                    sources[location.file] = contents.split(separator: "\n", omittingEmptySubsequences: false)
                }
                if let lines = sources[location.file], location.line >= 1, location.line <= lines.count {
                    let line = String(lines[location.line - 1]).printable
                    let pad = String(repeating: " ", count: max(0, min(location.column - 1, line.unicodeScalars.count)))
                    text += "    \(line)\n    \(pad)\(style.green("^"))\n"
                }
            }
        }
        if toStandardOutput { StandardOutput.write(text) } else { StandardError.write(text) }
    }
}
