import Foundation

/// A real chat or call, written down: who said what, in order (docs/real-conversations.md).
///
/// It is scored on the same scorecard as a played scenario, with the same detector and
/// rubric, but no state machine decides what the customer says: the customer says what
/// the real customer said. ``scenario()`` turns it into a scenario that does exactly that,
/// so that the engine, the rubric, the circuits and every renderer work unchanged.
public struct RealConversation: Sendable {
    public enum Speaker: String, Sendable {
        case customer, agent
    }

    public struct Line: Sendable {
        public var speaker: Speaker
        public var text: String
        public var location: SourceLocation
    }

    public var title: String
    public var language: String
    /// Which kind of difficult customer it was: the rubric weighs categories by kind.
    public var kind: Scenario.Kind
    /// The customer's names, if known ("Victor Hale, Mr Hale"): "Mr Hale" in a reply is then
    /// using their name.
    public var customerNames: [String]
    public var lines: [Line]
    public var file: String

    /// The labels a plain-text line may begin with, and whose line it is.
    static let labels: [(String, Speaker)] = [("customer", .customer), ("agent", .agent), ("trainee", .agent)]
    /// The settings a plain-text file may give before its first line.
    static let settings = ["title", "language", "kind", "customer-name"]

    /// Reads plain text (`customer: …` / `agent: …` lines, settings first) or, when the text
    /// begins with `{`, JSON (`{"language": …, "lines": [{"speaker": …, "text": …}]}`).
    public static func parse(text: String, file: String, diagnostics: inout DiagnosticCollector) -> RealConversation? {
        // Its own collector: the caller's may hold another file's errors already.
        var local = DiagnosticCollector()
        defer { diagnostics.append(contentsOf: local.diagnostics) }
        let read =
            text.drop { $0.isWhitespace }.first == "{"
            ? fromJSON(text, file: file, diagnostics: &local)
            : fromPlainText(text, file: file, diagnostics: &local)
        guard var conversation = read, !local.hasErrors else { return nil }
        guard conversation.lines.contains(where: { $0.speaker == .agent }) else {
            local.error(
                "REAL-EMPTY", "the conversation has no agent line to score (lines begin with 'agent:' or 'trainee:')",
                at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        if conversation.title.isEmpty { conversation.title = "Real conversation: \((file as NSString).lastPathComponent)" }
        return conversation
    }

    static func fromPlainText(_ text: String, file: String, diagnostics: inout DiagnosticCollector) -> RealConversation? {
        var conversation = RealConversation(
            title: "", language: "en", kind: .genuineGrievance, customerNames: [], lines: [], file: file)
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\r", with: "")
            let at = SourceLocation(file: file, line: index + 1, column: 1)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let colon = line.firstIndex(of: ":")
            let label = colon.map { line[..<$0].trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            let rest = colon.map { String(line[line.index(after: $0)...]).trimmingCharacters(in: .whitespaces) } ?? line
            if let speaker = labels.first(where: { $0.0 == label })?.1 {
                conversation.lines.append(Line(speaker: speaker, text: rest, location: at))
            } else if conversation.lines.isEmpty, settings.contains(label) {
                conversation.set(label, to: rest, at: at, &diagnostics)
            } else if let last = conversation.lines.indices.last {
                // A line without a label goes on with whoever spoke last.
                conversation.lines[last].text += " " + line
            } else {
                let known = labels.map(\.0) + settings
                diagnostics.error(
                    "REAL-LINE",
                    "'\(label.isEmpty ? line : label)' is not who spoke: begin each line with 'customer:' or 'agent:'"
                        + " (before the first, a setting: \(settings.joined(separator: ", ")))"
                        + (label.isEmpty ? "" : Suggestion.hint(for: label, in: known)),
                    at: at)
            }
        }
        return conversation
    }

    static func fromJSON(_ text: String, file: String, diagnostics: inout DiagnosticCollector) -> RealConversation? {
        // JSON is YAML: read with the same parser, every problem gets its line and column.
        guard let root = YAMLDocument.parse(text: text, file: file, diagnostics: &diagnostics),
            let top = root.mapping("a conversation", &diagnostics)?
                .checkKeys("a conversation", known: settings + ["lines"], required: ["lines"], &diagnostics)
        else { return nil }
        var conversation = RealConversation(
            title: "", language: "en", kind: .genuineGrievance, customerNames: [], lines: [], file: file)
        for key in settings {
            if let node = top[key], let value = node.string(key, &diagnostics) {
                conversation.set(key, to: value, at: node.location, &diagnostics)
            }
        }
        for item in top["lines"]?.sequence("lines", &diagnostics) ?? [] {
            guard let line = item.mapping("a line", &diagnostics)?
                .checkKeys("a line", known: ["speaker", "text"], required: ["speaker", "text"], &diagnostics),
                let speakerNode = line["speaker"], let name = speakerNode.string("speaker", &diagnostics),
                let text = line["text"]?.string("text", &diagnostics)
            else { continue }
            guard let speaker = labels.first(where: { $0.0 == name.lowercased() })?.1 else {
                diagnostics.error(
                    "REAL-LINE", "'\(name)' is not who spoke: the speaker is 'customer' or 'agent'", at: speakerNode.location)
                continue
            }
            conversation.lines.append(Line(speaker: speaker, text: text, location: item.location))
        }
        return conversation
    }

    mutating func set(_ setting: String, to value: String, at location: SourceLocation, _ diagnostics: inout DiagnosticCollector) {
        switch setting {
        case "title": title = value
        case "customer-name":
            customerNames = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case "language":
            if LanguageCode.isValid(value) {
                language = value
            } else {
                diagnostics.error("BAD-LANGUAGE", LanguageCode.problem(value), at: location)
            }
        default:
            if let known = Scenario.Kind(rawValue: value) {
                kind = known
            } else {
                let kinds = Scenario.Kind.allCases.map(\.rawValue)
                diagnostics.error(
                    "SCN-KIND",
                    "unknown kind '\(value)'\(Suggestion.hint(for: value, in: kinds)); use one of \(kinds.joined(separator: ", "))",
                    at: location)
            }
        }
    }

    /// The conversation in turns: what the customer said before each agent reply (several
    /// lines in a row are one line in parts; consecutive agent lines are one reply), and what
    /// the customer said after the last reply, if anything.
    public var turns: (customer: [[String]], replies: [String], after: [String]) {
        var customer: [[String]] = [[]]
        var replies: [String] = []
        for line in lines {
            switch line.speaker {
            case .customer:
                if customer.count == replies.count { customer.append([]) }
                customer[customer.count - 1].append(line.text)
            case .agent:
                if customer.count == replies.count {
                    replies[replies.count - 1] += " " + line.text
                } else {
                    replies.append(line.text)
                }
            }
        }
        let after = customer.count > replies.count ? customer.removeLast() : []
        return (customer, replies, after)
    }

    /// A scenario whose customer says what the real customer said, in order, whatever the
    /// agent replies: state `said-N` holds the customer's lines before reply N and always
    /// moves on; the ending (outcome `completed`: a real call has no scripted ending to
    /// reach) says what came after the last reply.
    ///
    /// The phase of each state is estimated from its place (the first opening, the last
    /// closing, the first half listening, the rest resolving), and the customer's acts from
    /// the customer's own words, read by the same detector: rudeness or a personal attack is
    /// an insult; with a provocateur, a question is a provocation (the circuit, G41).
    public func scenario(detector: MoveDetector) -> Scenario {
        let (customer, replies, after) = turns
        let here = lines.first?.location ?? SourceLocation(file: file, line: 1, column: 1)
        var states: [String: Scenario.State] = [:]
        var order: [String] = []
        for (index, said) in customer.enumerated() {
            let id = "said-\(index + 1)"
            let next = index + 1 < customer.count ? "said-\(index + 2)" : "end"
            let phase: Scenario.Phase =
                index == 0 ? .opening : index == customer.count - 1 && customer.count > 2 ? .closing
                : index * 2 < customer.count ? .listening : .resolving
            let always = Scenario.Transition(
                condition: .init(), effects: [], points: nil, say: [], goto: next, gotoLocation: nil, location: here)
            states[id] = Scenario.State(
                id: id, phase: phase, say: [Scenario.Line(parts: said)], acts: acts(of: said, detector: detector),
                hint: nil, on: [always], unclear: nil, fallback: nil, location: here)
            order.append(id)
        }
        return Scenario(
            id: "real", title: title, kind: kind, difficulty: 1, language: language, briefing: "", authority: [],
            // Every reply is the trainee's; the conversation ends after the last, never before.
            turnLimit: replies.count + 1,
            customer: .init(names: customerNames, persona: "", facts: []), mood: [], start: order.first ?? "end",
            startLocation: nil, states: states, stateOrder: order, global: [],
            endings: ["end": .init(id: "end", outcome: .completed, say: after.isEmpty ? [] : [Scenario.Line(parts: after)], location: here)],
            endingOrder: ["end"], interrupt: nil, silence: nil, unclear: nil, tests: [], file: file,
            contentHash: ContentHash.of(Data(lines.map { "\($0.speaker.rawValue): \($0.text)" }.joined(separator: "\n").utf8)))
    }

    func acts(of said: [String], detector: MoveDetector) -> Scenario.CustomerAct {
        let moves = detector.detect(said.joined(separator: " ")).ids
        var acts: Scenario.CustomerAct = []
        if !moves.isDisjoint(with: [.rudeness, .personal]) { acts.insert(.insults) }
        if kind == .provocateur, moves.contains(.question) { acts.insert(.provokes) }
        return acts
    }
}

extension RealConversation {
    /// The largest transcript file read: a long call is far smaller.
    public static let maxBytes = 4 * 1024 * 1024

    /// Reads a transcript file (a regular file, at most ``maxBytes``).
    public static func load(path: String, diagnostics: inout DiagnosticCollector) -> RealConversation? {
        let start = SourceLocation(file: path, line: 1, column: 1)
        switch RegularFile.read(path, limit: maxBytes) {
        case .success(let data):
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.error("YAML-ENCODING", "the file is not valid UTF-8", at: start)
                return nil
            }
            return parse(text: text, file: path, diagnostics: &diagnostics)
        case .failure(let failure):
            diagnostics.error("FILE-READ", failure.description, at: start)
            return nil
        }
    }

    /// The scorecard of the agent's replies, as `coach play` would give it had the customer
    /// said these words.
    /// The scorecard of the agent's replies. `texts`: the language of what the engine writes
    /// itself (a broken circuit's reason); the rubric's own texts are the rubric's.
    public func scorecard(
        rubric: Rubric, detector: MoveDetector, trainee: String = "", texts: InterfaceCatalogue = .english
    ) -> Scorecard {
        var conversation = Conversation(
            scenario: scenario(detector: detector), rubric: rubric, detector: detector, seed: 0, trainee: trainee,
            texts: texts)
        for reply in turns.replies { _ = conversation.receive(.reply(reply, interrupted: false)) }
        return conversation.scorecard()
    }
}
