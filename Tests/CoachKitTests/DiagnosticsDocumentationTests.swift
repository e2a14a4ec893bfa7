import Foundation
import Testing

/// Every code a diagnostic can carry is explained in docs/diagnostics.md: the page promises
/// that scripts and editors may rely on the codes, and that it explains each one.
@Suite struct DiagnosticsDocumentationTests {
    /// The codes written in the sources where a diagnostic is made.
    static let emitted: Set<String> = {
        let sources = Fixtures.repository.appendingPathComponent("Sources")
        var codes = Set<String>()
        let pattern = #/(?:error|warning)\(\s*"([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)"|Diagnostic\(\s*\.(?:error|warning),\s*"([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)"/#
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = (try? String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)) ?? ""
            for match in text.matches(of: pattern) {
                if let code = match.output.1 ?? match.output.2 { codes.insert(String(code)) }
            }
        }
        return codes
    }()

    @Test func everyCodeTheSourcesEmitHasASection() throws {
        let page = try String(
            contentsOf: Fixtures.repository.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let headings = page.split(separator: "\n").filter { $0.hasPrefix("### ") }.joined(separator: "\n")
        // The scan finds the codes it should: a broken pattern would make this test pass vacuously.
        #expect(Self.emitted.count >= 30)
        #expect(Self.emitted.isSuperset(of: ["SCN-BUNDLE", "SCN-INCLUDE", "SCN-WORDING", "YAML-SYNTAX"]))
        for code in Self.emitted.sorted() {
            #expect(headings.contains("`\(code)`"), "docs/diagnostics.md has no section for \(code)")
        }
    }
}
