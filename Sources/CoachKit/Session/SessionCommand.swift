/// A line typed in a session: a reply, or a slash command.
///
/// The same parsing serves the live terminal and piped input, so a session from a
/// file behaves exactly like one typed by hand.
public enum SessionCommand: Sendable, Hashable {
    case reply(String)
    case help
    case hint
    case note(String)
    case notes
    case why
    case score
    case restart
    case quit
    /// A slash command that does not exist (with a suggestion, if one is close).
    case unknown(String, suggestion: String?)

    /// The commands, as `/help` lists them and completion offers them.
    public static let all: [(name: String, summary: String)] = [
        ("/help", "list these commands"),
        ("/hint", "a nudge toward a good next move (costs points)"),
        ("/note TEXT", "write TEXT in your notebook (noting the customer's details earns points)"),
        ("/notes", "show your notebook"),
        ("/why", "the moves detected in your last reply, and what the rubric made of them"),
        ("/score", "your running score"),
        ("/restart", "start the scenario again"),
        ("/quit", "end the session and see the scorecard"),
    ]

    public static var names: [String] { all.map { String($0.name.split(separator: " ")[0]) } }

    public static func parse(_ line: String) -> SessionCommand {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        // "//text" is a reply that starts with a slash.
        guard trimmed.hasPrefix("/"), !trimmed.hasPrefix("//") else {
            return .reply(trimmed.hasPrefix("//") ? String(trimmed.dropFirst()) : line)
        }
        let parts = trimmed.split(separator: " ", maxSplits: 1)
        let name = parts[0].lowercased()
        let argument = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "/help", "/?": return .help
        case "/hint": return .hint
        case "/note": return argument.isEmpty ? .notes : .note(argument)
        case "/notes": return .notes
        case "/why": return .why
        case "/score": return .score
        case "/restart": return .restart
        case "/quit", "/exit": return .quit
        default: return .unknown(name, suggestion: Suggestion.closest(to: name, in: names))
        }
    }
}
