import CoachKit
import Foundation

/// Sends each attempt from a child process, `coach-lrs-post` (built beside `coach`), so that
/// nothing an LRS sends can crash the command that holds the records: an answer cut off in
/// its headers made FoundationNetworking trap, inside the library, where no error can be
/// caught. A child that dies, hangs or answers nonsense is a failed attempt, retried like
/// any other. `coach` itself never links FoundationNetworking, which with libcurl and its
/// TLS, Kerberos and LDAP libraries more than doubled the start-up of every command.
struct IsolatedLRSTransport: LRSTransport {
    /// The longest one attempt may take (the child is killed a little after).
    var timeout: TimeInterval = 30

    func post(_ request: LRSRequest) -> LRSResponse {
        let limit = min(timeout, request.timeLimit)
        guard limit > 0 else { return .failed("no time left for another attempt") }
        var bounded = request
        bounded.timeLimit = limit
        let helper = Self.helper
        if let missing = Self.missingHelper { return .failed(missing) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: helper)
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

    /// What to say when `coach-lrs-post` is not beside this program; nil when it is there.
    static var missingHelper: String? {
        let helper = Self.helper
        guard !FileManager.default.isExecutableFile(atPath: helper) else { return nil }
        return "the upload program is missing: \(helper) (swift build builds it beside coach)"
    }

    /// `coach-lrs-post`, in the folder this program runs from.
    static var helper: String {
        var executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        #if os(Linux)
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { executable = path }
        #endif
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("coach-lrs-post").path
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
