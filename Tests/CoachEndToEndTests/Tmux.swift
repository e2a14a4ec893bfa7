import Foundation

/// A real pseudo-terminal, through tmux: type keys, read the screen.
///
/// Each session has its own tmux server socket, so tests run side by side. Waiting
/// for text polls the screen until it appears or a generous deadline passes: the
/// tests wait for behaviour, they never assert on timing.
final class TmuxSession {
    static var isAvailable: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let socket = "coach-test-" + UUID().uuidString.prefix(8)
    let home: String

    /// Starts `coach arguments…` in a 100×40 terminal; `; echo EXIT=$?` marks its end on screen.
    init(_ arguments: [String], home: String, extra: [String: String] = [:]) throws {
        self.home = home
        var environment = CoachBinary.environment(home: home, extra: extra)
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        let exports = environment.filter { ["HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "NO_COLOR", "TERM", "LANG", "COACH_DB"].contains($0.key) }
            .map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = "env \(exports) \(Self.quote(CoachBinary.path)) \(arguments.map(Self.quote).joined(separator: " ")); echo EXIT=$?; sleep 600"
        try tmux(["new-session", "-d", "-s", "t", "-x", "100", "-y", "40", command])
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Types text, or tmux key names such as "Enter", "Tab", "Up", "C-c", "C-d".
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "t"] + keys)
    }

    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "t", "-l", text])
    }

    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-t", "t", "-S", "-200"] + (escapes ? ["-e"] : []))
    }

    /// Waits until the screen contains `text`; returns the screen, or nil after `seconds`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 20) throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let screen = try screen()
            if screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    /// The process id of the coach running in the pane.
    func coachProcess() throws -> Int32? {
        let panePID = try tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = Process()
        children.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        children.arguments = ["pgrep", "-P", panePID, "-x", "coach"]
        let output = Pipe()
        children.standardOutput = output
        try children.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        children.waitUntilExit()
        return Int32(String(decoding: data, as: UTF8.self).split(separator: "\n").first ?? "")
    }

    func close() {
        _ = try? tmux(["kill-server"])
    }

    deinit { close() }
}
