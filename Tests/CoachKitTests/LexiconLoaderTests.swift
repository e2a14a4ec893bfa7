import Testing

@testable import CoachKit

@Suite struct LexiconLoaderTests {
    @Test(arguments: [
        ("language: en\nmoves:\n  apology:\n    patterns: [\"(sorry\"]\n", "LEX-PATTERN", 4, 17),
        ("language: en\nmoves:\n  apologee:\n    patterns: [sorry]\n", "UNKNOWN-MOVE", 3, 3),
        ("language: en\nmoves:\n  apology:\n    paterns: [sorry]\n", "UNKNOWN-KEY", 4, 5),
        ("language: en\nmoves:\n  apology:\n    negation: maybe\n", "TYPE", 4, 15),
        ("language: en\nmoves:\n  apology:\n    suppresses: [empaty]\n", "UNKNOWN-MOVE", 4, 18),
        ("language: en\nnegation:\n  cues: [\"not really\"]\nmoves: {}\n", "LEX-CUE", 3, 10),
        ("moves: {}\n", "MISSING-KEY", 1, 1),
        ("language: en\nmoves:\n  apology:\n    patterns: [\"sorry ~12 me\"]\n", "LEX-PATTERN", 4, 23),
        ("language: en\nmoves:\n  greeting:\n    patterns: [\"this is @nam\"]\n", "LEX-PATTERN", 4, 25),
        ("language: en\nproper-names:\n  not-name: [monday]\nmoves: {}\n", "UNKNOWN-KEY", 3, 3),
        ("language: en\ndefine:\n  two words: \"[uh]\"\nmoves: {}\n", "LEX-DEFINE", 3, 3),
        ("language: en\ndefine:\n  a: \"$b x\"\n  b: \"y\"\nmoves: {}\n", "LEX-PATTERN", 3, 7),
        ("language: en\ndefine:\n  a: \"(x\"\nmoves: {}\n", "LEX-PATTERN", 3, 7),
        ("language: en\ndefine:\n  a: [x]\nmoves: {}\n", "TYPE", 3, 6),
        ("language: en\nproper-names:\n  not-names: {monday: 1}\nmoves: {}\n", "TYPE", 3, 14),
    ] as [(String, String, Int, Int)])
    func reportsProblemsWithTheirPlace(text: String, code: String, line: Int, column: Int) throws {
        let (lexicon, diagnostics) = Fixtures.lexicon(text)
        #expect(lexicon == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.code == code)
        #expect(error.location?.line == line)
        #expect(error.location?.column == column)
    }

    @Test func didYouMeanForMisspeltKeys() throws {
        let (_, diagnostics) = Fixtures.lexicon("language: en\nmoves:\n  apology:\n    paterns: [sorry]\n")
        #expect(diagnostics.first?.message.contains("did you mean 'patterns'") == true)
    }

    @Test func examplesThatFailAreReportedAtTheExample() throws {
        let text = """
            language: en
            moves:
              apology:
                patterns: [sorry]
                examples: ["I regret it"]
                counter-examples: ["so sorry"]
            """
        let (lexicon, _) = Fixtures.lexicon(text)
        let diagnostics = LexiconCheck.run(try #require(lexicon))
        #expect(diagnostics.map(\.code) == ["LEX-EXAMPLE", "LEX-COUNTER-EXAMPLE"])
        #expect(diagnostics.map { $0.location?.line ?? 0 } == [5, 6])
    }
}
