/// Recognises the moves in a trainee's reply, with evidence, for one language.
///
/// Built once from a ``Lexicon`` (all patterns compile into one ``MoveAutomaton``);
/// `detect` is then a pure function of the reply and the customer's names. The
/// steps, and why each exists, are documented in `docs/lexicons.md`.
public struct MoveDetector: Sendable {
    public let lexicon: Lexicon
    let tokenizer: Tokenizer
    let automaton: MoveAutomaton
    /// Per compiled pattern: the move it belongs to, whether it is an `except`, and its source.
    let roles: [Role]

    struct Role: Sendable {
        var move: MoveID
        var isExcept: Bool
        var source: Lexicon.LexiconPattern
    }

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        tokenizer = lexicon.tokenizer
        var roles: [Role] = []
        for move in MoveID.allCases {
            guard let entry = lexicon.moves[move] else { continue }
            roles += entry.patterns.map { Role(move: move, isExcept: false, source: $0) }
            roles += entry.except.map { Role(move: move, isExcept: true, source: $0) }
        }
        self.roles = roles
        automaton = MoveAutomaton(patterns: roles.map(\.source.pattern), cues: lexicon.negationCues.map(\.pattern))
    }

    /// The number of compiled automaton states (for benchmarks and diagnostics).
    public var automatonSize: Int { automaton.stateCount }

    /// Prepares customer names for this detector's language.
    public func customerNames(_ names: [String]) -> CustomerNames { CustomerNames(names, lexicon: lexicon) }

    static func hasStatement(_ tokens: [Token]) -> Bool {
        var words = 0
        for token in tokens {
            switch token.kind {
            case .word: words += 1
            case .questionMark: words = 0
            case .period, .exclamationMark, .end:
                if words >= 2 { return true }
                words = 0
            case .begin: break
            }
        }
        return false
    }

    /// The moves in `text`, each with the words that show it.
    public func detect(_ text: String, names: CustomerNames = .none) -> MoveDetection {
        let tokenized = tokenizer.tokenize(text)
        let atoms = automaton.atoms(of: tokenized)
        let matches = automaton.matches(in: atoms)
        var analysis = Analysis(text: tokenized, atoms: atoms, detector: self)
        analysis.resolve(matches)
        analysis.findNames(names)
        analysis.findShouting()
        analysis.dropCourteousDemands()
        return MoveDetection(
            text: text, moves: analysis.chosenMoves(), rejected: analysis.rejected,
            hasStatement: Self.hasStatement(tokenized.tokens))
    }
}

/// The per-reply work of turning raw matches into moves.
private struct Analysis {
    struct Candidate {
        var pattern: Int?
        var move: MoveID
        var start: Int
        var end: Int
        var firstToken: Int
        var source: DetectedMove.Source
        var patternText: String
    }

    let text: TokenizedText
    let atoms: MoveAutomaton.TokenAtoms
    let detector: MoveDetector
    var candidates: [Candidate] = []
    var rejected: [RejectedMatch] = []

    init(text: TokenizedText, atoms: MoveAutomaton.TokenAtoms, detector: MoveDetector) {
        self.text = text
        self.atoms = atoms
        self.detector = detector
    }

    var isCue: [Bool] { atoms.isCue }

    var tokens: [Token] { text.tokens }

    /// The evidence of tokens `start..<end`: its words, or for a mark alone, the sentence it ends.
    func span(start: Int, end: Int) -> (start: Int, end: Int, firstWord: Int)? {
        let words = (start..<end).filter { tokens[$0].kind == .word }
        if let first = words.first, let last = words.last {
            return (tokens[first].start, tokens[last].end, first)
        }
        guard let mark = (start..<end).first(where: { tokens[$0].kind.endsSentence }) else { return nil }
        var first = mark
        while first > 0, tokens[first - 1].kind == .word { first -= 1 }
        return (tokens[first].start, tokens[mark].end, first)
    }

