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

    private static func classifyASCII(_ value: UInt32, semicolonIsQuestionMark: Bool) -> Class {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
        case 0x27, 0x60: return .apostrophe
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: return .space
        case 0x2D: return .hyphen
        case 0x2E: return .period
        case 0x3F: return .questionMark
        case 0x21: return .exclamationMark
        case 0x3B: return semicolonIsQuestionMark ? .questionMark : .clauseBreak
        // Part of an amount or a number ("€80", "$80", "20%", "order #4821"), not a pause:
        // read as a space, so "I can't pay €80 in compensation" stays one clause.
        case 0x23, 0x24, 0x25: return .space
        case 0x00...0x1F, 0x7F: return .space
        default: return .clauseBreak
        }
    }

    /// `classifyASCII` of U+0000–U+007F, with `;` a clause break (`tokenize` corrects it for Greek).
    private static let asciiClasses: [Class] = (0..<0x80).map { classifyASCII($0, semicolonIsQuestionMark: false) }

    @inline(__always)
    private func classify(_ scalar: Unicode.Scalar) -> Class {
        let value = scalar.value
        if value < 0x80 { return Self.classifyASCII(value, semicolonIsQuestionMark: semicolonIsQuestionMark) }
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
            .surrogate, .privateUse, .currencySymbol:
            return .space
        default:
            return .clauseBreak
        }
    }

    /// Tokenizes a reply: `begin`, the words and marks, `end`.
    public func tokenize(_ text: String) -> TokenizedText {
        let typed = text.utf8.withContiguousStorageIfAvailable(Self.scalars) ?? Array(text.unicodeScalars)
        let recomposed = TextNormaliser.needsComposing(typed)
        let original = recomposed ? TextNormaliser.composed(typed) : typed
        let count = original.count
        var folded: [UInt32] = []
        folded.reserveCapacity(count)
        var tokens: [Token] = [Token(kind: .begin, start: 0, end: 0, foldedStart: 0, foldedEnd: 0, startsClause: true)]
        tokens.reserveCapacity(count / 4 + 2)
        var clauseBreakPending = true
        // Letters below U+0530 fold through a table fetched once per reply, unless the language
        // has equivalents to apply after folding (then every letter takes the general path).
        let diacritics = normaliser.foldsDiacritics
        let table = normaliser.equivalents.isEmpty ? FoldTable.lowTable(diacritics: diacritics) : []
        let tableLimit = table.isEmpty ? 0 : FoldTable.tableLimit
        let asciiClasses = Self.asciiClasses

        original.withUnsafeBufferPointer { original in
            withUnsafeTemporaryAllocation(of: Class.self, capacity: count) { classes in
                asciiClasses.withUnsafeBufferPointer { asciiClasses in
                    for index in 0..<count {
                        let scalar = original[index]
                        var cls: Class
                        if scalar.value < 0x80 {
                            cls = asciiClasses[Int(scalar.value)]
                            if scalar.value == 0x3B, semicolonIsQuestionMark { cls = .questionMark }
                        } else {
                            cls = classify(scalar)
                        }
                        (classes.baseAddress! + index).initialize(to: cls)
                    }
                }
                let classes = UnsafeBufferPointer(classes)
                table.withUnsafeBufferPointer { table in
                    @inline(__always) func isWord(_ i: Int) -> Bool { i >= 0 && i < count && classes[i] == .word }
                    @inline(__always) func isDigit(_ i: Int) -> Bool {
                        guard isWord(i) else { return false }
                        let value = original[i].value
                        // ASCII words are letters and digits: only 0-9 have a numeric type.
                        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
                        return original[i].properties.numericType != nil
                    }

                    var index = 0
                    while index < count {
                        switch classes[index] {
                        case .word:
                            let start = index
                            let foldedStart = folded.count
                            while index < count {
                                let cls = classes[index]
                                if cls == .word {
                                    let value = original[index].value
                                    if value < tableLimit {
                                        FoldTable.fold(
                                            value, entry: table[Int(value)], diacritics: diacritics, into: &folded)
                                    } else {
                                        normaliser.fold(value, into: &folded)
                                    }
                                    index += 1
                                } else if cls == .apostrophe, isWord(index + 1), index > start {
                                    folded.append(0x27)
                                    index += 1
                                } else if cls == .period || original[index].value == 0x2C, isDigit(index - 1),
                                    isDigit(index + 1)
                                {
                                    folded.append(original[index].value)
                                    index += 1
                                } else {
                                    break
                                }
                            }
                            tokens.append(
                                Token(
                                    kind: .word, start: start, end: index, foldedStart: foldedStart,
                                    foldedEnd: folded.count, startsClause: clauseBreakPending))
                            clauseBreakPending = false
                        case .period:
                            let previous = tokens[tokens.count - 1]
                            let afterAbbreviation =
                                previous.kind == .word && previous.end == index
                                && isAbbreviation(folded[previous.foldedStart..<previous.foldedEnd])
                            if !afterAbbreviation {
                                Self.appendMark(.period, at: index, to: &tokens, clauseBreak: &clauseBreakPending)
                            }
                            index += 1
                        case .questionMark:
                            Self.appendMark(.questionMark, at: index, to: &tokens, clauseBreak: &clauseBreakPending)
                            index += 1
                        case .exclamationMark:
                            Self.appendMark(.exclamationMark, at: index, to: &tokens, clauseBreak: &clauseBreakPending)
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
                }
            }
        }
        tokens.append(
            Token(kind: .end, start: count, end: count, foldedStart: 0, foldedEnd: 0, startsClause: true))
        return TokenizedText(original: original, folded: folded, tokens: tokens, isRecomposed: recomposed)
    }

    /// Whether a folded word is one of the abbreviations (a short list is scanned rather than
    /// hashed, which would need the word copied into an array).
    private func isAbbreviation(_ word: ArraySlice<UInt32>) -> Bool {
        if abbreviations.count <= 16 { return abbreviations.contains { $0.elementsEqual(word) } }
        return abbreviations.contains(Array(word))
    }

    /// The scalars of valid UTF-8 (a native string's storage): `Array(text.unicodeScalars)`
    /// in one pass instead of two (counting, then copying).
    private static func scalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            var index = 0
            var count = 0
            let end = bytes.count
            while index < end {
                let lead = UInt32(bytes[index])
                var value: UInt32
                if lead < 0x80 {
                    value = lead
                    index += 1
                } else if lead < 0xE0 {
                    value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if lead < 0xF0 {
                    value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    value =
                        (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                }
                (buffer.baseAddress! + count).initialize(to: Unicode.Scalar(value) ?? "\u{FFFD}")
                count += 1
            }
            initialized = count
        }
    }

    /// Appends a sentence mark at scalar `position`.
    @inline(__always)
    private static func appendMark(
        _ kind: Token.Kind, at position: Int, to tokens: inout [Token], clauseBreak: inout Bool
    ) {
        // "?!?" and "..." are one mark each: repeated marks say nothing more to a pattern.
        let last = tokens[tokens.count - 1]
        if last.kind == kind, last.end == position {
            tokens[tokens.count - 1].end = position + 1
            return
        }
        tokens.append(
            Token(kind: kind, start: position, end: position + 1, foldedStart: 0, foldedEnd: 0, startsClause: true))
        clauseBreak = true
    }
}
