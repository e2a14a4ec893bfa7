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
}
