import Foundation
import Testing

@testable import CoachKit

/// The checks `coach lint` adds to loading: each reports its code at its place.
@Suite struct LintTests {
    /// A scenario that lints clean against the shipped rubric and English lexicon; each case breaks one thing.
    static let base = """
        id: base
        title: Base
        kind: genuine-grievance
        difficulty: 2
        language: en
        briefing: Test.
        customer:
          names: [Anna Varga]
        mood:
          anger: {initial: 50, max-ending: lost}
          trust: {initial: 30}
        start: open
        states:
          open:
            say: My parcel never came and nobody told me why.
            on:
              - if: {any: [question]}
                mood: {anger: -10, trust: +10}
                goto: fix
            fallback: {say: [Are you listening to me?], limit: 2, goto: lost}
          fix:
            say: So what are you going to do about it?
            on:
              - if: {all: [plan, deadline], mood: {trust: ">= 40"}}
                goto: done
              - if: {any: [plan]}
                mood: {trust: +5}
                say: And when will that be?
            fallback: {say: [Hello? What happens now?], mood: {anger: +10}}
        endings:
          done: {outcome: resolved, say: "Thank you, that is all I wanted."}
          lost: {outcome: customer-lost, say: "Forget it, I am done with you."}

        """

    /// A path where no folder above has a rubric or lexicons, so the shipped library is used.
    static let file = "/nonexistent-coach-lint/base.yaml"

    static func lint(_ text: String) -> [Diagnostic] {
        Linter.lint(text: text, file: file, library: Fixtures.library)
    }

    @Test func theBaseLintsClean() {
        let diagnostics = Self.lint(Self.base)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var find: String
        var replace: String
        /// A second edit, for cases that need two.
        var also: (find: String, replace: String)? = nil
        var code: String
        var severity: Diagnostic.Severity
        var line: Int
        var column: Int
        var testDescription: String { "\(code) at \(line):\(column)" }
    }

    static let cases: [Case] = [
        // A move that must be there and must not.
        Case(
            find: "{all: [plan, deadline], mood", replace: "{all: [plan, deadline], none: [deadline], mood",
            code: "SCN-GUARD-CONTRADICTION", severity: .error, line: 24, column: 44),
        Case(
            find: "if: {any: [question]}", replace: "if: {any: [question], none: [question]}",
            code: "SCN-GUARD-CONTRADICTION", severity: .error, line: 17, column: 19),
        // The conversation is always in the state whose transitions are tried.
        Case(
            find: "if: {any: [question]}", replace: "if: {any: [question], not-visited: [open]}",
            code: "SCN-GUARD-CONTRADICTION", severity: .error, line: 17, column: 45),
        Case(
            find: "{trust: \">= 40\"}", replace: "{trust: \"> 100\"}",
            code: "SCN-GUARD-RANGE", severity: .error, line: 24, column: 44),
        Case(
            find: "if: {any: [plan]}", replace: "if: {any: [plan], turn: \"> 30\"}",
            code: "SCN-GUARD-RANGE", severity: .error, line: 26, column: 33),
        // The broader transition first: the narrower one after it never fires.
        Case(
            find: "      - if: {all: [plan, deadline], mood: {trust: \">= 40\"}}\n        goto: done\n",
            replace: "",
            also: ("        say: And when will that be?\n", "        say: And when will that be?\n      - if: {all: [plan, deadline], mood: {trust: \">= 40\"}}\n        goto: done\n"),
            code: "SCN-SHADOWED", severity: .warning, line: 27, column: 9),
        // A transition without `if` always fires: everything after it is shadowed.
        Case(
            find: "    on:\n      - if: {all:", replace: "    on:\n      - goto: done\n      - if: {all:",
            code: "SCN-SHADOWED", severity: .warning, line: 25, column: 9),
        Case(
            find: "  lost: {outcome", replace: "  spare: {outcome: escalated, say: \"Fine, put me through then.\"}\n  lost: {outcome",
            code: "SCN-UNREACHABLE", severity: .warning, line: 32, column: 3),
        // `fix` is reached only through a transition that can never fire.
        Case(
            find: "if: {any: [question]}", replace: "if: {any: [question], none: [question]}",
            code: "SCN-UNREACHABLE", severity: .warning, line: 21, column: 3),
        Case(
            find: "      - if: {any: [question]}\n",
            replace: "      - if: {any: [apology]}\n        goto: limbo\n      - if: {any: [question]}\n",
            also: ("endings:\n", "  limbo:\n    say: Right, and what now?\n    on:\n      - if: {any: [thanks]}\n        say: Yes, yes, go on then.\nendings:\n"),
            code: "SCN-DEAD-END", severity: .warning, line: 32, column: 3),
        Case(
            find: "  trust: {initial: 30}\n", replace: "  trust: {initial: 30}\n  patience: {initial: 50, min-ending: lost}\n",
            code: "SCN-MOOD-NEVER-WRITTEN", severity: .warning, line: 12, column: 3),
        Case(
            find: "  trust: {initial: 30}\n", replace: "  trust: {initial: 30}\n  calm: {initial: 50}\n",
            code: "SCN-MOOD-NEVER-READ", severity: .warning, line: 12, column: 3),
        Case(
            find: "say: My parcel never came and nobody told me why.",
            replace: "say: Моя посылка так и не пришла, и никто не сказал почему.",
            code: "SCN-LANGUAGE", severity: .warning, line: 15, column: 10),
        Case(
            find: "say: My parcel never came and nobody told me why.",
            replace: "say: A csomagom nem érkezett meg, és senki sem mondta meg, miért.",
            code: "SCN-LANGUAGE", severity: .warning, line: 15, column: 10),
        Case(
            find: "  lost: {outcome: customer-lost, say: \"Forget it, I am done with you.\"}\n",
            replace: "  lost: {outcome: customer-lost, say: \"Forget it, I am done with you.\"}\ntests:\n  - name: t\n    replies: [Hello]\n    expect: {events: [asked-frist]}\n",
            code: "SCN-TEST-EVENT", severity: .warning, line: 36, column: 23),
        Case(find: "language: en", replace: "language: xx", code: "NO-LEXICON", severity: .error, line: 5, column: 11),
    ]

