import Testing

@testable import CoachKit

/// `coach moves --why-not MOVE`: why a move was not detected.
@Suite struct LintWhyNotTests {
    static let detector = Fixtures.miniDetector

    static func explain(_ move: MoveID, _ text: String, names: [String] = []) -> WhyNot {
        let customer = detector.customerNames(names)
        return WhyNot.explain(move, in: detector.detect(text, names: customer), detector: detector, names: customer)
    }

    @Test(arguments: [
        ("I'm not sorry", "negated by \"not\""),
        ("Sorry to hear that", "the same words are empathy"),
        ("No problem at all", "overlaps the exception \"no problem\""),
    ])
    func droppedMatchesSayWhy(text: String, reason: String) throws {
        let move: MoveID = text.hasPrefix("No") ? .contradict : .apology
        let why = Self.explain(move, text)
        guard case .dropped(let matches) = why.verdict else {
            Issue.record("expected dropped matches, got \(why.verdict)")
            return
        }
        #expect(matches.allSatisfy { $0.id == move })
        #expect(why.lines.joined(separator: "\n").contains(reason), "\(why.lines)")
        #expect(why.lines.joined().contains("mini-en.yaml:"), "the pattern's place is given")
    }

    @Test func aCourteousDemandIsNotBare() {
        let why = Self.explain(.bareDemand, "Thanks. Order number?")
        #expect(why.lines.joined(separator: "\n").contains("the reply also has thanks, so the request is not bare"))
    }

    @Test func withNoMatchTheNearestPatternsAreThoseSharingWords() throws {
        let why = Self.explain(.plan, "I'll phone the courier for you")
        guard case .noMatch(let nearest, _) = why.verdict else {
            Issue.record("expected no match, got \(why.verdict)")
            return
        }
        let first = try #require(nearest.first)
        #expect(first.pattern == "[i'll|i will] (call|ring|contact) ~ (courier|carrier)")
        #expect(first.shared == ["i'll", "courier"])
        #expect(first.location.line == 24)
        #expect(why.lines.contains { $0.contains("shares \"i'll\", \"courier\"") })
    }

    @Test func nothingNearShowsHowTheMoveIsSaid() {
        let why = Self.explain(.apology, "Good heavens")
        #expect(why.lines.contains("  no pattern of 'apology' shares a word with the reply"))
        #expect(why.lines.contains { $0.hasPrefix("  it is said like: \"I'm so sorry\"") })
    }

    @Test func namesAndShoutingExplainTheirBuiltInChecks() {
        #expect(Self.explain(.name, "Hello there").lines.joined().contains("no customer name was given"))
        #expect(Self.explain(.name, "Hello there", names: ["Anna Varga"]).lines.joined().contains("(Anna, Varga)"))
        let shouting = Self.explain(.shouting, "I said STOP now").lines
        #expect(shouting[1] == "  shouting needs 2 words in capitals of 3+ letters, or a run of 2 '!'; the reply has 1 such word")
        #expect(shouting.count == 2, "a move without patterns has no nearest ones: \(shouting)")
    }

    @Test func aDetectedMoveSaysSo() {
        let why = Self.explain(.apology, "I'm so sorry")
        #expect(why.lines == ["'apology' was detected: \"I'm so sorry\" (pattern \"[i am|i'm] [so|very|really] sorry\" at \(Fixtures.path("mini-en.yaml")):16:16)"])
        #expect(why.json.serialized().hasPrefix(#"{"move":"apology","detected":true"#))
    }
}
