import Foundation
import Testing

/// Files from other trainers cannot make coach read outside the library or write to the terminal.
@Suite struct UntrustedFilesTests {
    typealias Binary = RecordsBinary

    /// A sandbox whose `tiny.yaml` has `find` replaced by `replace`, and a YAML file with a
    /// secret line just outside the library.
    func sandbox(replacing find: String, with replace: String) throws -> Binary.Sandbox {
        let sandbox = Binary.Sandbox()
        let path = sandbox.library + "/tiny.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(find))
        try text.replacingOccurrences(of: find, with: replace).write(toFile: path, atomically: true, encoding: .utf8)
        try "moves:\n  apology: {patterns: [\"TOPSECRET line\"]}\n".write(
            toFile: sandbox.folder + "/outside.yaml", atomically: true, encoding: .utf8)
        return sandbox
    }

    @Test(arguments: [["play", "tiny"], ["lint", "tiny.yaml"], ["test", "tiny.yaml"]])
    func aLanguageThatIsAPathIsRefusedBeforeAnyFileIsRead(arguments: [String]) throws {
        let sandbox = try sandbox(replacing: "language: en", with: "language: ../../outside")
        let running = try Binary.Running(
            arguments.map { $0 == "tiny.yaml" ? sandbox.library + "/tiny.yaml" : $0 }, environment: sandbox.environment())
        running.closeInput()
        let result = running.wait()
        #expect(result.status != 0)
        #expect(result.stdout.contains("BAD-LANGUAGE") || result.stderr.contains("BAD-LANGUAGE"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("TOPSECRET"))
    }

    @Test func aLanguageOptionThatIsAPathIsAUsageError() throws {
        let running = try Binary.Running(["moves", "--lang", "../../outside", "hello"], environment: Binary.Sandbox().environment())
        running.closeInput()
        let result = running.wait()
        #expect(result.status == 64)
        #expect(result.stderr.contains("is not a language code"))
    }

    @Test func controlCharactersInAScenarioNeverReachTheTerminal() throws {
        // "\e[2J" clears the screen, "\u{9B}" is the one-byte CSI: both are YAML escapes here.
        let sandbox = try sandbox(replacing: "title: A tiny test scenario", with: "title: \"Tiny \\e[2J\\x9B31m\"")
        let path = sandbox.library + "/tiny.yaml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "names: [Anna Varga, Mrs Varga]", with: "names: [\"Anna \\e]0;owned\\a\", Mrs Varga]")
        text = text.replacingOccurrences(of: "briefing: For unit tests.", with: "briefing: \"For \\e[31munit\\e[0m tests.\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        for arguments in [["list"], ["play", "tiny", "--seed", "1"], ["play", "tiny", "--seed", "1", "--json"], ["lint", path]] {
            let running = try Binary.Running(arguments, environment: sandbox.environment())
            running.send("What happened?")
            running.closeInput()
            let result = running.wait()
            let output = result.stdout + result.stderr
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || (0x80...0x9F).contains($0.value) }, "\(arguments)")
            // What is left of an escape is visible text, the control itself shown as U+FFFD.
            #expect(output.contains("\u{FFFD}[2J") || arguments.first == "lint" || arguments.contains("--json"), "\(arguments): \(output)")
        }
        let lint = try Binary.run(["lint", path], environment: sandbox.environment())
        #expect(lint.stdout.contains("YAML-CONTROL"))
        #expect(lint.status == 0, "a warning, not an error: the file still plays")
    }

    @Test func aHugeLineInADiagnosticIsShownAsAnExcerptAroundTheProblem() throws {
        let sandbox = Binary.Sandbox()
        let path = sandbox.folder + "/long.yaml"
        try ("title: " + String(repeating: "x", count: 500_000) + ": y\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Binary.run(["lint", path], environment: sandbox.environment())
        #expect(result.status == 1)
        #expect(result.stdout.contains("1:500008"))
        #expect(result.stdout.utf8.count < 2_000, "\(result.stdout.utf8.count) bytes")
        // The caret still sits under the problem: the ": y" at the end of the excerpt.
        let lines = result.stdout.split(separator: "\n")
        let source = try #require(lines.first { $0.hasPrefix("    …") })
        let caret = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces) == "^" })
        #expect(Array(source)[caret.count - 1] == ":")
    }

    @Test(arguments: [["play", "tiny"], ["play", "tiny", "--json"]])
    func aScenarioWithALintErrorIsNotPlayed(arguments: [String]) throws {
        // A guard that can never hold: lint's SCN-GUARD-RANGE error.
        let sandbox = try sandbox(
            replacing: "      - if: {any: [question, paraphrase]}",
            with: "      - if: {any: [question, paraphrase], mood: {anger: \"> 200\"}}")
        let running = try Binary.Running(
            arguments.map { $0 == "tiny.yaml" ? sandbox.library + "/tiny.yaml" : $0 }, environment: sandbox.environment())
        running.send("What happened?")
        running.closeInput()
        let result = running.wait()
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("SCN-GUARD-RANGE"))
        #expect(result.stderr.contains("SCN-NOT-PLAYED"))
        #expect(!result.stdout.contains("For unit tests."), "the briefing of a scenario that is not played")
    }
}
