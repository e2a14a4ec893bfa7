import Foundation

/// Folds letters the way a language's lexicon wants them compared.
///
/// Case is always folded; diacritics only where the language allows it (Russian й
/// must stay distinct from и), and `equivalents` add language-specific pairs (ё → е).
/// The common scripts are folded through a table built once, so the per-reply cost is
/// an array lookup per letter.
public struct TextNormaliser: Sendable, Hashable {
    public var foldsDiacritics: Bool
    public var equivalents: [UInt32: [UInt32]]

    public init(foldsDiacritics: Bool, equivalents: [Character: String] = [:]) {
        self.foldsDiacritics = foldsDiacritics
        var table: [UInt32: [UInt32]] = [:]
        for (from, to) in equivalents {
            // Equivalences are declared in folded form on both sides.
            let key = FoldTable.fold(from.unicodeScalars.map(\.value), diacritics: foldsDiacritics)
            let value = FoldTable.fold(to.unicodeScalars.map(\.value), diacritics: foldsDiacritics)
            if key.count == 1 { table[key[0]] = value }
        }
        self.equivalents = table
    }

    /// Appends the folded form of one scalar to `output`.
    @inline(__always)
    func fold(_ scalar: UInt32, into output: inout [UInt32]) {
        let start = output.count
        FoldTable.fold(scalar, diacritics: foldsDiacritics, into: &output)
        guard !equivalents.isEmpty else { return }
        var index = start
        while index < output.count {
            if let replacement = equivalents[output[index]] {
                output.replaceSubrange(index...index, with: replacement)
                index += replacement.count
            } else {
                index += 1
            }
        }
    }

    /// The folded form of a whole string (used for pattern words and names).
    public func fold(_ text: String) -> [UInt32] {
        var output: [UInt32] = []
        for scalar in Self.composed(Array(text.unicodeScalars)) { fold(scalar.value, into: &output) }
        return output
    }

    /// `scalars` in canonical composition (Unicode NFC) when they hold a combining mark, else
    /// as they are.
    ///
    /// Some keyboards, input methods and editors send "й" or "ă" as a letter followed by a
    /// combining mark. Without composing, the mark splits the word ("пожалуи" + U+0306 +
    /// "ста") and a language that keeps its diacritics never matches it; with the standard
    /// library's normaliser both spellings read the same. Text without a combining mark —
    /// almost all of it — is returned untouched, at the cost of one scan.
    public static func composed(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard needsComposing(scalars) else { return scalars }
        return Array(String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// Whether ``composed(_:)`` would change anything it may change: a combining mark is there.
    public static func needsComposing(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.contains { $0.value >= 0x300 && FoldTable.isCombiningMark($0) }
    }
}

/// Precomputed case and diacritic folding for the scripts of the supported languages.
enum FoldTable {
    /// Latin, Greek, Cyrillic (U+0000–U+052F) and Latin Extended Additional (U+1E00–U+1EFF).
    static let tableLimit: UInt32 = 0x0530
    static let extendedRange: ClosedRange<UInt32> = 0x1E00...0x1EFF
    private static let dropped: UInt32 = 0xFFFF_FFFF
    private static let complex: UInt32 = 0xFFFF_FFFE

    private static let caseOnly = build(diacritics: false)
    private static let caseAndDiacritics = build(diacritics: true)

    private struct Table: Sendable {
        var low: [UInt32]
        var extended: [UInt32]
    }

    private static func build(diacritics: Bool) -> Table {
        func entry(_ value: UInt32) -> UInt32 {
            let folded = slowFold(value, diacritics: diacritics)
            if folded.isEmpty { return dropped }
            return folded.count == 1 ? folded[0] : complex
        }
        return Table(
            low: (0..<tableLimit).map(entry),
            extended: extendedRange.map(entry))
    }

    @inline(__always)
    static func fold(_ scalar: UInt32, diacritics: Bool, into output: inout [UInt32]) {
        let table = diacritics ? caseAndDiacritics : caseOnly
        let entry: UInt32
        if scalar < tableLimit {
            entry = table.low[Int(scalar)]
        } else if extendedRange.contains(scalar) {
            entry = table.extended[Int(scalar - extendedRange.lowerBound)]
        } else {
            entry = complex
        }
        switch entry {
        case dropped: return
        case complex: output.append(contentsOf: slowFold(scalar, diacritics: diacritics))
        default: output.append(entry)
        }
    }

    /// The table for U+0000–U+052F, for callers that fold many scalars: fetch it once, then
    /// ``fold(_:entry:diacritics:into:)`` each scalar below ``tableLimit`` with its entry.
    static func lowTable(diacritics: Bool) -> [UInt32] {
        diacritics ? caseAndDiacritics.low : caseOnly.low
    }

    /// Appends the folding of `scalar`, whose entry in ``lowTable(diacritics:)`` is `entry`:
    /// exactly what ``fold(_:diacritics:into:)`` appends.
    @inline(__always)
    static func fold(_ scalar: UInt32, entry: UInt32, diacritics: Bool, into output: inout [UInt32]) {
        switch entry {
        case dropped: return
        case complex: output.append(contentsOf: slowFold(scalar, diacritics: diacritics))
        default: output.append(entry)
        }
    }

    static func fold(_ scalars: [UInt32], diacritics: Bool) -> [UInt32] {
        var output: [UInt32] = []
        for scalar in scalars { fold(scalar, diacritics: diacritics, into: &output) }
        return output
    }

    /// Lower case, compatibility quotes, and (optionally) canonical decomposition without marks.
    static func slowFold(_ value: UInt32, diacritics: Bool) -> [UInt32] {
        guard let scalar = Unicode.Scalar(value) else { return [value] }
        switch value {
        case 0x2019, 0x2018, 0x02BC, 0x00B4, 0x0060, 0x2032: return [0x27]  // ’ ‘ ʼ ´ ` ′ → '
        case 0x201C, 0x201D, 0x00AB, 0x00BB, 0x201E: return [0x22]  // “ ” « » „ → "
        default: break
        }
        let lower = scalar.properties.lowercaseMapping
        guard diacritics else { return lower.unicodeScalars.map(\.value) }
        var output: [UInt32] = []
        for lowered in lower.unicodeScalars {
            for part in String(lowered).decomposedScalars where !isCombiningMark(part) {
                output.append(part.value)
            }
        }
        return output
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}

extension String {
    /// Canonical decomposition (NFD).
    fileprivate var decomposedScalars: String.UnicodeScalarView {
        decomposedStringWithCanonicalMapping.unicodeScalars
    }
}
