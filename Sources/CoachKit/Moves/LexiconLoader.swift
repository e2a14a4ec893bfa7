import Foundation

/// Reads a lexicon file, reporting every problem with its line and column.
public enum LexiconLoader {
    static let topKeys = [
        "language", "name", "normalise", "negation", "shouting", "name-forms", "proper-names", "fillers", "define",
        "clause-facts", "moves",
    ]
    static let moveKeys = [
        "patterns", "except", "emoji", "negation", "suppresses", "clause-suppresses", "clause", "typos", "customer",
        "examples", "counter-examples",
    ]

    /// Loads `path`; returns `nil` when errors make the lexicon unusable.
    public static func load(path: String, diagnostics: inout DiagnosticCollector) -> Lexicon? {
        // Read once: the bytes are both parsed and hashed (``Lexicon/version``).
        guard let data = YAMLDocument.read(path, diagnostics: &diagnostics),
            let root = YAMLDocument.parse(data: data, file: path, diagnostics: &diagnostics)
        else { return nil }
        return read(root, file: path, version: ContentHash.of(data), diagnostics: &diagnostics)
    }

    /// Loads lexicon text (for tests and tools that hold the text already).
    public static func load(text: String, file: String, diagnostics: inout DiagnosticCollector) -> Lexicon? {
        guard let root = YAMLDocument.parse(text: text, file: file, diagnostics: &diagnostics) else { return nil }
        return read(root, file: file, version: ContentHash.of(Data(text.utf8)), diagnostics: &diagnostics)
    }

