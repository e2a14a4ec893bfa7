/// A parsed lexicon pattern: what sequence of tokens signals a move.
///
/// The syntax is documented in `docs/lexicons.md`. Patterns are data, never code:
/// they compile into ``MoveAutomaton``, which runs in time linear in a reply's length.
public indirect enum Pattern: Sendable, Hashable {
    /// Exactly this folded word.
    case word([UInt32])
    /// Any word that starts with these folded letters.
    case stem([UInt32])
    /// `*ending`: any word that ends with these folded letters after at least
    /// ``suffixMinimumStem`` others ("*ing" finds "sending", not "ring").
    case suffix([UInt32])
    /// `@number`: a word written in digits only ("3", "2024").
    case number
    /// 0 to N words, never across a sentence end.
    case gap(Int)
    /// `@name`: a word written as a proper name (see ``ProperNames``): "this is @name" finds
    /// "This is Archie" but not "this is ridiculous", which folding alone cannot tell apart.
    case properName
    case anchor(Anchor)
    /// A sentence mark: `?`, `!` or `.`.
    case mark(Token.Kind)
    case sequence([Pattern])
    /// One of the alternatives, or (when optional) none of them.
    case choice([Pattern], optional: Bool)

    public enum Anchor: Sendable, Hashable {
        /// `^`: the start of the reply.
        case replyStart
        /// `<`: the start of a sentence.
        case sentenceStart
        /// `>`: the end of a sentence.
        case sentenceEnd
    }

    /// The largest gap a pattern may ask for; bounded so a pattern cannot be made slow.
    public static let maxGap = 8

    /// The letters a word must have before a `*ending` for the ending to match: "*ла" is a
    /// past tense in "сказала", not in "была" or "мала".
    public static let suffixMinimumStem = 3

    /// The number of elements (words, stems, marks, anchors, gaps, `@name`), counted with repeats.
    var elementCount: Int {
        switch self {
        case .word, .stem, .suffix, .number, .properName, .anchor, .mark, .gap: 1
        case .sequence(let items), .choice(let items, _): items.reduce(0) { $0 + $1.elementCount }
        }
    }

    /// Whether the pattern can match without consuming a token (an error: it would match everywhere).
    var canBeEmpty: Bool {
        switch self {
        case .word, .stem, .suffix, .number, .properName, .anchor, .mark: false
        case .gap: true
        case .sequence(let items): items.allSatisfy(\.canBeEmpty)
        case .choice(let items, let optional): optional || items.contains(where: \.canBeEmpty)
        }
    }
}

/// A problem in one pattern, at a scalar offset within the pattern's text.
public struct PatternSyntaxError: Error, Sendable, Hashable {
    public var offset: Int
    public var message: String
}

/// Parses the pattern syntax of `docs/lexicons.md`.
public struct PatternParser: Sendable {
    public var tokenizer: Tokenizer
    /// The lexicon's `define:` entries parsed so far, by name: `$name` in a pattern stands for one.
    public var definitions: [String: Pattern] = [:]

    public init(tokenizer: Tokenizer) { self.tokenizer = tokenizer }

    /// The most elements a pattern may have once its definitions are expanded: definitions
    /// that use definitions could otherwise multiply a pattern's size without bound.
    public static let maxElements = 4_096

    /// The deepest brackets may nest: the parser, and everything that walks a pattern,
    /// recurses once per level, and ten thousand `(` in a trainer's file must not overflow
    /// the stack.
    public static let maxNesting = 32

    public func parse(_ source: String) throws(PatternSyntaxError) -> Pattern {
        let pattern = try parsePart(source)
        if pattern.canBeEmpty {
            throw PatternSyntaxError(offset: 0, message: "the pattern can match nothing at all; make some word required")
        }
        return pattern
    }

    /// Parses the pattern of a `define:` entry, which, unlike a whole pattern, may be optional.
    public func parseDefinition(_ source: String) throws(PatternSyntaxError) -> Pattern {
        try parsePart(source)
    }

