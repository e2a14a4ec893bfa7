/// Splits a reply into words, sentence marks and clause breaks, folding each word.
///
/// The same tokenizer reads pattern words in a lexicon, so a trainer writes patterns
/// as a person would type them. It runs in one pass, linear in the reply's length.
public struct Tokenizer: Sendable {
    public var normaliser: TextNormaliser
    /// Folded words after which a `.` does not end the sentence ("Mrs.", "Dr.").
    public var abbreviations: Set<[UInt32]>
    /// Greek writes its question mark as `;`.
    public var semicolonIsQuestionMark: Bool

    public init(normaliser: TextNormaliser, abbreviations: Set<[UInt32]> = [], semicolonIsQuestionMark: Bool = false) {
        self.normaliser = normaliser
        self.abbreviations = abbreviations
        self.semicolonIsQuestionMark = semicolonIsQuestionMark
    }

    private enum Class {
        case word, apostrophe, space, hyphen, clauseBreak, period, questionMark, exclamationMark
    }

    @inline(__always)
    private func classify(_ scalar: Unicode.Scalar) -> Class {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
            case 0x27, 0x60: return .apostrophe
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: return .space
            case 0x2D: return .hyphen
            case 0x2E: return .period
            case 0x3F: return .questionMark
            case 0x21: return .exclamationMark
            case 0x3B: return semicolonIsQuestionMark ? .questionMark : .clauseBreak
            case 0x00...0x1F, 0x7F: return .space
            default: return .clauseBreak
            }
        }
        switch value {
        case 0x2019, 0x2018, 0x02BC, 0x2032: return .apostrophe
        case 0x2010, 0x2011: return .hyphen
        case 0x2026: return .period  // …
        case 0x037E, 0xFF1F, 0x061F: return .questionMark  // Greek, full-width, Arabic
        case 0xFF01: return .exclamationMark
        case 0x00A0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return .space
        default: break
        }
        let properties = scalar.properties
        if properties.isAlphabetic { return .word }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return .word
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned,
            .surrogate, .privateUse:
            return .space
        default:
            return .clauseBreak
        }
    }

    /// Tokenizes a reply: `begin`, the words and marks, `end`.
    public func tokenize(_ text: String) -> TokenizedText {
        let original = Array(text.unicodeScalars)
        var folded: [UInt32] = []
        folded.reserveCapacity(original.count)
        var tokens: [Token] = [Token(kind: .begin, start: 0, end: 0, foldedStart: 0, foldedEnd: 0, startsClause: true)]
        tokens.reserveCapacity(original.count / 4 + 2)

        var clauseBreakPending = true
        var index = 0
        let count = original.count
        var classes: [Class] = []
        classes.reserveCapacity(count)
        for scalar in original { classes.append(classify(scalar)) }

        func isWord(_ i: Int) -> Bool { i >= 0 && i < count && classes[i] == .word }
        func isDigit(_ i: Int) -> Bool { isWord(i) && original[i].properties.numericType != nil }

        func appendMark(_ kind: Token.Kind, at position: Int) {
            // "?!?" and "..." are one mark each: repeated marks say nothing more to a pattern.
            if let last = tokens.last, last.kind == kind, last.end == position {
                tokens[tokens.count - 1].end = position + 1
                return
            }
            tokens.append(
                Token(kind: kind, start: position, end: position + 1, foldedStart: 0, foldedEnd: 0, startsClause: true))
            clauseBreakPending = true
        }

        while index < count {
            switch classes[index] {
            case .word:
                let start = index
                let foldedStart = folded.count
                while index < count {
                    let cls = classes[index]
                    if cls == .word {
                        normaliser.fold(original[index].value, into: &folded)
                        index += 1
                    } else if cls == .apostrophe, isWord(index + 1), index > start {
                        folded.append(0x27)
                        index += 1
                    } else if (cls == .period || original[index] == ","), isDigit(index - 1), isDigit(index + 1) {
                        folded.append(original[index].value)
                        index += 1
                    } else {
                        break
                    }
                }
                tokens.append(
                    Token(
                        kind: .word, start: start, end: index, foldedStart: foldedStart, foldedEnd: folded.count,
                        startsClause: clauseBreakPending))
                clauseBreakPending = false
            case .period:
                let previous = tokens.last!
                let isAbbreviation =
                    previous.kind == .word && previous.end == index
                    && abbreviations.contains(Array(folded[previous.foldedStart..<previous.foldedEnd]))
                if !isAbbreviation { appendMark(.period, at: index) }
                index += 1
            case .questionMark:
                appendMark(.questionMark, at: index)
                index += 1
            case .exclamationMark:
                appendMark(.exclamationMark, at: index)
                index += 1
            case .clauseBreak:
                clauseBreakPending = true
                index += 1
            case .hyphen:
                // A dash between spaces is a clause break; a hyphen inside a word only splits it.
                if !(isWord(index - 1) && isWord(index + 1)) { clauseBreakPending = true }
                index += 1
            case .apostrophe, .space:
                index += 1
            }
        }
        tokens.append(
            Token(kind: .end, start: count, end: count, foldedStart: 0, foldedEnd: 0, startsClause: true))
        return TokenizedText(original: original, folded: folded, tokens: tokens)
    }
}
