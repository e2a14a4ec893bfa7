import Foundation
import Testing

@testable import CoachKit

/// Validates YAML documents against `scenarios/schema/scenario.schema.json` with Python's
/// `jsonschema`, the reference validator, when it is installed (`.ci/run` installs it).
///
/// YAML becomes JSON here, by YAML 1.2's core rules as an editor's language server reads
/// them (`on`, `yes` and `no` stay text; `+10` is a number), from the same tree the loader reads.
enum SchemaValidator {
    static let schemaPath = Fixtures.repository.appendingPathComponent("scenarios/schema/scenario.schema.json").path

    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Whether `python3 -c "import jsonschema"` works.
    static let available: Bool = {
        guard let python else { return false }
        return (try? run(python, ["-c", "import jsonschema"], input: Data()))?.status == 0
    }()

    static let script = """
        import json, sys, jsonschema
        request = json.load(sys.stdin)
        schema = json.load(open(request["schema"], encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema)
        result = {}
        for name, document in request["documents"].items():
            result[name] = ["/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in validator.iter_errors(document)]
        json.dump(result, sys.stdout)
        """

    /// The schema's complaints about each document, by name (an empty list: valid).
    static func validate(_ documents: [String: JSONValue]) throws -> [String: [String]] {
        let request = JSONValue.object([
            ("schema", .string(schemaPath)), ("documents", .object(documents.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
        ])
        let result = try run(try #require(python), ["-c", script], input: Data(request.serialized().utf8))
        guard result.status == 0 else { throw ValidationFailure(message: result.errors) }
        return try JSONDecoder().decode([String: [String]].self, from: result.output)
    }

    struct ValidationFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func run(_ executable: String, _ arguments: [String], input: Data) throws
        -> (status: Int32, output: Data, errors: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output, String(decoding: errors, as: UTF8.self))
    }

    /// The JSON an editor sees for a YAML tree (YAML 1.2 core schema).
    static func json(_ node: YAMLNode) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            return .object(mapping.entries.map { ($0.key, json($0.value)) })
        case .sequence(let items, _):
            return .array(items.map(json))
        case .scalar(let scalar):
            if scalar.isQuoted || scalar.isBlock { return .string(scalar.text) }
            let text = scalar.text
            if scalar.isNull { return .null }
            if ["true", "True", "TRUE"].contains(text) { return .bool(true) }
            if ["false", "False", "FALSE"].contains(text) { return .bool(false) }
            if text.wholeMatch(of: #/[-+]?[0-9]+/#) != nil, let value = Int(text) { return .int(value) }
            if text.wholeMatch(of: #/[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/#) != nil, let value = Double(text) {
                return .double(value)
            }
            return .string(text)
        }
    }

    static func json(text: String) throws -> JSONValue {
        var diagnostics = DiagnosticCollector()
        let node = try #require(YAMLDocument.parse(text: text, file: "document.yaml", diagnostics: &diagnostics))
        return json(node)
    }
}

@Suite struct SchemaTests {
    static let files = Fixtures.library.scenarioFiles

    /// The schema as parsed JSON (read each time: `[String: Any]` cannot be shared between tests).
    static var schema: [String: Any] {
        guard let data = FileManager.default.contents(atPath: SchemaValidator.schemaPath),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }

    static var definitions: [String: [String: Any]] { (schema["definitions"] as? [String: [String: Any]]) ?? [:] }

    /// The `properties` of the schema object at a definition name (or the top level).
    static func properties(_ definition: String? = nil) -> [String: [String: Any]] {
        let node = definition.map { definitions[$0] ?? [:] } ?? schema
        return (node["properties"] as? [String: [String: Any]]) ?? [:]
    }

    @Test(arguments: files)
    func everyShippedScenarioPointsItsEditorAtTheSchema(file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let marker = "# yaml-language-server: $schema="
        let firstLine = String(text.prefix { $0 != "\n" })
        #expect(firstLine.hasPrefix(marker))
        // Relative to the file, so a scenario in a subfolder says ../schema/….
        let schema = URL(fileURLWithPath: file).deletingLastPathComponent()
            .appendingPathComponent(String(firstLine.dropFirst(marker.count))).standardizedFileURL
        #expect(schema.lastPathComponent == "scenario.schema.json")
        #expect(FileManager.default.fileExists(atPath: schema.path))
    }

    @Test(.enabled(if: SchemaValidator.available, "python3 with jsonschema is not installed (.ci/run installs it)"))
    func everyShippedScenarioAndSkeletonValidates() throws {
        var documents: [String: JSONValue] = [:]
        for file in Self.files {
            documents[file] = try SchemaValidator.json(text: try String(contentsOfFile: file, encoding: .utf8))
        }
        for kind in Scenario.Kind.allCases {
            documents["new \(kind.rawValue)"] = try SchemaValidator.json(text: ScenarioSkeleton.text(kind: kind, id: "x"))
        }
        documents["tiny fixture"] = try SchemaValidator.json(
            text: try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8))
        let errors = try SchemaValidator.validate(documents)
        #expect(errors.count == documents.count)
        for (name, problems) in errors.sorted(by: { $0.key < $1.key }) {
            #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
        }
    }

