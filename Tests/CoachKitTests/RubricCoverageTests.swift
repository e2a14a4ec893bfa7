import Foundation
import Testing

@testable import CoachKit

/// The default rubric covers GUIDELINES.md, and docs/rubric.md says so truthfully.
@Suite struct RubricCoverageTests {
    static let rubric: Rubric? = {
        var diagnostics = DiagnosticCollector()
        return Fixtures.library.loadRubric(diagnostics: &diagnostics)
    }()

    static let document = (try? String(
        contentsOf: Fixtures.repository.appendingPathComponent("docs/rubric.md"), encoding: .utf8)) ?? ""

    /// The rows of docs/rubric.md's tables: guideline id → the rest of the row.
    static func rows() -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in document.split(separator: "\n") where line.hasPrefix("| G") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            rows[cells[0], default: []].append(cells.dropFirst().joined(separator: "|"))
        }
        return rows
    }

    @Test func everyGuidelineIsScoredOrExplained() throws {
        let rubric = try #require(Self.rubric)
        let cited = Set(rubric.rules.flatMap(\.guidelines))
        let rows = Self.rows()
        for number in 1...46 {
            let id = "G\(number)"
            let row = try #require(rows[id], "docs/rubric.md has no row for \(id)")
            if cited.contains(id) {
                let rules = rubric.rules.filter { $0.guidelines.contains(id) }.map(\.id)
                for rule in rules { #expect(row.joined().contains("`\(rule)`"), "\(id): \(rule) missing from docs") }
            } else {
                #expect(row.count == 2 || row.contains { $0.contains("—") }, "\(id) is neither scored nor explained")
            }
        }
    }

    @Test func everyRuleLoadsWithAReasonAndFaultsHaveATry() throws {
        let rubric = try #require(Self.rubric)
        #expect(rubric.rules.count >= 30)
        for rule in rubric.rules {
            #expect(!rule.why.isEmpty)
            #expect(!rule.guidelines.isEmpty, "\(rule.id) cites no guideline")
            if rule.points < 0 || [.never, .order, .expected, .pairing, .count].contains(rule.kind) {
                #expect(rule.tryText != nil, "\(rule.id) has no Try")
            }
        }
    }
}
