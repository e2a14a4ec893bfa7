import Foundation
import Testing

@testable import CoachKit

/// coach's own texts in every language: complete, well-formed, and chosen as documented.
@Suite struct InterfaceCatalogueTests {
    /// The languages the built-in library ships an interface catalogue for.
    static let shipped: [String] = Library.bundled.interfaceLanguages

    @Test func everyLanguageOfTheSourceDocumentsIsShipped() {
        #expect(Set(Self.shipped).isSuperset(of: ["en", "ru", "hu", "ro", "sk", "el"]), "\(Self.shipped)")
    }

    /// A test fails if any text coach shows is missing from a shipped catalogue, or shows
    /// wrongly there (a placeholder English lacks, a plural form the language needs).
    @Test(arguments: shipped)
    func everyTextIsTranslatedAndWellFormed(language: String) {
        var diagnostics = DiagnosticCollector()
        TranslationLint.checkInterface(file: Library.bundled.interfacePath(for: language), diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.isEmpty, "\(diagnostics.diagnostics.map(\.description).joined(separator: "\n"))")
        var scratch = DiagnosticCollector()
        let catalogue = InterfaceCatalogueLoader.load(language: language, from: .bundled, diagnostics: &scratch)
        #expect(catalogue?.untranslated == [])
    }

    @Test func englishHasEveryKeyTheProgramUses() {
        for key in InterfaceCatalogue.requiredKeys {
            #expect(InterfaceCatalogue.english.texts[key] != nil, "en.yaml lacks \(key)")
        }
    }

    @Test func aMissingTranslationFallsBackToEnglishAndIsListed() throws {
        let folder = try TemporaryFolder()
        try folder.write("interface/en.yaml", String(contentsOfFile: Library.bundled.interfacePath(for: "en"), encoding: .utf8))
        try folder.write(
            "interface/xx.yaml",
            """
            language: xx
            name: Test
            texts:
              scorecard.try: "Probá:"
            """)
        var diagnostics = DiagnosticCollector()
        let catalogue = try #require(InterfaceCatalogueLoader.load(language: "xx", from: Library(root: folder.path), diagnostics: &diagnostics))
        #expect(catalogue(.scorecardTry) == "Probá:")
        #expect(catalogue(.scorecardWentWell) == "What went well")
        #expect(catalogue.untranslated.contains("scorecard.went-well"))
        #expect(!catalogue.untranslated.contains("scorecard.try"))

        var lint = DiagnosticCollector()
        TranslationLint.checkInterface(file: folder.path + "/interface/xx.yaml", diagnostics: &lint)
        let missing = lint.diagnostics.filter { $0.code == "UI-MISSING" }
        #expect(missing.count == InterfaceCatalogue.requiredKeys.count - 1)
        // Where to write it: the section's key, with its line and column.
        let first = try #require(missing.first { $0.message.contains("'scorecard.went-well'") })
        #expect(first.location?.line == 3 && first.location?.column == 1)
        #expect(first.message.contains("What went well"))
    }

