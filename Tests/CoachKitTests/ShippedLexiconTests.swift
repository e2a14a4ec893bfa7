import Testing

@testable import CoachKit

/// Every example and counter-example of every shipped lexicon is a test.
@Suite struct ShippedLexiconTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        var language: String
        var move: MoveID
        var text: String
        var customer: [String]
        var expected: Bool
        var location: CoachKit.SourceLocation

        var testDescription: String {
            "\(language) \(move.rawValue) \(expected ? "example" : "counter-example"): \(text)"
        }
    }

    static let languages = ["en", "ru"]

    static let lexicons: [String: Lexicon] = {
        var result: [String: Lexicon] = [:]
        for language in languages {
            var diagnostics = DiagnosticCollector()
            result[language] = LexiconLoader.load(
                path: Fixtures.library.lexiconPath(for: language), diagnostics: &diagnostics)
        }
        return result
    }()

    static let detectors = lexicons.mapValues { MoveDetector(lexicon: $0) }

    static let samples: [Sample] = languages.flatMap { language -> [Sample] in
        guard let lexicon = lexicons[language] else { return [] }
        return MoveID.allCases.flatMap { move -> [Sample] in
            guard let entry = lexicon.moves[move] else { return [] }
            let examples = entry.examples.map {
                Sample(language: language, move: move, text: $0.text, customer: entry.customer, expected: true, location: $0.location)
            }
            let counters = entry.counterExamples.map {
                Sample(language: language, move: move, text: $0.text, customer: entry.customer, expected: false, location: $0.location)
            }
            return examples + counters
        }
    }

    @Test(arguments: languages)
    func loadsCleanAndCoversEveryMove(language: String) throws {
        var diagnostics = DiagnosticCollector()
        let lexicon = try #require(
            LexiconLoader.load(path: Fixtures.library.lexiconPath(for: language), diagnostics: &diagnostics))
        #expect(diagnostics.diagnostics.isEmpty, "\(diagnostics.diagnostics)")
        for move in MoveID.allCases {
            let entry = try #require(lexicon.moves[move], "\(language) lacks \(move.rawValue)")
            #expect(entry.examples.count >= LexiconCheck.minimumExamples, "\(language) \(move.rawValue) examples")
            #expect(entry.counterExamples.count >= LexiconCheck.minimumCounterExamples, "\(language) \(move.rawValue) counter-examples")
        }
    }

    @Test(arguments: samples)
    func sample(_ sample: Sample) throws {
        let detector = try #require(Self.detectors[sample.language])
        let detection = detector.detect(sample.text, names: detector.customerNames(sample.customer))
        #expect(
            detection.contains(sample.move) == sample.expected,
            "\(sample.location): \(detection.idList)")
    }

    /// The behaviours the product promises, in the words of its design.
    @Test(arguments: [
        ("en", "I'm so sorry, Mrs. Varga, I'll call the courier today", ["Varga"], ["apology", "name", "plan", "deadline"], [String]()),
        ("en", "Sorry to hear that", [], ["empathy"], ["apology"]),
        ("en", "Sorry, but that's not my department", [], ["apology", "deflect"], []),
        ("en", "please calm down", [], ["please", "dismiss"], []),
        ("en", "Account number?", [], ["bare-demand"], []),
        ("en", "Could you please spell that?", [], ["please", "question"], ["bare-demand"]),
        ("en", "No problem at all", [], [], ["rudeness", "contradict", "dismiss"]),
        ("en", "I'm not sorry", [], [], ["apology"]),
        ("en", "I won't apologise", [], [], ["apology"]),
        ("ru", "Успокойтесь, это не мой отдел", [], ["dismiss", "deflect"], []),
        ("ru", "Номер заказа?", [], ["bare-demand", "question"], []),
        ("ru", "Анна Петровна, я сегодня же позвоню в службу доставки", ["Анна Петровна Иванова"], ["name", "plan", "deadline"], []),
        ("ru", "Спасибо, госпожа Ивановой передам", ["Анна Петровна Иванова"], ["thanks", "name"], []),
        ("ru", "Мне очень жаль это слышать", [], ["empathy"], ["apology"]),
        ("ru", "Извините, но это не мой отдел", [], ["apology", "deflect"], []),
        ("ru", "Я не извиняюсь", [], [], ["apology"]),
    ] as [(String, String, [String], [String], [String])])
    func promisedBehaviour(language: String, text: String, customer: [String], present: [String], absent: [String])
        throws
    {
        let detector = try #require(Self.detectors[language])
        let found = Set(detector.detect(text, names: detector.customerNames(customer)).idList)
        for move in present { #expect(found.contains(move), "\(text): \(found.sorted())") }
        for move in absent { #expect(!found.contains(move), "\(text): \(found.sorted())") }
    }
}