    /// Reads a lexicon's YAML tree; `version` is a hash of its text (``Lexicon/version``).
    static func read(_ root: YAMLNode, file: String, version: String = "", diagnostics: inout DiagnosticCollector)
        -> Lexicon?
    {
        let errorsBefore = diagnostics.diagnostics.filter { $0.severity == .error }.count
        guard let top = root.mapping("a lexicon", &diagnostics) else { return nil }
        top.checkKeys("a lexicon", known: topKeys, required: ["language", "moves"], &diagnostics)

        var lexicon = Lexicon(
            language: top["language"]?.string("language", &diagnostics) ?? "",
            name: top["name"]?.string("name", &diagnostics) ?? "",
            file: file, foldsDiacritics: true, equivalents: [:], semicolonIsQuestionMark: false, abbreviations: [],
            negationCues: [], negationWindow: 3, shouting: .init(), names: .init(), moves: [:])
        if lexicon.name.isEmpty { lexicon.name = lexicon.language }

        if let normalise = top["normalise"]?.mapping("normalise", &diagnostics) {
            normalise.checkKeys(
                "normalise",
                known: [
                    "fold-diacritics", "equivalents", "semicolon-question-mark", "abbreviations", "spellings",
                    "typo-tolerance", "transliteration",
                ], &diagnostics)
            if let scheme = normalise["transliteration"]?.scalar("transliteration", &diagnostics) {
                switch scheme.text {
                case "greeklish": lexicon.readsGreeklish = true
                case "none": lexicon.readsGreeklish = false
                default:
                    diagnostics.error(
                        "LEX-TRANSLITERATION", "the only transliteration is 'greeklish' (or 'none'), not '\(scheme.text)'",
                        at: scheme.location)
                }
            }
            if let value = normalise["typo-tolerance"]?.int("typo-tolerance", in: 0...40, &diagnostics) {
                lexicon.typoMinimum = value
            }
            lexicon.abbreviations = normalise["abbreviations"]?.strings("abbreviations", &diagnostics) ?? []
            if let value = normalise["fold-diacritics"]?.bool("fold-diacritics", &diagnostics) {
                lexicon.foldsDiacritics = value
            }
            if let value = normalise["semicolon-question-mark"]?.bool("semicolon-question-mark", &diagnostics) {
                lexicon.semicolonIsQuestionMark = value
            }
            if let pairs = normalise["equivalents"]?.mapping("equivalents", &diagnostics) {
                for entry in pairs.entries {
                    guard entry.key.count == 1, let letter = entry.key.first else {
                        diagnostics.error(
                            "LEX-EQUIVALENT", "an equivalence maps one letter, not '\(entry.key)'", at: entry.keyLocation)
                        continue
                    }
                    if let target = entry.value.string("the equivalent of '\(entry.key)'", &diagnostics) {
                        lexicon.equivalents[letter] = target
                    }
                }
            }
            // Last: a spelling is checked with the tokenizer the settings above make.
            if let spellings = normalise["spellings"]?.mapping("spellings", &diagnostics) {
                readSpellings(spellings, into: &lexicon, &diagnostics)
            }
        }
        if let shouting = top["shouting"]?.mapping("shouting", &diagnostics) {
            shouting.checkKeys("shouting", known: ["min-letters", "min-words", "exclamations", "ignore"], &diagnostics)
            if let value = shouting["min-letters"]?.int("min-letters", in: 2...20, &diagnostics) {
                lexicon.shouting.minLetters = value
            }
            if let value = shouting["min-words"]?.int("min-words", in: 1...20, &diagnostics) {
                lexicon.shouting.minWords = value
            }
            if let value = shouting["exclamations"]?.int("exclamations", in: 2...20, &diagnostics) {
                lexicon.shouting.exclamations = value
            }
            if let words = shouting["ignore"]?.strings("ignore", &diagnostics) {
                lexicon.shouting.ignore = Set(words.map { $0.lowercased() })
            }
        }
        if let names = top["name-forms"]?.mapping("name-forms", &diagnostics) {
            names.checkKeys("name-forms", known: ["titles", "strip-endings", "not-endings", "max-extra"], &diagnostics)
            lexicon.names.titles = names["titles"]?.strings("titles", &diagnostics) ?? []
            lexicon.names.notEndings = names["not-endings"]?.strings("not-endings", &diagnostics) ?? []
            lexicon.names.stripEndings = names["strip-endings"]?.strings("strip-endings", &diagnostics) ?? []
            if let value = names["max-extra"]?.int("max-extra", in: 0...6, &diagnostics) {
                lexicon.names.maxExtra = value
            }
        }

        if let fillers = top["fillers"] {
            for scalar in fillers.scalars("fillers", &diagnostics) ?? [] {
                let words = lexicon.tokenizer.tokenize(scalar.text).tokens.filter { $0.kind == .word }
                guard words.count == 1, !scalar.text.contains(where: \.isWhitespace) else {
                    diagnostics.error("LEX-FILLER", "a filler is one word, not '\(scalar.text)'", at: scalar.location)
                    continue
                }
                lexicon.fillers.append(scalar.text)
            }
        }
        if let properNames = top["proper-names"]?.mapping("proper-names", &diagnostics) {
            properNames.checkKeys("proper-names", known: ["not-names"], &diagnostics)
            lexicon.notNames = properNames["not-names"]?.strings("not-names", &diagnostics) ?? []
        }

        // Patterns are parsed with the lexicon's own normalisation, so read it first.
        var parser = PatternParser(tokenizer: lexicon.tokenizer)
        if let definitions = top["define"]?.mapping("define", &diagnostics) {
            parser.definitions = readDefinitions(definitions, parser: parser, diagnostics: &diagnostics)
        }
        lexicon.definitions = parser.definitions
        if let facts = top["clause-facts"]?.mapping("clause-facts", &diagnostics) {
            lexicon.clauseFacts = readClauseFacts(facts, parser: parser, diagnostics: &diagnostics)
        }

        if let negation = top["negation"]?.mapping("negation", &diagnostics) {
            negation.checkKeys("negation", known: ["cues", "window", "barriers"], &diagnostics)
            if let value = negation["window"]?.int("window", in: 0...8, &diagnostics) {
                lexicon.negationWindow = value
            }
            let cues = negation["cues"].flatMap { patterns($0, "cues", parser, &diagnostics) } ?? []
            for cue in cues {
                switch cue.pattern {
                case .word, .stem: lexicon.negationCues.append(cue)
                default:
                    diagnostics.error("LEX-CUE", "a negation cue is one word or one stem", at: cue.location)
                }
            }
            let barriers = negation["barriers"].flatMap { patterns($0, "barriers", parser, &diagnostics) } ?? []
            for barrier in barriers {
                switch barrier.pattern {
                case .word, .stem: lexicon.negationBarriers.append(barrier)
                default:
                    diagnostics.error("LEX-CUE", "a negation barrier is one word or one stem", at: barrier.location)
                }
            }
        }

        if let moves = top["moves"]?.mapping("moves", &diagnostics) {
            for entry in moves.entries {
                guard let move = entry.move(&diagnostics) else { continue }
                lexicon.moves[move] = readMove(
                    entry.value, move: move, at: entry.keyLocation, parser: parser,
                    facts: lexicon.clauseFacts.map(\.name), diagnostics: &diagnostics)
            }
            for move in MoveID.allCases where lexicon.moves[move] == nil {
                diagnostics.warning("LEX-MISSING-MOVE", "the lexicon says nothing about '\(move.rawValue)'", at: moves.location)
            }
        }
        let errorsAfter = diagnostics.diagnostics.filter { $0.severity == .error }.count
        lexicon.version = version
        return errorsAfter > errorsBefore ? nil : lexicon
    }

