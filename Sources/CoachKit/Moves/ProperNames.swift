/// Which words of a reply are written as proper names, for the `@name` pattern element.
///
/// Matching folds case, so "this is Archie" and "this is ridiculous" look alike to a word
/// pattern; only the spelling tells the name. A word counts as a name when:
/// - its first letter is a capital and a small letter follows (neither "I" nor a shouted
///   "RIDICULOUS" is one);
/// - it does not begin a sentence, a quotation or a bracket, which are capitalised anyway;
/// - no apostrophe stands before a small letter ("I'm", "Parcelo's"; "O'Brien" is a name);
/// - it is not one of the language's `not-names` (in English the days, months,
///   nationalities and languages) nor a negation cue ("I'm Not sure"). ``MoveAutomaton``
///   checks these two in its word trie, so this type only reads the spelling.
///
/// A name typed in small letters is not recognised, and a capitalised common word in
/// mid-sentence is: the rule serves patterns that are specific anyway ("this is @name",
/// "@name speaking").
enum ProperNames {
    /// Whether word token `index` of `text` is spelt as a proper name where it stands.
    static func isWrittenAsName(_ index: Int, in text: TokenizedText) -> Bool {
        let token = text.tokens[index]
        guard token.kind == .word, index > 0, text.tokens[index - 1].kind == .word,
            token.end - token.start >= 2
        else { return false }
        let original = text.original
        guard isCapital(original[token.start]) else { return false }
        // A quotation or an aside may begin with a capital of its own: "Expulsions", (It is).
        if token.start > 0, opensQuotationOrAside(original[token.start - 1]) { return false }
        var hasSmall = false
        for position in (token.start + 1)..<token.end {
            let scalar = original[position]
            if isSmall(scalar) {
                hasSmall = true
            } else if isApostrophe(scalar), position + 1 < token.end, isSmall(original[position + 1]) {
                return false
            }
        }
        return hasSmall
    }

    @inline(__always)
    private static func isCapital(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
    }

    @inline(__always)
    private static func isSmall(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x61 && value <= 0x7A }
        return scalar.properties.isLowercase
    }

    private static func opensQuotationOrAside(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "(", "[", "{", "\u{201C}", "\u{201D}", "\u{201E}", "\u{2018}", "\u{2019}", "\u{00AB}",
            "\u{00BB}":
            true
        default: false
        }
    }

    @inline(__always)
    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x60, 0x2019, 0x2018, 0x02BC, 0x2032: true
        default: false
        }
    }
}
