import Foundation
import Testing

@testable import CoachKit

/// The lexicons are written from how people speak, never from the sets that measure them:
/// a lexicon line that repeats a labelled reply would make the figures in
/// docs/detection.md say nothing about replies the lexicon has not seen.
///
/// Short common phrases ("what can I do for you") are bound to recur, so the check is
/// for a long run of the same words: at least `minimumRun` words in a row, making up at
/// least half of the lexicon line.
@Suite struct EvalDataIsolationTests {
    static let minimumRun = 8

    /// The labelled sets: the shared in-domain data and this repository's blind sets.
    static var evalFiles: [URL] {
        let shared = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/eval-data")
        let blind = Fixtures.repository.appendingPathComponent("eval")
        return [shared, blind].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".tsv") && ($0.hasPrefix("agent-moves-") || $0.hasPrefix("blind-")) }
                .sorted()
                .map { folder.appendingPathComponent($0) }
        }
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "'") }.map(String.init)
    }

    /// The longest run of consecutive words `line` shares with any of `rows`, found through
    /// an index of the rows' three-word sequences.
    static func longestSharedRun(_ line: [String], rows: [[String]], index: [[String]: Set<Int>]) -> Int {
        guard line.count >= 3 else { return 0 }
        var candidates = Set<Int>()
        for start in 0...(line.count - 3) { candidates.formUnion(index[Array(line[start..<start + 3])] ?? []) }
        var best = 0
        for row in candidates.map({ rows[$0] }) {
            var previous = [Int](repeating: 0, count: row.count + 1)
            for word in line {
                var current = [Int](repeating: 0, count: row.count + 1)
                for (position, other) in row.enumerated() where other == word {
                    current[position + 1] = previous[position] + 1
                    best = max(best, current[position + 1])
                }
                previous = current
            }
        }
        return best
    }

    static let languages = ["en", "ru", "hu", "ro", "sk", "el"]

    @Test(.enabled(if: !evalFiles.isEmpty), arguments: languages)
    func noLexiconLineRepeatsALabelledReply(language: String) throws {
        let rows = try Self.evalFiles
            // The language is one of the name's parts: agent-moves-en, blind-en, blind-en-2.
            .filter { $0.deletingPathExtension().lastPathComponent.split(separator: "-").contains(Substring(language)) }
            .flatMap { try String(contentsOf: $0, encoding: .utf8).split(separator: "\n") }
            .filter { !$0.hasPrefix("#") }
            .compactMap { $0.split(separator: "\t", omittingEmptySubsequences: false).last.map { Self.words(String($0)) } }
        var index: [[String]: Set<Int>] = [:]
        for (number, row) in rows.enumerated() where row.count >= 3 {
            for start in 0...(row.count - 3) { index[Array(row[start..<start + 3]), default: []].insert(number) }
        }
        let lexicon = try #require(Fixtures.detector(language)).lexicon
        var lines: [(String, CoachKit.SourceLocation)] = []
        for entry in lexicon.moves.values {
            lines += (entry.examples + entry.counterExamples).map { ($0.text, $0.location) }
            lines += (entry.patterns + entry.except).map { ($0.source, $0.location) }
        }
        for (text, location) in lines {
            let words = Self.words(text)
            let run = Self.longestSharedRun(words, rows: rows, index: index)
            #expect(
                run < Self.minimumRun || run * 2 < words.count,
                "\(location): \"\(text)\" repeats \(run) words of a labelled reply; write the rule for the class")
        }
    }

    @Test func theCheckFindsARepeatedReply() {
        let rows = [Self.words("Right, so I'll send a new one by courier today, and I'll call you tomorrow")]
        var index: [[String]: Set<Int>] = [:]
        for start in 0...(rows[0].count - 3) { index[Array(rows[0][start..<start + 3]), default: []].insert(0) }
        #expect(Self.longestSharedRun(Self.words("I'll send a new one by courier today."), rows: rows, index: index) == 8)
        #expect(Self.longestSharedRun(Self.words("I'll post a new one today."), rows: rows, index: index) == 3)
    }
}
