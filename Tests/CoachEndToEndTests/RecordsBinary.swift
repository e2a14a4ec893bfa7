import CoachKit
import Foundation

/// Runs the real `coach` binary for the records tests: to completion, or in the background
/// with standard input kept open so a test can type, wait, and kill it mid-session.
enum RecordsBinary {
    static let repository = CoachBinary.repository

    /// The executable built next to the test bundle (see ``CoachBinary``).
    static let path = CoachBinary.path

    /// A fresh folder with a small library (the unit-test fixtures: scenario `tiny`) and a database path.
    struct Sandbox {
        let folder: String
        var library: String { folder + "/library" }
        var database: String { folder + "/data/sessions.sqlite" }

        init() {
            folder = NSTemporaryDirectory() + "coach-records-e2e-" + UUID().uuidString
            let fixtures = RecordsBinary.repository.appendingPathComponent("Tests/CoachKitTests/Fixtures")
            let manager = FileManager.default
            try? manager.createDirectory(atPath: folder + "/library/lexicons", withIntermediateDirectories: true)
            for (from, to) in [("tiny-scenario.yaml", "tiny.yaml"), ("tiny-rubric.yaml", "rubric.yaml"), ("mini-en.yaml", "lexicons/en.yaml")] {
                try? manager.copyItem(
                    atPath: fixtures.appendingPathComponent(from).path, toPath: folder + "/library/" + to)
            }
        }

        /// An environment with this sandbox's library and database and none of the caller's settings
        /// (nor their locale).
        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            var environment = ProcessInfo.processInfo.environment
            for key in environment.keys where key.hasPrefix("COACH_") || key.hasPrefix("XDG_") { environment[key] = nil }
            // Reports speak the locale's language: the machine's own must not choose it.
            environment["LC_ALL"] = nil
            environment["LC_MESSAGES"] = nil
            environment["LANG"] = "C.UTF-8"
            environment["HOME"] = folder
            environment["XDG_DATA_HOME"] = folder + "/xdg-data"
            environment["XDG_STATE_HOME"] = folder + "/xdg-state"
            environment["COACH_LIBRARY"] = library
            environment["COACH_DB"] = database
            environment["NO_COLOR"] = "1"
            return environment.merging(extra) { $1 }
        }

        /// The database as another process sees it.
        func store() throws -> SessionStore { try SessionStore.openForReading(path: database) }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A `coach` process in the background.
    ///
    /// Started with posix_spawn rather than Foundation's Process so that the child gets an
    /// empty signal mask and default signal dispositions, as from a shell: a test runner's
    /// threads may block SIGTERM, and a child inheriting that mask would never see it.
    final class Running: @unchecked Sendable {
        let pid: pid_t
        private let input: FileHandle
        private let collected: [ErrorCollector]
        private let lock = NSLock()
        private var status: Int32?
        private static let spawning = NSLock()

        /// Where the child's standard output goes.
        enum Output {
            /// A pipe this object reads to the end.
            case collected
            /// A pipe nobody reads: its read end is closed before the child starts (`| head`).
            case closed
            /// A file or device, such as /dev/full.
            case file(String)
        }

        init(
            _ arguments: [String], environment: [String: String], output: Output = .collected,
            executable: String = RecordsBinary.path
        ) throws {
            // One spawn at a time: between pipe() and fcntl() another spawn could inherit these
            // ends, and a child holding another's stdin open would keep it from ever ending.
            Self.spawning.lock()
            defer { Self.spawning.unlock() }
            var stdin: [Int32] = [0, 0], stdout: [Int32] = [0, 0], stderr: [Int32] = [0, 0]
            guard pipe(&stdin) == 0, pipe(&stdout) == 0, pipe(&stderr) == 0 else { throw POSIXError(.EMFILE) }
            // Not inherited by other children; dup2 below gives this child its three ends anyway.
            for descriptor in stdin + stdout + stderr { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, stdin[0], 0)
            var target = stdout[1]
            switch output {
            case .collected: break
            case .closed: close(stdout[0]); stdout[0] = open("/dev/null", O_RDONLY | O_CLOEXEC)
            case .file(let path): target = open(path, O_WRONLY | O_CLOEXEC)
            }
            posix_spawn_file_actions_adddup2(&actions, target, 1)
            posix_spawn_file_actions_adddup2(&actions, stderr[1], 2)
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var mask = sigset_t()
            sigemptyset(&mask)
            posix_spawnattr_setsigmask(&attributes, &mask)
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for signal in [SIGTERM, SIGHUP, SIGINT, SIGPIPE] { sigaddset(&defaults, signal) }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { for pointer in argv + envp { free(pointer) } }
            var child: pid_t = 0
            let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
            for descriptor in Set([stdin[0], stdout[1], stderr[1], target]) { close(descriptor) }
            guard spawned == 0 else {
                for descriptor in [stdin[1], stdout[0], stderr[0]] { close(descriptor) }
                throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
            }
            pid = child
            input = FileHandle(fileDescriptor: stdin[1], closeOnDealloc: true)
            collected = [
                ErrorCollector(handle: FileHandle(fileDescriptor: stdout[0], closeOnDealloc: true)),
                ErrorCollector(handle: FileHandle(fileDescriptor: stderr[0], closeOnDealloc: true)),
            ]
        }

        func send(_ line: String) { try? input.write(contentsOf: Data((line + "\n").utf8)) }

        func closeInput() { try? input.close() }

        func signal(_ number: Int32) { kill(pid, number) }

        /// Waits for the process to end and collects it; one that outlives `seconds` is
        /// killed, so a test can fail but never hang.
        func wait(seconds: Double = 60) -> Result {
            let deadline = Date().addingTimeInterval(seconds)
            var raw: Int32 = 0
            while true {
                let done = lock.withLock { status != nil }
                if done { break }
                let reaped = waitpid(pid, &raw, WNOHANG)
                if reaped == pid || (reaped == -1 && errno == ECHILD) {
                    // ECHILD: someone else collected it; its status is lost, the wait is over.
                    lock.withLock { status = reaped == pid ? raw : 0x7F00 }
                    break
                }
                if Date() > deadline { kill(pid, SIGKILL) }
                Thread.sleep(forTimeInterval: 0.02)
            }
            closeInput()
            let value = lock.withLock { status ?? 0 }
            // Exited: the code; killed by a signal: the signal's number (as Process reports it).
            let code = value & 0x7F == 0 ? (value >> 8) & 0xFF : value & 0x7F
            return Result(
                status: code, stdout: String(decoding: collected[0].data, as: UTF8.self),
                stderr: String(decoding: collected[1].data, as: UTF8.self))
        }
    }

    /// Runs `coach arguments…` (or another `executable`) to the end with `input` on standard input.
    static func run(
        _ arguments: [String], input: [String] = [], environment: [String: String], executable: String = RecordsBinary.path
    ) throws -> Result {
        let running = try Running(arguments, environment: environment, executable: executable)
        for line in input { running.send(line) }
        running.closeInput()
        return running.wait()
    }

    /// Polls `condition` every 50 ms for up to `seconds`; whether it became true.
    static func waitUntil(seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }
}
