import Foundation
import Testing

/// The trainer's toolkit through the real binary: lint, graph, test (coverage, JUnit,
/// recording), new, and moves --why-not.
@Suite struct ToolkitTests {
    let library = ToolkitBinary.library

    // MARK: - lint

    @Test func theShippedLibraryLintsClean() throws {
        let result = try ToolkitBinary.run(["lint", "--library", library, library])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
    }

    @Test func aBrokenGuardIsAnErrorWithItsPlaceLineAndCaret() throws {
        let folder = try ToolkitBinary.libraryCopy()
        let text = try String(contentsOfFile: library + "/late-parcel.yaml", encoding: .utf8)
            .replacingOccurrences(
                of: "      - if: {any: [question, paraphrase], none: [vague]}\n",
                with: "      - if: {any: [question, paraphrase], none: [vague, question, paraphrase]}\n")
        try text.write(toFile: folder + "/late-parcel.yaml", atomically: true, encoding: .utf8)
        let result = try ToolkitBinary.run(["lint", folder + "/late-parcel.yaml"])
        #expect(result.status == 1)
        let line = try #require(result.stdout.split(separator: "\n").firstIndex { $0.contains("[SCN-GUARD-CONTRADICTION]") })
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[line].hasPrefix(folder + "/late-parcel.yaml:70:19: error: [SCN-GUARD-CONTRADICTION]"))
        #expect(lines[line + 1] == "          - if: {any: [question, paraphrase], none: [vague, question, paraphrase]}")
        #expect(lines[line + 2] == "                      ^")
        #expect(result.stdout.contains("error"))