    @Test(arguments: cases)
    func reportsEachProblemAtItsPlace(_ item: Case) throws {
        var text = Self.base.replacingOccurrences(of: item.find, with: item.replace)
        if let also = item.also { text = text.replacingOccurrences(of: also.find, with: also.replace) }
        #expect(text != Self.base, "the case does not change the base")
        let diagnostics = Self.lint(text)
        let found = try #require(
            diagnostics.first { $0.code == item.code }, "\(diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(found.severity == item.severity)
        #expect(found.location?.line == item.line, "\(found)")
        #expect(found.location?.column == item.column, "\(found)")
        #expect(found.location?.file == Self.file)
    }

    @Test func aShadowedMessageNamesTheTransitionThatWins() throws {
        let text = Self.base.replacingOccurrences(
            of: "    on:\n      - if: {all:", with: "    on:\n      - goto: done\n      - if: {all:")
        let shadowed = Self.lint(text).filter { $0.code == "SCN-SHADOWED" }
        #expect(shadowed.map { $0.location?.line ?? 0 } == [25, 27, 30], "\(shadowed)")
        #expect(shadowed.allSatisfy { $0.message.contains("line 24") && $0.message.contains("has no 'if'") })
        // The fallback, written as a flow mapping, is pointed at by its brace.
        #expect(shadowed.last?.location?.column == 15)
        #expect(shadowed.last?.message.contains("fallback is never used") == true)
    }

    @Test func aGlobalTransitionShadowsTheStatesOwn() throws {
        let text = Self.base.replacingOccurrences(
            of: "endings:", with: "global:\n  - if: {any: [plan]}\n    mood: {anger: +5}\nendings:")
        let shadowed = Self.lint(text).filter { $0.code == "SCN-SHADOWED" }
        #expect(shadowed.map { $0.location?.line ?? 0 } == [24, 26])
        #expect(shadowed.allSatisfy { $0.message.contains("global transition") })
    }

    @Test func narrowerGuardsAfterBroaderOnesAreNotShadowedWhenTheyDiffer() {
        // The later transition needs a mood the earlier one does not allow: both can fire.
        let text = Self.base.replacingOccurrences(
            of: "      - if: {any: [plan]}\n", with: "      - if: {any: [plan], mood: {trust: \"< 40\"}}\n")
        #expect(Self.lint(text).isEmpty)
    }

    // MARK: - Guard analysis

    @Test(arguments: [
        ("< 50", 0.0...100.0, false), ("> 100", 0.0...100.0, true), (">= 100", 0.0...100.0, false),
        ("< 0", 0.0...100.0, true), ("== 150", 0.0...100.0, true), ("!= 50", 50.0...50.0, true),
    ] as [(String, ClosedRange<Double>, Bool)])
    func comparisonsOutsideTheRangeAreEmpty(text: String, range: ClosedRange<Double>, empty: Bool) throws {
        let comparison = try #require(Scenario.Comparison.parse(text))
        #expect(NumberSet(comparison, in: range).isEmpty == empty)
    }

