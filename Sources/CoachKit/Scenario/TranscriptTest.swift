/// A scripted conversation and what it must produce: a scenario's own regression test.
public struct TranscriptTest: Sendable {
    public var name: String
    public var steps: [Step]
    public var expect: Expectation
    public var location: SourceLocation

    /// One thing the scripted trainee does.
    public enum Step: Sendable, Hashable {
        case reply(String, interrupt: Bool)
        case silence(seconds: Double)
        case note(String)
    }

    public struct Expectation: Sendable {
        public var ending: String?
        public var outcome: Outcome?
        public var scoreMin: Int?
        public var scoreMax: Int?
        public var path: [String]?
        /// Moves that must be detected in the Nth reply (1-based).
        public var moves: [Int: [MoveID]] = [:]
        public var events: [String] = []
        public var noEvents: [String] = []
        public var location: SourceLocation
    }
}
