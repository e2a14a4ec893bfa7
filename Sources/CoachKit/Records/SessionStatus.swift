import Foundation

/// Where a stored session stands: how it ended, or that it is still being played.
///
/// `interrupted` is written when coach was stopped by a signal (the terminal closed, a
/// `kill`), and is also what a session is when it has no result and the process that
/// recorded it is gone (killed outright, see ``RecorderProcess``). A session recorded on
/// another machine (a database copied or shared) cannot be checked that way; it counts as
/// in progress while it has been active within ``SessionStatus/Resolver/remoteGrace`` and
/// as interrupted after. Only sessions that ended by the trainee's doing, with at least one
/// reply, count in averages and suggestions (``SessionSummary/counts``).
public enum SessionStatus: String, Sendable, CaseIterable, Codable {
    /// The conversation reached an ending (or its turn limit).
    case finished
    /// The trainee ended it first: `/quit`, Ctrl-D, the end of the input.
    case abandoned
    /// The trainee stopped answering and the customer left (silence led to an ending).
    case walkedOut = "walked-out"
    /// Coach was stopped (a signal, a closed terminal) or its process vanished.
    case interrupted
    case inProgress = "in-progress"

    /// The status a recorded end gives (``SessionEnd``); a result from before ends were
    /// recorded is finished, or abandoned when its outcome says so.
    public static func ended(by end: SessionEnd?, outcome: Outcome?) -> SessionStatus {
        switch end {
        case .conversation: .finished
        case .quit: .abandoned
        case .silence: .walkedOut
        case .signal: .interrupted
        case nil: outcome == .abandoned ? .abandoned : .finished
        }
    }

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

        /// `ended`: the status the session's result gives, `nil` without a result.
        public func status(ended: SessionStatus?, process: RecorderProcess, lastActivity: Date) -> SessionStatus {
            if let ended { return ended }
            switch isRunning(process) {
            case .some(true): return .inProgress
            case .some(false): return .interrupted
            case .none: return now.timeIntervalSince(lastActivity) < Self.remoteGrace ? .inProgress : .interrupted
            }
        }
    }
}
