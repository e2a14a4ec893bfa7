/// One language's knowledge of how moves are said: patterns, rules and tests.
///
/// Loaded from `scenarios/lexicons/<lang>.yaml` by ``LexiconLoader``; compiled once
/// into a ``MoveDetector``.
public struct Lexicon: Sendable {
    public var language: String
    public var name: String
    public var file: String
    /// A hash of the file's text, when it was read from one (``LexiconLoader``): what the
    /// compiled detectors are shared by (``MoveDetector/compiled(for:)``). Empty otherwise;
    /// code that changes what a lexicon matches after reading it clears it (as
    /// ``adding(_:diagnostics:)`` does).
    public var version = ""
    public var foldsDiacritics: Bool
    public var equivalents: [Character: String]
    public var semicolonIsQuestionMark: Bool
    /// Words after which a `.` does not end the sentence ("Mrs.", "Dr.", "etc.").
    public var abbreviations: [String]
    public var negationCues: [LexiconPattern]
    public var negationWindow: Int
    /// Words a negation cue never reaches past, as if a comma stood before them: a new
    /// subject typed without a comma ("dont worry ill call them").
    public var negationBarriers: [LexiconPattern] = []
    public var shouting: ShoutingRule
    public var names: NameRule
    /// Words a speaker puts before a sentence's first word ("so", "um", "ok"): `<` matches
    /// after a run of them too, so "so um what happened" starts with "what happened".
    public var fillers: [String] = []
    /// Capitalised words that the `@name` element does not take for names ("Monday", "English").
    public var notNames: [String] = []
    public var moves: [MoveID: MoveEntry]
    /// Named facts about a clause or sentence, found by patterns (`clause-facts:`): that it is
    /// conditional, about the past, about a third party. A move's `clause:` filter uses them.
    public var clauseFacts: [ClauseFact] = []
    /// Typed forms read as other words too: "dont" as "don't", "ill" as "i'll" (`normalise:
    /// spellings:`). The typed form keeps its own meaning as well.
    public var spellings: [(typed: String, word: String)] = []
    /// Words of at least this many letters that match no pattern word may be read with one
    /// typo (`normalise: typo-tolerance:`; 0 turns it off).
    public var typoMinimum = 7
    /// Words typed in Latin letters are also read as the Greek words they sound like
    /// (`normalise: transliteration: greeklish`; see ``GreeklishReading``).
    public var readsGreeklish = false
    /// The `define:` entries, by name, so that patterns written elsewhere (a scenario's
    /// `phrases:`) can use `$name` too.
    public var definitions: [String: Pattern] = [:]

    /// A pattern as written in the file, with where it was written.
    public struct LexiconPattern: Sendable, Hashable {
        public var source: String
        public var location: SourceLocation
        public var pattern: Pattern
        /// This pattern's own filter on the facts of its clause, on top of its move's
        /// (a pattern written as `{pattern: …, clause: {any: […], none: […]}}`).
        public var clause = ClauseFilter()
    }

    /// An emoji a move is read from, as written in the file, with where it was written.
    public struct LexiconEmoji: Sendable, Hashable {
        public var source: String
        /// The emoji's first pictograph, which its variants share (``Emoji``).
        var base: UInt32
        public var location: SourceLocation
    }

    /// A fact about the clause (or sentence, or reply) a match stands in, found by its patterns.
    public struct ClauseFact: Sendable {
        /// How far a fact found in a reply holds.
        public enum Scope: String, Sendable {
            /// The clause it is found in.
            case clause
            /// The whole sentence: "If this goes on, I'll hand you over" is conditional after
            /// the comma too.
            case sentence
            /// The whole reply: a fault owned in one sentence ("That's our mistake.") makes the
            /// account of it in the sentences before a cause, however short they are typed.
            case reply
        }

        public var name: String
        public var scope: Scope
        public var patterns: [LexiconPattern]
        public var location: SourceLocation
    }

    /// A move's filter on the facts of the clause a match starts in (`clause: {any:, none:}`).
    public struct ClauseFilter: Sendable, Hashable {
        /// The match counts only if its clause has one of these facts (when not empty).
        public var any: [String] = []
        /// The match is dropped if its clause has one of these facts.
        public var none: [String] = []
        public var isEmpty: Bool { any.isEmpty && none.isEmpty }
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
        /// Emoji that show the move wherever they stand (`emoji:`), such as 🙄 for sarcasm.
        public var emoji: [LexiconEmoji] = []
        public var negation = true
        public var suppresses: [MoveID] = []
        /// Moves whose matches in the same clause as this move's are dropped: "I can't discount
        /// the price or give a free case" is a limit, and no item of its list is amends.
        public var clauseSuppresses: [MoveID] = []
        /// Which clause facts a match needs or must not have.
        public var clause = ClauseFilter()
        /// Whether a word read with one typo may be part of a match. Off for the hostile moves:
        /// a typo must never make a fair reply rude ("frogging" is not "frigging").
        public var typos = true
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
        /// Letters that, following a name's stem, make another word: a patronymic (Петров →
        /// Петрович, Петровна) is somebody else's name, not the customer's.
        public var notEndings: [String] = []
        public var maxExtra = 2
    }

    /// The `not-names`, folded as the words of a reply are.
    var foldedNotNames: [[UInt32]] {
        let normaliser = TextNormaliser(foldsDiacritics: foldsDiacritics, equivalents: equivalents)
        return notNames.map { normaliser.fold($0) }
    }

    /// The fillers, folded as the words of a reply are.
    var foldedFillers: [[UInt32]] {
        let normaliser = TextNormaliser(foldsDiacritics: foldsDiacritics, equivalents: equivalents)
        return fillers.map { normaliser.fold($0) }
    }

    /// The spellings, folded as the words of a reply are.
    var foldedSpellings: [([UInt32], [UInt32])] {
        let normaliser = TextNormaliser(foldsDiacritics: foldsDiacritics, equivalents: equivalents)
        return spellings.map { (normaliser.fold($0.typed), normaliser.fold($0.word)) }
    }

    public var tokenizer: Tokenizer {
        let normaliser = TextNormaliser(foldsDiacritics: foldsDiacritics, equivalents: equivalents)
        let abbreviations = Set(self.abbreviations.map { normaliser.fold($0) })
        return Tokenizer(
            normaliser: normaliser, abbreviations: abbreviations, semicolonIsQuestionMark: semicolonIsQuestionMark)
    }
}
