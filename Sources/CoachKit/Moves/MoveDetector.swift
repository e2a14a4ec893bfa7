import Synchronization

/// Recognises the moves in a trainee's reply, with evidence, for one language.
///
/// Built once from a ``Lexicon`` (all patterns compile into one ``MoveAutomaton``);
/// `detect` is then a pure function of the reply and the customer's names. The
/// steps, and why each exists, are documented in `docs/lexicons.md`.
public struct MoveDetector: Sendable {
    public private(set) var lexicon: Lexicon
    let tokenizer: Tokenizer
    let automaton: MoveAutomaton
    /// Per compiled pattern: the move it belongs to, whether it is an `except`, and its source.
    /// The patterns of ``added`` come last, from ``addedOffset`` on.
    private(set) var roles: [Role]
    /// The patterns a scenario adds to the lexicon (its `phrases:`), compiled apart so that
    /// every scenario need not compile the whole lexicon again (see ``extended(to:)``).
    private(set) var added: MoveAutomaton?
    /// The index in `roles` of the first pattern of ``added``.
    let addedOffset: Int

    /// Per move, by its rank in `MoveID.allCases`: the lexicon's rules for it, looked up once
    /// here so that `detect` neither hashes nor compares move ids.
    let rules: [MoveRules]
    /// Per clause fact: how far it holds, and its name.
    let factScopes: [Lexicon.ClauseFact.Scope]
    let factNames: [String]
    /// The word each `spellings:` form stands for, by the folded form (for explanations).
    let spellingWords: [String: String]
    /// Every move's `emoji:` entries, with the move and its rank, and their indices by base
    /// pictograph: a reply's emoji are looked up here, beside the automaton.
    let emoji: [(entry: Lexicon.LexiconEmoji, move: MoveID, rank: Int)]
    let emojiByBase: [UInt32: [Int]]

    struct Role: Sendable {
        var move: MoveID
        var isExcept: Bool
        var source: Lexicon.LexiconPattern
        /// `move`'s rank in `MoveID.allCases` (its order and its index in `rules`).
        var rank: Int = 0
        /// For a pattern of a clause fact, the fact's index in `lexicon.clauseFacts`; else -1.
        var fact: Int = -1
        /// The pattern's own clause filter, as indices in `lexicon.clauseFacts`.
        var factsAny: [Int] = []
        var factsNone: [Int] = []
    }

