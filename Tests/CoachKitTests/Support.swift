import Foundation
import Synchronization
import Testing

@testable import CoachKit

/// Paths and loaders shared by the tests.
enum Fixtures {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let library = Library(root: repository.appendingPathComponent("scenarios").path)

    static func path(_ name: String) -> String { testsFolder.appendingPathComponent("Fixtures/\(name)").path }

    /// The unit-test lexicon.
    static let miniLexicon: Lexicon = {
        var diagnostics = DiagnosticCollector()
        guard let lexicon = LexiconLoader.load(path: path("mini-en.yaml"), diagnostics: &diagnostics) else {
            fatalError("the test lexicon does not load: \(diagnostics.diagnostics)")
        }
        return lexicon
    }()

    static let miniDetector = MoveDetector(lexicon: miniLexicon)

    /// A shipped lexicon's detector, compiled once per language for the whole test run:
    /// argument tables build a fresh suite value per row, and compiling the English
    /// lexicon in a debug build takes about half a second.
    static func detector(_ language: String) -> MoveDetector? {
        shippedDetectors.withLock { cache in
            if let cached = cache[language] { return cached }
            var diagnostics = DiagnosticCollector()
            let detector = library.detector(for: language, diagnostics: &diagnostics)
            cache[language] = detector
            return detector
        }
    }

    private static let shippedDetectors = Mutex<[String: MoveDetector?]>([:])

    /// A scenario's `phrases:`, as if written in one file.
    static func phrases(_ written: [(MoveID, String)]) -> [Scenario.Phrase] {
        written.map { Scenario.Phrase(move: $0.0, pattern: $0.1, location: SourceLocation(file: "s.yaml", line: 1, column: 1)) }
    }

    /// Loads lexicon text, returning the lexicon and the diagnostics.
    static func lexicon(_ text: String) -> (Lexicon?, [Diagnostic]) {
        var diagnostics = DiagnosticCollector()
        let lexicon = LexiconLoader.load(text: text, file: "test.yaml", diagnostics: &diagnostics)
        return (lexicon, diagnostics.diagnostics)
    }
}

extension MoveDetection {
    var idList: [String] { moves.map(\.id.rawValue) }
}

extension Fixtures {
    static let tinySetup: Setup = {
        var diagnostics = DiagnosticCollector()
        guard let scenario = ScenarioLoader.load(path: path("tiny-scenario.yaml"), diagnostics: &diagnostics),
            let rubric = RubricLoader.load(path: path("tiny-rubric.yaml"), diagnostics: &diagnostics)
        else { fatalError("the test scenario does not load: \(diagnostics.diagnostics)") }
        return Setup(scenario: scenario, rubric: rubric, detector: miniDetector)
    }()

    /// The tiny scenario with each `(find, replace)` edit applied to its text; it must load cleanly.
    static func tinySetup(editing edits: [(String, String)]) -> Setup {
        var text = try! String(contentsOfFile: path("tiny-scenario.yaml"), encoding: .utf8)
        for (find, replace) in edits {
            precondition(text.contains(find), "the tiny scenario has no '\(find)'")
            text = text.replacingOccurrences(of: find, with: replace)
        }
        var diagnostics = DiagnosticCollector()
        guard let scenario = ScenarioLoader.load(text: text, file: "edited.yaml", diagnostics: &diagnostics),
            diagnostics.diagnostics.isEmpty
        else { fatalError("\(diagnostics.diagnostics)") }
        return Setup(scenario: scenario, rubric: tinySetup.rubric, detector: miniDetector)
    }

    /// Plays `events` through a fresh conversation of the tiny scenario.
    static func play(_ events: [InputEvent], seed: UInt64 = 1) -> Conversation {
        var conversation = tinySetup.conversation(seed: seed, trainee: "t")
        for event in events { _ = conversation.receive(event) }
        return conversation
    }
}

/// A fresh folder under the system's temporary one, for files a test writes.
struct TemporaryFolder {
    let path = NSTemporaryDirectory() + "coach-test-" + UUID().uuidString

    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }

    /// Writes `text` at `relative` (folders made as needed).
    func write(_ relative: String, _ text: String) throws {
        let file = (path as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
    }
}
