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

    /// The commands in the order `/help` lists them, each with the text that says what it does.
    private static let summaries: [(name: String, summary: InterfaceText)] = [
        ("/help", .commandHelp), ("/hint", .commandHint), ("/note", .commandNote), ("/notes", .commandNotes),
        ("/why", .commandWhy), ("/score", .commandScore), ("/restart", .commandRestart), ("/quit", .commandQuit),
    ]

    /// The commands, as completion offers them. Their names are the same in every language,
    /// like the keys of a keyboard; what they do is said in the trainee's (``help(in:)``).
    public static let names = summaries.map(\.name)

    /// The commands and what each does, as `/help` lists them.
    public static func help(in texts: InterfaceCatalogue) -> [(name: String, summary: String)] {
        let argument = texts(.commandNoteArgument)
        return summaries.map { command in
            // `/note` is the one command with an argument, named in the trainee's language.
            command.summary == .commandNote
                ? ("\(command.name) \(argument)", texts(.commandNote, ["argument": argument]))
                : (command.name, texts(command.summary))
        }
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