    struct MoveRules: Sendable {
        var move: MoveID
        /// Whether a negation cue before a match drops it (true for a move the lexicon lacks).
        var negation: Bool
        /// The ranks of the moves whose overlapping evidence this move replaces (never itself).
        var suppresses: [Int]
        /// The ranks of the moves whose matches in this move's clauses it replaces (never itself).
        var clauseSuppresses: [Int]
        /// The clause facts (indices in `lexicon.clauseFacts`) a match needs one of, or must lack.
        var factsAny: [Int] = []
        var factsNone: [Int] = []
        /// Whether a match may take in a word read with one typo.
        var typos = true
        var isCourtesy: Bool
    }

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        tokenizer = lexicon.tokenizer
        let ranks = Dictionary(uniqueKeysWithValues: MoveID.allCases.enumerated().map { ($1, $0) })
        var roles: [Role] = []
        for move in MoveID.allCases {
            guard let entry = lexicon.moves[move] else { continue }
            roles += entry.patterns.map { Role(move: move, isExcept: false, source: $0, rank: ranks[move]!) }
            roles += entry.except.map { Role(move: move, isExcept: true, source: $0, rank: ranks[move]!) }
        }
        for (index, fact) in lexicon.clauseFacts.enumerated() {
            roles += fact.patterns.map { Role(move: .greeting, isExcept: false, source: $0, fact: index) }
        }
        let factIndex = Self.factIndex(of: lexicon)
        Self.numberFacts(of: &roles, by: factIndex)
        self.roles = roles
        addedOffset = roles.count
        rules = MoveID.allCases.map { move in
            let entry = lexicon.moves[move]
            return MoveRules(
                move: move, negation: entry?.negation ?? true,
                suppresses: (entry?.suppresses ?? []).filter { $0 != move }.map { ranks[$0]! },
                clauseSuppresses: (entry?.clauseSuppresses ?? []).filter { $0 != move }.map { ranks[$0]! },
                factsAny: (entry?.clause.any ?? []).compactMap { factIndex[$0] },
                factsNone: (entry?.clause.none ?? []).compactMap { factIndex[$0] },
                typos: entry?.typos ?? true,
                isCourtesy: MoveID.courtesy.contains(move))
        }
        let normaliser = TextNormaliser(foldsDiacritics: lexicon.foldsDiacritics, equivalents: lexicon.equivalents)
        spellingWords = Dictionary(
            lexicon.spellings.map { spelling in
                (String(String.UnicodeScalarView(normaliser.fold(spelling.typed).compactMap(Unicode.Scalar.init))), spelling.word)
            }, uniquingKeysWith: { first, _ in first })
        factScopes = lexicon.clauseFacts.map(\.scope)
        factNames = lexicon.clauseFacts.map(\.name)
        let emoji = MoveID.allCases.enumerated().flatMap { rank, move in
            (lexicon.moves[move]?.emoji ?? []).map { (entry: $0, move: move, rank: rank) }
        }
        self.emoji = emoji
        emojiByBase = Dictionary(grouping: emoji.indices, by: { emoji[$0].entry.base })
        automaton = Self.automaton(of: roles, lexicon: lexicon)
    }

    /// Each clause fact's number, by name (the first of a name, if written twice).
    private static func factIndex(of lexicon: Lexicon) -> [String: Int] {
        Dictionary(lexicon.clauseFacts.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Turns each role's clause filter into fact numbers, once, so that matching never looks a name up.
    private static func numberFacts(of roles: inout [Role], by factIndex: [String: Int]) {
        for index in roles.indices where !roles[index].source.clause.isEmpty {
            roles[index].factsAny = roles[index].source.clause.any.compactMap { factIndex[$0] }
            roles[index].factsNone = roles[index].source.clause.none.compactMap { factIndex[$0] }
        }
    }

    /// The automaton of `roles`' patterns, with the lexicon's cues, barriers and word lists.
    private static func automaton(of roles: [Role], lexicon: Lexicon) -> MoveAutomaton {
        let spellings = lexicon.foldedSpellings
        return MoveAutomaton(
            patterns: roles.map(\.source.pattern), cues: lexicon.negationCues.map(\.pattern),
            barriers: lexicon.negationBarriers.map(\.pattern),
            notNames: lexicon.foldedNotNames, fillers: lexicon.foldedFillers,
            spellings: spellings + possessivesTypedBare(in: roles.map(\.source.pattern), besides: spellings),
            typoMinimum: lexicon.typoMinimum, readsGreeklish: lexicon.readsGreeklish)
    }

    /// Each pattern word that ends in a possessive "'s", as typed without its apostrophe
    /// ("the couriers fault", "the chefs counter"), unless a spelling already reads that form.
    ///
    /// A trainee in a hurry drops the apostrophe; whoever writes the pattern cannot list every
    /// such noun in `spellings:`. The bare form is one more reading of the typed word, so the
    /// plural it often also is ("couriers") still matches as before.
    static func possessivesTypedBare(
        in patterns: [Pattern], besides spellings: [([UInt32], [UInt32])]
    ) -> [([UInt32], [UInt32])] {
        let apostrophe: UInt32 = 0x27, s: UInt32 = 0x73
        var taken = Set(spellings.map(\.0))
        var found: [([UInt32], [UInt32])] = []
        func visit(_ pattern: Pattern) {
            switch pattern {
            case .word(let scalars):
                // Two letters at least before the "'s": a lone "'s" is not a word of its own.
                guard scalars.count >= 4, scalars[scalars.count - 2] == apostrophe, scalars.last == s else { return }
                let bare = Array(scalars[..<(scalars.count - 2)]) + [s]
                if taken.insert(bare).inserted { found.append((bare, scalars)) }
            case .sequence(let parts), .choice(let parts, _):
                parts.forEach(visit)
            default:
                return
            }
        }
        patterns.forEach(visit)
        return found
    }

    /// The possessive a bare word was read as (``possessivesTypedBare(in:besides:)``): the one
    /// reading that is neither a typo, a listed spelling nor Greeklish.
    static func possessive(ofBare word: String) -> String? {
        guard word.count >= 3, word.hasSuffix("s") else { return nil }
        return word.dropLast() + "'s"
    }

    /// The number of compiled automaton states (for benchmarks and diagnostics).
    public var automatonSize: Int { automaton.stateCount }

    /// The detector of `extended`, which is this detector's lexicon with patterns added to
    /// its moves (``Lexicon/adding(_:diagnostics:)``: a scenario's `phrases:`).
    ///
    /// The added patterns compile into a small automaton of their own, run beside the
    /// lexicon's; their matches join the lexicon's before anything else is decided, and a
    /// word either automaton knows is read as a typo by neither, so the moves found are those
    /// of one automaton of both. Compiling a scenario's phrases then costs milliseconds
    /// instead of the whole lexicon's compile.
    public func extended(to extended: Lexicon) -> MoveDetector {
        guard added == nil else { return MoveDetector(lexicon: extended) }
        var addedRoles: [Role] = []
        for (rank, move) in MoveID.allCases.enumerated() {
            let own = lexicon.moves[move]?.patterns.count ?? 0
            guard let patterns = extended.moves[move]?.patterns, patterns.count > own else { continue }
            addedRoles += patterns[own...].map { Role(move: move, isExcept: false, source: $0, rank: rank) }
        }
        var detector = self
        detector.lexicon = extended
        guard !addedRoles.isEmpty else { return detector }
        Self.numberFacts(of: &addedRoles, by: Self.factIndex(of: lexicon))
        detector.roles += addedRoles
        detector.added = Self.automaton(of: addedRoles, lexicon: lexicon)
        return detector
    }

    /// Whether the patterns ``extended(to:)`` added can change which moves `text` is read
    /// as: they match in it, or they know one of its words (which the lexicon's automaton
    /// then reads as no typo). When they cannot, `text` is read as the lexicon alone reads
    /// it, and a reading already made without them stands (lint's ``ExampleReadings``).
    func addedPatternsBear(on text: String) -> Bool {
        guard let added else { return false }
        let tokenized = tokenizer.tokenize(text)
        if added.knowsAWord(of: tokenized) { return true }
        return !added.matches(in: added.atoms(of: tokenized, beside: automaton)).isEmpty
    }

    /// The detectors compiled so far, by lexicon file and version: a test run, `coach test`
    /// or `coach lint` sets up hundreds of scenarios on a few lexicons.
    private static let compiledDetectors = Mutex<[String: Compilation]>([:])

    /// One lexicon version's detector, compiled by the first thread that asks for it while
    /// the others wait: lint's workers start on the same lexicons at once, and compiling
    /// the English one twice would cost a third of a second of a core.
    private final class Compilation: Sendable {
        let detector = Mutex<MoveDetector?>(nil)
    }

    /// The detector of `lexicon`, compiled once per process for each version of its file
    /// (a lexicon not read from a file, ``Lexicon/version`` empty, is compiled each time).
    public static func compiled(for lexicon: Lexicon) -> MoveDetector {
        guard !lexicon.version.isEmpty else { return MoveDetector(lexicon: lexicon) }
        let key = lexicon.file + "\n" + lexicon.version
        let compilation = compiledDetectors.withLock { cache in
            if let known = cache[key] { return known }
            // A watch that edits a lexicon makes a new version at each save; keep a few.
            if cache.count >= 16 { cache.removeAll() }
            let started = Compilation()
            cache[key] = started
            return started
        }
        // Held while compiling: a second thread asking for this version waits for it.
        return compilation.detector.withLock { detector in
            if let detector { return detector }
            let compiled = MoveDetector(lexicon: lexicon)
            detector = compiled
            return compiled
        }
    }

    /// Prepares customer names for this detector's language.
    public func customerNames(_ names: [String]) -> CustomerNames { CustomerNames(names, lexicon: lexicon) }

    /// The matches of both automata by where they end, the lexicon's first at each end (the
    /// order one automaton reports them in); the added ones' patterns numbered after the lexicon's.
    static func merged(_ own: [MoveAutomaton.Match], _ added: [MoveAutomaton.Match], offset: Int) -> [MoveAutomaton.Match] {
        guard !added.isEmpty else { return own }
        var result: [MoveAutomaton.Match] = []
        result.reserveCapacity(own.count + added.count)
        var next = 0
        for match in added {
            while next < own.count, own[next].end <= match.end {
                result.append(own[next])
                next += 1
            }
            result.append(MoveAutomaton.Match(pattern: match.pattern + offset, start: match.start, end: match.end))
        }
        result += own[next...]
        return result
    }

    /// The words read as others by either automaton, once each, in reply order.
    static func merged(_ own: [(token: Int, typo: Bool)], _ added: [(token: Int, typo: Bool)]) -> [(token: Int, typo: Bool)] {
        guard !added.isEmpty else { return own }
        var byToken: [Int: Bool] = [:]
        for reading in own + added { byToken[reading.token] = (byToken[reading.token] ?? false) || reading.typo }
        return byToken.keys.sorted().map { ($0, byToken[$0]!) }
    }

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
        var atoms = automaton.atoms(of: tokenized, beside: added)
        var matches = automaton.matches(in: atoms)
        var addedAtoms: MoveAutomaton.TokenAtoms?
        if let added {
            let extra = added.atoms(of: tokenized, beside: automaton)
            matches = Self.merged(matches, added.matches(in: extra), offset: addedOffset)
            atoms.readings = Self.merged(atoms.readings, extra.readings)
            addedAtoms = extra
        }
        var analysis = Analysis(text: tokenized, atoms: atoms, addedAtoms: addedAtoms, detector: self)
        analysis.resolve(matches, automaton: automaton)
        analysis.findNames(names)
        analysis.findShouting()
        analysis.findEmoji()
        analysis.dropCourteousDemands()
        // Offsets count the recomposed scalars, so the detection carries that text.
        var detection = MoveDetection(
            text: tokenized.isRecomposed ? tokenized.text(from: 0, to: tokenized.original.count) : text,
            moves: analysis.chosenMoves(), rejected: analysis.rejected,
            hasStatement: Self.hasStatement(tokenized.tokens))
        detection.readings = atoms.readings.map { reading in
            let token = tokenized.tokens[reading.token]
            let word = tokenized.text(from: token.start, to: token.end)
            return WordReading(
                word: word, start: token.start, end: token.end,
                readAs: reading.typo
                    ? nil
                    : spellingWords[tokenized.foldedWord(token)]
                        ?? automaton.greeklishWord(for: tokenized.folded[token.foldedStart..<token.foldedEnd])
                        ?? Self.possessive(ofBare: tokenized.foldedWord(token)))
        }
        return detection
    }
}