        let json = try ToolkitBinary.run(["lint", "--json", folder + "/late-parcel.yaml"])
        #expect(json.status == 1)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let entry = try #require(entries.first { ($0["code"] as? String) == "SCN-GUARD-CONTRADICTION" })
        let location = try #require(entry["location"] as? [String: Any])
        #expect(location["line"] as? Int == 70)
        #expect(location["column"] as? Int == 19)
        #expect(entry["severity"] as? String == "error")
    }

    @Test func warningsAloneExitZero() throws {
        let folder = try ToolkitBinary.libraryCopy()
        let text = try String(contentsOfFile: library + "/late-parcel.yaml", encoding: .utf8)
            .replacingOccurrences(of: "  trust: {initial: 30}\n", with: "  trust: {initial: 30}\n  calm: {initial: 50}\n")
        try text.write(toFile: folder + "/late-parcel.yaml", atomically: true, encoding: .utf8)
        let result = try ToolkitBinary.run(["lint", folder])
        #expect(result.status == 0)
        #expect(result.stdout.contains("late-parcel.yaml:45:3: warning: [SCN-MOOD-NEVER-READ]"))
        #expect(result.stdout.contains("late-parcel.yaml:45:3: warning: [SCN-MOOD-NEVER-WRITTEN]"))
        #expect(result.stdout.hasSuffix("0 errors, 2 warnings\n"))
    }

    // MARK: - graph

    @Test func graphPrintsDOTByDefaultAndMermaidOnRequest() throws {
        let dot = try ToolkitBinary.run(["graph", "--library", library, "late-parcel"])
        #expect(dot.status == 0)
        #expect(dot.stdout.hasPrefix("digraph \"late-parcel\" {"))
        let mermaid = try ToolkitBinary.run(["graph", "--format", "mermaid", library + "/penalty-hunter.yaml"])
        #expect(mermaid.status == 0)
        #expect(mermaid.stdout.contains("\nflowchart TB\n"))  // eight states: top to bottom
        let bad = try ToolkitBinary.run(["graph", "--format", "svg", "--library", library, "late-parcel"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown format 'svg'"))
        let missing = try ToolkitBinary.run(["graph", "--library", library, "late-parcle"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("did you mean 'late-parcel'"))
    }

    // MARK: - test

    @Test func theLibrarysTestsPassWithFullStateCoverage() throws {
        let junit = try ToolkitBinary.temporaryFolder() + "/results.xml"
        let result = try ToolkitBinary.run([
            "test", "--library", library, "--min-coverage", "100", "--junit", junit, library,
        ])
        #expect(result.status == 0, "\(result.stdout)")
        // Every test of the library, counted from the output: one PASS line each.
        let passes = result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("PASS ") }.count
        #expect(passes >= 17)
        #expect(result.stdout.contains("\(passes) passed, 0 failed"))
        #expect(result.stdout.contains("COVERAGE"))
        #expect(result.stdout.contains("late-parcel"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"coach test\" tests=\"\(passes)\" failures=\"0\" errors=\"0\">"))
        #expect(xml.contains("<testcase classname=\"late-parcel\" name=\"strong trainee\""))
    }

    @Test func coverageBelowTheMinimumFails() throws {
        let result = try ToolkitBinary.run([
            "test", "--library", library, "--min-coverage", "90", "--coverage-of", "transitions", library,
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("coverage below 90%: "))
        #expect(result.stdout.range(of: #", late-parcel transitions \d+%,"#, options: .regularExpression) != nil)
        let uncovered = try ToolkitBinary.run(["test", "--library", library, "--uncovered", library + "/late-parcel.yaml"])
        #expect(uncovered.status == 0)
        #expect(uncovered.stdout.contains("late-parcel (\(library)/late-parcel.yaml) — not reached by its tests:"))
        #expect(uncovered.stdout.contains("    vent #3  \(library)/late-parcel.yaml:67:9"))
    }

    @Test func aFailingTestShowsTheDiffAndExitsOne() throws {
        let folder = try ToolkitBinary.libraryCopy()
        let text = try String(contentsOfFile: library + "/late-parcel.yaml", encoding: .utf8)
            .replacingOccurrences(
                of: "      path: [vent, details, doubt, weighing, settling, resolved]",
                with: "      path: [vent, details, wishes, weighing, settling, resolved]")
        try text.write(toFile: folder + "/late-parcel.yaml", atomically: true, encoding: .utf8)
        let junit = folder + "/junit.xml"
        let result = try ToolkitBinary.run(["test", "--junit", junit, folder])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL late-parcel › mixed trainee"))
        #expect(result.stdout.contains("     ✗  3  \"OK, we'll look into it and get back to you as soon as possible.\""))
        #expect(result.stdout.contains("           state  - details → wishes  (the test's path)\n                  + details → doubt"))
        let tests = text.components(separatedBy: "\n  - name: ").count - 1
        #expect(result.stdout.contains("\(tests - 1) passed, 1 failed"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("failures=\"1\""))
        #expect(xml.contains("<failure message=\"path: expected vent → details → wishes → weighing → settling → resolved\" type=\"transcript\">"))
    }

    /// `--verbose` shows a passing test reply by reply, as a failing one always is.
    @Test func verboseShowsPassingTestsReplyByReply() throws {
        let plain = try ToolkitBinary.run(["test", "--library", library, library + "/late-parcel.yaml"])
        let verbose = try ToolkitBinary.run(["test", "--library", library, "--verbose", library + "/late-parcel.yaml"])
        #expect(plain.status == 0 && verbose.status == 0)
        #expect(!plain.stdout.contains("reply by reply"))
        #expect(verbose.stdout.contains("PASS late-parcel › mixed trainee"))
        #expect(verbose.stdout.contains("     reply by reply (- expected, + actual):\n        1  \""), "\(verbose.stdout)")
        #expect(verbose.stdout.contains("           state    vent → details"))
    }

    @Test func aSessionIsRecordedAsATestThatPasses() throws {
        let folder = try ToolkitBinary.libraryCopy()
        let file = folder + "/late-parcel.yaml"
        try FileManager.default.copyItem(atPath: library + "/late-parcel.yaml", toPath: file)
        let session = """
            Good afternoon, Mrs Varga. What happened with the parcel?
            /note order PX-48213
            /hint
            I'm sending a replacement by express courier today; you'll have it tomorrow before noon.

            """
        let printed = try ToolkitBinary.run(["test", "--record", file, "--name", "quick fix"], input: session)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.hasPrefix("  - name: \"quick fix\"\n    replies:\n      - \"Good afternoon, Mrs Varga. What happened with the parcel?\"\n      - {note: \"order PX-48213\"}\n"))
        #expect(printed.stdout.contains("      path: [vent, details, weighing]\n"))
        #expect(printed.stdout.contains("      outcome: abandoned\n"))
        #expect(printed.stderr.contains("left out /hint"))

        let appended = try ToolkitBinary.run(["test", "--record", file, "--name", "quick fix", "--append"], input: session)
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(appended.stdout == "appended the test 'quick fix' to \(file)\n")
        let rerun = try ToolkitBinary.run(["test", file])
        #expect(rerun.status == 0, "\(rerun.stdout)")
        #expect(rerun.stdout.contains("PASS late-parcel › quick fix"))
        let tests = try String(contentsOfFile: library + "/late-parcel.yaml", encoding: .utf8)
            .components(separatedBy: "\n  - name: ").count - 1
        #expect(rerun.stdout.contains("\(tests + 1) passed, 0 failed"))

        let builtIn = try ToolkitBinary.run(["test", "--record", "late-parcel", "--append"], input: session)
        #expect(builtIn.status == 2)
        #expect(builtIn.stderr.contains("built-in library"))
    }

    // MARK: - new

    @Test(arguments: ["genuine-grievance", "overly-demanding", "provocateur"])
    func aNewScenarioLintsCleanAndPassesItsTests(kind: String) throws {
        let folder = try ToolkitBinary.libraryCopy()
        let created = try ToolkitBinary.run(["new", "--kind", kind, "my-scenario"], directory: folder)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("wrote my-scenario.yaml\n"))
        #expect(created.stdout.contains("copy "), "it says where the schema is")
        let lint = try ToolkitBinary.run(["lint", folder + "/my-scenario.yaml"])
        #expect(lint.status == 0)
        #expect(lint.stdout.isEmpty, "\(lint.stdout)")
        let test = try ToolkitBinary.run(["test", "--min-coverage", "100", folder + "/my-scenario.yaml"])
        #expect(test.status == 0, "\(test.stdout)")
        let again = try ToolkitBinary.run(["new", "--kind", kind, "my-scenario"], directory: folder)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func newRefusesWhatItCannotMake() throws {
        let kind = try ToolkitBinary.run(["new", "--kind", "angry", "x", "-o", "-"])
        #expect(kind.status == 64)
        #expect(kind.stderr.contains("unknown kind 'angry'"))
        let id = try ToolkitBinary.run(["new", "--kind", "provocateur", "Not An Id", "-o", "-"])
        #expect(id.status == 64)
        let printed = try ToolkitBinary.run(["new", "--kind", "provocateur", "x", "-o", "-"])
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("\nid: x\n"))
    }

    // MARK: - moves --why-not

    @Test func whyNotExplainsAMoveThatDidNotFire() throws {
        let negated = try ToolkitBinary.run(["moves", "--library", library, "--why-not", "apology", "I'm not sorry."])
        #expect(negated.status == 0)
        #expect(negated.stdout.contains("why not apology?"))
        #expect(negated.stdout.contains("negated by \"not\" before it"))
        #expect(negated.stdout.contains("lexicons/en.yaml:"))

        let near = try ToolkitBinary.run([
            "moves", "--library", library, "--json", "--why-not", "leading-question", "Shall the courier come back",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(near.stdout.utf8)) as? [String: Any])
        let why = try #require(object["why-not"] as? [String: Any])
        #expect(why["detected"] as? Bool == false)
        let nearest = try #require(why["nearest"] as? [[String: Any]])
        #expect((nearest.first?["shares"] as? [String])?.contains("shall") == true)

        let unknown = try ToolkitBinary.run(["moves", "--why-not", "apologee", "hi"])
        #expect(unknown.status == 64)
    }
}
