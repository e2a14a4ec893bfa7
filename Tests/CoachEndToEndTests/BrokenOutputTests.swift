import CoachKit
import Foundation
import Testing

/// A reader that goes away or a full disk never crashes coach, and never loses a session.
@Suite struct BrokenOutputTests {
    typealias Binary = RecordsBinary

    /// Plays the tiny scenario with standard output sent to `output`, typing `replies`.
    func play(_ sandbox: Binary.Sandbox, output: Binary.Running.Output, json: Bool = false) throws -> Binary.Result {
        let running = try Binary.Running(
            ["play", "tiny", "--seed", "1", "--trainee", "pat"] + (json ? ["--json"] : []),
            environment: sandbox.environment(), output: output)
        for reply in ["What happened?", "I'll call the courier today", "Anything else?", "Goodbye"] { running.send(reply) }
        running.closeInput()
        return running.wait()
    }

    func recordedOutcomes(_ sandbox: Binary.Sandbox) throws -> [String?] {
        let store = try sandbox.store()
        let summaries = try store.summaries(.trainee("pat"), resolver: SessionStatus.Resolver(now: Date()))
        return summaries.map { $0.outcome?.rawValue }
    }

    @Test(arguments: [false, true])
    func aClosedPipeEndsQuietlyAndTheSessionIsRecorded(json: Bool) throws {
        let sandbox = Binary.Sandbox()
        let result = try play(sandbox, output: .closed, json: json)
        // Exit 0, not SIGPIPE (13) or a trap: `coach play … | head` is a normal way to end.
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(try recordedOutcomes(sandbox) == ["resolved"])
    }

    @Test func aFullDiskIsAnErrorWithAMessageAndTheSessionIsStillRecorded() throws {
        let sandbox = Binary.Sandbox()
        let result = try play(sandbox, output: .file("/dev/full"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write to standard output: No space left on device"))
        // Said once, not once per line that could not be written.
        #expect(result.stderr.components(separatedBy: "cannot write").count == 2)
        #expect(try recordedOutcomes(sandbox) == ["resolved"])
    }

    @Test func movesStopsReadingOnceNobodyReadsItsOutput() throws {
        let sandbox = Binary.Sandbox()
        let running = try Binary.Running(["moves", "--json"], environment: sandbox.environment(), output: .closed)
        // More lines than a pipe holds: without stopping, the writer thread would block here.
        for _ in 0..<2_000 { running.send("What happened?") }
        running.closeInput()
        let result = running.wait()
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(arguments: [["list"], ["lint", "tiny.yaml"], ["report"]])
    func otherCommandsEndQuietlyToo(arguments: [String]) throws {
        let sandbox = Binary.Sandbox()
        var environment = sandbox.environment()
        environment["PWD"] = sandbox.library
        let running = try Binary.Running(
            arguments.map { $0 == "tiny.yaml" ? sandbox.library + "/tiny.yaml" : $0 }, environment: environment,
            output: .closed)
        running.closeInput()
        let result = running.wait()
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }

    @Test func aNamedPipeGivenAsTheOutputFileIsWrittenIntoNotReplaced() throws {
        let sandbox = Binary.Sandbox()
        let fifo = sandbox.folder + "/out.yaml"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader first, so that coach's open does not wait for one.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let result = try Binary.run(["new", "--kind", "provocateur", "-o", fifo, "--force", "fifo-test"], environment: sandbox.environment())
        #expect(result.status == 0, "\(result.stderr)")
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer[..<max(0, count)], as: UTF8.self).contains("id: fifo-test"))
        var info = stat()
        #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the pipe was replaced by a file")
    }

    @Test func aFolderGivenAsTheOutputFileIsAPlainError() throws {
        let sandbox = Binary.Sandbox()
        let result = try Binary.run(["new", "--kind", "provocateur", "-o", sandbox.folder, "--force", "x"], environment: sandbox.environment())
        #expect(result.status == 2)
        #expect(result.stderr.contains("it is a folder; give a file name"))
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }
}