    @Test func lintCatchesUnknownKeysPlaceholdersAndPluralForms() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "interface/ru.yaml",
            """
            language: ru
            name: Русский
            texts:
              scorecard.hedaing: "Итоги · {title}"
              scorecard.heading: "Итоги · {titel}"
              scorecard.ceiling: {one: "Не больше {limit}", other: "Не больше {limit}: {count}"}
            moves:
              apologie: извинение
            """)
        var lint = DiagnosticCollector()
        TranslationLint.checkInterface(file: folder.path + "/interface/ru.yaml", diagnostics: &lint)
        let messages = lint.diagnostics.filter { $0.code != "UI-MISSING" }.map(\.message)
        #expect(messages.contains { $0.contains("'scorecard.hedaing' is not a text") && $0.contains("scorecard.heading") })
        #expect(messages.contains { $0.contains("'{titel}' is not a placeholder") })
        #expect(messages.contains { $0.contains("'scorecard.ceiling' counts something") && $0.contains("few, many") })
        #expect(messages.contains { $0.contains("'apologie' is not a text") })
    }

    @Test func placeholdersAreFilledOnceSoTheTraineesBracesStayTheirs() {
        let filled = InterfaceCatalogue.fill("reply {number}: \"{text}\"", ["number": "2", "text": "my {number} is {text}"])
        #expect(filled == "reply 2: \"my {number} is {text}\"")
        #expect(InterfaceCatalogue.fill("{unknown} stays", ["x": "y"]) == "{unknown} stays")
    }

    @Test(arguments: [
        ("ru", 1, PluralCategory.one), ("ru", 2, .few), ("ru", 4, .few), ("ru", 5, .many), ("ru", 11, .many),
        ("ru", 12, .many), ("ru", 21, .one), ("ru", 22, .few), ("ru", 111, .many), ("ru", 0, .many),
        ("en", 1, .one), ("en", 0, .other), ("en", 2, .other), ("hu", 1, .one), ("hu", 5, .other),
        ("ro", 1, .one), ("ro", 0, .few), ("ro", 19, .few), ("ro", 20, .other), ("ro", 101, .few),
        ("sk", 1, .one), ("sk", 3, .few), ("sk", 5, .other), ("el", 1, .one), ("el", 7, .other),
    ])
    func pluralCategoriesFollowCLDR(language: String, count: Int, expected: PluralCategory) {
        #expect(PluralCategory.of(count, in: language) == expected)
    }

    @Test func aCountedTextTakesTheLanguagesForm() {
        let russian = InterfaceCatalogue(
            language: "ru", name: "Русский", numbers: .english,
            texts: ["scorecard.circuits": .init(forms: [.one: "{count} круг", .few: "{count} круга", .many: "{count} кругов"])])
        #expect(russian(.scorecardCircuits, count: 1) == "1 круг")
        #expect(russian(.scorecardCircuits, count: 3) == "3 круга")
        #expect(russian(.scorecardCircuits, count: 5) == "5 кругов")
    }

    @Test(arguments: [
        (NumberConventions.english, 1234567, "1,234,567"), (.english, 999, "999"), (.english, -1500, "-1,500"),
        (NumberConventions(decimal: ",", group: "\u{A0}", groupFrom: 5, percent: "{number}\u{A0}%"), 1500, "1500"),
        (NumberConventions(decimal: ",", group: "\u{A0}", groupFrom: 5, percent: "{number}\u{A0}%"), 15000, "15\u{A0}000"),
    ])
    func wholeNumbersAreGroupedByTheLanguagesRule(numbers: NumberConventions, value: Int, expected: String) {
        #expect(numbers.format(value) == expected)
    }

    @Test func decimalsAndPercentagesFollowTheLanguage() {
        let russian = NumberConventions(decimal: ",", group: " ", groupFrom: 5, percent: "{number} %")
        #expect(russian.format(4.99, digits: 2) == "4,99")
        #expect(russian.format(72.25, digits: 1) == "72,3")
        #expect(NumberConventions.english.format(0.5, digits: 0) == "1")
        #expect(NumberConventions.english.format(-0.04, digits: 1) == "0.0")
        #expect(russian.percent(75) == "75 %")
        #expect(NumberConventions.english.percent(75) == "75%")
    }

    @Test(arguments: [
        // option, LC_ALL, LC_MESSAGES, scenario, LANG → chosen
        ("ru", nil, nil, "en", "en_US.UTF-8", "ru"),
        (nil, "ru_RU.UTF-8", nil, "en", nil, "ru"),
        (nil, nil, "ru_RU.UTF-8", "en", nil, "ru"),
        (nil, nil, nil, "ru", "en_US.UTF-8", "ru"),
        (nil, nil, nil, nil, "ru_RU.UTF-8", "ru"),
        (nil, "C", "POSIX", nil, "C.UTF-8", "en"),
        (nil, nil, nil, "hu", nil, "en"),  // no Hungarian catalogue: English
        ("xx", nil, nil, "ru", nil, "ru"),  // an option naming no catalogue is passed over
    ] as [(String?, String?, String?, String?, String?, String)])
    func theInterfaceLanguageIsChosenAsDocumented(
        option: String?, all: String?, messages: String?, scenario: String?, lang: String?, expected: String
    ) {
        var environment: [String: String] = [:]
        environment["LC_ALL"] = all
        environment["LC_MESSAGES"] = messages
        environment["LANG"] = lang
        let chosen = InterfaceLanguage.choose(
            option: option, environment: environment, scenario: scenario, available: ["en", "ru"])
        #expect(chosen == expected)
    }
}