/// The per-reply work of turning raw matches into moves.
///
/// Moves are handled by rank (their index in `MoveID.allCases`, which is also their order),
/// and a candidate's source and pattern text are only made when it becomes a move or a
/// rejection: this runs for every reply, so it avoids hashing move ids and copying strings.
private struct Analysis {
    struct Candidate {
        var move: MoveID
        var rank: Int
        var start: Int
        var end: Int
        var firstToken: Int
        var origin: Origin
        /// Where the tokens the pattern itself matched begin, when the evidence starts earlier:
        /// a mark alone (`?`) quotes its sentence but matched only the mark.
        var ownStart: Int? = nil

        var pattern: Int? {
            if case .pattern(let index) = origin { return index }
            return nil
        }
    }

    /// What found a candidate: a lexicon pattern (by index) or a built-in check. Plain
    /// numbers, so that copying a candidate costs no reference counting.
    enum Origin {
        case pattern(Int)
        /// The customer name form, by its index in `names.forms`.
        case customerName(Int)
        case capitals
        case exclamations
        /// A lexicon `emoji:` entry, by its index in ``MoveDetector/emoji``.
        case emoji(Int)
    }

    /// A match's identity for de-duplication: its pattern and the evidence it covers.
    struct SpanKey: Hashable {
        var pattern: Int
        var start: Int
        var end: Int
    }