    private func parsePart(_ source: String) throws(PatternSyntaxError) -> Pattern {
        var lexer = Lexer(scalars: Array(source.unicodeScalars))
        let pattern = try parseAlternatives(&lexer, closing: nil)
        if case .sequence(let items) = pattern {
            if case .gap = items.first { throw PatternSyntaxError(offset: 0, message: "a pattern cannot begin with a gap") }
            if case .gap = items.last {
                throw PatternSyntaxError(offset: source.unicodeScalars.count - 1, message: "a pattern cannot end with a gap")
            }
        }
        if pattern.elementCount > Self.maxElements {
            throw PatternSyntaxError(
                offset: 0,
                message: "the pattern has \(pattern.elementCount) elements once its definitions are expanded; the limit is \(Self.maxElements)")
        }
        return pattern
    }

    /// Whether `name` can name a definition: letters, digits, `-` and `_`.
    public static func isDefinitionName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy(isNameScalar)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "_"
    }

    private struct Lexer {
        var scalars: [Unicode.Scalar]
        var position = 0
        var depth = 0

        var atEnd: Bool { position >= scalars.count }

        mutating func skipSpaces() {
            while !atEnd, scalars[position].properties.isWhitespace { position += 1 }
        }

        func peek() -> Unicode.Scalar? { atEnd ? nil : scalars[position] }
    }

    private static let specials: Set<Unicode.Scalar> = ["(", ")", "[", "]", "|", "~", "^", "<", ">", "?", "!", "@", "$"]

    /// The named elements written `@keyword`, by their folded keyword.
    private static let keywords: [String: Pattern] = ["name": .properName, "number": .number]

    private func parseAlternatives(_ lexer: inout Lexer, closing: Unicode.Scalar?) throws(PatternSyntaxError) -> Pattern {
        let open = lexer.position - 1
        var alternatives: [Pattern] = []
        while true {
            let start = lexer.position
            let sequence = try parseSequence(&lexer)
            lexer.skipSpaces()
            if sequence.isEmpty {
                throw PatternSyntaxError(offset: start, message: "an empty alternative")
            }
            alternatives.append(sequence.count == 1 ? sequence[0] : .sequence(sequence))
            guard let next = lexer.peek() else {
                if let closing {
                    throw PatternSyntaxError(offset: open, message: "'\(closing == ")" ? "(" : "[")' is never closed")
                }
                break
            }
            if next == "|" {
                lexer.position += 1
                continue
            }
            if next == closing {
                lexer.position += 1
                break
            }
            throw PatternSyntaxError(offset: lexer.position, message: "unexpected '\(next)'")
        }
        if closing == nil {
            guard alternatives.count == 1 else {
                return .choice(alternatives, optional: false)
            }
            return alternatives[0]
        }
        return .choice(alternatives, optional: closing == "]")
    }

    private func parseSequence(_ lexer: inout Lexer) throws(PatternSyntaxError) -> [Pattern] {
        var items: [Pattern] = []
        while true {
            lexer.skipSpaces()
            guard let scalar = lexer.peek() else { return items }
            let start = lexer.position
            switch scalar {
            case "|", ")", "]":
                return items
            case "(", "[":
                lexer.position += 1
                lexer.depth += 1
                guard lexer.depth <= Self.maxNesting else {
                    throw PatternSyntaxError(
                        offset: start, message: "brackets are nested more than \(Self.maxNesting) deep")
                }
                items.append(try parseAlternatives(&lexer, closing: scalar == "(" ? ")" : "]"))
                lexer.depth -= 1
            case "~":
                lexer.position += 1
                var digits = ""
                while let next = lexer.peek(), next.properties.numericType != nil, next.isASCII {
                    digits.unicodeScalars.append(next)
                    lexer.position += 1
                }
                let size = digits.isEmpty ? 3 : (Int(digits) ?? .max)
                guard (1...Pattern.maxGap).contains(size) else {
                    throw PatternSyntaxError(offset: start, message: "a gap must be ~1 to ~\(Pattern.maxGap)")
                }
                items.append(.gap(size))
            case "^":
                lexer.position += 1
                items.append(.anchor(.replyStart))
            case "<":
                lexer.position += 1
                items.append(.anchor(.sentenceStart))
            case ">":
                lexer.position += 1
                items.append(.anchor(.sentenceEnd))
            case "?":
                lexer.position += 1
                items.append(.mark(.questionMark))
            case "!":
                lexer.position += 1
                items.append(.mark(.exclamationMark))
            case "$":
                lexer.position += 1
                var name = ""
                while let next = lexer.peek(), Self.isNameScalar(next) {
                    name.unicodeScalars.append(next)
                    lexer.position += 1
                }
                guard let definition = definitions[name] else {
                    let known = definitions.keys.sorted()
                    let message =
                        name.isEmpty
                        ? "'$' must be followed by the name of a definition"
                        : known.isEmpty
                            ? "'$\(name)' is not defined: the lexicon has no `define:` entries above its use"
                            : "'$\(name)' is not defined above\(Suggestion.hint(for: name, in: known))"
                    throw PatternSyntaxError(offset: start, message: message)
                }
                items.append(definition)
            case "@":
                lexer.position += 1
                var keyword = ""
                while let next = lexer.peek(), next.properties.isAlphabetic {
                    keyword.unicodeScalars.append(next)
                    lexer.position += 1
                }
                guard let element = Self.keywords[keyword.lowercased()] else {
                    let known = Self.keywords.keys.sorted().map { "@" + $0 }.joined(separator: ", ")
                    let written = keyword.isEmpty ? "'@' alone" : "'@\(keyword)'"
                    throw PatternSyntaxError(offset: start, message: "\(written) is not an element; the elements are \(known)")
                }
                if let next = lexer.peek(), !next.properties.isWhitespace, !Self.specials.contains(next) {
                    throw PatternSyntaxError(
                        offset: lexer.position, message: "'@\(keyword)' must be followed by a space or a bracket")
                }
                items.append(element)
            default:
                var chunk = ""
                while let next = lexer.peek(), !next.properties.isWhitespace, !Self.specials.contains(next) {
                    chunk.unicodeScalars.append(next)
                    lexer.position += 1
                }
                items.append(contentsOf: try words(in: chunk, at: start))
            }
        }
    }

    /// Turns a run of word characters into word, stem and mark elements, as the tokenizer would.
    private func words(in chunk: String, at offset: Int) throws(PatternSyntaxError) -> [Pattern] {
        var text = chunk
        var isStem = false
        var isSuffix = false
        if text.hasPrefix("*") {
            isSuffix = true
            text.removeFirst()
        }
        if text.hasSuffix("*"), !isSuffix {
            isStem = true
            text.removeLast()
        }
        if let star = text.unicodeScalars.firstIndex(of: "*") {
            let position = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: star)
            throw PatternSyntaxError(
                offset: offset + position + (isSuffix ? 1 : 0), message: "'*' may only end a word stem or begin an ending")
        }
        let tokenized = tokenizer.tokenize(text)
        var items: [Pattern] = []
        for token in tokenized.tokens {
            switch token.kind {
            case .word:
                items.append(.word(Array(tokenized.folded[token.foldedStart..<token.foldedEnd])))
            case .period, .questionMark, .exclamationMark:
                items.append(.mark(token.kind))
            case .begin, .end:
                break
            }
        }
        if isStem {
            guard case .word(let letters) = items.last else {
                throw PatternSyntaxError(offset: offset, message: "'*' must follow a word stem")
            }
            guard letters.count >= 2 else {
                throw PatternSyntaxError(offset: offset, message: "a stem needs at least two letters before '*'")
            }
            items[items.count - 1] = .stem(letters)
        }
        if isSuffix {
            guard items.count == 1, case .word(let letters) = items[0] else {
                throw PatternSyntaxError(offset: offset, message: "'*' must be followed by one word ending, as in *ing")
            }
            guard letters.count >= 2 else {
                throw PatternSyntaxError(offset: offset, message: "an ending needs at least two letters after '*'")
            }
            items[0] = .suffix(letters)
        }
        if items.isEmpty {
            // A reply's currency signs are not tokens ("a 10 € voucher" is "a 10 voucher" to the
            // matcher), so a trainer's "10 €" in a pattern means the same words, sign or none.
            if chunk.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .currencySymbol }) { return [] }
            throw PatternSyntaxError(offset: offset, message: "'\(chunk)' contains no word")
        }
        return items
    }
}
