import Testing

@testable import CoachKit

/// `{name}` and `{fact:ID}` in what the customer says: filled in when said, checked by lint.
@Suite struct CustomerLinePlaceholderTests {
    @Test func theCustomersNameAndAFactAreFilledInWhenTheLineIsSaid() {
        let setup = Fixtures.tinySetup(editing: [
            ("    say: Order PX-48213.", "    say: [[\"{name} here.\", \"It is order {fact:order}.\"]]")
        ])
        var conversation = setup.conversation(seed: 1)
        let response = conversation.receive(.reply("What happened?", interrupted: false))
        #expect(response.customer.map(\.parts) == [["Anna Varga here.", "It is order PX-48213."]])
    }

    @Test func aPlaceholderCoachCannotFillIsAnErrorWhereItIsWritten() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "    say: Order PX-48213.", with: "    say: \"{name} here. Order {fact:order}, {fact:ordr}, {mood}.\"")
        var diagnostics = DiagnosticCollector()
        _ = ScenarioLoader.load(text: text, file: "s.yaml", diagnostics: &diagnostics)
        let found = diagnostics.diagnostics.filter { $0.code == "SCN-PLACEHOLDER" }
        #expect(found.map(\.message) == [
            "{fact:ordr} is not something coach can fill in (did you mean '{fact:order}'?) (it knows {name}, {fact:order})",
            "{mood} is not something coach can fill in (it knows {name}, {fact:order})",
        ])
        #expect(found.map { $0.location.map { [$0.line, $0.column] } } == [[37, 44], [37, 57]])
    }

    @Test(arguments: [
        ("no braces", [String]()),
        ("{name} and {fact:x}", ["{name}", "{fact:x}"]),
        ("an open { brace only", []),
    ])
    func placeholdersAreFoundWithTheirPlace(text: String, expected: [String]) {
        #expect(Scenario.Line.placeholders(in: text).map(\.0) == expected)
    }
}