    static let nameRank = MoveID.allCases.firstIndex(of: .name)!
    static let shoutingRank = MoveID.allCases.firstIndex(of: .shouting)!
    static let bareDemandRank = MoveID.allCases.firstIndex(of: .bareDemand)!

    let text: TokenizedText
    let tokens: [Token]
    let atoms: MoveAutomaton.TokenAtoms
    /// The scenario's own patterns' automaton and atoms, if it has any (``MoveDetector/added``):
    /// a pattern from `addedOffset` on is looked for again there.
    let added: MoveAutomaton?
    let addedAtoms: MoveAutomaton.TokenAtoms?
    let addedOffset: Int
    let roles: [MoveDetector.Role]
    let rules: [MoveDetector.MoveRules]
    let emoji: [(entry: Lexicon.LexiconEmoji, move: MoveID, rank: Int)]
    let emojiByBase: [UInt32: [Int]]
    let negationWindow: Int
    let shouting: Lexicon.ShoutingRule
    /// Per clause fact: how far it holds, and its name.
    let factScopes: [Lexicon.ClauseFact.Scope]
    let factNames: [String]
    var candidates: [Candidate] = []
    var rejected: [RejectedMatch] = []
    /// The customer's names, once `findNames` has looked for them.
    var names = CustomerNames.none
    /// Where the `name` move's `except:` patterns matched: a customer called Nagy ("big") or
    /// Negru ("black") is not addressed in "a big problem" or "the black model".
    var nameExcepts: SpanIndex<Lexicon.LexiconPattern>?

    init(text: TokenizedText, atoms: MoveAutomaton.TokenAtoms, addedAtoms: MoveAutomaton.TokenAtoms?, detector: MoveDetector) {
        self.text = text
        tokens = text.tokens
        self.atoms = atoms
        self.addedAtoms = addedAtoms
        added = detector.added
        addedOffset = detector.addedOffset
        roles = detector.roles
        rules = detector.rules
        emoji = detector.emoji
        emojiByBase = detector.emojiByBase
        negationWindow = detector.lexicon.negationWindow
        shouting = detector.lexicon.shouting
        factScopes = detector.factScopes
        factNames = detector.factNames
    }

    var isCue: [Bool] { atoms.isCue }
    var isBarrier: [Bool] { atoms.isBarrier }

    /// The evidence of tokens `start..<end`: its words, or for a mark alone, the sentence it
    /// ends (then `ownStart` is where the mark itself begins).
    func span(start: Int, end: Int) -> (start: Int, end: Int, firstWord: Int, ownStart: Int?)? {
        var firstWord = -1, lastWord = -1
        for index in start..<end where tokens[index].kind == .word {
            if firstWord < 0 { firstWord = index }
            lastWord = index
        }
        if firstWord >= 0 {
            return (tokens[firstWord].start, tokens[lastWord].end, firstWord, nil)
        }
        guard let mark = (start..<end).first(where: { tokens[$0].kind.endsSentence }) else { return nil }
        var first = mark
        while first > 0, tokens[first - 1].kind == .word { first -= 1 }
        return (tokens[first].start, tokens[mark].end, first, first == mark ? nil : tokens[mark].start)
    }

    func evidence(_ start: Int, _ end: Int) -> String { text.evidence(from: start, to: end) }

