import Foundation
import Yams

/// Limits that keep a hostile or broken file from exhausting memory or the stack.
public struct YAMLLimits: Sendable {
    /// 2 MiB: the English lexicon, the largest file shipped, is past 1 MiB.
    public var maxBytes = 2 << 20
    public var maxNodes = 200_000
    public var maxDepth = 48

    public init() {}
}

/// Reads YAML files into ``YAMLNode`` trees, turning every failure into a diagnostic.
public enum YAMLDocument {
    /// Reads and parses a file; `nil` (with diagnostics) when it cannot be used at all.
    public static func load(
        contentsOf path: String, limits: YAMLLimits = YAMLLimits(), diagnostics: inout DiagnosticCollector
    ) -> YAMLNode? {
        guard let data = read(path, limits: limits, diagnostics: &diagnostics) else { return nil }
        return parse(data: data, file: path, limits: limits, diagnostics: &diagnostics)
    }

    /// A file's bytes, for a reader that needs them as well as the tree (a lexicon hashes
    /// them); `nil`, with the reason, when it cannot be read or is too large.
    public static func read(
        _ path: String, limits: YAMLLimits = YAMLLimits(), diagnostics: inout DiagnosticCollector
    ) -> Data? {
        switch RegularFile.read(path, limit: limits.maxBytes) {
        case .success(let data):
            return data
        case .failure(let failure):
            let code = if case .tooLarge = failure { "YAML-LIMIT" } else { "FILE-READ" }
            diagnostics.error(code, failure.description, at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
    }

    /// Parses bytes that claim to be UTF-8 YAML.
    public static func parse(
        data: Data, file: String, limits: YAMLLimits = YAMLLimits(), diagnostics: inout DiagnosticCollector
    ) -> YAMLNode? {
        guard let text = String(data: data, encoding: .utf8) else {
            let location = firstInvalidUTF8(in: data, file: file)
            diagnostics.error("YAML-ENCODING", "the file is not valid UTF-8", at: location)
            return nil
        }
        return parse(text: text, file: file, limits: limits, diagnostics: &diagnostics)
    }

    /// Parses YAML text.
    public static func parse(
        text: String, file: String, limits: YAMLLimits = YAMLLimits(), diagnostics: inout DiagnosticCollector
    ) -> YAMLNode? {
        if text.utf8.count > limits.maxBytes {
            diagnostics.error(
                "YAML-LIMIT", "the file is larger than \(limits.maxBytes) bytes",
                at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        if let deep = deepFlowNesting(in: text, file: file, limit: limits.maxDepth) {
            diagnostics.error("YAML-LIMIT", "values are nested more than \(limits.maxDepth) levels deep", at: deep)
            return nil
        }
        let node: Node?
        do {
            // Every scalar is read as text (`.basic`): the readers decide what a value means, and
            // Yams's default resolver tests each scalar against regular expressions for
            // numbers, booleans and dates — a fifth of linting a library. Keys are compared
            // as text too, so `1:` and `"1":` in one mapping are the duplicates they are to us.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            if case .parser(_, let problem, let mark, _) = error, problem.hasPrefix("Maximum nesting level") {
                // libyaml's own ceiling (1,000 levels, far past ours): the same limit, in our words,
                // where the file goes past ours.
                diagnostics.error(
                    "YAML-LIMIT", "values are nested more than \(limits.maxDepth) levels deep",
                    at: deepBlockNesting(in: text, file: file, limit: limits.maxDepth)
                        ?? SourceLocation(file: file, line: mark.line, column: mark.column))
                return nil
            }
            diagnostics.append(diagnostic(for: error, file: file, text: text))
            return nil
        } catch {
            diagnostics.error("YAML-SYNTAX", "\(error)", at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        guard let node else {
            diagnostics.error("YAML-EMPTY", "the file is empty", at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        var budget = limits.maxNodes
        return YAMLNode.convert(
            node, file: file, limits: limits, budget: &budget, depth: 0, diagnostics: &diagnostics)
    }

    static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if problem.contains("undefined alias") {
                return Diagnostic(
                    .error, "YAML-ALIAS", "\(problem): define the anchor (&name) before the alias (*name)", at: at(mark))
            }
            let message = advice(for: problem, context: context?.text, at: mark, in: text).map { "\($0) (YAML: \(problem))" }
            return Diagnostic(.error, "YAML-SYNTAX", message ?? problem, at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            // The parser names the first occurrence; the mistake to fix is the repeat.
            let first = at(context.mark)
            guard let key = duplicates.first, let repeated = repeatedKey(key, after: first, in: text) else {
                return Diagnostic(.error, "YAML-DUPLICATE-KEY", "duplicate key \(names) in one mapping", at: first)
            }
            return Diagnostic(
                .error, "YAML-DUPLICATE-KEY", "duplicate key \(names) in one mapping (first at line \(first.line))",
                at: repeated)
        case .reader(let problem, let offset, let value, _):
            // The reader stops at a character YAML does not allow (NUL, BEL, DEL …): say which, and where.
            let location = offset.map { place(ofByte: $0, in: text, file: file) } ?? SourceLocation(file: file, line: 1, column: 1)
            let what = value >= 0 ? " (U+\(String(format: "%04X", value)))" : ""
            return Diagnostic(.error, "YAML-ENCODING", "\(problem)\(what); remove it", at: location)
        default:
            return Diagnostic(
                .error, "YAML-SYNTAX", "\(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// What to do, in a trainer's words, about the YAML mistakes people make most; `nil` for
    /// the others, which keep the parser's own words.
    static func advice(for problem: String, context: String?, at mark: Mark, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = mark.line >= 1 && mark.line <= lines.count ? Array(lines[mark.line - 1].unicodeScalars) : []
        let character = mark.column >= 1 && mark.column <= line.count ? line[mark.column - 1] : nil
        if character == "\t" || (problem.contains("tab") && line.contains("\t")) {
            return "use spaces, not a tab, to indent"
        }
        if problem == "mapping values are not allowed in this context" {
            return "a value with ': ' in it must be quoted: put the whole value in double quotes"
        }
        if problem == "found character that cannot start any token", let character, "@`%".unicodeScalars.contains(character) {
            return "a value cannot begin with '\(character)': put it in double quotes"
        }
        if context == "while scanning a block scalar" {
            return "'>' and '|' begin a block of text; to compare with a number, quote it: \"> 10\""
        }
        if problem == "found unknown escape character" {
            return "in double quotes a backslash begins an escape; write \\\\ for one backslash, or use single quotes"
        }
        return nil
    }

    /// Where `key` is written again after its first place: later on the same line (a flow
    /// mapping), or at the same column of a later line (a block mapping).
    static func repeatedKey(_ key: String, after first: SourceLocation, in text: String) -> SourceLocation? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line <= lines.count, !key.isEmpty else { return nil }
        func isKey(_ line: Substring, at column: Int) -> Bool {
            let scalars = Array(line.unicodeScalars), wanted = Array(key.unicodeScalars)
            let start = column - 1
            guard start >= 0, start + wanted.count <= scalars.count, Array(scalars[start..<(start + wanted.count)]) == wanted
            else { return false }
            let rest = scalars[(start + wanted.count)...].drop { $0 == " " || $0 == "\"" || $0 == "'" }
            return rest.first == ":"
        }
        let own = Array(lines[first.line - 1].unicodeScalars)
        if first.column + key.unicodeScalars.count <= own.count {
            for column in (first.column + key.unicodeScalars.count)...own.count
            where (column == 1 || [" ", "{", ","].contains(own[column - 2])) && isKey(lines[first.line - 1], at: column) {
                return SourceLocation(file: first.file, line: first.line, column: column)
            }
        }
        for index in first.line..<lines.count where isKey(lines[index], at: first.column) {
            let before = lines[index].unicodeScalars.prefix(first.column - 1)
            if before.allSatisfy({ $0 == " " || $0 == "-" }) {
                return SourceLocation(file: first.file, line: index + 1, column: first.column)
            }
        }
        return nil
    }

    /// The line and column of the byte at `offset` in `text`'s UTF-8.
    static func place(ofByte offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The first line whose indentation (each deeper indent, and each `- ` before its text,
    /// one level) goes more than `limit` levels deep: where a block-nested file passes the
    /// limit. An estimate from the layout alone, used only once the parser has refused the
    /// file for its nesting.
    static func deepBlockNesting(in text: String, file: String, limit: Int) -> SourceLocation? {
        var indents: [Int] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            guard indent < scalars.count, scalars[indent] != "#" else { continue }
            while let last = indents.last, last >= indent { indents.removeLast() }
            indents.append(indent)
            var depth = indents.count, column = indent
            while depth <= limit, column + 1 < scalars.count, scalars[column] == "-", scalars[column + 1] == " " {
                depth += 1
                if depth > limit { break }
                column += 2
                while column < scalars.count, scalars[column] == " " { column += 1 }
            }
            if depth > limit { return SourceLocation(file: file, line: index + 1, column: column + 1) }
        }
        return nil
    }

    /// The place of the first bracket that opens more than `limit` flow collections.
    ///
    /// The parser builds nested values recursively; a file of a million `[` would
    /// overflow the stack before any budget could stop it, so it is refused up front.
    static func deepFlowNesting(in text: String, file: String, limit: Int) -> SourceLocation? {
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil
        var escaped = false
        var comment = false
        // The last byte on this line that was not a space: a quote opens a quoted
        // scalar where a value starts, so the apostrophe in `don't` is plain text.
        var previous: UInt8? = nil
        var afterSpace = true
        for byte in text.utf8 {
            if byte & 0xC0 != 0x80 { column += 1 }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 0
                comment = false
                previous = nil
                afterSpace = true
                continue
            }
            if comment { continue }
            if let open = quote {
                if escaped {
                    escaped = false
                } else if open == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == open {
                    quote = nil
                    previous = byte
                    afterSpace = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                afterSpace = true
                continue
            case UInt8(ascii: "#") where afterSpace:
                comment = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let startsValue = previous.map { Array("[{,:-?".utf8).contains($0) } ?? true
                if startsValue { quote = byte }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return SourceLocation(file: file, line: line, column: column) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default:
                break
            }
            previous = byte
            afterSpace = false
        }
        return nil
    }

    static func firstInvalidUTF8(in data: Data, file: String) -> SourceLocation {
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput, .error:
                return SourceLocation(file: file, line: line, column: column)
            }
        }
    }
}
