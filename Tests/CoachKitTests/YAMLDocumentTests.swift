import Foundation
import Testing

@testable import CoachKit

@Suite struct YAMLDocumentTests {
    func diagnostics(_ text: String, limits: YAMLLimits = YAMLLimits()) -> [Diagnostic] {
        var collector = DiagnosticCollector()
        _ = YAMLDocument.parse(text: text, file: "f.yaml", limits: limits, diagnostics: &collector)
        return collector.diagnostics
    }

    @Test(arguments: [
        ("a: [1, 2\nb: 3\n", "YAML-SYNTAX"),
        ("a: 1\na: 2\n", "YAML-DUPLICATE-KEY"),
        // Keys are text to every reader: a quoted and a plain `1`, or `yes` written twice, are one key.
        ("1: a\n\"1\": b\n", "YAML-DUPLICATE-KEY"),
        ("on: a\n'on': b\n", "YAML-DUPLICATE-KEY"),
        ("", "YAML-EMPTY"),
        ("? [a, b]\n: 1\n", "YAML-KEY"),
    ])
    func reportsBrokenYAML(text: String, code: String) {
        #expect(diagnostics(text).map(\.code) == [code])
    }

    /// Scalars are read as text, whatever they look like; the readers decide what they mean.
    @Test func scalarsThatLookLikeNumbersOrBooleansStayText() throws {
        var collector = DiagnosticCollector()
        let node = try #require(
            YAMLDocument.parse(text: "a: 0x1F\nb: yes\nc: 2026-12-07\nd: .inf\n", file: "f.yaml", diagnostics: &collector))
        guard case .mapping(let mapping) = node else { Issue.record("not a mapping"); return }
        let texts = mapping.entries.compactMap { entry -> String? in
            if case .scalar(let scalar) = entry.value { return scalar.text }
            return nil
        }
        #expect(texts == ["0x1F", "yes", "2026-12-07", ".inf"])
        #expect(collector.diagnostics.isEmpty)
    }

    @Test func syntaxErrorsPointAtTheirLine() throws {
        let found = try #require(diagnostics("a: 1\nb: [x\nc: 2\n").first)
        #expect(found.location?.line == 3)
    }

    @Test func deepNestingIsRefusedBeforeParsing() {
        let found = diagnostics("a: " + String(repeating: "[", count: 100_000))
        #expect(found.map(\.code) == ["YAML-LIMIT"])
        #expect(found.first?.location?.column == 52)
    }

    @Test(arguments: [("k:", 49, 49), ("- ", 48, 48)])
    func blockNestingPastTheParsersOwnCeilingIsTheSameLimitWhereItIsPassed(item: String, line: Int, column: Int) throws {
        // 1,200 levels by indentation alone: libyaml stops at 1,000 with a message of its own.
        let text = "a:\n" + (1..<1_200).map { String(repeating: " ", count: $0) + item + "\n" }.joined()
        let found = diagnostics(text)
        #expect(found.map(\.code) == ["YAML-LIMIT"])
        #expect(found.first?.message == "values are nested more than 48 levels deep")
        #expect(found.first?.location?.line == line)
        #expect(found.first?.location?.column == column)
    }

    @Test func quotedBracketsAndApostrophesDoNotCount() {
        #expect(diagnostics("a: \"" + String(repeating: "[", count: 100) + "\"\nb: don't [x]\n").isEmpty)
    }

    @Test func aliasBombsAreStoppedByTheNodeBudget() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        #expect(diagnostics(text).map(\.code) == ["YAML-LIMIT"])
    }

    @Test func largeFilesAreRefused() {
        var limits = YAMLLimits()
        limits.maxBytes = 100
        #expect(diagnostics(String(repeating: "a: b\n", count: 30), limits: limits).map(\.code) == ["YAML-LIMIT"])
    }

    @Test func invalidUTF8IsReportedWithItsPlace() {
        var collector = DiagnosticCollector()
        var data = Data("a: b\nc: ".utf8)
        data.append(contentsOf: [0xFF, 0xFE])
        _ = YAMLDocument.parse(data: data, file: "f.yaml", diagnostics: &collector)
        #expect(collector.diagnostics.map(\.code) == ["YAML-ENCODING"])
        #expect(collector.diagnostics.first?.location == CoachKit.SourceLocation(file: "f.yaml", line: 2, column: 4))
    }

    @Test(arguments: [(0x07, "U+0007"), (0x00, "U+0000"), (0x7F, "U+007F")])
    func aControlCharacterInTheFileIsReportedWhereItIs(byte: UInt8, name: String) {
        var collector = DiagnosticCollector()
        var data = Data("id: x\ntitle: a".utf8)
        data.append(byte)
        data.append(contentsOf: Data("b\n".utf8))
        _ = YAMLDocument.parse(data: data, file: "f.yaml", diagnostics: &collector)
        #expect(collector.diagnostics.map(\.code) == ["YAML-ENCODING"])
        #expect(collector.diagnostics.first?.location == CoachKit.SourceLocation(file: "f.yaml", line: 2, column: 9))
        #expect(collector.diagnostics.first?.message.contains(name) == true)
    }

    @Test(arguments: [
        ("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n", 5, 3, "first at line 3"),
        ("e: {x: 1, y: 2, x: 3}\n", 1, 17, "first at line 1"),
        ("- id: a\n  id: b\n", 2, 3, "first at line 1"),
    ])
    func aDuplicateKeyIsReportedWhereItIsRepeated(text: String, line: Int, column: Int, first: String) {
        var collector = DiagnosticCollector()
        _ = YAMLDocument.parse(text: text, file: "f.yaml", diagnostics: &collector)
        let found = collector.diagnostics.first { $0.code == "YAML-DUPLICATE-KEY" }
        #expect(found?.location == CoachKit.SourceLocation(file: "f.yaml", line: line, column: column))
        #expect(found?.message.contains(first) == true)
    }
}
