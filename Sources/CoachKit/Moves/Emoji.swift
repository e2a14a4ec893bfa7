/// Emoji in a reply, and the lexicon's `emoji:` entries they are read by.
///
/// An emoji says as much about tone as a word does ("Sure, I'll get right on that 🙄"), but
/// it is no word: the tokenizer reads it as a clause break and patterns never see it, so a
/// lexicon names it under a move's `emoji:` instead. A variant is the same emoji — a skin
/// tone, a gender or hair joined on, text or emoji presentation — so both sides are reduced
/// to the sequence's first pictograph (``Occurrence/base``).
enum Emoji {
    /// One emoji in a reply: where it stands (scalar offsets, half-open) and its base pictograph.
    struct Occurrence: Equatable {
        var start: Int
        var end: Int
        var base: UInt32
    }

    /// Whether a scalar begins an emoji. Digits, `#`, `*`, © and ® are emoji too in Unicode's
    /// data, but typed as text they are text: nothing below U+2000 counts.
    static func isPictograph(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x2000 && !isModifier(scalar.value) && scalar.value != zeroWidthJoiner
            && scalar.properties.isEmoji
    }

    static let zeroWidthJoiner: UInt32 = 0x200D

    /// Scalars that change how an emoji looks, not what it is: presentation selectors, skin
    /// tones, the keycap, tag characters (subdivision flags).
    static func isModifier(_ value: UInt32) -> Bool {
        switch value {
        case 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF, 0x20E3, 0xE0020...0xE007F: true
        default: false
        }
    }

    static func isRegionalIndicator(_ value: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(value) }

    /// Every emoji in `scalars`, in order; a run of the same emoji ("🙄🙄🙄") is one, as
    /// "?!?" is one mark. Linear in the text, and only scalars from U+2000 up are looked at.
    static func occurrences(in scalars: [Unicode.Scalar]) -> [Occurrence] {
        var found: [Occurrence] = []
        var index = 0
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            guard isPictograph(scalar) else {
                index += 1
                continue
            }
            let start = index
            index += 1
            // A flag is two regional indicators.
            if isRegionalIndicator(scalar.value), index < count, isRegionalIndicator(scalars[index].value) {
                index += 1
            }
            while index < count {
                let value = scalars[index].value
                if isModifier(value) {
                    index += 1
                } else if value == zeroWidthJoiner, index + 1 < count, isPictograph(scalars[index + 1]) {
                    index += 2
                } else {
                    break
                }
            }
            if let last = found.last, last.end == start, last.base == scalar.value {
                found[found.count - 1].end = index
            } else {
                found.append(Occurrence(start: start, end: index, base: scalar.value))
            }
        }
        return found
    }

    /// The base pictograph of `text` if it is exactly one emoji (spaces around it aside).
    static func base(of text: String) -> UInt32? {
        let scalars = Array(text.unicodeScalars.drop { $0.properties.isWhitespace }.reversed()
            .drop { $0.properties.isWhitespace }.reversed())
        let found = occurrences(in: scalars)
        guard found.count == 1, found[0].start == 0, found[0].end == scalars.count else { return nil }
        return found[0].base
    }
}
