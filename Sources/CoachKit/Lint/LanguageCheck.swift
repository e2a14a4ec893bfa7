/// Finds customer lines written in another language than the scenario declares.
///
/// Two cheap tests that a trainer can follow: the *alphabet* (a Russian scenario's
/// lines are in Cyrillic letters, like its lexicon's examples), and, for languages
/// that share an alphabet, the *vocabulary* (most words of an English line occur
/// somewhere in the English lexicon's patterns and examples). Codes and numbers
/// ("PX-48213") are left out of both.
public enum LanguageCheck {
    /// Writing systems the supported languages use.
    public enum Script: String, Sendable, CaseIterable {
        case latin = "Latin", cyrillic = "Cyrillic", greek = "Greek", other = "other"

        /// The script of a letter; `nil` for what is not a letter.
        public init?(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            switch value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: self = .latin
            case 0x370...0x3FF, 0x1F00...0x1FFF: self = .greek
            case 0x400...0x52F: self = .cyrillic
            default:
                guard scalar.properties.isAlphabetic else { return nil }
                self = .other
            }
        }
    }

    /// A line needs this many letters before its alphabet is judged.
    static let minimumLetters = 8
    /// A line needs this many words before its vocabulary is judged.
    static let minimumWords = 6
    /// Below this share of words known to the lexicon, a line is reported.
    static let minimumKnownShare = 0.25

    /// The words and the alphabet of one language, as its lexicon shows them.
    public struct Profile: Sendable {
        public var language: String
        public var name: String
        public var script: Script
        var words: Set<String>
        /// The stems, and their lengths in characters, for looking up each of a word's
        /// beginnings instead of testing every stem (a lexicon has thousands). Substrings, so
        /// that a word's beginning is looked up without copying it.
        var stems: Set<Substring>
        private var stemLengths: [Int]
        var tokenizer: Tokenizer

        /// Learns the language from the lexicon: its examples' letters and every word it uses.
        public init(_ lexicon: Lexicon) {
            language = lexicon.language
            name = lexicon.name
            tokenizer = lexicon.tokenizer
            var counts: [Script: Int] = [:]
            var words = Set<String>()
            var stems: [String] = []
            for entry in lexicon.moves.values {
                for sample in entry.examples + entry.counterExamples {
                    for scalar in sample.text.unicodeScalars {
                        if let script = Script(scalar) { counts[script, default: 0] += 1 }
                    }
                    let tokenized = tokenizer.tokenize(sample.text)
                    for token in tokenized.tokens where token.kind == .word { words.insert(tokenized.foldedWord(token)) }
                }
                for pattern in entry.patterns + entry.except {
                    Self.collect(pattern.pattern, words: &words, stems: &stems)
                }
            }
            script = counts.max { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }?.key ?? .latin
            self.words = words
            self.stems = Set(stems.map { $0[...] })
            stemLengths = Set(stems.map(\.count)).sorted()
        }

        static func collect(_ pattern: Pattern, words: inout Set<String>, stems: inout [String]) {
            switch pattern {
            case .word(let letters): words.insert(String(String.UnicodeScalarView(letters.compactMap(Unicode.Scalar.init))))
            case .stem(let letters): stems.append(String(String.UnicodeScalarView(letters.compactMap(Unicode.Scalar.init))))
            case .sequence(let items), .choice(let items, _): for item in items { collect(item, words: &words, stems: &stems) }
            case .gap, .anchor, .mark, .properName, .suffix, .number: break
            }
        }

        func knows(_ word: String) -> Bool {
            if words.contains(word) { return true }
            var end = word.startIndex, length = 0
            for stemLength in stemLengths {
                while length < stemLength {
                    guard end < word.endIndex else { return false }
                    word.formIndex(after: &end)
                    length += 1
                }
                if stems.contains(word[..<end]) { return true }
            }
            return false
        }
    }

    /// Why `text` does not look like the profile's language, or `nil` when it does.
    public static func problem(with text: String, profile: Profile) -> String? {
        let tokenized = profile.tokenizer.tokenize(text)
        var letters: [Script: Int] = [:]
        var words: [String] = []
        for token in tokenized.tokens where token.kind == .word {
            let scalars = tokenized.original[token.start..<token.end]
            // A word with a digit is a code or a number, the same in every language. (ASCII is
            // answered without Unicode's property tables: most words of most lines are ASCII.)
            let hasDigit = scalars.contains { scalar in
                scalar.isASCII ? (0x30...0x39).contains(scalar.value) : scalar.properties.numericType != nil
            }
            if hasDigit { continue }
            for scalar in scalars { if let script = Script(scalar) { letters[script, default: 0] += 1 } }
            words.append(tokenized.foldedWord(token))
        }
        let total = letters.values.reduce(0, +)
        if total >= minimumLetters, Double(letters[profile.script, default: 0]) < Double(total) / 2 {
            let main = letters.max { $0.value < $1.value }!.key
            return "this line is written mostly in \(main.rawValue) letters, but the scenario's language '\(profile.language)' (\(profile.name)) is written in \(profile.script.rawValue) letters"
        }
        guard words.count >= minimumWords else { return nil }
        let known = words.filter(profile.knows).count
        if Double(known) < Double(words.count) * minimumKnownShare {
            return "only \(known) of the \(words.count) words of this line occur in the \(profile.name) lexicon; is it written in '\(profile.language)'?"
        }
        return nil
    }

    /// Warnings for every customer line of the scenario (states, transitions, fallbacks,
    /// endings, interrupt, silence) that does not look like the lexicon's language.
    public static func check(_ scenario: Scenario, source: YAMLNode, profile: Profile) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for line in customerLines(source) {
            if let problem = problem(with: line.text, profile: profile) {
                diagnostics.append(Diagnostic(.warning, "SCN-LANGUAGE", problem, at: line.location))
            }
        }
        return diagnostics
    }

    /// Every line the customer can say, as written in the file: a line in parts is one
    /// line, placed at its first part.
    static func customerLines(_ root: YAMLNode) -> [(text: String, location: SourceLocation)] {
        // Variants (a list of lines, each perhaps in parts), or one line (perhaps in parts).
        var variants: [YAMLNode] = []
        var single: [YAMLNode] = []
        // A transition's (or an ending's) list of texts is one line in parts; a list with lists
        // or conditional lines in it is variants.
        func transitionLines(_ nodes: [YAMLNode]) {
            for node in nodes {
                if case .sequence(let items, _) = node, items.contains(where: { if case .scalar = $0 { false } else { true } }) {
                    variants.append(node)
                } else {
                    single.append(node)
                }
            }
        }
        if case .mapping(let states)? = root.at("states") {
            for entry in states.entries {
                variants += [entry.value.at("say"), entry.value.at("fallback", "say"), entry.value.at("unclear", "say")]
                    .compactMap { $0 }
                if case .sequence(let transitions, _)? = entry.value.at("on") {
                    transitionLines(transitions.compactMap { $0.at("say") })
                }
            }
        }
        if case .sequence(let transitions, _)? = root.at("global") {
            transitionLines(transitions.compactMap { $0.at("say") })
        }
        if case .mapping(let endings)? = root.at("endings") { transitionLines(endings.entries.compactMap { $0.value.at("say") }) }
        variants += [root.at("interrupt", "say"), root.at("silence", "say"), root.at("unclear", "say")].compactMap { $0 }

        var lines: [(String, SourceLocation)] = []
        func add(_ parts: [YAMLScalar]) {
            guard let first = parts.first else { return }
            lines.append((parts.map(\.text).joined(separator: " "), first.location))
        }
        // A conditional line's words are under its `say:`; its `if:` is not something said.
        func add(_ node: YAMLNode) {
            if case .mapping = node {
                if let say = node.at("say") { add(say.allScalars) }
            } else {
                add(node.allScalars)
            }
        }
        for node in variants {
            if case .sequence(let items, _) = node {
                for item in items { add(item) }
            } else {
                add(node)
            }
        }
        for node in single { add(node) }
        return lines
    }
}