    @Test(.enabled(if: SchemaValidator.available, "python3 with jsonschema is not installed (.ci/run installs it)"))
    func mistakesTheLoaderRejectsTheSchemaRejectsToo() throws {
        let base = ScenarioSkeleton.text(kind: .genuineGrievance, id: "x")
        let mistakes: [String: (String, String)] = [
            "misspelt key": ("title: The order", "titel: The order"),
            "unknown kind": ("kind: genuine-grievance ", "kind: angry "),
            "unknown move": ("any: [question, paraphrase]", "any: [questoin, paraphrase]"),
            "flag as text": ("demands", "demands"),
            "bad comparison": (#"trust: ">= 40""#, #"trust: "soon""#),
            "unknown state key": ("    phase: opening ", "    fase: opening "),
            "bad outcome": ("outcome: escalated", "outcome: happy"),
            "points out of range": ("value: 4,", "value: 400,"),
            "reply with two kinds": (#"- {note: "order AB-12345"}"#, #"- {note: "x", silence: 3}"#),
            "unclear with a goto": ("  mood: {anger: +5}\n\nglobal:", "  goto: calm\n\nglobal:"),
            "a line's condition on moves": ("{mood: {anger: \">= 70\"}}", "{any: [apology]}"),
            "rubric override misspelt": ("\nglobal:", "\nrubric:\n  asked-what-happened: {tri: \"x\"}\n\nglobal:"),
        ]
        var documents: [String: JSONValue] = [:]
        for (name, (find, replace)) in mistakes where name != "flag as text" {
            let text = base.replacingOccurrences(of: find, with: replace)
            #expect(text != base, "\(name)")
            documents[name] = try SchemaValidator.json(text: text)
        }
        documents["flag as text"] = try SchemaValidator.json(
            text: base.replacingOccurrences(of: "    phase: opening ", with: "    provokes: \"yes\"\n    phase: opening "))
        let errors = try SchemaValidator.validate(documents)
        for (name, problems) in errors.sorted(by: { $0.key < $1.key }) {
            #expect(!problems.isEmpty, "the schema accepts: \(name)")
        }
    }

    @Test func yamlBecomesJSONAsAnEditorReadsIt() throws {
        let json = try SchemaValidator.json(text: "on: [a]\nyes: no\nn: +10\nf: 1.5\ns: '3'\nb: true\nz: ~\n")
        #expect(json.serialized() == #"{"on":["a"],"yes":"no","n":10,"f":1.5,"s":"3","b":true,"z":null}"#)
    }

    @Test func everyKeyTheLoaderKnowsIsInTheSchema() {
        #expect(Set(ScenarioLoader.topKeys).isSubset(of: Set(Self.properties().keys)))
        let state = Set(Self.properties("state").keys)
        #expect(state == Set(ScenarioLoader.stateKeys + Scenario.CustomerAct.names.map(\.0)))
        #expect(Set(Self.properties("transition").keys) == ["if", "mood", "points", "say", "goto"])
        #expect(Set(Self.properties("condition").keys) == Set(ScenarioLoader.Reader.conditionKeys))
        #expect(Set(ScenarioLoader.Reader.conditionKeys).isSuperset(of: ["any", "interrupted", "beyond-authority"]))
        #expect(Set(Self.properties("wordingCondition").keys) == Set(ScenarioLoader.Reader.wordingKeys))
        #expect(Set(Self.properties("conditionalLine").keys) == ["if", "say"])
        #expect(Set(Self.properties("points").keys) == ["value", "category", "because", "guidelines", "try"])
        #expect(Set(Self.properties("fallback").keys) == ["say", "mood", "limit", "goto"])
        #expect(Set(Self.properties("moodVariable").keys) == ["initial", "min", "max", "min-ending", "max-ending"])
        #expect(Set(Self.properties("ending").keys) == ["outcome", "say", "points"])
        #expect(Set(Self.properties("test").keys) == ["name", "replies", "expect"])
        let moves = (Self.definitions["move"]?["anyOf"] as? [[String: Any]])?.compactMap { $0["const"] as? String }
        #expect(moves == MoveID.allCases.map(\.rawValue))
    }

    @Test func everyPropertyExplainsItself() {
        var missing: [String] = []
        func walk(_ node: Any, at path: String) {
            if let object = node as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] {
                    for (key, value) in properties {
                        let described = (value as? [String: Any]).map { property in
                            property["description"] != nil
                                || (property["$ref"] as? String).map { ref in
                                    Self.definitions[String(ref.split(separator: "/").last ?? "")]?["description"] != nil
                                } == true
                        } ?? false
                        if !described { missing.append("\(path)/\(key)") }
                    }
                }
                for (key, value) in object { walk(value, at: "\(path)/\(key)") }
            } else if let array = node as? [Any] {
                for (index, value) in array.enumerated() { walk(value, at: "\(path)/\(index)") }
            }
        }
        walk(Self.schema, at: "")
        #expect(!Self.schema.isEmpty)
        #expect(missing.isEmpty, "\(missing)")
    }
}
