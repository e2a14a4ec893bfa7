import Foundation

/// Runs the built `coach` for the trainer's-toolkit tests: lint, graph, test, new, moves --why-not.
enum ToolkitBinary {
    static let repository = CoachBinary.repository

    /// The shipped library in the repository, so that tests never depend on the environment.
    static let library = repository.appendingPathComponent("scenarios").path

    /// The executable built next to the test bundle (see ``CoachBinary``).
    static let path = CoachBinary.path

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A fresh folder.
    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "coach-toolkit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A folder holding a copy of the shipped rubric and lexicons: a trainer's library.
    static func libraryCopy() throws -> String {
        let folder = try temporaryFolder()
        let manager = FileManager.default
        try manager.copyItem(atPath: library + "/rubric.yaml", toPath: folder + "/rubric.yaml")
        try manager.copyItem(atPath: library + "/lexicons", toPath: folder + "/lexicons")
        return folder
    }

    /// `coach arguments…` with `input` on standard input, no colours, no user settings.
    static func run(_ arguments: [String], input: String = "", directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for key in ["COACH_DB", "COACH_TRAINEE", "COACH_LIBRARY"] { environment[key] = nil }
        environment["NO_COLOR"] = "1"
        environment["COACH_DB"] = NSTemporaryDirectory() + "coach-toolkit-\(UUID().uuidString).sqlite"
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? repository.path)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Feed and drain on other threads, so a large output cannot block the process.
        let data = Data(input.utf8)
        let writer = Thread {
            stdin.fileHandleForWriting.write(data)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = Drain(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors.wait(), as: UTF8.self))
    }

    /// Reads a pipe to its end on a background thread.
    final class Drain: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }.start()
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
