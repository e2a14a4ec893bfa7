import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real Learning Record Store on loopback: Ralph (`ralph-malph` on PyPI), started by
/// `scripts/ralph-lrs.py` with its file backend, so the tests send statements to a real xAPI
/// server and read them back through its API. `.ci/run` installs Ralph.
///
/// The statements live in a folder of the test's own, so the LRS can be killed and started
/// again on the same port and keep what it had accepted.
final class RalphLRS: @unchecked Sendable {
    static let user = "coach"
    static let password = "ralph-test-secret"

    /// Whether Ralph and the web server it runs in can be imported.
    static let isInstalled: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import ralph.cli, ralph.backends.lrs.fs, uvicorn, fastapi"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// CI sets `COACH_REQUIRE_RALPH=1`: there a missing Ralph fails the tests instead of
    /// leaving them out.
    static let isRequired = ProcessInfo.processInfo.environment["COACH_REQUIRE_RALPH"] == "1"

    let directory: String
    let port: Int
    private var process: Process?

    /// The xAPI base URL, as a trainer gives it to `coach report --lrs`.
    var endpoint: String { "http://127.0.0.1:\(port)/xAPI" }
    /// Where Ralph's file backend keeps the statements, one JSON object a line.
    var statementsFile: String { directory + "/fs_lrs.jsonl" }
    var logFile: String { directory + "/ralph.log" }

    /// Starts Ralph on a free port and waits until it answers.
    init() throws {
        directory = CoachBinary.temporaryFolder() + "/ralph"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        try start()
    }

    deinit {
        if let process { kill(process.processIdentifier, SIGKILL) }
    }

    /// Starts Ralph (again) on this LRS's port and folder; returns once its heartbeat answers.
    func start() throws {
        if !FileManager.default.fileExists(atPath: logFile) { _ = FileManager.default.createFile(atPath: logFile, contents: nil) }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", CoachBinary.repository.appendingPathComponent("scripts/ralph-lrs.py").path,
            "--directory", directory, "--port", String(port), "--user", Self.user, "--password", Self.password,
        ]
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            if !process.isRunning { break }
            if (try? get("/__heartbeat__").status) == 200 { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        kill(process.processIdentifier, SIGKILL)
        throw Failure(message: "Ralph did not start on port \(port):\n" + tail(of: logFile))
    }

    /// Stops Ralph as a restart does: SIGTERM, so the requests in flight are finished and
    /// the connections closed (killed after 15 s if it has not stopped by then).
    func stop() {
        guard let process else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }

    /// Every statement Ralph holds, read through its xAPI API (following `more`).
    func statements() throws -> [[String: Any]] {
        var all: [[String: Any]] = []
        var path = "/xAPI/statements?limit=100"
        while !path.isEmpty {
            let answer = try get(path)
            guard answer.status == 200,
                let page = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
                let statements = page["statements"] as? [[String: Any]]
            else { throw Failure(message: "GET \(path): HTTP \(answer.status) \(String(decoding: answer.body, as: UTF8.self))") }
            all += statements
            path = page["more"] as? String ?? ""
        }
        return all
    }

    /// The ids of the statements in Ralph's file, one per stored statement, in the order stored.
    func storedIDs() -> [String] {
        let text = (try? String(contentsOfFile: statementsFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
    }

    /// How many statement POSTs Ralph has answered, by its access log.
    func posts() -> Int {
        tail(of: logFile, lines: .max).split(separator: "\n").filter { $0.contains("\"POST /xAPI/statements") }.count
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private func get(_ path: String) throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)" + path)!, timeoutInterval: 10)
        request.setValue("1.0.3", forHTTPHeaderField: "X-Experience-API-Version")
        let credentials = Data("\(Self.user):\(Self.password)".utf8).base64EncodedString()
        request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        let done = DispatchSemaphore(value: 0)
        let result = Box()
        URLSession.shared.dataTask(with: request) { data, response, error in
            result.set(status: (response as? HTTPURLResponse)?.statusCode, body: data, error: error)
            done.signal()
        }.resume()
        done.wait()
        if let error = result.error { throw error }
        return (result.status ?? 0, result.body ?? Data())
    }

    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var values: (Int?, Data?, Error?) = (nil, nil, nil)
        func set(status: Int?, body: Data?, error: Error?) { lock.withLock { values = (status, body, error) } }
        var status: Int? { lock.withLock { values.0 } }
        var body: Data? { lock.withLock { values.1 } }
        var error: Error? { lock.withLock { values.2 } }
    }

    private func tail(of file: String, lines: Int = 30) -> String {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// A TCP port nothing listens on now: bound to port 0 and released.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
