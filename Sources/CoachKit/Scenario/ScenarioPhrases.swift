import Synchronization

extension Lexicon {
    /// This lexicon with a scenario's own `phrases:` added to their moves, parsed with the
    /// lexicon's normalisation and definitions (`$name` works). A phrase that does not parse
    /// is a `LEX-PATTERN` error at its place in the scenario file, and is left out.
    ///
    /// The phrases count for that scenario only; everything the lexicon says about the move
    /// (negation, `except`, what it suppresses) applies to them as to its own patterns.
    public func adding(_ phrases: [Scenario.Phrase], diagnostics: inout DiagnosticCollector) -> Lexicon {
        guard !phrases.isEmpty else { return self }
        var lexicon = self
        // No longer the file's text: never to be taken for its compiled detector.
        lexicon.version = ""
        var parser = PatternParser(tokenizer: tokenizer)
        parser.definitions = definitions
        for phrase in phrases {
            do {
                let pattern = try parser.parse(phrase.pattern)
                let added = LexiconPattern(source: phrase.pattern, location: phrase.location, pattern: pattern)
                lexicon.moves[phrase.move, default: MoveEntry(location: phrase.location)].patterns.append(added)
            } catch {
                diagnostics.error("LEX-PATTERN", error.message, at: phrase.location.advanced(by: error.offset))
            }
        }
        return lexicon
    }
}

extension Setup {
    /// The setup a scenario plays with: its rubric with its texts in the scenario's language
    /// (``RubricTranslations``), the lexicon with the scenario's `phrases:` added, and
    /// coach's own texts in the scenario's language where the built-in library has them (a
    /// command that knows better sets ``Setup/interface``). `nil`, with diagnostics, if a
    /// phrase does not parse.
    public static func make(
        _ scenario: Scenario, rubric: Rubric, lexicon: Lexicon, diagnostics: inout DiagnosticCollector
    ) -> Setup? {
        var local = DiagnosticCollector()
        let extended = lexicon.adding(scenario.phrases, diagnostics: &local)
        diagnostics.append(contentsOf: local.diagnostics)
        guard !local.hasErrors else { return nil }
        let rubric = RubricTranslations.apply(to: rubric, language: scenario.language, diagnostics: &diagnostics)
        let interface = bundledInterface(language: scenario.language)
        let detector = MoveDetector.compiled(for: lexicon).extended(to: extended)
        return Setup(scenario: scenario, rubric: rubric, detector: detector, interface: interface)
    }

    /// The built-in catalogues read so far, by language: a test run or `coach test` makes
    /// hundreds of setups, and the files do not change while the process runs.
    private static let bundledInterfaces = Mutex<[String: InterfaceCatalogue]>([:])

    /// The built-in catalogue of `language`, English where there is none.
    static func bundledInterface(language: String) -> InterfaceCatalogue {
        if let known = bundledInterfaces.withLock({ $0[language] }) { return known }
        var scratch = DiagnosticCollector()
        let catalogue = InterfaceCatalogueLoader.load(language: language, from: .bundled, diagnostics: &scratch) ?? .english
        bundledInterfaces.withLock { $0[language] = catalogue }
        return catalogue
    }
}
