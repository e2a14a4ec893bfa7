import Foundation

/// Where a stored session stands: finished with a scorecard, still being played, or aborted.
///
/// Nothing writes "aborted": a session is aborted when it has no result and the process
/// that recorded it is gone (see ``RecorderProcess``). A session recorded on another machine
/// (a database copied or shared) cannot be checked that way; it counts as in progress while
/// it has been active within ``SessionStatus/Resolver/remoteGrace`` and as aborted after.
public enum SessionStatus: String, Sendable, CaseIterable, Codable {
    case finished
    case inProgress = "in-progress"
    case aborted

    /// Decides the status of sessions without a result.
    public struct Resolver: Sendable {
        /// How long a session from another machine may be silent before it counts as aborted.
        public static let remoteGrace: TimeInterval = 6 * 3600

        public var now: Date
        public var isRunning: @Sendable (RecorderProcess) -> Bool?

        /// `now` and `isRunning` come from the caller, so that tests can fix both.
        public init(now: Date, isRunning: @escaping @Sendable (RecorderProcess) -> Bool? = { $0.isRunning() }) {
            self.now = now
            self.isRunning = isRunning
        }

        public func status(finished: Bool, process: RecorderProcess, lastActivity: Date) -> SessionStatus {
            if finished { return .finished }
            switch isRunning(process) {
            case .some(true): return .inProgress
            case .some(false): return .aborted
            case .none: return now.timeIntervalSince(lastActivity) < Self.remoteGrace ? .inProgress : .aborted
            }
        }
    }
}
