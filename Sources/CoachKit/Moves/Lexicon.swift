/// One language's knowledge of how moves are said: patterns, rules and tests.
///
/// Loaded from `scenarios/lexicons/<lang>.yaml` by ``LexiconLoader``; compiled once
/// into a ``MoveDetector``.
public struct Lexicon: Sendable {
    public var language: String
    public var name: String
    public var file: String
    public var foldsDiacritics: Bool
    public var equivalents: [Character: String]
    public var semicolonIsQuestionMark: Bool
    /// Words after which a `.` does not end the sentence ("Mrs.", "Dr.", "etc.").
    public var abbreviations: [String]
    public var negationCues: [LexiconPattern]
    public var negationWindow: Int
    public var shouting: ShoutingRule
    public var names: NameRule
    /// Capitalised words that the `@name` element does not take for names ("Monday", "English").
    public var notNames: [String] = []
    public var moves: [MoveID: MoveEntry]

    /// A pattern as written in the file, with where it was written.
    public struct LexiconPattern: Sendable, Hashable {
        public var source: String
        public var location: SourceLocation
        public var pattern: Pattern
    }

    /// A sentence from the file's examples or counter-examples.
    public struct Sample: Sendable, Hashable {
        public var text: String
        public var location: SourceLocation
    }

    /// Everything the file says about one move.
    public struct MoveEntry: Sendable {
        public var patterns: [LexiconPattern] = []
        public var except: [LexiconPattern] = []
        public var negation = true
        public var suppresses: [MoveID] = []
        /// The customer's names the examples assume (for the `name` move).
        public var customer: [String] = []
        public var examples: [Sample] = []
        public var counterExamples: [Sample] = []
        public var location: SourceLocation
    }

    /// When capitals and exclamation marks count as shouting.
    public struct ShoutingRule: Sendable {
        public var minLetters = 3
        public var minWords = 2
        public var exclamations = 2
        public var ignore: Set<String> = []
    }

    /// How the customer's names and titles are recognised.
    public struct NameRule: Sendable {
        public var titles: [String] = []
        public var stripEndings: [String] = []
        public var maxExtra = 2
    }

    /// The `not-names`, folded as the words of a reply are.
    var foldedNotNames: [[UInt32]] {
        let normaliser = TextNormaliser(foldsDiacritics: foldsDiacritics, equivalents: equivalents)
        return notNames.map { normaliser.fold($0) }
    }

    public var tokenizer: Tokenizer {
        let normaliser = TextNormaliser(foldsDiacritics: foldsDiacritics, equivalents: equivalents)
        let abbreviations = Set(self.abbreviations.map { normaliser.fold($0) })
        return Tokenizer(
            normaliser: normaliser, abbreviations: abbreviations, semicolonIsQuestionMark: semicolonIsQuestionMark)
    }
}
