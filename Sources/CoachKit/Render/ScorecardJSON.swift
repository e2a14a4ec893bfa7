/// The machine-readable result of `coach play --json` (documented in docs/results.md).
extension Scorecard: JSONRepresentable {
    public var json: JSONValue {
        .object([
            ("scenario", .object([
                ("id", .string(scenarioId)), ("title", .string(scenarioTitle)), ("kind", .string(scenarioKind.rawValue)),
                ("language", .string(language)), ("version", .string(scenarioVersion)),
            ])),
            ("rubric", .object([("version", .string(rubricVersion))])),
            ("seed", .string(String(seed))),
            ("trainee", .string(trainee)),
            ("outcome", .string(outcome.rawValue)),
            ("ending", ending.map(JSONValue.string) ?? .null),
            ("score", .int(score)),
            ("ceiling", ceiling.map { .object([("limit", .int($0.limit)), ("replies", .array($0.replies.map(JSONValue.int)))]) } ?? .null),
            ("categories", .object(categories.map { category in
                (category.category.rawValue, category.score.map(JSONValue.int) ?? .null)
            })),
            ("events", .array(events.map(\.json))),
            ("turns", .array(turns.map(\.json))),
            ("path", .array(path.map(JSONValue.string))),
            ("circuits", .object([
                ("completed", .int(circuits.completed)),
                ("broken", .array(circuits.broken.map { broken in
                    .object([("step", .int(broken.step)), ("turn", .int(broken.turn)), ("reason", .string(broken.reason))])
                })),
            ])),
            ("notes", .array(notes.map(JSONValue.string))),
            ("facts-noted", .array(factsNoted.map(JSONValue.string))),
        ])
    }
}

extension RuleEvent: JSONRepresentable {
    public var json: JSONValue {
        .object([
            ("rule", .string(rule)), ("kind", .string(kind.rawValue)),
            ("guidelines", .array(guidelines.map(JSONValue.string))),
            ("turn", turn.map(JSONValue.int) ?? .null), ("quote", quote.map(JSONValue.string) ?? .null),
            ("points", .int(points)), ("category", .string(category.rawValue)), ("why", .string(why)),
            ("try", tryText.map(JSONValue.string) ?? .null),
        ])
    }
}

extension TurnRecord: JSONRepresentable {
    public var json: JSONValue {
        .object([
            ("number", .int(number)), ("text", .string(text)), ("interrupted", .bool(interrupted)),
            ("state", .string(stateBefore)), ("phase", .string(phase.rawValue)),
            ("moves", .array(detection.moves.map(\.json))),
            ("customer", .array(customer.map { .string($0.text) })),
            ("next-state", .string(stateAfter)),
            ("circuit-step", circuitStep.map(JSONValue.int) ?? .null),
        ])
    }
}