    /// The cue word that negates a match beginning at `firstWord`, if any.
    func negationCue(before firstWord: Int) -> String? {
        var index = firstWord
        var counted = 0
        while counted < negationWindow, index > 0 {
            if tokens[index].startsClause || isBarrier[index] { return nil }
            index -= 1
            guard tokens[index].kind == .word else { return nil }
            if isCue[index] { return evidence(tokens[index].start, tokens[index].end) }
            counted += 1
        }
        return nil
    }

    mutating func resolve(_ matches: [MoveAutomaton.Match], automaton: MoveAutomaton) {
        // Per move rank; made on the first except match, as most replies have none.
        var exceptSpans: [[(start: Int, end: Int, payload: Lexicon.LexiconPattern)]] = []
        // Per clause fact: the stretches of the reply it holds for, with the words that show it.
        var factSpans: [[(start: Int, end: Int, payload: String)]] = []
        var seen = Set<SpanKey>(minimumCapacity: matches.count)
        candidates.reserveCapacity(matches.count)
        for match in matches {
            let role = roles[match.pattern]
            guard let span = span(start: match.start, end: match.end) else { continue }
            guard seen.insert(SpanKey(pattern: match.pattern, start: span.start, end: span.end)).inserted else {
                continue
            }
            if role.fact >= 0 {
                if factSpans.isEmpty { factSpans = Array(repeating: [], count: factScopes.count) }
                let extent: (start: Int, end: Int)
                switch factScopes[role.fact] {
                case .clause: extent = clauseExtent(firstToken: span.firstWord, end: span.end)
                case .sentence: extent = sentenceExtent(firstToken: span.firstWord, end: span.end)
                case .reply: extent = (tokens.first?.start ?? 0, tokens.last?.end ?? span.end)
                }
                factSpans[role.fact].append((extent.start, extent.end, evidence(span.start, span.end)))
                continue
            }
            if role.isExcept {
                if exceptSpans.isEmpty { exceptSpans = Array(repeating: [], count: rules.count) }
                exceptSpans[role.rank].append((span.start, span.end, role.source))
                continue
            }
            candidates.append(candidate(pattern: match.pattern, span: span))
        }
        let excepts = exceptSpans.map { $0.isEmpty ? nil : SpanIndex($0) }
        if excepts.indices.contains(Self.nameRank) { nameExcepts = excepts[Self.nameRank] }
        let facts = factSpans.map { $0.isEmpty ? nil : SpanIndex($0) }
        var kept: [Candidate] = []
        kept.reserveCapacity(candidates.count)
        for candidate in candidates {
            if rules[candidate.rank].negation, let cue = negationCue(before: candidate.firstToken) {
                reject(candidate, .negated(cue: cue))
                // A later, shorter match of the same pattern may stand outside the cue's reach:
                // "не переживайте, я сейчас позвоню" still has "позвоню".
                if let later = laterMatch(after: candidate, automaton: automaton) { kept.append(later) }
            } else if !excepts.isEmpty,
                // An except judges the words the pattern matched: "uh-huh" is excepted from
                // `question`, but "uh-huh?" ends with a question mark all the same.
                let blocker = excepts[candidate.rank]?.overlapping(candidate.ownStart ?? candidate.start, candidate.end)
            {
                reject(candidate, .excepted(pattern: blocker.source, location: blocker.location))
            } else if !rules[candidate.rank].typos, let word = typoWord(in: candidate),
                !matchesWithoutTypos(candidate, automaton: automaton)
            {
                reject(candidate, .typo(word: word))
            } else if let reason = clauseReason(candidate, facts: facts) {
                reject(candidate, reason)
            } else {
                kept.append(candidate)
            }
        }
        // A move that suppresses another takes the words both matched.
        var suppressors: [[(start: Int, end: Int, payload: MoveID)]] = []
        for winner in kept {
            for loser in rules[winner.rank].suppresses {
                if suppressors.isEmpty { suppressors = Array(repeating: [], count: rules.count) }
                suppressors[loser].append((winner.start, winner.end, winner.move))
            }
        }
        let suppression = suppressors.map { $0.isEmpty ? nil : SpanIndex($0) }
        let clauseSuppression = clauseSuppressors(kept)
        candidates.removeAll(keepingCapacity: true)
        for candidate in kept {
            if !suppression.isEmpty, let winner = suppression[candidate.rank]?.overlapping(candidate.start, candidate.end) {
                reject(candidate, .suppressed(by: winner))
            } else if !clauseSuppression.isEmpty,
                let winner = clauseSuppression[candidate.rank]?.overlapping(candidate.start, candidate.start + 1)
            {
                reject(candidate, .suppressedInClause(by: winner))
            } else {
                candidates.append(candidate)
            }
        }
    }