    func evidence(_ start: Int, _ end: Int) -> String { text.text(from: start, to: end) }

    /// The cue word that negates a match beginning at `firstWord`, if any.
    func negationCue(before firstWord: Int) -> String? {
        var index = firstWord
        var counted = 0
        while counted < detector.lexicon.negationWindow, index > 0 {
            if tokens[index].startsClause { return nil }
            index -= 1
            guard tokens[index].kind == .word else { return nil }
            if isCue[index] { return text.text(from: tokens[index].start, to: tokens[index].end) }
            counted += 1
        }
        return nil
    }

    mutating func resolve(_ matches: [MoveAutomaton.Match]) {
        var exceptSpans: [MoveID: [(start: Int, end: Int, payload: Lexicon.LexiconPattern)]] = [:]
        var seen = Set<[Int]>()
        for match in matches {
            let role = detector.roles[match.pattern]
            guard let span = span(start: match.start, end: match.end) else { continue }
            guard seen.insert([match.pattern, span.start, span.end]).inserted else { continue }
            if role.isExcept {
                exceptSpans[role.move, default: []].append((span.start, span.end, role.source))
                continue
            }
            candidates.append(candidate(pattern: match.pattern, span: span))
        }
        let excepts = exceptSpans.mapValues { SpanIndex($0) }
        var kept: [Candidate] = []
        for candidate in candidates {
            let entry = detector.lexicon.moves[candidate.move]
            if entry?.negation ?? true, let cue = negationCue(before: candidate.firstToken) {
                reject(candidate, .negated(cue: cue))
                // A later, shorter match of the same pattern may stand outside the cue's reach:
                // "не переживайте, я сейчас позвоню" still has "позвоню".
                if let later = laterMatch(after: candidate) { kept.append(later) }
            } else if let blocker = excepts[candidate.move]?.overlapping(candidate.start, candidate.end) {
                reject(candidate, .excepted(pattern: blocker.source, location: blocker.location))
            } else {
                kept.append(candidate)
            }
        }
        // A move that suppresses another takes the words both matched.
        var suppressors: [MoveID: [(start: Int, end: Int, payload: MoveID)]] = [:]
        for winner in kept {
            for loser in detector.lexicon.moves[winner.move]?.suppresses ?? [] where loser != winner.move {
                suppressors[loser, default: []].append((winner.start, winner.end, winner.move))
            }
        }
        let suppression = suppressors.mapValues { SpanIndex($0) }
        candidates = []
        for candidate in kept {
            if let winner = suppression[candidate.move]?.overlapping(candidate.start, candidate.end) {
                reject(candidate, .suppressed(by: winner))
            } else {
                candidates.append(candidate)
            }
        }
    }

    func candidate(pattern: Int, span: (start: Int, end: Int, firstWord: Int)) -> Candidate {
        let role = detector.roles[pattern]
        return Candidate(
            pattern: pattern, move: role.move, start: span.start, end: span.end, firstToken: span.firstWord,
            source: .pattern(text: role.source.source, location: role.source.location),
            patternText: role.source.source)
    }

    /// The first match of the candidate's pattern that starts after it and is not negated.
    func laterMatch(after negated: Candidate) -> Candidate? {
        guard let pattern = negated.pattern else { return nil }
        var start = negated.firstToken + 1
        while start < tokens.count, tokens[start].start < negated.end {
            if tokens[start].kind == .word,
                let end = detector.automaton.longestMatch(of: pattern, at: start, in: atoms),
                let span = span(start: start, end: end), negationCue(before: span.firstWord) == nil
            {
                return candidate(pattern: pattern, span: span)
            }
            start += 1
        }
        return nil
    }

    func overlaps(_ start: Int, _ end: Int, _ candidate: Candidate) -> Bool {
        start < candidate.end && candidate.start < end
    }

