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

    /// Starts `coach arguments…` in a 100×40 terminal; `; echo EXIT=$?` marks its end on screen,
    /// and `LEFTOVER=[…]` shows what the shell would then read from the terminal.
    /// `output`: a file that receives the program's standard output instead of the screen.
    init(_ arguments: [String], home: String, extra: [String: String] = [:], output: String? = nil) throws {
        self.home = home
        var environment = CoachBinary.environment(home: home, extra: extra)
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        let exports = environment.filter { ["HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "NO_COLOR", "TERM", "LANG", "LC_ALL", "LC_MESSAGES", "COACH_DB"].contains($0.key) }
            .map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let redirect = output.map { " > \(Self.quote($0))" } ?? ""
        let command = "env \(exports) \(Self.quote(CoachBinary.path)) \(arguments.map(Self.quote).joined(separator: " "))\(redirect); echo EXIT=$?; read -t 2 -r LEFT; echo \"LEFTOVER=[$LEFT]\"; sleep 120"
        try tmux(["new-session", "-d", "-s", "t", "-x", "100", "-y", "40", command])
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs `tmux -L socket arguments…` and returns what it printed.
    ///
    /// Spawned and reaped directly: Foundation's `Process` can miss the exit of a
    /// tmux client whose server lives on, and a pipe would be held open by that server.
    /// Output goes through a file for the same reason.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputFile = NSTemporaryDirectory() + "tmux-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outputFile) }
        let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The tmux server and the programs in its panes inherit the signal mask and
        // dispositions: give them a clean slate, as a login shell would have.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TmuxError.spawn(spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
    }

    enum TmuxError: Error {
        case spawn(Int32)
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
