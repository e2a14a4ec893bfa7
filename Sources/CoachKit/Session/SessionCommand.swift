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

    /// The commands, as completion offers them. Their names are the same in every language,
    /// like the keys of a keyboard; what they do is said in the trainee's (``help(in:)``).
    public static let names = ["/help", "/hint", "/note", "/notes", "/why", "/score", "/restart", "/quit"]

    /// The commands and what each does, as `/help` lists them.
    public static func help(in texts: InterfaceCatalogue) -> [(name: String, summary: String)] {
        let argument = texts(.commandNoteArgument)
        return [
            ("/help", texts(.commandHelp)), ("/hint", texts(.commandHint)),
            ("/note \(argument)", texts(.commandNote, ["argument": argument])), ("/notes", texts(.commandNotes)),
            ("/why", texts(.commandWhy)), ("/score", texts(.commandScore)), ("/restart", texts(.commandRestart)),
            ("/quit", texts(.commandQuit)),
        ]
    }

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