    @Test(arguments: [
        ("> 60", "> 50", true), ("> 50", "> 60", false), ("== 70", ">= 60", true), ("!= 50", "> 10", false),
        ("< 30", "!= 50", true), (">= 0", "<= 100", true),
    ] as [(String, String, Bool)])
    func oneComparisonImpliesAnother(narrow: String, broad: String, implied: Bool) throws {
        let a = try #require(Scenario.Comparison.parse(narrow)), b = try #require(Scenario.Comparison.parse(broad))
        #expect(NumberSet(a, in: 0...100).isSubset(of: NumberSet(b, in: 0...100)) == implied)
    }

    // MARK: - Lexicons

    @Test func anExampleReadAsAConflictingMoveIsReported() throws {
        let text = """
            language: en
            moves:
              apology:
                patterns: ["sorry"]
                examples: ["I'm sorry to hear that"]
              empathy:
                patterns: ["sorry to hear"]
                examples: ["Sorry to hear it"]
            """
        let (lexicon, _) = Fixtures.lexicon(text)
        let diagnostics = LexiconLint.check(try #require(lexicon)).sorted { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }
        #expect(diagnostics.map(\.code) == ["LEX-CONFLICT", "LEX-CONFLICT"])
        #expect(diagnostics.map { $0.location?.line ?? 0 } == [5, 8])
        #expect(diagnostics.map { $0.location?.column ?? 0 } == [16, 16])
        #expect(diagnostics[0].message.contains("suppresses: [empathy]"))
        // Declaring which wins settles it.
        let settled = text.replacingOccurrences(
            of: "    patterns: [\"sorry to hear\"]", with: "    patterns: [\"sorry to hear\"]\n    suppresses: [apology]")
        let (fixed, _) = Fixtures.lexicon(settled)
        #expect(LexiconLint.check(try #require(fixed)).isEmpty)
    }

    @Test(arguments: [
        (MoveID.thanks, MoveID.sarcasm, true), (.apology, .empathy, true), (.plan, .vague, true),
        (.apology, .deflect, false), (.question, .rudeness, false), (.shouting, .apology, false),
        (.cause, .excuse, true), (.name, .rudeness, false),
    ])
    func conflictingMovesAreThoseScoredAgainstEachOther(a: MoveID, b: MoveID, conflict: Bool) {
        #expect(LexiconLint.conflicts(a, b) == conflict)
        #expect(LexiconLint.conflicts(b, a) == conflict)
    }

    // MARK: - Language

    @Test(arguments: [
        ("Your tracking says my parcel was delivered, but it never came.", false),
        ("Ваш трекинг говорит, что посылка доставлена, но её нет.", true),
        ("A csomagom nem érkezett meg, és senki sem mondta meg, miért.", true),
        ("Order PX-48213, please.", false),
        ("Coletul meu nu a ajuns, iar ziua ei este sâmbătă.", true),
    ])
    func customerLinesInAnotherLanguageAreFound(line: String, flagged: Bool) throws {
        let lexicon = try #require(Fixtures.detector("en")?.lexicon)
        let profile = LanguageCheck.Profile(lexicon)
        #expect(profile.script == .latin)
        #expect((LanguageCheck.problem(with: line, profile: profile) != nil) == flagged)
    }

    @Test func theRussianLexiconIsWrittenInCyrillic() throws {
        let lexicon = try #require(Fixtures.detector("ru")?.lexicon)
        let profile = LanguageCheck.Profile(lexicon)
        #expect(profile.script == .cyrillic)
        let problem = try #require(LanguageCheck.problem(with: "My parcel never arrived, and nobody told me why.", profile: profile))
        #expect(problem.contains("Latin letters"))
    }

    /// Lint learns a lexicon's language once and uses it for every scenario near that
    /// lexicon; a scenario in a library with its own lexicon is judged by that one.
    @Test func theLanguageProfileIsLearntPerLexiconFile() throws {
        let own = NSTemporaryDirectory() + "coach-lint-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: own) }
        try FileManager.default.createDirectory(atPath: own + "/lexicons", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("mini-en.yaml"), toPath: own + "/lexicons/en.yaml")
        var context = LintContext(fallback: Fixtures.library)
        let profiles = [
            context.languageProfile(for: "en", near: "/nonexistent/a.yaml"),
            context.languageProfile(for: "en", near: "/nonexistent/b.yaml"),
            context.languageProfile(for: "en", near: own + "/c.yaml"),
        ]
        let shipped = try #require(profiles[0]), again = try #require(profiles[1]), local = try #require(profiles[2])
        #expect(shipped.name == "English" && again.words == shipped.words)
        #expect(local.name == "Test English" && local.words.count < shipped.words.count)
        let unknown = context.languageProfile(for: "xx", near: own + "/c.yaml")
        #expect(unknown == nil)
    }

    /// A library of many files is linted on every core, and says exactly what linting its
    /// files one by one says, in the same order.
    @Test func aLargeLibraryLintsOnEveryCoreAndSaysTheSame() throws {
        let root = NSTemporaryDirectory() + "coach-lint-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/lexicons", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("mini-en.yaml"), toPath: root + "/lexicons/en.yaml")
        try FileManager.default.copyItem(atPath: Fixtures.path("tiny-rubric.yaml"), toPath: root + "/rubric.yaml")
        let tiny = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        let count = Linter.filesPerCore * 3
        for index in 0..<count {
            var text = tiny.replacingOccurrences(of: "id: tiny\n", with: "id: tiny-\(index)\n")
            // Every fifth file has a mistake of its own, so that the order of the reports shows.
            if index % 5 == 0 { text = text.replacingOccurrences(of: "\nstates:", with: "\nsurprise-\(index): 1\nstates:") }
            try text.write(toFile: root + "/s\(String(format: "%03d", index)).yaml", atomically: true, encoding: .utf8)
        }
        let together = Linter.lint([root], library: Fixtures.library)
        var oneByOne = DiagnosticCollector()
        for file in Linter.files(in: [root], diagnostics: &oneByOne) {
            oneByOne.append(contentsOf: Linter.lint([file], library: Fixtures.library))
        }
        #expect(together.filter { $0.message.contains("surprise-") }.count == (count + 4) / 5)
        #expect(together == oneByOne.sorted)
    }