    /// Per move rank, the stretches of the reply that a `clause-suppresses` winner covers:
    /// from the start of the clause its evidence starts in to the end of the clause it ends
    /// in. A loser whose evidence starts there is dropped.
    func clauseSuppressors(_ kept: [Candidate]) -> [SpanIndex<MoveID>?] {
        var spans: [[(start: Int, end: Int, payload: MoveID)]] = []
        for winner in kept where !rules[winner.rank].clauseSuppresses.isEmpty {
            let clause = clauseExtent(winner)
            for loser in rules[winner.rank].clauseSuppresses {
                if spans.isEmpty { spans = Array(repeating: [], count: rules.count) }
                spans[loser].append((clause.start, clause.end, winner.move))
            }
        }
        return spans.map { $0.isEmpty ? nil : SpanIndex($0) }
    }

    /// The atoms of the reply with no word read as a typo, made the first time a move that
    /// takes no typos needs them.
    var atomsWithoutTypos: MoveAutomaton.TokenAtoms?
    var addedAtomsWithoutTypos: MoveAutomaton.TokenAtoms?

    /// Whether the candidate's pattern matches at its start without any typo reading: a word
    /// read with a typo inside a gap ("~3") does not make the match a typo's.
    mutating func matchesWithoutTypos(_ candidate: Candidate, automaton: MoveAutomaton) -> Bool {
        guard let pattern = candidate.pattern else { return true }
        let isAdded = pattern >= addedOffset
        let automaton = isAdded ? added! : automaton
        let own = isAdded ? pattern - addedOffset : pattern
        let withoutTypos: MoveAutomaton.TokenAtoms
        if isAdded {
            if addedAtomsWithoutTypos == nil { addedAtomsWithoutTypos = automaton.atoms(of: text, typos: false) }
            withoutTypos = addedAtomsWithoutTypos!
        } else {
            if atomsWithoutTypos == nil { atomsWithoutTypos = automaton.atoms(of: text, typos: false) }
            withoutTypos = atomsWithoutTypos!
        }
        // A pattern may begin with an anchor (`<`), which takes the token before its first word.
        for begin in [candidate.firstToken, candidate.firstToken - 1] where begin >= 0 {
            if let end = automaton.longestMatch(of: own, at: begin, in: withoutTypos),
                end > candidate.firstToken
            {
                return true
            }
        }
        return false
    }

    /// The first word of a candidate's evidence that was read with one typo, if any.
    func typoWord(in candidate: Candidate) -> String? {
        for reading in atoms.readings where reading.typo && reading.token >= candidate.firstToken {
            let token = tokens[reading.token]
            if token.start < candidate.end { return evidence(token.start, token.end) }
        }
        return nil
    }

    /// Why a candidate's clause rules it out (`clause: {any:, none:}`), or nil.
    func clauseReason(_ candidate: Candidate, facts: [SpanIndex<String>?]) -> RejectedMatch.Reason? {
        func found(_ fact: Int) -> String? {
            guard fact < facts.count else { return nil }
            return facts[fact]?.overlapping(candidate.start, candidate.start + 1)
        }
        func reason(any: [Int], none: [Int]) -> RejectedMatch.Reason? {
            for fact in none {
                if let words = found(fact) { return .clauseHas(fact: factNames[fact], words: words) }
            }
            if !any.isEmpty, !any.contains(where: { found($0) != nil }) {
                return .clauseLacks(facts: any.map { factNames[$0] })
            }
            return nil
        }
        // The move's filter, then the pattern's own: a match must pass both.
        let rule = rules[candidate.rank]
        if !rule.factsAny.isEmpty || !rule.factsNone.isEmpty,
            let reason = reason(any: rule.factsAny, none: rule.factsNone)
        {
            return reason
        }
        guard let pattern = candidate.pattern, !roles[pattern].factsAny.isEmpty || !roles[pattern].factsNone.isEmpty
        else { return nil }
        return reason(any: roles[pattern].factsAny, none: roles[pattern].factsNone)
    }

    /// The scalar offsets of the clauses a candidate's evidence touches.
    func clauseExtent(_ candidate: Candidate) -> (start: Int, end: Int) {
        clauseExtent(firstToken: candidate.firstToken, end: candidate.end)
    }

    /// The scalar offsets of the clauses touched by evidence from token `firstToken` to offset `end`.
    ///
    /// A clause ends at a comma or another clause break, and before a negation barrier
    /// ("but", a new subject) typed without one: "I can't give you a free phone but I can
    /// add free delivery" is two clauses.
    func clauseExtent(firstToken: Int, end: Int) -> (start: Int, end: Int) {
        var first = firstToken
        while first > 0, !startsClause(first), tokens[first - 1].kind == .word { first -= 1 }
        var last = firstToken
        while last + 1 < tokens.count, tokens[last + 1].kind == .word,
            tokens[last + 1].start < end || !startsClause(last + 1)
        {
            last += 1
        }
        return (tokens[first].start, tokens[last].end)
    }

    func startsClause(_ token: Int) -> Bool { tokens[token].startsClause || isBarrier[token] }