    /// Whether an entry's key can name `what` (letters, digits, `-`, `_`); reports it as `code` if not.
    static func isName(
        _ entry: YAMLMapping.Entry, of what: String, code: String, _ diagnostics: inout DiagnosticCollector
    ) -> Bool {
        guard PatternParser.isDefinitionName(entry.key) else {
            diagnostics.error(code, "'\(entry.key)' cannot name \(what): use letters, digits, '-' and '_'", at: entry.keyLocation)
            return false
        }
        return true
    }

    /// Reads `clause-facts:`: per fact, its patterns and whether it holds for the whole sentence.
    static func readClauseFacts(
        _ mapping: YAMLMapping, parser: PatternParser, diagnostics: inout DiagnosticCollector
    ) -> [Lexicon.ClauseFact] {
        var facts: [Lexicon.ClauseFact] = []
        for entry in mapping.entries {
            guard isName(entry, of: "a clause fact", code: "LEX-FACT", &diagnostics) else { continue }
            guard let fact = entry.value.mapping("the clause fact '\(entry.key)'", &diagnostics) else { continue }
            fact.checkKeys("the clause fact '\(entry.key)'", known: ["scope", "patterns"], required: ["patterns"], &diagnostics)
            var scope = Lexicon.ClauseFact.Scope.clause
            if let written = fact["scope"]?.scalar("scope", &diagnostics) {
                if let known = Lexicon.ClauseFact.Scope(rawValue: written.text) {
                    scope = known
                } else {
                    diagnostics.error(
                        "LEX-FACT", "a clause fact's scope is 'clause', 'sentence' or 'reply', not '\(written.text)'",
                        at: written.location)
                }
            }
            let found = fact["patterns"].flatMap { patterns($0, "patterns", parser, &diagnostics) } ?? []
            facts.append(.init(name: entry.key, scope: scope, patterns: found, location: entry.keyLocation))
        }
        return facts
    }

    /// Reads `define:`, in order: each definition may use the ones above it, so none can
    /// refer to itself, directly or not.
    static func readDefinitions(
        _ mapping: YAMLMapping, parser: PatternParser, diagnostics: inout DiagnosticCollector
    ) -> [String: Pattern] {
        var parser = parser
        for entry in mapping.entries {
            guard isName(entry, of: "a definition", code: "LEX-DEFINE", &diagnostics) else { continue }
            guard let scalar = entry.value.scalar("the definition '\(entry.key)'", &diagnostics) else { continue }
            do {
                parser.definitions[entry.key] = try parser.parseDefinition(scalar.text)
            } catch {
                diagnostics.error("LEX-PATTERN", error.message, at: scalar.location(ofOffset: error.offset))
            }
        }
        return parser.definitions
    }

    static func readMove(
        _ node: YAMLNode, move: MoveID, at location: SourceLocation, parser: PatternParser, facts: [String] = [],
        diagnostics: inout DiagnosticCollector
    ) -> Lexicon.MoveEntry? {
        guard let mapping = node.mapping("the move '\(move.rawValue)'", &diagnostics) else { return nil }
        mapping.checkKeys("the move '\(move.rawValue)'", known: moveKeys, &diagnostics)
        var entry = Lexicon.MoveEntry(location: location)
        entry.patterns =
            mapping["patterns"].flatMap { filteredPatterns($0, parser: parser, facts: facts, &diagnostics) } ?? []
        entry.except = mapping["except"].flatMap { patterns($0, "except", parser, &diagnostics) } ?? []
        entry.emoji = mapping["emoji"].map { emoji($0, &diagnostics) } ?? []
        if let negation = mapping["negation"]?.bool("negation", &diagnostics) { entry.negation = negation }
        if let typos = mapping["typos"]?.bool("typos", &diagnostics) { entry.typos = typos }
        entry.suppresses = mapping["suppresses"]?.moves("suppresses", &diagnostics) ?? []
        entry.clauseSuppresses = mapping["clause-suppresses"]?.moves("clause-suppresses", &diagnostics) ?? []
        if let node = mapping["clause"] { entry.clause = clauseFilter(node, facts: facts, &diagnostics) }
        if let customer = mapping["customer"]?.strings("customer", &diagnostics) { entry.customer = customer }
        entry.examples = samples(mapping["examples"], "examples", &diagnostics)
        entry.counterExamples = samples(mapping["counter-examples"], "counter-examples", &diagnostics)
        return entry
    }

    /// A move's `emoji:`: each entry one emoji, which its variants match too (``Emoji``).
    static func emoji(_ node: YAMLNode, _ diagnostics: inout DiagnosticCollector) -> [Lexicon.LexiconEmoji] {
        (node.scalars("emoji", &diagnostics) ?? []).compactMap { scalar in
            guard let base = Emoji.base(of: scalar.text) else {
                diagnostics.error(
                    "LEX-EMOJI", "an entry of emoji: is one emoji, such as 🙄, not '\(scalar.text)'", at: scalar.location)
                return nil
            }
            return Lexicon.LexiconEmoji(source: scalar.text, base: base, location: scalar.location)
        }
    }

