import ArgumentParser
import CoachKit
import Foundation

/// Sends each attempt from a child process (`coach _lrs-post`), so that nothing an LRS sends
/// can crash the command that holds the records: an answer cut off in its headers made
/// FoundationNetworking trap, inside the library, where no error can be caught. A child that
/// dies, hangs or answers nonsense is a failed attempt, retried like any other.
struct IsolatedLRSTransport: LRSTransport {
    /// The longest one attempt may take (the child is killed a little after).
    var timeout: TimeInterval = 30

    func post(_ request: LRSRequest) -> LRSResponse {
        let limit = min(timeout, request.timeLimit)
        guard limit > 0 else { return .failed("no time left for another attempt") }
        var bounded = request
        bounded.timeLimit = limit
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = [LRSPostCommand.configuration.commandName!]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            return .failed("could not start the upload: \(error)")
        }
        // Write and read beside each other: neither side may wait on a full pipe.
        let request = LRSWire.encode(bounded)
        let writer = Thread {
            input.fileHandleForWriting.write(request)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let answer = BoundedReader(output.fileHandleForReading)
        // The child bounds the attempt itself; this is the backstop if it cannot.
        if ended.wait(timeout: .now() + limit + 5) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
            return .failed("no complete answer within \(RecordDates.seconds(limit))")
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0,
            let response = LRSWire.decodeResponse(answer.finish())
        else {
            return .failed("the connection broke off before a complete answer")
        }
        return response
    }

    /// This program, to run as the child.
    static var executable: String {
        #if os(Linux)
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}

/// Drains a pipe on a background thread, keeping at most a few megabytes.
private final class BoundedReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                if data.count < 4 << 20 { data.append(chunk) }
            }
            done.signal()
        }.start()
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}

/// `coach _lrs-post`: one attempt, as ``LRSWire`` JSON on standard input and output. Not
/// for people: `coach report --lrs` runs it (see ``IsolatedLRSTransport``).
struct LRSPostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_lrs-post", abstract: "One LRS request from standard input (used by report --lrs).",
        shouldDisplay: false)

    func run() throws {
        guard let request = LRSWire.decodeRequest(FileHandle.standardInput.readDataToEndOfFile()) else {
            throw ExitCode(64)
        }
        let response = URLSessionTransport(timeout: request.timeLimit).post(request)
        FileHandle.standardOutput.write(LRSWire.encode(response))
    }
}