    mutating func reject(_ candidate: Candidate, _ reason: RejectedMatch.Reason) {
        var location: SourceLocation?
        if case .pattern(_, let place) = candidate.source { location = place }
        rejected.append(
            RejectedMatch(
                id: candidate.move, evidence: evidence(candidate.start, candidate.end), start: candidate.start,
                end: candidate.end, pattern: candidate.patternText, location: location, reason: reason))
    }

    mutating func findNames(_ names: CustomerNames) {
        guard !names.isEmpty else { return }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.kind == .word,
                let form = names.form(matching: text.folded[token.foldedStart..<token.foldedEnd])
            else {
                index += 1
                continue
            }
            // Take in a title before and further names after: "Mrs Anna Varga".
            var first = index, last = index
            if first > 0, tokens[first - 1].kind == .word, !token.startsClause,
                names.titles.contains(Array(text.folded[tokens[first - 1].foldedStart..<tokens[first - 1].foldedEnd]))
            {
                first -= 1
            }
            while last + 1 < tokens.count, tokens[last + 1].kind == .word, !tokens[last + 1].startsClause,
                names.form(matching: text.folded[tokens[last + 1].foldedStart..<tokens[last + 1].foldedEnd]) != nil
            {
                last += 1
            }
            candidates.append(
                Candidate(
                    pattern: nil, move: .name, start: tokens[first].start, end: tokens[last].end, firstToken: first,
                    source: .customerName(form.display), patternText: form.display))
            index = last + 1
        }
    }

    mutating func findShouting() {
        let rule = detector.lexicon.shouting
        var capitals: [Token] = []
        for token in tokens where token.kind == .word {
            var letters = 0
            var allUpper = true
            for scalar in text.original[token.start..<token.end] {
                let properties = scalar.properties
                if properties.isLowercase {
                    allUpper = false
                    break
                }
                if properties.isUppercase {
                    letters += 1
                } else if properties.numericType != nil {
                    // "EC1A", "PX48" are codes, not raised voices.
                    allUpper = false
                    break
                }
            }
            guard allUpper, letters >= rule.minLetters else { continue }
            if rule.ignore.contains(text.text(from: token.start, to: token.end).lowercased()) { continue }
            capitals.append(token)
        }
        if capitals.count >= rule.minWords, let first = capitals.first, let last = capitals.last {
            candidates.append(
                Candidate(
                    pattern: nil, move: .shouting, start: first.start, end: last.end, firstToken: 0, source: .capitals,
                    patternText: "capitals"))
        }
        for (index, token) in tokens.enumerated()
        where token.kind == .exclamationMark && exclamationCount(token) >= rule.exclamations {
            if let span = span(start: index, end: index + 1) {
                candidates.append(
                    Candidate(
                        pattern: nil, move: .shouting, start: span.start, end: span.end, firstToken: span.firstWord,
                        source: .exclamations, patternText: "exclamations"))
            }
            break
        }
    }

    func exclamationCount(_ token: Token) -> Int {
        text.original[token.start..<token.end].filter { $0 == "!" || $0 == "\u{FF01}" }.count
    }

    mutating func dropCourteousDemands() {
        guard let courtesy = candidates.first(where: { MoveID.courtesy.contains($0.move) })?.move else { return }
        let demands = candidates.filter { $0.move == .bareDemand }
        candidates.removeAll { $0.move == .bareDemand }
        for demand in demands { reject(demand, .courtesy(courtesy)) }
    }

    /// One entry per move: its earliest evidence, the longest at that start.
    func chosenMoves() -> [DetectedMove] {
        var best: [MoveID: Candidate] = [:]
        for candidate in candidates {
            if let current = best[candidate.move],
                current.start < candidate.start || (current.start == candidate.start && current.end >= candidate.end)
            {
                continue
            }
            best[candidate.move] = candidate
        }
        return best.values
            .sorted { ($0.start, $0.move) < ($1.start, $1.move) }
            .map {
                DetectedMove(
                    id: $0.move, evidence: evidence($0.start, $0.end), start: $0.start, end: $0.end, source: $0.source)
            }
    }
}
