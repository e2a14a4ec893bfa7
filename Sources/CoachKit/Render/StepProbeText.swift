/// A ``StepProbe`` as text for a trainer, or as JSON for a script.
public struct StepProbeText: Sendable {
    public var style: TextStyle

    public init(style: TextStyle = .plain) { self.style = style }

    public func render(_ probe: StepProbe, reply: String) -> String {
        var out = style.bold("In \"\(probe.stateBefore.printable)\"") + mood(probe.moodBefore) + ", the reply\n"
        out += "  \"\(reply.printable)\"\n"
        let moves = probe.detection.moves.map { "\($0.id.rawValue) \"\($0.evidence.printable)\"" }
        out += "Moves:    " + (moves.isEmpty ? style.dim("none") : moves.joined(separator: " · ")) + "\n"
        out += "Tried:\n"
        if probe.attempts.isEmpty { out += "  " + style.dim("no transition here") + "\n" }
        for attempt in probe.attempts {
            let name = attempt.transition.description.padding(toLength: 18, withPad: " ", startingAt: 0)
            if attempt.unmet.isEmpty {
                out += "  \(name) " + style.green("fires") + "\n"
            } else {
                out += "  \(name) " + style.dim("no: " + attempt.unmet.joined(separator: "; ")) + "\n"
            }
        }
        if probe.fired == nil {
            let why = probe.answeredAsUnclear
                ? "none fires; the reply has no move, so the customer answers with `unclear:`"
                : "none fires"
            out += "  " + style.yellow(why) + "\n"
        }
        let after = probe.outcome.map { "the conversation ends: \($0.rawValue)" } ?? "\"\(probe.stateAfter.printable)\""
        out += "Then:     \(after)" + change(from: probe.moodBefore, to: probe.moodAfter) + "\n"
        for event in probe.events {
            let sign = event.points > 0 ? "+\(event.points)" : String(event.points)
            let guidelines = event.guidelines.isEmpty ? "" : " " + event.guidelines.joined(separator: ",")
            out += "Event:    \(event.kind.rawValue) [\(event.rule.printable)\(guidelines) \(sign)] \(event.why.printable)\n"
        }
        for line in probe.customer {
            out += "Customer: \(line.text.printable)\n"
        }
        return out
    }

    private func mood(_ values: [String: Double]) -> String {
        guard !values.isEmpty else { return "" }
        return " (" + values.sorted { $0.key < $1.key }.map { "\($0.key) \(GuardAnalysis.format($0.value))" }.joined(separator: ", ") + ")"
    }

    private func change(from before: [String: Double], to after: [String: Double]) -> String {
        let changed = after.sorted { $0.key < $1.key }.filter { before[$0.key] != $0.value }
        guard !changed.isEmpty else { return "" }
        return ", " + changed.map { "\($0.key) \(GuardAnalysis.format(before[$0.key] ?? 0)) → \(GuardAnalysis.format($0.value))" }
            .joined(separator: ", ")
    }

    /// The probe as one JSON document (docs/authoring.md, "What happens if …").
    public static func json(_ probe: StepProbe, reply: String) -> JSONValue {
        func mood(_ values: [String: Double]) -> JSONValue {
            .object(values.sorted { $0.key < $1.key }.map { ($0.key, .double($0.value)) })
        }
        return .object([
            ("state", .string(probe.stateBefore)),
            ("mood", mood(probe.moodBefore)),
            ("reply", .string(reply)),
            ("moves", .array(probe.detection.moves.map { .object([("id", .string($0.id.rawValue)), ("evidence", .string($0.evidence))]) })),
            ("tried", .array(probe.attempts.map { attempt in
                .object([
                    ("transition", .string(attempt.transition.description)),
                    ("fires", .bool(attempt.unmet.isEmpty)),
                    ("unmet", .array(attempt.unmet.map { .string($0) })),
                ])
            })),
            ("fired", probe.fired.map { .string($0.description) } ?? .null),
            ("unclear", .bool(probe.answeredAsUnclear)),
            ("next", .string(probe.stateAfter)),
            ("outcome", probe.outcome.map { .string($0.rawValue) } ?? .null),
            ("mood-after", mood(probe.moodAfter)),
            ("events", .array(probe.events.map { event in
                .object([
                    ("rule", .string(event.rule)), ("kind", .string(event.kind.rawValue)), ("points", .int(event.points)),
                    ("guidelines", .array(event.guidelines.map { .string($0) })),
                ])
            })),
            ("customer", .array(probe.customer.map { .string($0.text) })),
        ])
    }
}
