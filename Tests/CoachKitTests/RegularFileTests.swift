import Foundation
import Testing

@testable import CoachKit

/// Library files are read without blocking and within a bound, whatever sits in the folder.
@Suite struct RegularFileTests {
    let folder: String = {
        let folder = NSTemporaryDirectory() + "coach-regular-file-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()

    @Test func aPipeNamedLikeAScenarioIsRefusedWithoutWaitingForAWriter() throws {
        let path = folder + "/pipe.yaml"
        #expect(mkfifo(path, 0o600) == 0)
        // A blocking open would wait here for ever: nobody ever writes to this pipe.
        #expect(RegularFile.read(path, limit: 1 << 20) == .failure(.notARegularFile))
        var diagnostics = DiagnosticCollector()
        #expect(YAMLDocument.load(contentsOf: path, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.diagnostics.map(\.code) == ["FILE-READ"])
    }

    /// A lexicon is read once, parsed and hashed from the same bytes; a file that cannot be
    /// read is said once, as for any library file.
    @Test func aLexiconIsReadOnceAndAFileThatCannotBeReadIsSaid() throws {
        let pipe = folder + "/en.yaml"
        #expect(mkfifo(pipe, 0o600) == 0)
        var diagnostics = DiagnosticCollector()
        #expect(LexiconLoader.load(path: pipe, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.diagnostics.map(\.code) == ["FILE-READ"])
        let path = Fixtures.path("mini-en.yaml")
        var clean = DiagnosticCollector()
        let lexicon = try #require(LexiconLoader.load(path: path, diagnostics: &clean))
        #expect(lexicon.version == ContentHash.of(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func aFolderIsNotAFile() {
        #expect(RegularFile.read(folder, limit: 1 << 20) == .failure(.notARegularFile))
    }

    @Test func aFileOverTheLimitIsRefusedByItsSizeAndOneWithinIsReadWhole() throws {
        let path = folder + "/big.yaml"
        try Data(repeating: 0x61, count: 4_097).write(to: URL(fileURLWithPath: path))
        #expect(RegularFile.read(path, limit: 4_096) == .failure(.tooLarge(limit: 4_096)))
        #expect((try? RegularFile.read(path, limit: 4_097).get())?.count == 4_097)
        #expect(RegularFile.read(folder + "/missing.yaml", limit: 10) == .failure(.cannotOpen))
    }

    @Test(arguments: ["0", "-5", "86401"])
    func aSilenceThatWouldNudgeForEverIsAnError(after: String) throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "silence: {after: 30,", with: "silence: {after: \(after),")
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        let range = diagnostics.diagnostics.filter { $0.code == "RANGE" }
        #expect(range.count == 1)
        #expect(range.first?.message.contains("after must be between 1 and 86400") == true)
    }
}
