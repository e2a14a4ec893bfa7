import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process that records a session: which machine, which process id, which instance.
///
/// A session whose process has gone without finishing it was aborted (killed, crashed,
/// power lost). A process id alone is not enough to say a process is gone, since ids are
/// reused; on Linux the `token` adds the boot id and the process's start time, so a new
/// process that happens to get the same id is told apart.
public struct RecorderProcess: Sendable, Hashable {
    public var host: String
    public var pid: Int32
    /// Identifies this run of the process where the system allows (Linux); `nil` elsewhere.
    public var token: String?

    public init(host: String, pid: Int32, token: String?) {
        self.host = host
        self.pid = pid
        self.token = token
    }

    /// This process.
    public static var current: RecorderProcess {
        let pid = getpid()
        return RecorderProcess(host: hostName, pid: pid, token: token(of: pid))
    }

    /// Whether this process is still running, as seen from this machine; `nil` when it ran
    /// on another machine and so cannot be checked.
    public func isRunning(seenFrom host: String = RecorderProcess.hostName) -> Bool? {
        guard host == self.host else { return nil }
        guard pid > 0 else { return false }
        if kill(pid, 0) != 0 && errno != EPERM { return false }
        // Alive: but is it still the same process, or a new one with a reused id? A zombie
        // (dead, not yet collected by its parent) answers kill() too, and counts as gone.
        guard let stat = Self.stat(of: pid) else { return token == nil }
        if stat.state == "Z" || stat.state == "X" { return false }
        guard let token else { return true }
        return stat.token == token
    }

    /// The machine's name, from `gethostname` (no name-service lookup).
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Linux: `<boot id>:<start time in clock ticks since boot>`; `nil` where /proc is missing.
    static func token(of pid: Int32) -> String? { stat(of: pid)?.token }

    /// The process's state letter and identity token from `/proc/<pid>/stat`.
    static func stat(of pid: Int32) -> (state: String, token: String)? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let boot = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
        else { return nil }
        // The command name (field 2) is in parentheses and may itself contain spaces or
        // parentheses: the fields after it start after the last ')'.
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the name come state (field 3) … starttime (field 22): index 22 - 3 = 19.
        guard fields.count > 19 else { return nil }
        return (String(fields[0]), boot.trimmingCharacters(in: .whitespacesAndNewlines) + ":" + fields[19])
    }
}
