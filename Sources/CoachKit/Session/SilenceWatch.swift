import Foundation

/// When a silent trainee gets a nudge from the customer: the rule of `docs/session.md`
/// as a value, with time passed in (the terminal owns the clock).
///
/// Silence counts from the moment the customer finished speaking. Anything the trainee
/// does is activity and starts it again: typing, a reply, and commands such as `/note`
/// and `/hint` — a trainee taking notes (G5) is working, not silent. The customer
/// nudges once; after that they wait for a reply, and only a reply (not a note, not the
/// customer's own nudge) lets them nudge again, so silence never repeats into a walk-out.
public struct SilenceWatch: Sendable, Equatable {
    /// Seconds of silence before the nudge.
    public let after: TimeInterval
    public private(set) var quietSince: Date
    public private(set) var nudged = false

    public init(after: TimeInterval, from start: Date) {
        self.after = after
        quietSince = start
    }

    /// The customer finished speaking (their line, or their nudge).
    public mutating func customerFinished(at time: Date) { quietSince = time }

    /// The trainee typed a key, or entered a line; `reply`: a line said to the customer.
    public mutating func traineeActive(at time: Date, reply: Bool = false) {
        quietSince = time
        if reply { nudged = false }
    }

    /// When the nudge falls due, if one can.
    public var deadline: Date? { nudged ? nil : quietSince.addingTimeInterval(after) }

    /// Whether to nudge now; once it says yes, it says no until the next reply.
    public mutating func nudgeIsDue(at time: Date) -> TimeInterval? {
        guard let deadline, time >= deadline else { return nil }
        nudged = true
        return time.timeIntervalSince(quietSince)
    }
}