    // MARK: - The maximum score

    /// A library folder with the shipped English lexicon and `rubric` as its rubric.
    static func library(rubric: String) throws -> String {
        let folder = NSTemporaryDirectory() + "coach-lint-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/lexicons", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Fixtures.library.lexiconPath(for: "en"), toPath: folder + "/lexicons/en.yaml")
        try rubric.write(toFile: folder + "/rubric.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    static let smallRubric = """
        outcomes: {resolved: 20, escalated: 10, customer-lost: 0}
        rules:
          - {id: asked, kind: credit, moves: [question], points: 10, category: listening, guidelines: [G2], why: Asked.}
        """

    @Test func aScenarioThatCannotEndWellIsWarnedAbout() throws {
        let folder = try Self.library(rubric: Self.smallRubric)
        let text = Self.base.replacingOccurrences(of: "outcome: resolved", with: "outcome: customer-lost")
        let diagnostics = Linter.lint(text: text, file: folder + "/base.yaml", library: Fixtures.library)
        let warning = try #require(diagnostics.first { $0.code == "SCN-MAX-SCORE" }, "\(diagnostics)")
        #expect(warning.severity == .warning)
        #expect(warning.location?.line == 1)
        #expect(warning.location?.column == 1)
        #expect(warning.message.contains("at most 50"), "\(warning.message)")
        #expect(warning.message.contains("customer-lost"))
        // The same scenario with a resolved ending is fine.
        #expect(Linter.lint(text: Self.base, file: folder + "/base.yaml", library: Fixtures.library).isEmpty)
    }

    @Test func theBoundFollowsTheBestReachableOutcome() throws {
        var diagnostics = DiagnosticCollector()
        let rubric = try #require(RubricLoader.load(text: Self.smallRubric, file: "r.yaml", diagnostics: &diagnostics))
        let escalated = Self.base.replacingOccurrences(of: "outcome: resolved", with: "outcome: escalated")
        let scenario = try #require(ScenarioLoader.load(text: escalated, file: "s.yaml", diagnostics: &diagnostics))
        let bound = ScoreBound.compute(scenario, rubric: rubric)
        #expect(bound.ending == "done")
        #expect(bound.outcome == .escalated)
        #expect(bound.categories[.resolution] == 50)
        #expect(bound.score == 75)
    }

    @Test func circuitsThatCannotCompleteLowerTheBound() throws {
        let rubric = """
            outcomes: {resolved: 20}
            rules:
              - {id: circuits, kind: count, measure: circuits, at-least: 1, points: 10, category: control, guidelines: [G41], why: Circuits., try: Lead to a yes.}
            """
        var diagnostics = DiagnosticCollector()
        let loaded = try #require(RubricLoader.load(text: rubric, file: "r.yaml", diagnostics: &diagnostics))
        let provoking = Self.base.replacingOccurrences(of: "  open:\n", with: "  open:\n    provokes: true\n")
        let scenario = try #require(ScenarioLoader.load(text: provoking, file: "s.yaml", diagnostics: &diagnostics))
        let bound = ScoreBound.compute(scenario, rubric: loaded)
        #expect(bound.categories[.control] == 0)
        #expect(bound.explanation.contains("never agrees"))
        let agreeing = provoking.replacingOccurrences(of: "  fix:\n", with: "  fix:\n    agrees: true\n")
        let fixed = try #require(ScenarioLoader.load(text: agreeing, file: "s.yaml", diagnostics: &diagnostics))
        #expect(ScoreBound.compute(fixed, rubric: loaded).score == 100)
    }

    @Test(arguments: ShippedScenarioTests.scenarios.map(\.id))
    func everyShippedScenarioCanReachTheTarget(id: String) throws {
        let setup = try #require(ShippedScenarioTests.setups[id])
        let bound = ScoreBound.compute(setup.scenario, rubric: setup.rubric)
        #expect(bound.score >= ScenarioLint.targetScore)
        // An upper bound: no test scores above it.
        for test in setup.scenario.tests {
            #expect(TranscriptRunner.run(test, setup: setup).scorecard.score <= bound.score)
        }
    }

    // MARK: - Files

    @Test func theLibraryLintsCleanAgainstItsOwnRubricAndLexicons() {
        let diagnostics = Linter.lint([Fixtures.library.root], library: Fixtures.library)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    /// `coach lint --lexicons DIR`: a lexicon being written is tried on scenarios before it
    /// joins a library, as `coach test --lexicons` does.
    @Test func aGivenLexiconFolderComesFirst() throws {
        let folder = try TemporaryFolder()
        let russian = try String(contentsOfFile: Fixtures.library.lexiconPath(for: "ru"), encoding: .utf8)
        try folder.write("given/xx.yaml", russian.replacingOccurrences(of: "\nlanguage: ru\n", with: "\nlanguage: xx\n"))
        let scenario = try String(contentsOfFile: Fixtures.library.root + "/internet-down-ru.yaml", encoding: .utf8)
        try folder.write("scenarios/s.yaml", scenario.replacingOccurrences(of: "\nlanguage: ru\n", with: "\nlanguage: xx\n"))
        let file = folder.path + "/scenarios/s.yaml"
        #expect(Linter.lint([file], library: Fixtures.library).contains { $0.code == "NO-LEXICON" })
        let given = Linter.lint([file], library: Fixtures.library, lexicons: folder.path + "/given")
        #expect(!given.contains { $0.severity == .error }, "\(given)")
    }

    @Test func aScenarioUsesTheRubricOfItsOwnFolder() throws {
        let folder = try Self.library(rubric: Self.smallRubric)
        var context = LintContext(fallback: Fixtures.library)
        let found = context.rubric(near: folder + "/deeper/base.yaml")
        let rubric = try #require(found)
        #expect(rubric.rules.map(\.id) == ["asked"])
        // A language code never names a path.
        #expect(context.lexiconPath(for: "../en", near: folder + "/base.yaml") == nil)
    }
}

extension LintTests {
    /// A guard on `beyond-authority` in a scenario that forbids nothing is decided in advance.
    @Test func anAuthorityGuardWithoutAListIsWarned() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "      - if: {all: [plan, deadline]}", with: "      - if: {all: [plan, deadline], beyond-authority: false}")
        let diagnostics = Linter.lint(text: text, file: "tiny.yaml", library: Fixtures.library)
        let warning = try #require(diagnostics.first { $0.code == "SCN-NO-AUTHORITY" }, "\(diagnostics)")
        #expect(warning.message.contains("always holds"))
        #expect(warning.location?.line == 39)
    }
}

extension LintTests {
    /// An amount with a decimal comma in a flow list is two items to YAML: lint says so, at
    /// the item, and leaves quoted amounts and lists with spaces alone.
    @Test func aDecimalCommaInAFlowListIsWarned() throws {
        var text = try String(contentsOfFile: Fixtures.path("tiny-scenario.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: #"accept: ["48213"]"#, with: #"accept: ["48213", 86,40 eur, "12,5 €", 3, 4]"#)
        let diagnostics = Linter.lint(text: text, file: "tiny.yaml", library: Fixtures.library)
        let warnings = diagnostics.filter { $0.code == "YAML-DECIMAL-COMMA" }
        #expect(warnings.count == 1, "\(diagnostics)")
        #expect(warnings.first?.message.hasPrefix("'86,40 eur' is two items of this list, '86' and '40 eur'") == true)
        #expect(warnings.first?.location?.line == 11)
    }
}