    /// The scalar offsets of the sentences touched by evidence from token `firstToken` to `end`.
    func sentenceExtent(firstToken: Int, end: Int) -> (start: Int, end: Int) {
        var first = firstToken
        while first > 0, tokens[first - 1].kind == .word { first -= 1 }
        var last = firstToken
        while last + 1 < tokens.count {
            let next = tokens[last + 1]
            // Inside the evidence, or a word of the same sentence: evidence that ends with
            // its own "?" has ended its sentence, and the next word starts another.
            guard next.start < end || (next.kind == .word && !tokens[last].kind.endsSentence) else { break }
            last += 1
        }
        while last > first, tokens[last].kind != .word { last -= 1 }
        return (tokens[first].start, tokens[last].end)
    }

    func candidate(pattern: Int, span: (start: Int, end: Int, firstWord: Int, ownStart: Int?)) -> Candidate {
        let role = roles[pattern]
        return Candidate(
            move: role.move, rank: role.rank, start: span.start, end: span.end, firstToken: span.firstWord,
            origin: .pattern(pattern), ownStart: span.ownStart)
    }

    /// The first match of the candidate's pattern that starts after it and is not negated.
    func laterMatch(after negated: Candidate, automaton: MoveAutomaton) -> Candidate? {
        guard let pattern = negated.pattern else { return nil }
        let isAdded = pattern >= addedOffset
        var start = negated.firstToken + 1
        while start < tokens.count, tokens[start].start < negated.end {
            if tokens[start].kind == .word,
                let end = isAdded
                    ? added!.longestMatch(of: pattern - addedOffset, at: start, in: addedAtoms!)
                    : automaton.longestMatch(of: pattern, at: start, in: atoms),
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

    /// Why the candidate was seen, as a move reports it.
    func source(of candidate: Candidate) -> DetectedMove.Source {
        switch candidate.origin {
        case .pattern(let index):
            let source = roles[index].source
            return .pattern(text: source.source, location: source.location)
        case .customerName(let form): return .customerName(names.forms[form].display)
        case .capitals: return .capitals
        case .exclamations: return .exclamations
        case .emoji(let index): return .pattern(text: emoji[index].entry.source, location: emoji[index].entry.location)
        }
    }

    /// The text a rejection names as the candidate's pattern.
    func patternText(of candidate: Candidate) -> String {
        switch candidate.origin {
        case .pattern(let index): roles[index].source.source
        case .customerName(let form): names.forms[form].display
        case .capitals: "capitals"
        case .exclamations: "exclamations"
        case .emoji(let index): emoji[index].entry.source
        }
    }

    mutating func reject(_ candidate: Candidate, _ reason: RejectedMatch.Reason) {
        var location: SourceLocation?
        if case .pattern(let index) = candidate.origin { location = roles[index].source.location }
        if case .emoji(let index) = candidate.origin { location = emoji[index].entry.location }
        rejected.append(
            RejectedMatch(
                id: candidate.move, evidence: evidence(candidate.start, candidate.end), start: candidate.start,
                end: candidate.end, pattern: patternText(of: candidate), location: location, reason: reason))
    }

    mutating func findNames(_ names: CustomerNames) {
        guard !names.isEmpty else { return }
        self.names = names
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.kind == .word,
                let form = names.formIndex(matching: text.folded[token.foldedStart..<token.foldedEnd])
            else {
                index += 1
                continue
            }
            // Take in a title before and further names after: "Mrs Anna Varga".
            var first = index, last = index
            if first > 0, tokens[first - 1].kind == .word, !token.startsClause,
                names.isTitle(text.folded[tokens[first - 1].foldedStart..<tokens[first - 1].foldedEnd])
            {
                first -= 1
            }
            while last + 1 < tokens.count, tokens[last + 1].kind == .word, !tokens[last + 1].startsClause,
                names.form(matching: text.folded[tokens[last + 1].foldedStart..<tokens[last + 1].foldedEnd]) != nil
            {
                last += 1
            }
            let candidate = Candidate(
                move: .name, rank: Self.nameRank, start: tokens[first].start, end: tokens[last].end,
                firstToken: first, origin: .customerName(form))
            if let blocker = nameExcepts?.overlapping(token.start, token.end) {
                reject(candidate, .excepted(pattern: blocker.source, location: blocker.location))
            } else {
                candidates.append(candidate)
            }
            index = last + 1
        }
    }

    /// Whether a word in capitals belongs to a code with digits in it: "BW" in "BW-88217",
    /// "Q" in "BW-4471-Q". A reference read out is not a raised voice.
    func isPartOfCode(_ token: Token) -> Bool {
        let original = text.original
        var start = token.start, end = token.end
        while start > 0, !original[start - 1].properties.isWhitespace { start -= 1 }
        while end < original.count, !original[end].properties.isWhitespace { end += 1 }
        return original[start..<end].contains { $0.properties.numericType != nil }
    }

    mutating func findShouting() {
        let rule = shouting
        var capitals = 0
        var firstCapital: Token?, lastCapital: Token?
        for token in tokens where token.kind == .word {
            var letters = 0
            var allUpper = true
            for scalar in text.original[token.start..<token.end] {
                let value = scalar.value
                if value < 0x80 {
                    // ASCII: only a-z are lower case, A-Z upper case, 0-9 numeric.
                    if value >= 0x61 && value <= 0x7A {
                        allUpper = false
                        break
                    }
                    if value >= 0x41 && value <= 0x5A {
                        letters += 1
                    } else if value >= 0x30 && value <= 0x39 {
                        allUpper = false
                        break
                    }
                    continue
                }
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
            guard allUpper, letters >= rule.minLetters, !isPartOfCode(token) else { continue }
            if rule.ignore.contains(evidence(token.start, token.end).lowercased()) { continue }
            capitals += 1
            if firstCapital == nil { firstCapital = token }
            lastCapital = token
        }
        if capitals >= rule.minWords, let first = firstCapital, let last = lastCapital {
            candidates.append(
                Candidate(
                    move: .shouting, rank: Self.shoutingRank, start: first.start, end: last.end, firstToken: 0,
                    origin: .capitals))
        }
        for (index, token) in tokens.enumerated()
        where token.kind == .exclamationMark && exclamationCount(token) >= rule.exclamations {
            if let span = span(start: index, end: index + 1) {
                candidates.append(
                    Candidate(
                        move: .shouting, rank: Self.shoutingRank, start: span.start, end: span.end,
                        firstToken: span.firstWord, origin: .exclamations))
            }
            break
        }
    }

    /// The moves the lexicon reads from emoji (`emoji:`): the emoji is the evidence. Its
    /// sentence's words are left to the patterns, and a fault found this way takes the credit
    /// from the rest of the reply as any other does (docs/rubric.md).
    ///
    /// They come after `resolve`, so negation, typo and clause rules, which read the words
    /// around a pattern match (`firstToken`), never apply to them: an emoji is no word.
    mutating func findEmoji() {
        guard !emojiByBase.isEmpty else { return }
        for occurrence in Emoji.occurrences(in: text.original) {
            for index in emojiByBase[occurrence.base] ?? [] {
                candidates.append(
                    Candidate(
                        move: emoji[index].move, rank: emoji[index].rank, start: occurrence.start,
                        end: occurrence.end, firstToken: 0, origin: .emoji(index)))
            }
        }
    }

    func exclamationCount(_ token: Token) -> Int {
        var count = 0
        for scalar in text.original[token.start..<token.end] where scalar == "!" || scalar == "\u{FF01}" { count += 1 }
        return count
    }

    mutating func dropCourteousDemands() {
        guard let courtesy = candidates.first(where: { rules[$0.rank].isCourtesy })?.move else { return }
        guard candidates.contains(where: { $0.rank == Self.bareDemandRank }) else { return }
        let demands = candidates.filter { $0.rank == Self.bareDemandRank }
        candidates.removeAll { $0.rank == Self.bareDemandRank }
        for demand in demands { reject(demand, .courtesy(courtesy)) }
    }

    /// One entry per move: its earliest evidence, the longest at that start.
    func chosenMoves() -> [DetectedMove] {
        // Per move rank: the index of its best candidate, or -1.
        var best = [Int](repeating: -1, count: rules.count)
        var chosen: [Int] = []
        for (index, candidate) in candidates.enumerated() {
            let current = best[candidate.rank]
            if current >= 0 {
                // The earliest evidence, then the longest, then the pattern written first: the
                // order the automaton reports matches in is not part of the answer.
                let other = candidates[current]
                let otherKey = (other.start, -other.end, other.pattern ?? Int.max)
                if otherKey <= (candidate.start, -candidate.end, candidate.pattern ?? Int.max) { continue }
            } else {
                chosen.append(candidate.rank)
            }
            best[candidate.rank] = index
        }
        return chosen.map { candidates[best[$0]] }
            .sorted { ($0.start, $0.rank) < ($1.start, $1.rank) }
            .map {
                DetectedMove(
                    id: $0.move, evidence: evidence($0.start, $0.end), start: $0.start, end: $0.end,
                    source: source(of: $0))
            }
    }
}

extension TokenizedText {
    /// The original text between two scalar offsets: the same string as ``text(from:to:)``,
    /// encoded in one pass (appending scalar by scalar to a `String` costs far more).
    fileprivate func evidence(from start: Int, to end: Int) -> String {
        guard start < end else { return "" }
        return original.withUnsafeBufferPointer { scalars in
            var length = 0
            for index in start..<end { length += UTF8.width(scalars[index]) }
            return String(unsafeUninitializedCapacity: length) { buffer in
                var written = 0
                for index in start..<end {
                    UTF8.encode(scalars[index]) { byte in
                        buffer[written] = byte
                        written += 1
                    }
                }
                return written
            }
        }
    }
}
