import Foundation
import Testing

@testable import CoachKit

/// Which files of a library are scenarios, and which rubric scores each.
@Suite struct LibraryTests {
    /// A library folder: a root rubric, a `drills/` folder with its own, and scenario files.
    func makeLibrary() throws -> String {
        let root = NSTemporaryDirectory() + "coach-library-" + UUID().uuidString
        let manager = FileManager.default
        for folder in ["drills/deep", "lexicons", "plain"] {
            try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["rubric.yaml", "drills/rubric.yaml", "a.yaml", "drills/b.yaml", "drills/deep/c.yaml", "plain/d.yaml",
            "lexicons/en.yaml"]
        {
            try "x: 1\n".write(toFile: root + "/" + file, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func aScenarioIsScoredByTheNearestRubric() throws {
        let root = try makeLibrary()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let library = Library(root: root)
        #expect(library.rubricPath(forScenarioAt: root + "/a.yaml") == root + "/rubric.yaml")
        #expect(library.rubricPath(forScenarioAt: root + "/plain/d.yaml") == root + "/rubric.yaml")
        #expect(library.rubricPath(forScenarioAt: root + "/drills/b.yaml").hasSuffix("/drills/rubric.yaml"))
        #expect(library.rubricPath(forScenarioAt: root + "/drills/deep/c.yaml").hasSuffix("/drills/rubric.yaml"))
        // A file outside the library never reaches a rubric beside it.
        #expect(library.rubricPath(forScenarioAt: "/tmp/elsewhere/e.yaml") == root + "/rubric.yaml")
        #expect(library.rubricPath(forScenarioAt: root + "/drills/../../x/e.yaml") == root + "/rubric.yaml")
    }

    /// A trainer's library with only its own rubric, or only its own lexicons, plays: what it
    /// lacks comes from the built-in library, and what it has wins.
    @Test(arguments: [("rubric.yaml", true), ("lexicons/en.yaml", false)])
    func whatALibraryLacksComesFromTheBuiltInOne(own: String, ownRubric: Bool) throws {
        let root = NSTemporaryDirectory() + "coach-partial-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/lexicons", withIntermediateDirectories: true)
        let source = ownRubric ? Fixtures.path("tiny-rubric.yaml") : Fixtures.path("mini-en.yaml")
        try FileManager.default.copyItem(atPath: source, toPath: root + "/" + own)
        let library = Library(root: root)
        #expect(library.rubricFile == (ownRubric ? root + "/rubric.yaml" : Library.bundled.rubricPath))
        #expect(library.lexiconFile(for: "en") == (ownRubric ? Library.bundled.lexiconPath(for: "en") : root + "/lexicons/en.yaml"))
        #expect(library.languages.contains("ru"))
        var diagnostics = DiagnosticCollector()
        #expect(library.loadRubric(diagnostics: &diagnostics) != nil)
        #expect(library.lexicon(for: "en", diagnostics: &diagnostics) != nil)
        #expect(!diagnostics.hasErrors, "\(diagnostics.diagnostics)")
        // A language neither has is still an error that says what there is.
        var missing = DiagnosticCollector()
        #expect(library.lexicon(for: "xx", diagnostics: &missing) == nil)
        let message = missing.diagnostics.first?.message ?? ""
        #expect(message.contains("available: ") && message.contains("en") && message.contains("ru"), "\(message)")
    }

    /// A scenario is found by id through the file named after it first, and through every
    /// file when its file is named otherwise; a file named after an id that holds another
    /// scenario does not stand in for it.
    @Test func aScenarioIsFoundByItsIdWhateverItsFileIsCalled() throws {
        let root = NSTemporaryDirectory() + "coach-ids-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/more", withIntermediateDirectories: true)
        let tiny = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        func write(id: String, to file: String) throws {
            let text = tiny.replacingOccurrences(of: "id: tiny\n", with: "id: \(id)\n")
            try text.write(toFile: root + "/" + file, atomically: true, encoding: .utf8)
        }
        try write(id: "alpha", to: "alpha.yaml")
        try write(id: "beta", to: "more/gamma.yaml")
        try write(id: "gamma", to: "delta.yml")
        let library = Library(root: root)
        var diagnostics = DiagnosticCollector()
        #expect(library.scenario("alpha", diagnostics: &diagnostics)?.file == root + "/alpha.yaml")
        #expect(library.scenario("beta", diagnostics: &diagnostics)?.file == root + "/more/gamma.yaml")
        #expect(library.scenario("gamma", diagnostics: &diagnostics)?.file == root + "/delta.yml")
        #expect(!diagnostics.hasErrors, "\(diagnostics.diagnostics)")
        #expect(library.scenario("alpah", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.diagnostics.last?.message.contains("alpha") == true, "\(diagnostics.diagnostics)")
    }

    @Test func rubricsAndLexiconsAreNotScenarios() throws {
        let root = try makeLibrary()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let names = Library(root: root).scenarioFiles.map { String($0.dropFirst(root.count + 1)) }
        #expect(names == ["a.yaml", "drills/b.yaml", "drills/deep/c.yaml", "plain/d.yaml"])
    }

    @Test func aFolderWithOnlyARubricBelongsToTheLibraryAboveIt() throws {
        let root = try makeLibrary()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var context = LintContext(fallback: Library(root: "/nonexistent"))
        let resolved = URL(fileURLWithPath: root).standardizedFileURL.path
        #expect(context.libraryRoot(near: root + "/drills/b.yaml") == resolved)
        #expect(context.rubricPath(near: root + "/drills/b.yaml")?.hasSuffix("/drills/rubric.yaml") == true)
        #expect(context.rubricPath(near: root + "/a.yaml") == resolved + "/rubric.yaml")
    }

    @Test(arguments: [
        ("/work/lib", "/work", "lib"), ("/work", "/work", "."), ("/work/lib/drills", "/work/", "lib/drills"),
        ("/elsewhere/lib", "/work", "/elsewhere/lib"), ("/workshop/lib", "/work", "/workshop/lib"),
    ])
    func aRootIsWrittenRelativeToTheWorkingFolderOnlyBelowIt(path: String, base: String, expected: String) {
        #expect(LintContext.path(path, relativeTo: base) == expected)
    }

    @Test func aScenarioNamedByARelativePathHasItsLibraryInTheSameSpelling() throws {
        // The tests run in the package folder, where the shipped library is.
        let scenario = "Sources/CoachKit/Resources/scenarios/late-parcel.yaml"
        try #require(FileManager.default.fileExists(atPath: scenario))
        var context = LintContext(fallback: Library(root: "/nonexistent"))
        #expect(context.libraryRoot(near: scenario) == "Sources/CoachKit/Resources/scenarios")
        // So the lexicon a scenario is linted with is the file linted on its own, compiled once.
        #expect(context.lexiconPath(for: "en", near: scenario) == "Sources/CoachKit/Resources/scenarios/lexicons/en.yaml")
    }
}
