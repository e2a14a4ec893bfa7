import Foundation
import Testing

/// `coach moves`, run as a process.
@Suite struct MovesCommandTests {
    func jsonLines(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    func moveIds(_ object: [String: Any]) -> [String] {
        (object["moves"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// `--scenario` reads replies as the scenario's tests do: its phrases and its customer's
    /// names, in its language.
    @Test func aScenarioAddsItsPhrasesNamesAndLanguage() throws {
        let reply = "I can pause your membership for three months, Ms Duarte\n"
        let plain = try jsonLines(CoachBinary.run(["moves", "--json"], input: reply).stdout)
        let scenario = try jsonLines(CoachBinary.run(["moves", "--scenario", "gym-membership", "--json"], input: reply).stdout)
        #expect(!moveIds(try #require(plain.first)).contains("exception"))
        #expect(Set(moveIds(try #require(scenario.first))).isSuperset(of: ["exception", "name"]))
        let russian = try jsonLines(
            CoachBinary.run(["moves", "--scenario", "internet-down-ru", "--json"], input: "Извините, пожалуйста\n").stdout)
        #expect(Set(moveIds(try #require(russian.first))) == ["please", "apology"])
        let both = try CoachBinary.run(["moves", "--scenario", "gym-membership", "--lang", "en", "x"], input: "")
        #expect(both.status == 64 && both.stderr.contains("the scenario says its language"))
        let unknown = try CoachBinary.run(["moves", "--scenario", "no-such-scenario", "x"], input: "")
        #expect(unknown.status != 0 && !unknown.stderr.isEmpty)
    }

    @Test func theIssueExampleInEnglish() throws {
        let result = try CoachBinary.run(
            ["moves", "--customer", "Varga", "--json"], input: "I'm so sorry, Mrs. Varga, I'll call the courier today\n")
        #expect(result.status == 0)
        let line = try #require(try jsonLines(result.stdout).first)
        #expect(Set(moveIds(line)).isSuperset(of: ["apology", "name", "plan", "deadline"]))
        let text = try #require(line["text"] as? String)
        for move in line["moves"] as? [[String: Any]] ?? [] {
            // start/end count code points: the evidence is exactly that slice of the text.
            let scalars = Array(text.unicodeScalars)
            let start = try #require(move["start"] as? Int), end = try #require(move["end"] as? Int)
            var slice = ""
            slice.unicodeScalars.append(contentsOf: scalars[start..<end])
            #expect(slice == move["evidence"] as? String)
        }
    }

    @Test func theIssueExampleInRussian() throws {
        let result = try CoachBinary.run(["moves", "--lang", "ru", "--json"], input: "Успокойтесь, это не мой отдел\n")
        let line = try #require(try jsonLines(result.stdout).first)
        #expect(Set(moveIds(line)).isSuperset(of: ["dismiss", "deflect"]))
    }

    @Test func oneObjectPerInputLineEvenWhenEmptyOrBroken() throws {
        var input = Data("hello\n\n".utf8)
        input.append(contentsOf: [0x73, 0x6F, 0x72, 0x72, 0x79, 0xFF, 0xFE, 0x0A])  // "sorry" + invalid bytes
        input.append(Data("\u{1B}[31mcontrol\u{0}\n".utf8))
        let result = try CoachBinary.run(["moves", "--json"], input: input)
        #expect(result.status == 0)
        let lines = try jsonLines(result.stdout)
        #expect(lines.count == 4)
        #expect(moveIds(lines[1]).isEmpty)
        #expect((lines[2]["text"] as? String)?.contains("\u{FFFD}") == true)
    }

    /// Batches are detected on every core and printed in input order: thousands of replies
    /// come out one object a line, each with its own text and the moves it has alone.
    @Test func manyRepliesComeOutInOrderAsEachAlone() throws {
        let replies = (0..<3_000).map { index in
            ["I'm so sorry about reply \(index)", "what happened with order \(index)", "calm down \(index)", "\(index)"][index % 4]
        }
        let batch = try CoachBinary.run(["moves", "--json"], input: replies.joined(separator: "\n") + "\n")
        #expect(batch.status == 0)
        let lines = try jsonLines(batch.stdout)
        #expect(lines.map { $0["text"] as? String } == replies)
        for index in [0, 1, 2, 1_501, 2_999] {
            let alone = try CoachBinary.run(["moves", "--json", replies[index]], input: "")
            #expect(try jsonLines(alone.stdout).first.map(moveIds) == moveIds(lines[index]))
        }
    }

    /// A person (or `tail -f`) feeding one line at a time gets each answer before typing the
    /// next: batching never holds a reply back waiting for more.
    @Test func aLineAtATimeIsAnsweredAtOnce() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CoachBinary.path)
        process.arguments = ["moves", "--json"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        for reply in ["What happened?", "I'm sorry", "calm down"] {
            input.fileHandleForWriting.write(Data((reply + "\n").utf8))
            // Read until this reply's line is complete; a batch waiting for more would hang here.
            var received = Data()
            let deadline = Date().addingTimeInterval(20)
            while !received.contains(UInt8(ascii: "\n")) && Date() < deadline {
                // Wait at most 100 ms for output, so that a missing answer fails the test, not hangs it.
                var ready = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
                if poll(&ready, 1, 100) > 0 { received += output.fileHandleForReading.availableData }
            }
            let object = try #require(try JSONSerialization.jsonObject(with: received) as? [String: Any], "no answer to \(reply)")
            #expect(object["text"] as? String == reply)
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func jsonEscapesC1ControlsSoATerminalShowingItObeysNothing() throws {
        // U+009B is the one-byte CSI: raw in the output, a terminal would start an escape sequence.
        let result = try CoachBinary.run(["moves", "--json"], input: "sorry \u{9B}2J\n")
        #expect(result.status == 0)
        #expect(!result.stdout.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
        #expect(result.stdout.contains("\\u009b") || result.stdout.contains("\\u009B"))
        #expect((try jsonLines(result.stdout).first?["text"] as? String) == "sorry \u{9B}2J")
    }

    @Test func aMegabyteLineIsHandled() throws {
        let line = String(repeating: "I understand, let me check that for you. ", count: 25_000) + "\n"
        let result = try CoachBinary.run(["moves", "--json"], input: line)
        #expect(result.status == 0)
        #expect(try jsonLines(result.stdout).count == 1)
    }

    @Test func humanOutputBracketsTheEvidenceWhenNotATerminal() throws {
        let result = try CoachBinary.run(["moves", "Thank you for waiting"])
        #expect(result.stdout.hasPrefix("[Thank you]"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func aBrokenLexiconIsReportedWithItsPlace() throws {
        let folder = CoachBinary.temporaryFolder()
        try "language: en\nmoves:\n  apology:\n    patterns: [\"(sorry\"]\n".write(
            toFile: folder + "/en.yaml", atomically: true, encoding: .utf8)
        let result = try CoachBinary.run(["moves", "--lexicons", folder, "sorry"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("en.yaml:4:17: error: [LEX-PATTERN]"))
        let lint = try CoachBinary.run(["lint", folder + "/en.yaml"])
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("en.yaml:4:17: error: [LEX-PATTERN]"))
    }

    @Test func anUnknownLanguageIsAClearError() throws {
        let result = try CoachBinary.run(["moves", "--lang", "xx", "hello"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no lexicon for language 'xx'"))
    }
}
