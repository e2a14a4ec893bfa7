import Foundation
import Testing

/// The live session in a real pseudo-terminal (tmux), driven by keystrokes.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is needed for terminal tests"), .serialized)
struct TerminalTests {
    let library = CoachBinary.fixtureLibrary()

    func start(_ extra: [String] = [], home: String = CoachBinary.temporaryFolder()) throws -> TmuxSession {
        try TmuxSession(["play", "--library", library, "tiny", "--seed", "1", "--pace", "instant"] + extra, home: home)
    }

    @Test func thePromptAppearsAndAReplyGetsAnAnswer() throws {
        let session = try start()
        defer { session.close() }
        #expect(try session.waitFor("you ›") != nil)
        #expect(try session.screen().contains("Anna Varga:"))
        try session.type("What happened?")
        try session.send("Enter")
        #expect(try session.waitFor("Order PX-48213.") != nil)
    }

    /// The lexicon is read while the customer speaks: one that does not load is said under
    /// the opening, before any prompt, and the terminal is given back.
    @Test func aLexiconThatDoesNotLoadIsSaidUnderTheOpeningAndTheTerminalGivenBack() throws {
        let folder = CoachBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "language: en\nmoves: [\n".write(toFile: folder + "/en.yaml", atomically: true, encoding: .utf8)
        let session = try start(["--lexicons", folder])
        defer { session.close() }
        let screen = try #require(try session.waitFor("EXIT=2"))
        #expect(screen.contains("Anna Varga:"))
        #expect(screen.contains("en.yaml:3:1: error"))
        #expect(!screen.contains("you ›"))
    }

    @Test func upRecallsThePreviousReply() throws {
        let session = try start()
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        try session.type("Let me see.")
        try session.send("Enter")
        try #require(try session.waitFor("Hello?") != nil)
        try session.send("Up")
        #expect(try session.waitFor("you › Let me see.") != nil)
    }

    @Test func tabCompletesSlashCommands() throws {
        let session = try start()
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        try session.type("/he")
        try session.send("Tab")
        #expect(try session.waitFor("you › /help") != nil)
        try session.send("Enter")
        #expect(try session.waitFor("/notes") != nil)
    }

    @Test func ctrlCAbandonsTheLineAndKeepsTheSession() throws {
        let session = try start()
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        try session.type("half a thought")
        try session.send("C-c")
        #expect(try session.waitFor("^C") != nil)
        try session.type("What happened?")
        try session.send("Enter")
        #expect(try session.waitFor("Order PX-48213.") != nil)
        #expect(try !session.screen().contains("EXIT="))
    }

    @Test func aReplyDuringAStreamedComplaintIsAnInterruption() throws {
        // Seed 2 picks the opening that comes in two parts; slow pace leaves time to cut in.
        let session = try TmuxSession(
            ["play", "--library", library, "tiny", "--seed", "2", "--pace", "slow"], home: CoachBinary.temporaryFolder())
        defer { session.close() }
        try #require(try session.waitFor("My parcel never came.") != nil)
        #expect(try session.screen().contains("is speaking"))
        try session.type("What happened?")
        try session.send("Enter")
        #expect(try session.waitFor("Let me finish!") != nil)
        try session.send("C-d")
        let screen = try #require(try session.waitFor("EXIT=0"))
        #expect(screen.contains("Interrupted."))
    }

    @Test func ctrlDEndsWithTheScorecard() throws {
        let session = try start()
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        try session.send("C-d")
        let screen = try #require(try session.waitFor("EXIT=0"))
        #expect(screen.contains("Scorecard"))
        #expect(screen.contains("abandoned"))
    }

    @Test func theCustomersLastLineLeavesTheTraineeALastWord() throws {
        let session = try start()
        defer { session.close() }
        for (reply, answer) in [("What happened?", "Order PX-48213."), ("I'll call the courier today", "Fine.")] {
            try #require(try session.waitFor("you ›") != nil)
            try session.type(reply)
            try session.send("Enter")
            try #require(try session.waitFor(answer) != nil)
        }
        try session.type("Anything else?")
        try session.send("Enter")
        let offer = try #require(try session.waitFor("your last word"))
        #expect(offer.contains("Anna Varga: Thanks."))
        #expect(!offer.contains("Scorecard"))
        try session.type("I'm so sorry about all this")
        try session.send("Enter")
        let screen = try #require(try session.waitFor("EXIT=0"))
        #expect(screen.contains("Outcome: resolved"))
        #expect(screen.contains("End. (reply 4"))
    }

    @Test func whyWrapsAtWordsUnderItsOwnText() throws {
        let session = try start()
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        let long = "What happened? " + Array(repeating: "I would really like to understand every detail", count: 3).joined(separator: " ")
        try session.type(long)
        try session.send("Enter")
        try #require(try session.waitFor("Order PX-48213.") != nil)
        try session.type("/why")
        try session.send("Enter")
        let screen = try #require(try session.waitFor("question:"))
        let lines = screen.components(separatedBy: "\n")
        let first = try #require(lines.firstIndex { $0.hasPrefix("  · reply 1:") })
        // The quoted reply is longer than the terminal: it goes on, indented, on the next line,
        // and no line breaks inside a word.
        #expect(lines[first].count <= 100)
        #expect(lines[first + 1].hasPrefix("    ") && !lines[first + 1].hasPrefix("     "))
        #expect(lines[first].hasSuffix(" ") == false)
        #expect(!lines[first + 1].trimmingCharacters(in: .whitespaces).hasPrefix("ail"))
    }