    /// A `clause: {any: [...], none: [...]}` filter, its facts checked against those defined.
    static func clauseFilter(_ node: YAMLNode, facts: [String], _ diagnostics: inout DiagnosticCollector)
        -> Lexicon.ClauseFilter
    {
        var result = Lexicon.ClauseFilter()
        guard let filter = node.mapping("clause", &diagnostics) else { return result }
        filter.checkKeys("clause", known: ["any", "none"], &diagnostics)
        for (key, path) in [("any", \Lexicon.ClauseFilter.any), ("none", \Lexicon.ClauseFilter.none)] {
            for scalar in filter[key]?.scalars("clause: \(key)", &diagnostics) ?? [] {
                guard facts.contains(scalar.text) else {
                    diagnostics.error(
                        "LEX-FACT",
                        "no clause fact '\(scalar.text)' is defined under clause-facts:\(Suggestion.hint(for: scalar.text, in: facts))",
                        at: scalar.location)
                    continue
                }
                result[keyPath: path].append(scalar.text)
            }
        }
        return result
    }

    /// A move's `patterns:`: each a pattern, or `{pattern: …, clause: {any: […], none: […]}}` for
    /// a pattern that holds only where its clause has (or lacks) certain facts.
    static func filteredPatterns(
        _ node: YAMLNode, parser: PatternParser, facts: [String], _ diagnostics: inout DiagnosticCollector
    ) -> [Lexicon.LexiconPattern]? {
        guard case .sequence(let items, _) = node else { return patterns(node, "patterns", parser, &diagnostics) }
        var result: [Lexicon.LexiconPattern] = []
        for item in items {
            guard case .mapping(let mapping) = item else {
                result += patterns(.sequence([item], item.location), "patterns", parser, &diagnostics) ?? []
                continue
            }
            mapping.checkKeys("a pattern with a clause filter", known: ["pattern", "clause"], required: ["pattern", "clause"], &diagnostics)
            guard let text = mapping["pattern"], let clause = mapping["clause"],
                var pattern = patterns(.sequence([text], text.location), "pattern", parser, &diagnostics)?.first
            else { continue }
            pattern.clause = clauseFilter(clause, facts: facts, &diagnostics)
            result.append(pattern)
        }
        return result
    }

    /// `normalise: spellings:`: each typed form and the word it stands for must be one word
    /// as the tokenizer reads a reply, or the spelling could never apply.
    static func readSpellings(_ spellings: YAMLMapping, into lexicon: inout Lexicon, _ diagnostics: inout DiagnosticCollector) {
        let tokenizer = lexicon.tokenizer
        func isOneWord(_ text: String) -> Bool {
            let words = tokenizer.tokenize(text).tokens.filter { $0.kind == .word }
            return words.count == 1 && !text.contains(where: \.isWhitespace)
        }
        for entry in spellings.entries {
            guard let word = entry.value.string("the word '\(entry.key)' stands for", &diagnostics) else { continue }
            guard isOneWord(entry.key) else {
                diagnostics.error("LEX-SPELLING", "a spelling is one typed word, not '\(entry.key)'", at: entry.keyLocation)
                continue
            }
            guard isOneWord(word) else {
                diagnostics.error(
                    "LEX-SPELLING", "'\(entry.key)' must stand for one word, not '\(word)'", at: entry.value.location)
                continue
            }
            lexicon.spellings.append((entry.key, word))
        }
    }

    static func patterns(
        _ node: YAMLNode, _ what: String, _ parser: PatternParser, _ diagnostics: inout DiagnosticCollector
    ) -> [Lexicon.LexiconPattern]? {
        guard let scalars = node.scalars(what, &diagnostics) else { return nil }
        var result: [Lexicon.LexiconPattern] = []
        for scalar in scalars {
            do {
                let pattern = try parser.parse(scalar.text)
                result.append(.init(source: scalar.text, location: scalar.location, pattern: pattern))
            } catch {
                diagnostics.error("LEX-PATTERN", error.message, at: scalar.location(ofOffset: error.offset))
            }
        }
        return result
    }

    static func samples(_ node: YAMLNode?, _ what: String, _ diagnostics: inout DiagnosticCollector) -> [Lexicon.Sample] {
        guard let node, let scalars = node.scalars(what, &diagnostics) else { return [] }
        return scalars.map { Lexicon.Sample(text: $0.text, location: $0.location) }
    }
}
