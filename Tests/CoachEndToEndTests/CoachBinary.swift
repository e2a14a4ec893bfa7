import Foundation

/// Runs the real `coach` executable, as a user or a script would.
enum CoachBinary {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable built next to the test bundle.
    static let path: String = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("coach").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return repository.appendingPathComponent(".build/debug/coach").path
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
    }

    /// A fresh folder for one test's state (history, database).
    static func temporaryFolder() -> String {
        let folder = NSTemporaryDirectory() + "coach-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// An environment without the caller's colour, trainee or database settings.
    static func environment(home: String, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        // The machine's locale must not choose the interface language of a test's run.
        for key in ["COACH_DB", "COACH_TRAINEE", "COACH_LIBRARY", "XDG_DATA_HOME", "XDG_STATE_HOME", "LC_ALL", "LC_MESSAGES"] {
            environment[key] = nil
        }
        environment["LANG"] = "C.UTF-8"
        environment["HOME"] = home
        environment["XDG_STATE_HOME"] = home + "/state"
        environment["XDG_DATA_HOME"] = home + "/data"
        environment["NO_COLOR"] = "1"
        return environment.merging(extra) { $1 }
    }

    /// Runs `coach arguments…` with `input` on standard input, in `folder` (default: the repository).
    static func run(
        _ arguments: [String], input: Data = Data(), home: String? = nil, extra: [String: String] = [:],
        in folder: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment(home: home ?? temporaryFolder(), extra: extra)
        process.currentDirectoryURL = folder.map { URL(fileURLWithPath: $0) } ?? repository
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write and read on other threads, so a large input or output cannot deadlock.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = ErrorCollector(handle: stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors.data, as: UTF8.self), stdoutData: output)
    }

    static func run(_ arguments: [String], input: String, home: String? = nil) throws -> Result {
        try run(arguments, input: Data(input.utf8), home: home)
    }

    /// The replies of transcript test `name` in a shipped scenario file (relative to
    /// `scenarios/`), as piped input: one per line.
    static func replies(ofTest name: String, in file: String) throws -> String {
        let text = try String(
            contentsOf: repository.appendingPathComponent("scenarios/\(file)"), encoding: .utf8)
        var lines: [String] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("- name: \(name)") { inside = true; continue }
            if inside && line.contains("expect:") { break }
            if inside, let range = line.range(of: "      - \"") {
                lines.append(String(line[range.upperBound...].dropLast()).replacingOccurrences(of: "\\\"", with: "\""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A library folder made of the unit-test fixtures: small, stable, independent of the shipped one.
    static func fixtureLibrary() -> String {
        let folder = temporaryFolder() + "/library"
        let fixtures = repository.appendingPathComponent("Tests/CoachKitTests/Fixtures")
        let manager = FileManager.default
        try? manager.createDirectory(atPath: folder + "/lexicons", withIntermediateDirectories: true)
        try? manager.copyItem(atPath: fixtures.appendingPathComponent("tiny-scenario.yaml").path, toPath: folder + "/tiny.yaml")
        try? manager.copyItem(atPath: fixtures.appendingPathComponent("tiny-rubric.yaml").path, toPath: folder + "/rubric.yaml")
        try? manager.copyItem(atPath: fixtures.appendingPathComponent("mini-en.yaml").path, toPath: folder + "/lexicons/en.yaml")
        return folder
    }
}

/// Drains a pipe on a background thread.
final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = Data()
    private let done = DispatchSemaphore(value: 0)

    init(handle: FileHandle) {
        Thread {
            let data = handle.readDataToEndOfFile()
            self.lock.withLock { self.collected = data }
            self.done.signal()
        }.start()
    }

    var data: Data {
        done.wait()
        done.signal()
        return lock.withLock { collected }
    }
}