    @Test func linesTypedAheadNeverReachTheShell() throws {
        let session = try start()
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        // Ctrl-D and, in the same burst, a line the trainee typed ahead.
        try session.send("C-d", "e", "c", "h", "o", "Space", "L", "E", "A", "K", "Enter")
        // "EFTOVER": a leaked line ends in a carriage return that overwrites the "L".
        let screen = try #require(try session.waitFor("EFTOVER=", seconds: 30))
        #expect(screen.contains("LEFTOVER=[]"))
        #expect(!screen.contains("LEAK"))
    }

    @Test func theCircuitDrillRunsInTheTerminal() throws {
        let session = try TmuxSession(["drill", "circuit", "--seed", "1", "--pace", "instant"], home: CoachBinary.temporaryFolder())
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        #expect(try session.screen().contains("Declan Doyle:"))
        try session.type("Your order missed its date because the courier lost it, and I'm sending a new one by express today. Would that work for you?")
        try session.send("Enter")
        #expect(try session.waitFor("Yes") != nil)
        try session.send("C-d")
        let screen = try #require(try session.waitFor("EXIT=0"))
        #expect(screen.contains("Scorecard · Drill: the circuit"))
        #expect(screen.contains("Circuits (G41)"))
    }

    /// The history is the trainee's, not the account's: on a shared training PC, one
    /// trainee's Up arrow never shows what another typed.
    @Test func theHistoryPersistsAcrossRunsForEachTrainee() throws {
        let home = CoachBinary.temporaryFolder()
        let first = try start(["--trainee", "anna"], home: home)
        try #require(try first.waitFor("you ›") != nil)
        try first.type("remember this line")
        try first.send("Enter")
        try #require(try first.waitFor("Hello?") != nil)
        try first.send("C-d")
        try #require(try first.waitFor("EXIT=0") != nil)
        first.close()
        let history = try String(contentsOfFile: home + "/state/coach/histories/anna", encoding: .utf8)
        #expect(history.contains("remember this line"))

        let second = try start(["--trainee", "anna"], home: home)
        try #require(try second.waitFor("you ›") != nil)
        try second.send("Up")
        #expect(try second.waitFor("you › remember this line") != nil)
        second.close()

        // Another trainee on the same account: nothing to walk back through.
        let other = try start(["--trainee", "Béla K/../anna"], home: home)
        defer { other.close() }
        try #require(try other.waitFor("you ›") != nil)
        try other.send("Up")
        try other.type("x")
        #expect(try other.waitFor("you › x") != nil)
        #expect(try !other.screen().contains("remember this line"))
        try other.send("Enter")
        try other.send("C-d")
        try #require(try other.waitFor("EXIT=0") != nil)
        // Any name is one file in the folder, never a path out of it.
        let files = try FileManager.default.contentsOfDirectory(atPath: home + "/state/coach/histories").sorted()
        #expect(files == ["B%C3%A9la%20K%2F%2E%2E%2Fanna", "anna"])
    }

    @Test func sigtermEndsTheSessionCleanly() throws {
        let session = try start()
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        let pid = try #require(try session.coachProcess())
        kill(pid, SIGTERM)
        let screen = try #require(try session.waitFor("EXIT=0"))
        #expect(screen.contains("Scorecard"))
    }

    @Test func noColourWithNoColor() throws {
        let session = try start()
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        #expect(try !session.screen(escapes: true).contains("\u{1B}[35"))
    }

    @Test func coloursOnATerminalWithoutNoColor() throws {
        let session = try TmuxSession(
            ["play", "--library", library, "tiny", "--seed", "1", "--pace", "instant"], home: CoachBinary.temporaryFolder(),
            extra: ["NO_COLOR": ""])
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        #expect(try session.screen(escapes: true).contains("\u{1B}["))
    }

    @Test func thePickerListsTheLibrary() throws {
        let session = try TmuxSession(["play", "--library", library, "--pace", "instant"], home: CoachBinary.temporaryFolder())
        defer { session.close() }
        #expect(try session.waitFor("A tiny test scenario") != nil)
        try session.type("1")
        try session.send("Enter")
        #expect(try session.waitFor("you ›") != nil)
    }

    @Test func cyrillicInputEditsAsText() throws {
        let session = try start()
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        try session.type("Привет")
        try session.send("BSpace")
        try session.send("BSpace")
        try session.send("Enter")
        try session.send("Up")
        #expect(try session.waitFor("you › Прив") != nil)
        #expect(try !session.screen().contains("Привет"))
    }

    @Test func jsonInATerminalLeavesStandardOutputToTheResult() throws {
        let home = CoachBinary.temporaryFolder()
        let output = home + "/result.json"
        let session = try TmuxSession(
            ["play", "--library", library, "tiny", "--seed", "1", "--pace", "instant", "--json"], home: home, output: output)
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        try session.type("What happened?")
        try session.send("Enter")
        try #require(try session.waitFor("Order PX-48213.") != nil)
        try session.send("C-d")
        try #require(try session.waitFor("EXIT=0") != nil)
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((result["turns"] as? [Any])?.count == 1)
    }

    @Test func aMegabytePasteIsOneReply() throws {
        let session = try start()
        defer { session.close() }
        try #require(try session.waitFor("you ›") != nil)
        let file = session.home + "/paste.txt"
        try String(repeating: "Let me check that for you now. ", count: 33_000).write(toFile: file, atomically: true, encoding: .utf8)
        try session.tmux(["load-buffer", file])
        try session.tmux(["paste-buffer", "-p", "-t", "t"])
        try session.send("Enter")
        #expect(try session.waitFor("Anna Varga: Hello?", seconds: 120) != nil)
        try session.send("C-d")
        #expect(try session.waitFor("EXIT=0") != nil)
    }
}
