/// Something the trainee did: the engine's only input.
///
/// Time reaches the engine only as events (a reply that interrupted, a silence of N
/// seconds), so the engine never reads a clock and timing rules are tested exactly.
public enum InputEvent: Sendable, Hashable {
    /// A reply; `interrupted` when it was sent before the customer finished speaking.
    case reply(String, interrupted: Bool = false)
    /// The trainee said nothing for this many seconds.
    case silence(seconds: Double)
    /// A `/note` in the trainee's notebook.
    case note(String)
    /// A `/hint` request.
    case hint
}

/// What the customer says at one moment: a line, perhaps in parts (a long vent).
public struct CustomerLine: Sendable, Hashable {
    /// The state (or ending) the line belongs to.
    public var source: String
    public var parts: [String]
    public var acts: Scenario.CustomerAct

    public var text: String { parts.joined(separator: " ") }

    public init(source: String, parts: [String], acts: Scenario.CustomerAct) {
        self.source = source
        self.parts = parts
        self.acts = acts
    }
}
