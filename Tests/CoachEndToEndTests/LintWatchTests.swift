import Foundation
import Testing

/// `coach lint --watch`: a trainer saves, and sees lint and the tests again.
@Suite struct LintWatchTests {
    /// Waits until `file` contains `text` (at most `seconds`); returns what it holds then.
    static func wait(for text: String, in file: String, seconds: Double = 60) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var content = ""
        while Date() < deadline {
            content = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            if content.contains(text) { return content }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return content
    }

    /// Starts `coach lint --watch file` in `folder`; its output goes to the returned file.
    static func watch(_ file: String, in folder: String) throws -> (Process, String) {
        let output = CoachBinary.temporaryFolder() + "/watch.txt"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CoachBinary.path)
        process.arguments = ["lint", "--watch", file]
        process.environment = CoachBinary.environment(home: CoachBinary.temporaryFolder())
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    @Test func savingAScenarioLintsAndTestsItAgain() throws {
        let library = CoachBinary.fixtureLibrary()
        let scenario = library + "/tiny.yaml"
        let (process, output) = try Self.watch("tiny.yaml", in: library)
        defer { if process.isRunning { process.terminate() } }

        let first = Self.wait(for: "Watching 1 file", in: output)
        #expect(first.contains("0 errors"), "\(first)")
        // The tiny scenario's tests ran too.
        #expect(first.contains("passed, 0 failed"), "\(first)")

        let original = try String(contentsOfFile: scenario, encoding: .utf8)
        try original.replacingOccurrences(of: "    say: Order PX-48213.", with: "    says: Order PX-48213.")
            .write(toFile: scenario, atomically: true, encoding: .utf8)
        let second = Self.wait(for: "unknown key 'says'", in: output)
        #expect(second.contains("tiny.yaml changed"), "\(second)")
        #expect(second.contains("tiny.yaml:37:5: error: [UNKNOWN-KEY] unknown key 'says'"), "\(second)")

        // Mended: clean again, and the tests run again.
        try original.write(toFile: scenario, atomically: true, encoding: .utf8)
        #expect(Self.waitForCount(of: "Watching 1 file", count: 3, in: output), "the watch did not run a third time")
        let last = try String(contentsOfFile: output, encoding: .utf8).components(separatedBy: "changed ──").last ?? ""
        #expect(last.contains("0 errors") && last.contains("passed, 0 failed"), "\(last)")
        process.terminate()
        process.waitUntilExit()
    }

    @Test func savingAFragmentLintsTheScenarioThatIncludesItAgain() throws {
        let library = CoachBinary.fixtureLibrary()
        let scenario = library + "/tiny.yaml"
        let fragment = library + "/fragments/farewell.yaml"
        try FileManager.default.createDirectory(atPath: library + "/fragments", withIntermediateDirectories: true)
        try "endings:\n  farewell: {outcome: resolved, say: Goodbye.}\n".write(toFile: fragment, atomically: true, encoding: .utf8)
        let original = try String(contentsOfFile: scenario, encoding: .utf8)
        try original.replacingOccurrences(of: "turn-limit: 6", with: "turn-limit: 6\ninclude: [farewell]")
            .write(toFile: scenario, atomically: true, encoding: .utf8)
        let (process, output) = try Self.watch("tiny.yaml", in: library)
        defer { if process.isRunning { process.terminate() } }

        // The scenario and the fragment it includes.
        let first = Self.wait(for: "Watching 2 files", in: output)
        #expect(first.contains("Watching 2 files"), "\(first)")
        try "endings:\n  farewell: {outcome: resolvd, say: Goodbye.}\n".write(toFile: fragment, atomically: true, encoding: .utf8)
        let second = Self.wait(for: "SCN-OUTCOME", in: output)
        #expect(second.contains("farewell.yaml changed"), "\(second)")
        #expect(second.contains("fragments/farewell.yaml:2:23: error: [SCN-OUTCOME] unknown outcome 'resolvd'"), "\(second)")
        process.terminate()
        process.waitUntilExit()
    }

    static func waitForCount(of text: String, count: Int, in file: String, seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let content = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            if content.components(separatedBy: text).count - 1 >= count { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
    }
}
