import Foundation

/// Receives a session as it happens, so that nothing the trainee said is lost.
///
/// The session driver (never the engine) calls it: when a session starts, after every
/// event, and when it ends. An implementation writes each call through at once — a
/// process killed between two calls keeps everything before them.
public protocol SessionRecorder: AnyObject {
    /// A session began; returns nothing, but must have stored the session before returning.
    func sessionStarted(_ start: SessionStart) throws
    /// One reply and what came of it.
    func turnRecorded(_ turn: TurnRecord) throws
    /// An event outside replies: a note, a hint, a silence.
    func sessionEventRecorded(_ event: SessionEventRecord) throws
    /// The session ended, as `end` says, with this scorecard.
    func sessionFinished(_ scorecard: Scorecard, at time: Date, end: SessionEnd) throws
}

/// What ended a session, as the program running it saw it: the records tell a trainee who
/// quit from one who walked away and from a terminal that was closed.
public enum SessionEnd: String, Sendable, CaseIterable {
    /// The conversation reached an ending or its turn limit.
    case conversation
    /// The trainee ended it: `/quit`, `/restart`, Ctrl-D, the end of the input.
    case quit
    /// The trainee's silence led the customer to an ending.
    case silence
    /// A signal stopped coach (SIGTERM, SIGHUP when the terminal closed).
    case signal
}

/// What is known when a session starts.
public struct SessionStart: Sendable {
    public var scenarioId: String
    public var scenarioTitle: String
    public var scenarioKind: Scenario.Kind
    public var scenarioVersion: String
    public var rubricVersion: String
    public var language: String
    public var seed: UInt64
    public var trainee: String
    public var startedAt: Date
    /// The customer's opening line.
    public var opening: CustomerLine
}

/// A session event that is not a reply.
public struct SessionEventRecord: Sendable {
    public enum Kind: String, Sendable {
        case note, hint, silence
    }

    public var kind: Kind
    /// The note's text, the hint given, or the seconds of silence.
    public var detail: String
    /// After how many replies it happened.
    public var afterTurn: Int
    public var customer: [CustomerLine]
    public var events: [RuleEvent]
}
