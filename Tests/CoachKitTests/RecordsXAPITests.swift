import Foundation
import Testing

@testable import CoachKit

@Suite struct RecordsXAPITests {
    typealias F = RecordsFixtures

    @Test func nameBasedUUIDsMatchRFC4122() {
        // Vectors from Python's uuid.uuid5.
        #expect(NameBasedUUID.make("https://coach.example/x", in: NameBasedUUID.urlNamespace) == "54742b82-fd65-5633-8863-dab3d81b6826")
        #expect(NameBasedUUID.make("session:abc") == "eb266d83-e45e-5378-9751-e46cfdcbcfba")
        #expect(SHA1.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(
            SHA1.digest(Array(repeating: UInt8(ascii: "a"), count: 1000)).map { String(format: "%02x", $0) }.joined()
                == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }

    /// The statements of the tiny scenario played once, as Foundation objects.
    func statements(_ lines: [String] = F.goodLines, exporter: XAPIStatements = XAPIStatements(), finish: Bool = true) throws
        -> [[String: Any]]
    {
        let store = try SessionStore()
        F.play(lines, recorder: StoreRecorder(store: store, process: F.process, clock: F.clock(), newID: { "0b7a6b1c-4a8e-4b57-9c0e-2d7f8b1e9a10" }), finish: finish)
        let session = try store.session("0b7a6b1c", resolver: F.gone)
        let json = JSONValue.array(exporter.statements(for: session)).serialized()
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }

    @Test func aFinishedSessionIsOneStatementWithScoreDurationAndContext() throws {
        let all = try statements()
        #expect(all.count == 1)
        let statement = all[0]
        #expect(statement["id"] as? String == XAPIStatements.statementID(session: "0b7a6b1c-4a8e-4b57-9c0e-2d7f8b1e9a10"))
        let actor = try #require(statement["actor"] as? [String: Any])
        #expect(actor["objectType"] as? String == "Agent")
        #expect(actor["account"] as? [String: String] == ["homePage": "https://coach.example", "name": "anna"])
        #expect(actor["mbox"] == nil)
        let verb = try #require(statement["verb"] as? [String: Any])
        let object = try #require(statement["object"] as? [String: Any])
        #expect(object["id"] as? String == "https://coach.example/scenarios/tiny")
        #expect((object["definition"] as? [String: Any])?["name"] as? [String: String] == ["en": "A tiny test scenario"])
        let result = try #require(statement["result"] as? [String: Any])
        let score = try #require(result["score"] as? [String: Any])
        let raw = try #require(score["raw"] as? Int)
        #expect(score["min"] as? Int == 0 && score["max"] as? Int == 100)
        #expect(abs((score["scaled"] as? Double ?? -1) - Double(raw) / 100) < 1e-9)
        #expect(verb["id"] as? String == "http://adlnet.gov/expapi/verbs/" + (raw >= 70 ? "passed" : "failed"))
        #expect(result["success"] as? Bool == (raw >= 70))
        #expect(result["completion"] as? Bool == true)
        // Five clock readings: start, 3 replies, … the session lasted from the first to the last.
        #expect((result["duration"] as? String)?.hasPrefix("PT") == true)
        let context = try #require(statement["context"] as? [String: Any])
        #expect(context["platform"] as? String == "coach")
        #expect(context["registration"] as? String == "0b7a6b1c-4a8e-4b57-9c0e-2d7f8b1e9a10")
        let extensions = try #require(context["extensions"] as? [String: Any])
        #expect(extensions["https://coach.example/xapi/extensions/rubric-version"] as? String == Fixtures.tinySetup.rubric.version)
        #expect((statement["timestamp"] as? String)?.hasSuffix("Z") == true)
    }

    @Test(arguments: [
        (PassMark(score: 0), "passed", true as Bool?),
        (PassMark(score: 100), "failed", false),
        (PassMark(score: nil), "completed", nil),
    ])
    func theVerbFollowsThePassMark(mark: PassMark, verb: String, success: Bool?) throws {
        let statement = try #require(try statements(exporter: XAPIStatements(passMark: mark)).first)
        #expect((statement["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/\(verb)")
        #expect((statement["result"] as? [String: Any])?["success"] as? Bool == success)
    }

    @Test func aSessionLeftBeforeItsEndingFailsAndIsNotComplete() throws {
        let statement = try #require(try statements(["What happened?"], exporter: XAPIStatements(passMark: PassMark(score: 0))).first)
        #expect((statement["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/failed")
        #expect((statement["result"] as? [String: Any])?["completion"] as? Bool == false)
    }

    @Test func anAbortedSessionHasNoStatements() throws {
        #expect(try statements(["What happened?"], finish: false).isEmpty)
    }

    @Test func repliesBecomeRespondedStatementsWithTheirMoves() throws {
        let all = try statements(exporter: XAPIStatements(base: "https://lms.example.org/coach/", includeReplies: true))
        #expect(all.count == 4)
        let own = try #require(all[0]["id"] as? String)
        let second = all[2]
        #expect((second["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/responded")
        #expect(second["id"] as? String == XAPIStatements.statementID(session: "0b7a6b1c-4a8e-4b57-9c0e-2d7f8b1e9a10", reply: 2))
        #expect((second["object"] as? [String: Any])?["id"] as? String == "https://lms.example.org/coach/scenarios/tiny/states/details")
        let result = try #require(second["result"] as? [String: Any])
        #expect(result["response"] as? String == "I'll call the courier today")
        let moves = try #require((result["extensions"] as? [String: Any])?["https://lms.example.org/coach/xapi/extensions/moves"] as? [[String: String]])
        #expect(moves.map { $0["id"] } == ["plan", "deadline"])
        let context = try #require(second["context"] as? [String: Any])
        #expect((context["statement"] as? [String: String])?["id"] == own)
        #expect(Set(all.compactMap { $0["id"] as? String }).count == 4)
    }

    @Test func statementIdsAreTheSameEveryTime() throws {
        let first = try statements(exporter: XAPIStatements(includeReplies: true)).map { $0["id"] as? String }
        let again = try statements(exporter: XAPIStatements(includeReplies: true)).map { $0["id"] as? String }
        #expect(first == again)
        #expect(XAPIStatements.statementID(session: "a") != XAPIStatements.statementID(session: "b"))
    }

    @Test(arguments: [("late-parcel", "late-parcel"), ("a b/c?", "a%20b%2Fc%3F"), ("kávé", "k%C3%A1v%C3%A9")])
    func scenarioIdsArePathSegments(id: String, segment: String) {
        #expect(XAPIStatements().activity(id) == "https://coach.example/scenarios/\(segment)")
    }
}
