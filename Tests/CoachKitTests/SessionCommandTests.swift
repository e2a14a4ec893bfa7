import Testing

@testable import CoachKit

/// What a typed line is: the same parsing serves the terminal and a pipe.
@Suite struct SessionCommandTests {
    @Test(arguments: [
        ("hello", SessionCommand.reply("hello")),
        ("//shrug I don't know", .reply("/shrug I don't know")),
        ("/help", .help), ("/?", .help), ("/HINT", .hint),
        ("/note order PX-1", .note("order PX-1")), ("/note", .notes), ("/notes", .notes),
        ("  /why  ", .why), ("/score", .score), ("/restart", .restart), ("/quit", .quit), ("/exit", .quit),
        ("/hlep", .unknown("/hlep", suggestion: "/help")),
    ])
    func aLineIsAReplyOrACommand(line: String, expected: SessionCommand) {
        #expect(SessionCommand.parse(line) == expected)
    }

    /// Completion and `/help` offer the same commands, in the same order, and each parses.
    @Test(arguments: ["en", "ru", "el"])
    func helpListsEveryCommandThatCompletionOffers(language: String) throws {
        var diagnostics = DiagnosticCollector()
        let texts = try #require(InterfaceCatalogueLoader.load(language: language, from: .bundled, diagnostics: &diagnostics))
        let listed = SessionCommand.help(in: texts).map { String($0.name.split(separator: " ")[0]) }
        #expect(listed == SessionCommand.names)
        #expect(SessionCommand.help(in: texts).allSatisfy { !$0.summary.isEmpty })
        for name in SessionCommand.names {
            if case .unknown = SessionCommand.parse(name) { Issue.record("\(name) does not parse") }
        }
    }
}
