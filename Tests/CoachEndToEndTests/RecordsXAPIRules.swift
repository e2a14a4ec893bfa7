import Foundation

/// The xAPI 1.0.3 statement rules coach's output must follow (the subset that applies to
/// what coach writes), checked on the parsed JSON: every problem found, as text.
enum RecordsXAPIRules {
    static let verbs: Set<String> = ["completed", "passed", "failed", "responded"].reduce(into: []) {
        $0.insert("http://adlnet.gov/expapi/verbs/\($1)")
    }

    static func problems(_ statement: [String: Any]) -> [String] {
        var problems: [String] = []
        func check(_ condition: Bool, _ problem: String) { if !condition { problems.append(problem) } }

        check(isUUID(statement["id"]), "id is not a UUID")
        for key in ["stored", "authority", "version"] { check(statement[key] == nil, "\(key) is the LRS's to set") }
        check(isTimestamp(statement["timestamp"]), "timestamp is not ISO 8601 with a zone")

        let actor = statement["actor"] as? [String: Any] ?? [:]
        check((actor["objectType"] as? String ?? "Agent") == "Agent", "actor is not an Agent")
        let identifiers = ["mbox", "mbox_sha1sum", "openid", "account"].filter { actor[$0] != nil }
        check(identifiers == ["account"], "actor must have exactly one identifier (account), has \(identifiers)")
        let account = actor["account"] as? [String: Any] ?? [:]
        check(isIRI(account["homePage"]), "account.homePage is not an IRL")
        check(!(account["name"] as? String ?? "").isEmpty, "account.name is empty")

        let verb = statement["verb"] as? [String: Any] ?? [:]
        let verbID = verb["id"] as? String ?? ""
        check(verbs.contains(verbID), "verb \(verbID) is not an ADL verb coach uses")
        check(isLanguageMap(verb["display"]), "verb.display is not a language map")

        let object = statement["object"] as? [String: Any] ?? [:]
        check(object["objectType"] as? String == "Activity", "object is not an Activity")
        check(isIRI(object["id"]), "object.id is not an IRI")
        let definition = object["definition"] as? [String: Any] ?? [:]
        check(isLanguageMap(definition["name"]), "definition.name is not a language map")
        check(isIRI(definition["type"]), "definition.type is not an IRI")

        let result = statement["result"] as? [String: Any]
        if let result {
            if let score = result["score"] as? [String: Any] {
                let scaled = score["scaled"] as? Double ?? (score["scaled"] as? Int).map(Double.init) ?? -9
                check((-1...1).contains(scaled), "score.scaled outside -1…1")
                let raw = score["raw"] as? Double ?? 0, low = score["min"] as? Double ?? 0, high = score["max"] as? Double ?? 0
                check(low < high && (low...high).contains(raw), "score.raw outside min…max")
                check(abs(scaled - (raw - low) / (high - low)) < 1e-9, "score.scaled does not match raw")
            }
            if let success = result["success"] { check(success is Bool, "success is not a boolean") }
            if let completion = result["completion"] { check(completion is Bool, "completion is not a boolean") }
            if let duration = result["duration"] {
                check(
                    (duration as? String)?.range(of: #"^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,2})?S)?)?$"#, options: .regularExpression) != nil
                        && (duration as? String) != "PT" && (duration as? String) != "P",
                    "duration \(duration) is not ISO 8601")
            }
            problems += extensionProblems(result["extensions"], "result")
        }
        switch verbID.split(separator: "/").last {
        case "passed": check(result?["success"] as? Bool == true, "passed without success: true")
        case "failed": check(result?["success"] as? Bool == false, "failed without success: false")
        case "completed": check(result?["success"] == nil, "completed carries a success")
        case "responded": check(result?["response"] is String, "responded without a response")
        default: break
        }
        if verbID.hasSuffix("passed") || verbID.hasSuffix("failed") || verbID.hasSuffix("completed") {
            check(result?["score"] != nil && result?["duration"] != nil, "a session statement needs score and duration")
        }

        let context = statement["context"] as? [String: Any] ?? [:]
        check(isUUID(context["registration"]), "context.registration is not a UUID")
        check(context["platform"] as? String == "coach", "context.platform is not coach")
        check(isLanguageTag(context["language"]), "context.language is not an RFC 5646 tag")
        if let parents = (context["contextActivities"] as? [String: Any])?["parent"] as? [[String: Any]] {
            check(parents.allSatisfy { isIRI($0["id"]) }, "a parent activity has no IRI")
        }
        if let reference = context["statement"] as? [String: Any] {
            check(reference["objectType"] as? String == "StatementRef" && isUUID(reference["id"]), "context.statement is not a StatementRef")
        }
        let extensions = context["extensions"] as? [String: Any] ?? [:]
        check(extensions.keys.contains { $0.hasSuffix("/rubric-version") }, "context has no rubric version extension")
        problems += extensionProblems(context["extensions"], "context")
        return problems
    }

    static func extensionProblems(_ value: Any?, _ place: String) -> [String] {
        guard let value else { return [] }
        guard let map = value as? [String: Any] else { return ["\(place).extensions is not an object"] }
        return map.keys.filter { !isIRI($0) }.map { "\(place).extensions key \($0) is not an IRI" }
    }

    static func isUUID(_ value: Any?) -> Bool {
        (value as? String)?.range(
            of: "^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) != nil
    }

    static func isIRI(_ value: Any?) -> Bool {
        guard let text = value as? String, let url = URL(string: text), let scheme = url.scheme else { return false }
        return ["http", "https"].contains(scheme) && url.host != nil && !text.contains(" ")
    }

    static func isTimestamp(_ value: Any?) -> Bool {
        (value as? String)?.range(
            of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil
    }

    static func isLanguageTag(_ value: Any?) -> Bool {
        (value as? String)?.range(of: "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", options: .regularExpression) != nil
    }

    static func isLanguageMap(_ value: Any?) -> Bool {
        guard let map = value as? [String: Any], !map.isEmpty else { return false }
        return map.allSatisfy { isLanguageTag($0.key) && $0.value is String }
    }
}
