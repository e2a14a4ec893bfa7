/// One unit of a reply as the matcher sees it: a word, a sentence mark, or a boundary.
public struct Token: Sendable, Hashable {
    public enum Kind: UInt8, Sendable {
        case word
        case questionMark
        case exclamationMark
        case period
        /// The start of the reply (before the first word).
        case begin
        /// The end of the reply (after the last word).
        case end

        var endsSentence: Bool { self == .questionMark || self == .exclamationMark || self == .period }
    }

    public var kind: Kind
    /// Unicode scalar offsets in the original reply, half-open.
    public var start: Int
    public var end: Int
    /// The word's folded scalars in ``TokenizedText/folded``, half-open (words only).
    var foldedStart: Int
    var foldedEnd: Int
    /// Whether a clause break (`,` `;` `:` a dash, a bracket, or a sentence start) comes before it.
    public var startsClause: Bool
}

/// A reply split into tokens, with the original scalars kept for evidence.
public struct TokenizedText: Sendable {
    /// The text's scalars, in canonical composition if it held combining marks
    /// (``TextNormaliser/composed(_:)``): offsets of tokens and moves count these.
    public var original: [Unicode.Scalar]
    var folded: [UInt32]
    public var tokens: [Token]
    /// Whether ``original`` differs from the text as typed: it was recomposed.
    public var isRecomposed = false

    /// The folded text of a word token, for tests and explanations.
    public func foldedWord(_ token: Token) -> String {
        var text = ""
        for value in folded[token.foldedStart..<token.foldedEnd] {
            if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
        }
        return text
    }

    /// The original text between two scalar offsets.
    public func text(from start: Int, to end: Int) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: original[start..<end])
        return text
    }
}
