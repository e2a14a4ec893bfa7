import Foundation

/// Turns a session (one line per reply, as in a pipe) into a transcript test that
/// expects what the run produced: `coach test --record SCENARIO`.
///
/// Lines are read as in `coach play`: a line is a reply, `/note TEXT` a note;
/// `/silence SECONDS` and `/interrupt TEXT` stand for the timing a pipe cannot show;
/// `/restart` forgets what came before; `/quit` ends; other slash commands are not
/// steps of a test and are left out. The test is played with the seed tests use
/// (``TranscriptRunner/seed``), so its customer lines are the ones `coach test` sees.
public enum TranscriptRecorder {
    /// The steps of a session, and the lines that could not become steps (with why).
    public static func steps(fromLines lines: [String]) -> (steps: [TranscriptTest.Step], skipped: [String]) {
        var steps: [TranscriptTest.Step] = []
        var skipped: [String] = []
        for raw in lines {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: " ", maxSplits: 1)
            let argument = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
            switch parts[0].lowercased() {
            case "/silence":
                if let seconds = Double(argument), seconds.isFinite, seconds >= 0 {
                    steps.append(.silence(seconds: seconds))
                } else {
                    skipped.append("\(trimmed): /silence needs a number of seconds")
                }
                continue
            case "/interrupt":
                if argument.isEmpty {
                    skipped.append("\(trimmed): /interrupt needs the reply")
                } else {
                    steps.append(.reply(argument, interrupt: true))
                }
                continue
            default:
                break
            }
            switch SessionCommand.parse(line) {
            case .reply(let text): steps.append(.reply(text, interrupt: false))
            case .note(let text): steps.append(.note(text))
            case .restart: steps = []
            case .quit: return (steps, skipped)
            case .unknown(let name, _): skipped.append("\(trimmed): '\(name)' is not a command")
            case .help, .hint, .notes, .why, .score: skipped.append("\(trimmed): not a step of a test")
            }
        }
        return (steps, skipped)
    }

    /// The recorded test and the result of playing it.
    public struct Recording: Sendable {
        public var test: TranscriptTest
        public var result: TranscriptRunner.Result
        /// The test as YAML: one item of a scenario's `tests:` list, indented by `indent` spaces.
        public var yaml: String
        /// Steps after the conversation had ended, which the test leaves out.
        public var unused: Int
    }

    /// How far the recorded score may move before the test fails (rubric tuning, not regressions).
    public static let scoreBand = 5

    /// Plays `steps` and writes a test that expects the ending (or outcome), the score
    /// within ±``scoreBand``, the path, the moves of each reply and the rule events that fired.
    public static func record(steps: [TranscriptTest.Step], name: String, setup: Setup, indent: Int = 2) -> Recording {
        // Keep only what was played: lines after the end would fail "ended after reply N".
        var conversation = setup.conversation(seed: TranscriptRunner.seed, trainee: "test")
        var played: [TranscriptTest.Step] = []
        for step in steps {
            guard !conversation.isOver else { break }
            played.append(step)
            switch step {
            case .reply(let text, let interrupt): _ = conversation.receive(.reply(text, interrupted: interrupt))
            case .silence(let seconds): _ = conversation.receive(.silence(seconds: seconds))
            case .note(let text): _ = conversation.receive(.note(text))
            }
        }
        conversation.abandon()
        let card = conversation.scorecard()
        var expect = TranscriptTest.Expectation(location: SourceLocation(file: setup.scenario.file, line: 1, column: 1))
        if let ending = card.ending { expect.ending = ending } else { expect.outcome = card.outcome }
        expect.scoreMin = max(0, card.score - scoreBand)
        expect.scoreMax = min(100, card.score + scoreBand)
        expect.path = card.path
        for turn in card.turns where !turn.detection.moves.isEmpty {
            expect.moves[turn.number] = turn.detection.moves.map(\.id).sorted()
        }
        expect.events = Array(Set(card.events.filter { $0.kind != .missed && $0.rule != "outcome" }.map(\.rule))).sorted()
        let test = TranscriptTest(name: name, steps: played, expect: expect, location: expect.location)
        let result = TranscriptRunner.run(test, setup: setup)
        return Recording(
            test: test, result: result, yaml: yaml(test, score: card.score, indent: indent),
            unused: steps.count - played.count)
    }

    /// One `tests:` item: `- name: …` at `indent` spaces, its keys two further in.
    static func yaml(_ test: TranscriptTest, score: Int, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = "\(pad)- name: \(quote(test.name))\n\(pad)  replies:\n"
        for step in test.steps {
            switch step {
            case .reply(let text, false): out += "\(pad)    - \(quote(text))\n"
            case .reply(let text, true): out += "\(pad)    - {say: \(quote(text)), interrupt: true}\n"
            case .silence(let seconds): out += "\(pad)    - {silence: \(GuardAnalysis.format(seconds))}\n"
            case .note(let text): out += "\(pad)    - {note: \(quote(text))}\n"
            }
        }
        let expect = test.expect
        out += "\(pad)  expect:\n"
        if let ending = expect.ending { out += "\(pad)    ending: \(ending)\n" }
        if let outcome = expect.outcome { out += "\(pad)    outcome: \(outcome.rawValue)\n" }
        if let low = expect.scoreMin, let high = expect.scoreMax {
            out += "\(pad)    score: {min: \(low), max: \(high)}   # the recorded run scored \(score)\n"
        }
        if let path = expect.path { out += "\(pad)    path: [\(path.joined(separator: ", "))]\n" }
        if !expect.moves.isEmpty {
            out += "\(pad)    moves:\n"
            for (number, moves) in expect.moves.sorted(by: { $0.key < $1.key }) {
                out += "\(pad)      \(number): [\(moves.map(\.rawValue).joined(separator: ", "))]\n"
            }
        }
        if !expect.events.isEmpty { out += "\(pad)    events: [\(expect.events.joined(separator: ", "))]\n" }
        return out
    }

    /// A YAML double-quoted string: safe for commas, colons, `#` and quotes alike.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A test appended to scenario text, or why it cannot be.
    public enum Appended: Sendable {
        case text(String)
        case failure(String)
    }

    /// `text` with the test appended to its `tests:` list (created at the end if missing).
    ///
    /// The item goes after the list's last item, at the list's indentation; the result
    /// is loaded again before it is returned, so a file is never left broken.
    public static func append(_ recording: Recording, to text: String, file: String) -> Appended {
        var scratch = DiagnosticCollector()
        guard case .mapping(let top)? = YAMLDocument.parse(text: text, file: file, diagnostics: &scratch) else {
            return .failure("the scenario does not parse: \(scratch.diagnostics.map(\.description).joined(separator: "; "))")
        }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let index = top.entries.firstIndex(where: { $0.key == "tests" }) else {
            let item = rebuild(recording, indent: 2)
            return check(lines.joined(separator: "\n") + "\n\ntests:\n" + item, file: file)
        }
        let entry = top.entries[index]
        guard case .sequence(let items, _) = entry.value, let first = items.first else {
            return .failure("'tests:' at \(entry.keyLocation) is not a block list with items; add the test by hand")
        }
        // The dash of the first item sets the indentation; a flow list `[…]` has none to follow.
        let firstLine = lines[first.location.line - 1]
        let before = Array(firstLine.unicodeScalars.prefix(max(first.location.column - 1, 0)))
        guard let dash = before.lastIndex(of: "-"), before[..<dash].allSatisfy({ $0 == " " }) else {
            return .failure("'tests:' at \(entry.keyLocation) is written as a flow list; add the test by hand")
        }
        // Insert after the last line that belongs to the list: before the next top-level key,
        // and before the blank lines and comments that lead up to it.
        var end = lines.count
        if index + 1 < top.entries.count { end = top.entries[index + 1].keyLocation.line - 1 }
        while end > entry.keyLocation.line {
            let trimmed = lines[end - 1].trimmingCharacters(in: .whitespaces)
            guard trimmed.isEmpty || trimmed.hasPrefix("#") else { break }
            end -= 1
        }
        let item = rebuild(recording, indent: dash)
        lines.insert(contentsOf: item.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init), at: end)
        return check(lines.joined(separator: "\n") + "\n", file: file)
    }

    static func rebuild(_ recording: Recording, indent: Int) -> String {
        yaml(recording.test, score: recording.result.scorecard.score, indent: indent)
    }

    static func check(_ text: String, file: String) -> Appended {
        var diagnostics = DiagnosticCollector()
        guard ScenarioLoader.load(text: text, file: file, diagnostics: &diagnostics) != nil else {
            let errors = diagnostics.diagnostics.filter { $0.severity == .error }.map(\.description)
            return .failure("the scenario would not load with the test added: \(errors.joined(separator: "; "))")
        }
        return .text(text)
    }
}
