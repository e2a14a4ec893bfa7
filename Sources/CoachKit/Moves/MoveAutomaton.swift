import Foundation

/// Every pattern of a lexicon compiled into one automaton, run once over a reply.
///
/// Patterns become a Thompson NFA over token *atoms* (a word, a stem, a mark, an
/// anchor). The reply is matched by a Pike VM: at most one thread per NFA state and
/// token, so the work is linear in the reply's length whatever the patterns are —
/// there is no backtracking to exploit. Threads only start at patterns whose first
/// token the current token can satisfy and whose required words the reply has, so the
/// cost per token is proportional to the patterns actually in play, not to the size of
/// the lexicon. Each pattern reports, per token a match of it ends at, the match that
/// starts earliest.
struct MoveAutomaton: Sendable {
    /// One complete match of pattern `pattern` over tokens `start..<end`.
    struct Match: Sendable, Hashable {
        var pattern: Int
        var start: Int
        var end: Int
    }

    private enum Op: UInt8 {
        case atom, split, accept
    }

    /// An atom state of a closure, and the atom it tests.
    private struct ClosureAtom {
        var atom: Int32
        var state: Int32
        /// ``Bloom/index(_:)`` of `atom`: tested against the next token's summary before
        /// the atom's stamp is read from memory.
        var bit: Int32
    }

    // The program, as parallel arrays while it is compiled (`program` packs it for matching).
    private var ops: [Op] = []
    private var first: [Int32] = []
    private var second: [Int32] = []

    private var trie = WordTrie()
    /// The endings of `*ending` elements.
    private var suffixes = SuffixTrie()
    /// Per pattern: the entry state of the prefix-tree branch it begins in, shared with the
    /// patterns that begin alike (see ``PrefixTree``).
    private var entries: [Int32] = []
    /// Per atom state `s`: what its thread reaches once its atom matched, i.e. the ε-closure
    /// of `second[s]` (its *root*), precomputed once per root as a set (see ``Closure``).
    ///
    /// A set, not the walk's order: which thread takes a state is decided by the order of the
    /// threads (the earliest start first), and a pattern reports one match per end, the one
    /// with the earliest start, so the order inside one closure changes nothing.
    private var closuresByState: [Closure] = []
    private var closureAtoms: [ClosureAtom] = []
    private var closureAccepts: [Int32] = []
    /// Where each atom's states are in a large closure (see `ClosureIndex`).
    private var closureIndex = ClosureIndex()

    /// One atom state's closure, packed so that a thread reads it from one cache line.
    private struct Closure {
        /// A 256-bit summary: the bits of the atoms in it (``Bloom/bit(_:)``) and
        /// ``Bloom/accept`` if an accept is in it (all bits for a closure walked live). A
        /// closure whose summary shares no bit with the next token's can neither match nor
        /// carry a thread on, and is not looked at.
        var bloom: Bloom = .all
        /// Its atom states are `closureAtoms[atomStart..<atomEnd]`, sorted by atom;
        /// `atomStart < 0`: too large for the budget, walked live.
        var atomStart: Int32 = -1
        var atomEnd: Int32 = -1
        /// The patterns whose accept it holds are `closureAccepts[acceptStart..<acceptEnd]`.
        var acceptStart: Int32 = 0
        var acceptEnd: Int32 = 0
    }
    /// The program once more, packed, for the closures walked live.
    private var program: [Instruction] = []

    /// One NFA state, packed.
    private struct Instruction {
        var op: Op
        var first: Int32
        var second: Int32
    }

    /// A set of atoms as 256 bits (some atoms share a bit), plus one bit that stands for accepts.
    private struct Bloom {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        /// Bit 0: the closure holds an accept (a token's summary always has it).
        static let accept = Bloom(words: (1, 0, 0, 0))
        static let all = Bloom(words: (.max, .max, .max, .max))

        /// The bit of `atom`. The fixed atoms have a bit each (1 to 8): most tokens carry one
        /// (every word is `anyWord`), so an atom that shared its bit would make every closure
        /// holding that atom look alive at every word. Word atoms share the other 247 bits.
        @inline(__always)
        static func bit(_ atom: Int32) -> Bloom {
            let bit = index(atom)
            let mask = UInt64(1) << UInt64(bit & 63)
            switch bit >> 6 {
            case 0: return Bloom(words: (mask, 0, 0, 0))
            case 1: return Bloom(words: (0, mask, 0, 0))
            case 2: return Bloom(words: (0, 0, mask, 0))
            default: return Bloom(words: (0, 0, 0, mask))
            }
        }

        /// The number of `atom`'s bit.
        @inline(__always)
        static func index(_ atom: Int32) -> Int {
            if atom < Atom.fixedCount { return Int(atom) + 1 }
            let spread = UInt64(UInt32(bitPattern: atom) &* 0x9E37_79B1)
            return Int(Atom.fixedCount) + 1 + Int((spread &* UInt64(255 - Atom.fixedCount)) >> 32)
        }

        @inline(__always)
        mutating func insert(_ other: Bloom) {
            words.0 |= other.words.0
            words.1 |= other.words.1
            words.2 |= other.words.2
            words.3 |= other.words.3
        }

        /// Whether bit `bit` (0 to 255; 256 for none) is set.
        @inline(__always)
        func has(bit: Int) -> Bool {
            guard bit < 256 else { return false }
            let word =
                switch bit >> 6 {
                case 0: words.0
                case 1: words.1
                case 2: words.2
                default: words.3
                }
            return word & (UInt64(1) << UInt64(bit & 63)) != 0
        }

        /// Calls `body` with each set bit, lowest first.
        @inline(__always)
        func forEachBit(_ body: (Int) -> Void) {
            @inline(__always) func each(_ word: UInt64, _ offset: Int) {
                var rest = word
                while rest != 0 {
                    body(offset | rest.trailingZeroBitCount)
                    rest &= rest &- 1
                }
            }
            each(words.0, 0)
            each(words.1, 64)
            each(words.2, 128)
            each(words.3, 192)
        }

        /// The number of bits set.
        var count: Int {
            words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount
        }

        @inline(__always)
        func intersects(_ other: Bloom) -> Bool {
            (words.0 & other.words.0) | (words.1 & other.words.1) | (words.2 & other.words.2)
                | (words.3 & other.words.3) != 0
        }
    }

    /// Per atom `a`: the atom states that begin some pattern and test `a` are
    /// `startStates[startOffsets[a]..<startOffsets[a + 1]]`.
    private var startOffsets: [Int32] = []
    private var startStates: [Int32] = []
    /// Working memory of `matches`, reused from call to call (shared by copies, thread-safe).
    private let scratchPool = ScratchPool()
    private var atomCount: Int32 = Atom.fixedCount
    /// The word classes made so far, by their members (see `wordClass`).
    private var wordClasses: [[UInt32]: Int32] = [:]

    /// Atoms that do not come from words.
    private enum Atom {
        static let anyWord: Int32 = 0
        static let replyStart: Int32 = 1
        static let sentenceStart: Int32 = 2
        static let sentenceEnd: Int32 = 3
        static let questionMark: Int32 = 4
        static let exclamationMark: Int32 = 5
        static let period: Int32 = 6
        static let properName: Int32 = 7
        static let number: Int32 = 8
        static let fixedCount: Int32 = 9
    }

    /// Reads words in Latin letters as the Greek words they sound like (`transliteration:
    /// greeklish`); nil for other lexicons.
    private var greeklish: GreeklishReading?

    /// Whether some pattern has `@name`: only then are the reply's words checked for names.
    private var testsNames = false
    /// Whether some pattern has `@number`.
    private var testsNumbers = false

    /// Compiles `patterns` (matched as pattern index = position), the negation cues, the
    /// folded words that `@name` never matches, the spellings read as other words
    /// (typed form, word), the length from which a word may be read with one typo (0: never),
    /// and whether words in Latin letters are read as Greek (``GreeklishReading``).
    init(
        patterns: [Pattern], cues: [Pattern], barriers: [Pattern] = [], notNames: [[UInt32]] = [],
        fillers: [[UInt32]] = [], spellings: [([UInt32], [UInt32])] = [], typoMinimum: Int = 0,
        readsGreeklish: Bool = false
    ) {
        if readsGreeklish {
            // Every word the trie will know: a cue or a filler typed in Latin letters is one too.
            let listed = (notNames + fillers + spellings.map(\.0)).map(Pattern.word)
            let reader = GreeklishReading(patterns: patterns + cues + barriers + listed)
            greeklish = reader.isEmpty ? nil : reader
        }
        // Patterns that begin with the same elements share those states: a thread there stands
        // for all of them (see `PrefixTree`).
        let tree = PrefixTree(patterns.map(Self.elements))
        branchPatterns = tree.patternsInOrder
        branchOfState.reserveCapacity(4 * patterns.count)
        entries = Array(repeating: -1, count: patterns.count)
        var roots: [Int32] = []
        for child in tree.root.children {
            let branch = tree.branches[Int(child)]
            let entry = emit(branch, in: tree)
            roots.append(entry)
            for slot in Int(branch.patterns.lowerBound)..<Int(branch.patterns.upperBound) {
                entries[Int(tree.patternsInOrder[slot])] = entry
            }
        }
        branchOfState += repeatElement(-1, count: ops.count - branchOfState.count)
        branchRanges = tree.ranges
        // After every pattern is emitted, so that a word's atom is the one all patterns share.
        for pattern in patterns {
            let needs = required(pattern).sorted { ($0.cost, $0.atom) < ($1.cost, $1.atom) }
            requiredAtoms += needs.map(\.atom)
            requiredOffsets.append(Int32(requiredAtoms.count))
        }
        testsNames = zip(ops, first).contains { $0 == .atom && $1 == Atom.properName }
        testsNumbers = zip(ops, first).contains { $0 == .atom && $1 == Atom.number }
        for word in notNames { trie.markNotName(word) }
        for cue in cues {
            switch cue {
            case .word(let letters): trie.markCue(letters, isStem: false)
            case .stem(let letters): trie.markCue(letters, isStem: true)
            default: break
            }
        }
        for barrier in barriers {
            switch barrier {
            case .word(let letters): trie.markBarrier(letters, isStem: false)
            case .stem(let letters): trie.markBarrier(letters, isStem: true)
            default: break
            }
        }
        for filler in fillers { trie.markFiller(filler) }
        for (typed, word) in spellings { trie.addSpelling(typed, as: word) }
        trie.typoMinimum = typoMinimum
        var starts: [[Int32]] = Array(repeating: [], count: Int(atomCount))
        var seen = Array(repeating: false, count: ops.count)
        for entry in roots {
            var stack = [entry]
            while let state = stack.popLast() {
                guard !seen[Int(state)] else { continue }
                seen[Int(state)] = true
                switch ops[Int(state)] {
                case .atom:
                    starts[Int(first[Int(state)])].append(state)
                case .split:
                    stack.append(second[Int(state)])
                    stack.append(first[Int(state)])
                case .accept: break
                }
            }
        }
        startOffsets = [0]
        for list in starts {
            startStates += list
            startOffsets.append(Int32(startStates.count))
        }
        buildClosures()
        buildStartBuckets()
    }

    /// Per pattern `p`: the atoms that every match of it needs somewhere in the reply are
    /// `requiredAtoms[requiredOffsets[p]..<requiredOffsets[p + 1]]`, the rarest-looking first.
    /// A pattern whose requirement the reply lacks cannot match, so its threads are never
    /// started: most patterns name a word that most replies do not have ("(i'll|we'll) ~6
    /// this morning"), and this skips them before any work. Checked once per pattern and reply.
    private var requiredOffsets: [Int32] = [0]
    private var requiredAtoms: [Int32] = []
    /// Per state: the branch of the prefix tree whose element it tests (-1 for the states
    /// that join branches). The patterns that can still match through a branch are
    /// `branchPatterns[branchRanges[b]]`: a thread is neither started nor carried into a
    /// branch none of whose patterns the reply can complete.
    private var branchOfState: [Int32] = []
    private var branchRanges: [Range<Int32>] = []
    private var branchPatterns: [Int32] = []
    /// Per word-class atom: its number of members.
    private var classSizes: [Int32: Int] = [:]

    /// The atoms every match of `pattern` has, each with a guess at how common it is (lower is
    /// rarer): one word, then a stem, then a class by its size, then the marks and `@name`.
    /// Anchors and gaps need nothing. Atoms are looked up, never made: the pattern was emitted.
    private mutating func required(_ pattern: Pattern) -> [(atom: Int32, cost: Int)] {
        switch pattern {
        case .word(let letters): return [(trie.exact(letters, nextAtom: &atomCount), 0)]
        case .stem(let letters): return [(trie.stem(letters, nextAtom: &atomCount), 1)]
        case .suffix(let letters): return [(suffixes.atom(for: letters, nextAtom: &atomCount), 1)]
        case .number: return [(Atom.number, 600)]
        case .properName: return [(Atom.properName, 1_000)]
        case .mark(let kind):
            switch kind {
            case .questionMark: return [(Atom.questionMark, 500)]
            case .exclamationMark: return [(Atom.exclamationMark, 500)]
            default: return [(Atom.period, 2_000)]
            }
        case .anchor, .gap: return []
        case .sequence(let items):
            var all: [(atom: Int32, cost: Int)] = []
            for item in items {
                for need in required(item) where !all.contains(where: { $0.atom == need.atom }) { all.append(need) }
            }
            return all
        case .choice(let items, let optional):
            guard !optional else { return [] }
            // The same split as `emit`: single words and stems are one class atom.
            var members: [(letters: [UInt32], isStem: Bool)] = []
            var alternatives: [[(atom: Int32, cost: Int)]] = []
            for item in items {
                switch item {
                case .word(let letters): members.append((letters, false))
                case .stem(let letters): members.append((letters, true))
                default: break
                }
            }
            if members.count >= 2 {
                let atom = wordClass(members)
                alternatives.append([(atom, 2 + (classSizes[atom] ?? members.count))])
                for item in items {
                    switch item {
                    case .word, .stem: continue
                    default: alternatives.append(required(item))
                    }
                }
            } else {
                alternatives = items.map { required($0) }
            }
            // An atom is needed only if every alternative needs it.
            guard var common = alternatives.first else { return [] }
            for alternative in alternatives.dropFirst() {
                common = common.filter { need in alternative.contains { $0.atom == need.atom } }
            }
            return common
        }
    }

    /// An atom that begins more patterns than this has its start states bucketed by the
    /// bits of their closures (see `startBuckets`).
    private static let bucketThreshold = 16

    /// Per atom: its index among the bucketed atoms, or -1.
    private var bucketIndex: [Int32] = []
    /// For bucketed atom k and Bloom bit b, the start states whose closure has an atom with
    /// bit b are `bucketStates[bucketOffsets[k * 257 + b]..<bucketOffsets[k * 257 + b + 1]]`.
    ///
    /// A common word ("i", "we", a sentence start) begins hundreds of patterns, and most of
    /// them die at the next token. Spawning only those whose closure shares a bit with the
    /// next token's atoms skips the rest without a look; those it skips would have been
    /// dropped unwalked at that token anyway, so the matches are the same.
    private var bucketOffsets: [Int32] = []
    private var bucketStates: [Int32] = []

    private mutating func buildStartBuckets() {
        bucketIndex = [Int32](repeating: -1, count: Int(atomCount))
        bucketOffsets = [0]
        for atom in 0..<Int(atomCount) {
            let states = startStates[Int(startOffsets[atom])..<Int(startOffsets[atom + 1])]
            guard states.count > Self.bucketThreshold else { continue }
            bucketIndex[atom] = Int32((bucketOffsets.count - 1) / 257)
            for bit in 0..<257 {
                for state in states where closuresByState[Int(state)].bloom.has(bit: bit) { bucketStates.append(state) }
                bucketOffsets.append(Int32(bucketStates.count))
            }
        }
    }

    /// The largest closure that is precomputed, in states.
    private static let closureLimit = 4096

    /// A closure with more atom states than this is looked up by atom (``ClosureIndex``)
    /// rather than scanned.
    private static let indexedClosure: Int32 = 12

    /// Fills `closuresByState`, `closureAtoms`, `closureAccepts` and `closureIndex`.
    ///
    /// Closures of different roots may overlap (a chain of optional words), so their total
    /// size is not linear in the program's: the work is capped at a budget linear in the
    /// number of states, and the roots past it are walked live.
    private mutating func buildClosures() {
        let count = ops.count
        program = (0..<count).map { Instruction(op: ops[$0], first: first[$0], second: second[$0]) }
        closuresByState = [Closure](repeating: Closure(), count: count)
        var budget = 8 * count + 65_536
        // Per root, once built: the state whose slices it shares (-2: not built yet, -1: walked live).
        var built = [Int32](repeating: -2, count: count)
        // Per state: the root whose walk last met it (a stamp, so no clearing between roots).
        var met = [Int32](repeating: -1, count: count)
        var stack: [Int32] = []
        var atoms: [ClosureAtom] = []
        var accepts: [Int32] = []
        for state in 0..<count where ops[state] == .atom {
            let root = Int(second[state])
            if built[root] == -2 {
                var bloom = Bloom()
                var complete = true
                atoms.removeAll(keepingCapacity: true)
                accepts.removeAll(keepingCapacity: true)
                stack.removeAll(keepingCapacity: true)
                stack.append(Int32(root))
                while let target = stack.popLast() {
                    guard met[Int(target)] != Int32(root) else { continue }
                    met[Int(target)] = Int32(root)
                    budget -= 1
                    guard atoms.count + accepts.count < Self.closureLimit, budget > 0 else {
                        complete = false
                        break
                    }
                    switch ops[Int(target)] {
                    case .atom:
                        let atom = first[Int(target)]
                        atoms.append(ClosureAtom(atom: atom, state: target, bit: Int32(Bloom.index(atom))))
                        bloom.insert(.bit(first[Int(target)]))
                    case .accept:
                        accepts.append(first[Int(target)])
                        bloom.insert(.accept)
                    case .split:
                        stack.append(second[Int(target)])
                        stack.append(first[Int(target)])
                    }
                }
                if complete {
                    atoms.sort { ($0.atom, $0.state) < ($1.atom, $1.state) }
                    let start = Int32(closureAtoms.count)
                    closureAtoms += atoms
                    if atoms.count > Self.indexedClosure {
                        var begin = 0
                        while begin < atoms.count {
                            var end = begin + 1
                            while end < atoms.count, atoms[end].atom == atoms[begin].atom { end += 1 }
                            closureIndex.insert(
                                closure: start, atom: atoms[begin].atom,
                                range: start + Int32(begin)..<start + Int32(end))
                            begin = end
                        }
                    }
                    let acceptStart = Int32(closureAccepts.count)
                    closureAccepts += accepts
                    closuresByState[state] = Closure(
                        bloom: bloom, atomStart: start, atomEnd: Int32(closureAtoms.count),
                        acceptStart: acceptStart, acceptEnd: Int32(closureAccepts.count))
                    built[root] = Int32(state)
                } else {
                    built[root] = -1
                }
            } else if built[root] >= 0 {
                closuresByState[state] = closuresByState[Int(built[root])]
            }
        }
        closureIndex.finish()
    }

    private mutating func append(_ op: Op, _ a: Int32, _ b: Int32) -> Int32 {
        ops.append(op)
        first.append(a)
        second.append(b)
        return Int32(ops.count - 1)
    }

    /// The atom of a word class, shared by every choice with the same members.
    private mutating func wordClass(_ members: [(letters: [UInt32], isStem: Bool)]) -> Int32 {
        var key: [UInt32] = []
        for member in members.sorted(by: { $0.letters.lexicographicallyPrecedes($1.letters) }) {
            key.append(member.isStem ? 1 : 0)
            key += member.letters
            key.append(UInt32.max)
        }
        if let atom = wordClasses[key] { return atom }
        let atom = atomCount
        atomCount += 1
        for member in members { trie.addToClass(member.letters, isStem: member.isStem, atom: atom) }
        wordClasses[key] = atom
        classSizes[atom] = members.count
        return atom
    }

    /// A pattern as the list of elements it is a sequence of, nested sequences spliced in and
    /// gaps side by side made one ("~8 ~8" is "~16": compiled apart, each word of the first
    /// could also start the second, and a reply would keep a thread at every pair).
    static func elements(_ pattern: Pattern) -> [Pattern] {
        guard case .sequence(let items) = pattern else { return [pattern] }
        var elements: [Pattern] = []
        for item in items {
            for element in Self.elements(item) {
                if case .gap(let size) = element, case .gap(let previous)? = elements.last {
                    elements[elements.count - 1] = .gap(previous + size)
                } else {
                    elements.append(element)
                }
            }
        }
        return elements
    }

    /// Emits a branch of the prefix tree: its element, then a fan-out to the accepts of the
    /// patterns that end there and to its sub-branches. Returns its entry state.
    private mutating func emit(_ branch: PrefixTree.Branch, in tree: PrefixTree) -> Int32 {
        var targets = branch.ending.map { append(.accept, $0, 0) }
        for child in branch.children { targets.append(emit(tree.branches[Int(child)], in: tree)) }
        var next = targets[targets.count - 1]
        for target in targets.dropLast().reversed() { next = append(.split, target, next) }
        branchOfState += repeatElement(-1, count: ops.count - branchOfState.count)
        let entry = emit(branch.element, next: next)
        branchOfState += repeatElement(branch.id, count: ops.count - branchOfState.count)
        return entry
    }

    /// Emits `pattern`; its exits point at `next`. Returns its entry state.
    private mutating func emit(_ pattern: Pattern, next: Int32) -> Int32 {
        switch pattern {
        case .word(let letters):
            return append(.atom, trie.exact(letters, nextAtom: &atomCount), next)
        case .stem(let letters):
            return append(.atom, trie.stem(letters, nextAtom: &atomCount), next)
        case .suffix(let letters):
            return append(.atom, suffixes.atom(for: letters, nextAtom: &atomCount), next)
        case .number:
            return append(.atom, Atom.number, next)
        case .properName:
            return append(.atom, Atom.properName, next)
        case .mark(let kind):
            let atom =
                switch kind {
                case .questionMark: Atom.questionMark
                case .exclamationMark: Atom.exclamationMark
                default: Atom.period
                }
            return append(.atom, atom, next)
        case .anchor(let anchor):
            let atom =
                switch anchor {
                case .replyStart: Atom.replyStart
                case .sentenceStart: Atom.sentenceStart
                case .sentenceEnd: Atom.sentenceEnd
                }
            return append(.atom, atom, next)
        case .gap(let size):
            // [any [any [any]]]: each word of the gap may be skipped, so 0...size words.
            var entry = next
            for _ in 0..<size {
                let word = append(.atom, Atom.anyWord, entry)
                entry = append(.split, word, next)
            }
            return entry
        case .sequence:
            var entry = next
            for item in Self.elements(pattern).reversed() { entry = emit(item, next: entry) }
            return entry
        case .choice(let items, let optional):
            // The alternatives that are one word or one stem become one word class, tested as a
            // single atom: a list of 200 verbs costs one step, not 200. The matches are the same.
            var members: [(letters: [UInt32], isStem: Bool)] = []
            var others: [Pattern] = []
            for item in items {
                switch item {
                case .word(let letters): members.append((letters, false))
                case .stem(let letters): members.append((letters, true))
                default: others.append(item)
                }
            }
            var entry: Int32 = optional ? next : -2
            for item in (members.count >= 2 ? others : items).reversed() {
                let alternative = emit(item, next: next)
                entry = entry == -2 ? alternative : append(.split, alternative, entry)
            }
            if members.count >= 2 {
                let alternative = append(.atom, wordClass(members), next)
                entry = entry == -2 ? alternative : append(.split, alternative, entry)
            }
            return entry
        }
    }

    /// The atoms each token satisfies, and which tokens are negation cues.
    struct TokenAtoms {
        var offsets: [Int32]
        var atoms: [Int32]
        var isCue: [Bool]
        /// Which tokens stop a negation cue's reach (`negation: barriers:`).
        var isBarrier: [Bool]
        /// The word tokens read as another word: through a spelling, or with one typo.
        var readings: [(token: Int, typo: Bool)] = []
    }

    /// Whether any word of `text` is one this automaton's patterns know (``WordTrie/knows(_:)``).
    func knowsAWord(of text: TokenizedText) -> Bool {
        text.tokens.contains { $0.kind == .word && trie.knows(text.folded[$0.foldedStart..<$0.foldedEnd]) }
    }

    /// The atoms of every token; with `typos: false`, no word is read with a typo.
    ///
    /// `beside` is the automaton of the patterns matched beside this one's (a scenario's
    /// phrases, ``MoveDetector/extended(to:)``): a word it knows is not read as a typo here,
    /// as it would not be if both were one automaton.
    func atoms(of text: TokenizedText, typos: Bool = true, beside: MoveAutomaton? = nil) -> TokenAtoms {
        var offsets: [Int32] = [0]
        var atoms: [Int32] = []
        var isCue: [Bool] = []
        var isBarrier: [Bool] = []
        var readings: [(token: Int, typo: Bool)] = []
        // Whether every word since the last sentence start was a filler.
        var atSentenceStart = true
        offsets.reserveCapacity(text.tokens.count + 1)
        atoms.reserveCapacity(text.tokens.count * 3)
        isCue.reserveCapacity(text.tokens.count)
        for (index, token) in text.tokens.enumerated() {
            var cue = false, barrier = false
            switch token.kind {
            case .word:
                atoms.append(Atom.anyWord)
                let word = text.folded[token.foldedStart..<token.foldedEnd]
                let wordAtoms = atoms.count
                var flags = trie.atoms(
                    of: word, into: &atoms, typos: typos,
                    knownElsewhere: typos && (beside?.trie.knows(word) ?? false))
                if !suffixes.isEmpty {
                    suffixes.atoms(of: word, minimumStem: Pattern.suffixMinimumStem, into: &atoms)
                }
                // A word in Latin letters that nothing knows, in a lexicon that reads Greeklish.
                if let greeklish, atoms.count == wordAtoms, flags.isEmpty {
                    flags = read(word, as: greeklish, typos: typos, into: &atoms)
                }
                // Only a lexicon that lint rejects (LEX-FANOUT) gets here: it keeps matching
                // bounded, in the lexicon's order, whatever a trainer's file holds.
                if atoms.count - wordAtoms > Self.tokenAtomLimit {
                    atoms.removeSubrange((wordAtoms + Self.tokenAtomLimit)...)
                }
                if testsNumbers, !word.isEmpty, word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    atoms.append(Atom.number)
                }
                cue = flags.contains(.cue)
                barrier = flags.contains(.barrier)
                if flags.contains(.typo) || flags.contains(.spelling) {
                    readings.append((index, flags.contains(.typo)))
                }
                // A filler at a sentence's start is one more place a sentence may be said to
                // start: `<` matches it, as it matches the mark before it.
                if atSentenceStart, flags.contains(.filler) {
                    atoms.append(Atom.sentenceStart)
                } else {
                    atSentenceStart = false
                }
                // A negation cue is never a name, however it is typed ("I'm Not sure").
                if testsNames, !flags.contains(.cue), !flags.contains(.notName),
                    ProperNames.isWrittenAsName(index, in: text)
                {
                    atoms.append(Atom.properName)
                }
            case .begin:
                atoms.append(Atom.replyStart)
                atoms.append(Atom.sentenceStart)
            case .end:
                atoms.append(Atom.sentenceEnd)
            case .questionMark, .exclamationMark, .period:
                atSentenceStart = true
                atoms.append(Atom.sentenceEnd)
                atoms.append(Atom.sentenceStart)
                atoms.append(
                    token.kind == .questionMark
                        ? Atom.questionMark : token.kind == .exclamationMark ? Atom.exclamationMark : Atom.period)
            }
            isCue.append(cue)
            isBarrier.append(barrier)
            offsets.append(Int32(atoms.count))
        }
        return TokenAtoms(offsets: offsets, atoms: atoms, isCue: isCue, isBarrier: isBarrier, readings: readings)
    }

    /// The atoms of the Greek words `word` may be typed for (``GreeklishReading``), with the
    /// flags they carry and `spelling` if any was found: "den" is a negation cue as "δεν" is.
    private func read(
        _ word: ArraySlice<UInt32>, as greeklish: GreeklishReading, typos: Bool, into atoms: inout [Int32]
    ) -> WordTrie.Flags {
        let before = atoms.count
        var flags: WordTrie.Flags = []
        for reading in greeklish.readings(of: word) {
            flags.formUnion(trie.atoms(of: reading[...], into: &atoms, typos: typos))
            if !suffixes.isEmpty {
                suffixes.atoms(of: reading[...], minimumStem: Pattern.suffixMinimumStem, into: &atoms)
            }
        }
        if atoms.count > before { flags.insert(.spelling) }
        return flags
    }

    /// The Greek word a word in Latin letters was read as, for explanations; nil if none.
    func greeklishWord(for word: ArraySlice<UInt32>) -> String? {
        guard let reading = greeklish?.readings(of: word).first else { return nil }
        return String(String.UnicodeScalarView(reading.compactMap(Unicode.Scalar.init)))
    }

    /// Runs every pattern over the tokens; returns, for each pattern and each token a match
    /// of it ends at, the match that starts earliest.
    ///
    /// A Pike VM: per token, the threads standing at atom states whose atom the token
    /// satisfies advance through their closure, in order (an earlier start first), and a
    /// state is taken by the first thread to reach it, so the first thread to reach a
    /// pattern's accept has the earliest start. Refinements keep the work small without
    /// changing a match: closures are precomputed sets; an atom state is only carried to
    /// the next token if that token satisfies its atom (the others would be dropped there,
    /// having blocked nothing), and a large closure finds those states by looking up the
    /// next token's atoms instead of testing each of its states; a closure that can neither
    /// match nor carry a thread on (see ``Closure/bloom``) is not looked at.
    func matches(in tokenAtoms: TokenAtoms) -> [Match] {
        let tokenCount = tokenAtoms.offsets.count - 1
        var matches: [Match] = []
        guard tokenCount > 0 else { return matches }
        matches.reserveCapacity(16)
        let scratch = scratchPool.take(
            stateCount: ops.count, atomCount: Int(atomCount), patternCount: entries.count, branchCount: branchRanges.count)
        defer { scratchPool.recycle(scratch) }
        // Stamps instead of clearing: a state is in the current list iff seen[state] == step. The
        // stamp arrays outlive the call (clearing 16k states would cost more than a short reply), so
        // each run takes stamps that no earlier run used.
        let base = scratch.stamps(for: tokenCount + 1)
        let seen = scratch.seen
        // A pattern matched at this step already iff accepted[pattern] == step.
        let accepted = scratch.accepted
        // The reply has an atom iff present[atom] == base.
        let present = scratch.present
        for atom in tokenAtoms.atoms { present[Int(atom)] = base }
        // Whether the reply has every atom a pattern needs: worked out the first time one of its
        // threads would start (checked[pattern] == base), then remembered in `possible`.
        let checked = scratch.checked
        let possible = scratch.possible
        @inline(__always) func hasRequiredAtoms(_ pattern: Int32) -> Bool {
            let pattern = Int(pattern)
            if checked[pattern] == base { return possible[pattern] }
            checked[pattern] = base
            var met = true
            for slot in Int(requiredOffsets[pattern])..<Int(requiredOffsets[pattern + 1])
            where present[Int(requiredAtoms[slot])] != base {
                met = false
                break
            }
            possible[pattern] = met
            return met
        }
        // Whether some pattern under a branch can match: the same, per branch.
        let branchChecked = scratch.branchChecked
        let branchPossible = scratch.branchPossible
        @inline(__always) func isPossible(_ branch: Int32) -> Bool {
            let branch = Int(branch)
            if branchChecked[branch] == base { return branchPossible[branch] }
            branchChecked[branch] = base
            var met = false
            for slot in branchRanges[branch] where hasRequiredAtoms(branchPatterns[Int(slot)]) {
                met = true
                break
            }
            branchPossible[branch] = met
            return met
        }
        // The atoms of token `p` are stamped with p's step in `atomStamps[p & 1]`.
        let atomStamps = (scratch.atomStamp, scratch.atomStampOdd)
        // Thread lists, preallocated to their bound: a list holds each state at most once.
        var current = scratch.current
        var next = scratch.next
        var currentCount = 0
        let stack = scratch.stack

        closuresByState.withUnsafeBufferPointer { closuresByState in
              closureAtoms.withUnsafeBufferPointer { closureAtoms in
               closureAccepts.withUnsafeBufferPointer { closureAccepts in
                program.withUnsafeBufferPointer { program in
                 startOffsets.withUnsafeBufferPointer { startOffsets in
                  startStates.withUnsafeBufferPointer { startStates in
                   tokenAtoms.offsets.withUnsafeBufferPointer { offsets in
                    tokenAtoms.atoms.withUnsafeBufferPointer { atoms in
                                for index in Int(offsets[0])..<Int(offsets[1]) { atomStamps.0[Int(atoms[index])] = base }
                                for position in 0..<tokenCount {
                                    let step = base &+ Int32(truncatingIfNeeded: position)
                                    let nextStep = step &+ 1
                                    let position32 = Int32(truncatingIfNeeded: position)
                                    let nextAtoms = position & 1 == 0 ? atomStamps.1 : atomStamps.0
                                    var nextBloom = Bloom.accept
                                    // The next token's atoms (none after the last token).
                                    var nextFirst = 0, nextEnd = 0
                                    if position + 1 < tokenCount {
                                        nextFirst = Int(offsets[position + 1])
                                        nextEnd = Int(offsets[position + 2])
                                        for index in nextFirst..<nextEnd {
                                            nextAtoms[Int(atoms[index])] = nextStep
                                            nextBloom.insert(.bit(atoms[index]))
                                        }
                                    }
                                    let nextBits = nextBloom.count
                                    // New threads for patterns that can begin at this token. Carried threads
                                    // were stamped with this step when they were added, so an earlier start wins.
                                    @inline(__always) func start(_ state: Int32) {
                                        if seen[Int(state)] != step, isPossible(branchOfState[Int(state)]) {
                                            seen[Int(state)] = step
                                            current[currentCount] = VMThread(state: state, start: position32)
                                            currentCount += 1
                                        }
                                    }
                                    // A token looks at no more than `tokenStartLimit` start states, which only
                                    // a lexicon that lint rejects (LEX-FANOUT) reaches: matching stays bounded.
                                    var startsLeft = Self.tokenStartLimit
                                    starting: for index in Int(offsets[position])..<Int(offsets[position + 1]) {
                                        let atom = Int(atoms[index])
                                        let bucket = bucketIndex[atom]
                                        if bucket < 0 {
                                            for slot in Int(startOffsets[atom])..<Int(startOffsets[atom + 1]) {
                                                guard startsLeft > 0 else { break starting }
                                                startsLeft -= 1
                                                start(startStates[slot])
                                            }
                                            continue
                                        }
                                        // After a common word most bits are set, and testing each start
                                        // state is cheaper than visiting every bit's bucket.
                                        if nextBits * 4 > Int(startOffsets[atom + 1] - startOffsets[atom]) {
                                            for slot in Int(startOffsets[atom])..<Int(startOffsets[atom + 1]) {
                                                guard startsLeft > 0 else { break starting }
                                                startsLeft -= 1
                                                let state = startStates[slot]
                                                if closuresByState[Int(state)].bloom.intersects(nextBloom) { start(state) }
                                            }
                                            continue
                                        }
                                        let table = Int(bucket) * 257
                                        nextBloom.forEachBit { bit in
                                            for slot in Int(bucketOffsets[table + bit])..<Int(bucketOffsets[table + bit + 1]) {
                                                guard startsLeft > 0 else { return }
                                                startsLeft -= 1
                                                start(bucketStates[slot])
                                            }
                                        }
                                        if startsLeft <= 0 { break }
                                    }
                                    var nextCount = 0
                                    @inline(__always) func carry(_ state: Int32, from thread: VMThread) {
                                        if seen[Int(state)] != nextStep, isPossible(branchOfState[Int(state)]) {
                                            seen[Int(state)] = nextStep
                                            next[nextCount] = VMThread(state: state, start: thread.start)
                                            nextCount += 1
                                        }
                                    }
                                    @inline(__always) func accept(_ pattern: Int32, from thread: VMThread) {
                                        if accepted[Int(pattern)] != step {
                                            accepted[Int(pattern)] = step
                                            matches.append(
                                                Match(pattern: Int(pattern), start: Int(thread.start), end: position + 1))
                                        }
                                    }
                                    for threadIndex in 0..<currentCount {
                                        let thread = current[threadIndex]
                                        let state = Int(thread.state)
                                        // Nothing in the closure can match here or live on: skip it.
                                        let closure = closuresByState[state]
                                        guard closure.bloom.intersects(nextBloom) else { continue }
                                        let first = closure.atomStart
                                        if first < 0 {
                                            // Too large to precompute: walked live.
                                            stack[0] = program[state].second
                                            var depth = 1
                                            while depth > 0 {
                                                depth -= 1
                                                let target = Int(stack[depth])
                                                let instruction = program[target]
                                                switch instruction.op {
                                                case .accept:
                                                    accept(instruction.first, from: thread)
                                                case .atom:
                                                    if nextAtoms[Int(instruction.first)] == nextStep {
                                                        carry(Int32(target), from: thread)
                                                    }
                                                case .split:
                                                    guard seen[target] != nextStep else { continue }
                                                    seen[target] = nextStep
                                                    stack[depth] = instruction.second
                                                    stack[depth + 1] = instruction.first
                                                    depth += 2
                                                }
                                            }
                                            continue
                                        }
                                        for slot in Int(closure.acceptStart)..<Int(closure.acceptEnd) {
                                            accept(closureAccepts[slot], from: thread)
                                        }
                                        let end = closure.atomEnd
                                        if end - first <= Self.indexedClosure || end - first <= Int32(nextEnd - nextFirst) {
                                            for slot in Int(first)..<Int(end) {
                                                let item = closureAtoms[slot]
                                                if nextBloom.has(bit: Int(item.bit)), nextAtoms[Int(item.atom)] == nextStep {
                                                    carry(item.state, from: thread)
                                                }
                                            }
                                        } else {
                                            for index in nextFirst..<nextEnd {
                                                let atom = atoms[index]
                                                guard closure.bloom.has(bit: Bloom.index(atom)),
                                                    let range = closureIndex.states(in: first, testing: atom)
                                                else { continue }
                                                for slot in range { carry(closureAtoms[Int(slot)].state, from: thread) }
                                            }
                                        }
                                    }
                                    swap(&current, &next)
                                    currentCount = nextCount
                                }
                    }
                   }
                  }
                 }
                }
               }
              }
        }
        return matches
    }

    /// The longest match of one pattern that starts exactly at token `start`, as its end.
    ///
    /// Used when the earliest match of a pattern was rejected (negated), to find a later,
    /// shorter one: a match is bounded by its pattern's length, so this costs a constant.
    func longestMatch(of pattern: Int, at start: Int, in tokenAtoms: TokenAtoms) -> Int? {
        let tokenCount = tokenAtoms.offsets.count - 1
        var current: [Int32] = []
        var next: [Int32] = []
        var longest: Int?
        // The entry may be shared with other patterns (see `PrefixTree`): only this pattern's
        // accept counts.
        func close(_ state: Int32, into list: inout [Int32], at position: Int) {
            var stack = [state]
            var visited = Set<Int32>()
            while let target = stack.popLast() {
                guard visited.insert(target).inserted else { continue }
                switch ops[Int(target)] {
                case .atom: if !list.contains(target) { list.append(target) }
                case .split:
                    stack.append(second[Int(target)])
                    stack.append(first[Int(target)])
                case .accept: if first[Int(target)] == Int32(pattern) { longest = position }
                }
            }
        }
        close(entries[pattern], into: &current, at: start)
        var position = start
        while !current.isEmpty, position < tokenCount {
            let range = Int(tokenAtoms.offsets[position])..<Int(tokenAtoms.offsets[position + 1])
            let atoms = tokenAtoms.atoms[range]
            next.removeAll(keepingCapacity: true)
            for state in current where atoms.contains(first[Int(state)]) {
                close(second[Int(state)], into: &next, at: position + 1)
            }
            swap(&current, &next)
            position += 1
        }
        return longest
    }

    /// The number of NFA states, for benchmarks and tests of the compiled size.
    var stateCount: Int { ops.count }

    /// The most atoms one word of a reply keeps (beyond the atom every word has).
    ///
    /// With these two limits, the work per token is bounded whatever a lexicon holds: a word in
    /// 30,000 word classes, or a word that 30,000 patterns begin with, once made a 100 KB reply
    /// take minutes. The shipped lexicons stay far below (docs/lexicons.md gives the figures),
    /// and lint rejects a lexicon that exceeds them (`LEX-FANOUT`, see ``widestWord(by:)``).
    static let tokenAtomLimit = 1_024
    /// The most start states (patterns that may begin there) one token of a reply looks at.
    static let tokenStartLimit = 2_048

    /// How much one word of a reply can set going: the atoms it satisfies and the patterns
    /// it can start.
    struct FanOut: Sendable, Equatable {
        /// The folded word.
        var word: [UInt32]
        var atoms: Int
        var starts: Int
    }

    /// The token with the most pattern starts (`by: \.starts`) or atoms (`by: \.atoms`): a
    /// sentence mark (with no word), or one of the words the lexicon names, which include the worst a reply can type
    /// (a word the lexicon does not name satisfies at most the stems of a word it does).
    ///
    /// A word's count is an upper bound: it includes the starts of every atom a word may add
    /// to its own (any word, a sentence start after a filler, a name, a number). Words read
    /// with a typo take the atoms of the pattern words one edit away, which no count here
    /// bounds; ``tokenAtomLimit`` and ``tokenStartLimit`` do.
    func widestWord(by measure: KeyPath<FanOut, Int>) -> FanOut {
        func starts(_ atom: Int32) -> Int { Int(startOffsets[Int(atom) + 1] - startOffsets[Int(atom)]) }
        let marks = [Atom.questionMark, Atom.exclamationMark, Atom.period].map(starts).max() ?? 0
        var widest = FanOut(
            word: [], atoms: 3,
            starts: max(
                starts(Atom.sentenceEnd) + starts(Atom.sentenceStart) + marks,
                starts(Atom.replyStart) + starts(Atom.sentenceStart)))
        let alongside = [Atom.anyWord, Atom.sentenceStart, Atom.properName, Atom.number]
        let alongsideStarts = alongside.reduce(0) { $0 + starts($1) }
        trie.forEachWord { letters, atoms in
            let count = atoms.reduce(alongsideStarts) { $0 + starts($1) }
            let token = FanOut(word: letters, atoms: atoms.count + alongside.count, starts: count)
            if token[keyPath: measure] > widest[keyPath: measure] { widest = token }
        }
        return widest
    }
}

/// A thread of the Pike VM: it stands at `state`, and its match began at token `start`.
private struct VMThread {
    var state: Int32
    var start: Int32
}

/// The per-call working memory of ``MoveAutomaton/matches(in:)``: one stamp per state, two
/// per atom (this token's and the next one's), the two thread lists and a walk's stack. Used by one call at a time (the pool
/// hands it out).
private final class MatchScratch {
    let stateCount: Int
    let atomCount: Int
    let patternCount: Int
    let seen: UnsafeMutablePointer<Int32>
    /// Per pattern: the step it last matched at.
    let accepted: UnsafeMutablePointer<Int32>
    /// Per atom: the first step of the last run whose reply had it.
    let present: UnsafeMutablePointer<Int32>
    /// Per pattern: the first step of the last run that checked its required atoms, and the answer.
    let checked: UnsafeMutablePointer<Int32>
    let possible: UnsafeMutablePointer<Bool>
    /// The same per branch of the prefix tree.
    let branchCount: Int
    let branchChecked: UnsafeMutablePointer<Int32>
    let branchPossible: UnsafeMutablePointer<Bool>
    let atomStamp: UnsafeMutablePointer<Int32>
    let atomStampOdd: UnsafeMutablePointer<Int32>
    let current: UnsafeMutablePointer<VMThread>
    let next: UnsafeMutablePointer<VMThread>
    /// For closures walked live: each expanded state pushes at most two.
    let stack: UnsafeMutablePointer<Int32>
    /// The first stamp no run has used yet.
    private var nextStamp: Int32 = 0

    init(stateCount: Int, atomCount: Int, patternCount: Int, branchCount: Int) {
        self.branchCount = branchCount
        branchChecked = .allocate(capacity: max(branchCount, 1))
        branchChecked.initialize(repeating: -1, count: max(branchCount, 1))
        branchPossible = .allocate(capacity: max(branchCount, 1))
        branchPossible.initialize(repeating: false, count: max(branchCount, 1))
        self.stateCount = stateCount
        self.atomCount = atomCount
        self.patternCount = patternCount
        seen = .allocate(capacity: max(stateCount, 1))
        seen.initialize(repeating: -1, count: max(stateCount, 1))
        accepted = .allocate(capacity: max(patternCount, 1))
        accepted.initialize(repeating: -1, count: max(patternCount, 1))
        present = .allocate(capacity: max(atomCount, 1))
        present.initialize(repeating: -1, count: max(atomCount, 1))
        checked = .allocate(capacity: max(patternCount, 1))
        checked.initialize(repeating: -1, count: max(patternCount, 1))
        possible = .allocate(capacity: max(patternCount, 1))
        possible.initialize(repeating: false, count: max(patternCount, 1))
        atomStamp = .allocate(capacity: max(atomCount, 1))
        atomStamp.initialize(repeating: -1, count: max(atomCount, 1))
        atomStampOdd = .allocate(capacity: max(atomCount, 1))
        atomStampOdd.initialize(repeating: -1, count: max(atomCount, 1))
        current = .allocate(capacity: max(stateCount, 1))
        next = .allocate(capacity: max(stateCount, 1))
        stack = .allocate(capacity: 2 * stateCount + 2)
    }

    deinit {
        seen.deallocate()
        accepted.deallocate()
        present.deallocate()
        checked.deallocate()
        possible.deallocate()
        branchChecked.deallocate()
        branchPossible.deallocate()
        atomStamp.deallocate()
        atomStampOdd.deallocate()
        current.deallocate()
        next.deallocate()
        stack.deallocate()
    }

    /// `count` consecutive stamps, starting at the returned one, that appear nowhere in the arrays.
    func stamps(for count: Int) -> Int32 {
        if Int(nextStamp) + count >= Int(Int32.max) {
            seen.update(repeating: -1, count: max(stateCount, 1))
            accepted.update(repeating: -1, count: max(patternCount, 1))
            present.update(repeating: -1, count: max(atomCount, 1))
            checked.update(repeating: -1, count: max(patternCount, 1))
            branchChecked.update(repeating: -1, count: max(branchCount, 1))
            atomStamp.update(repeating: -1, count: max(atomCount, 1))
            atomStampOdd.update(repeating: -1, count: max(atomCount, 1))
            nextStamp = 0
        }
        let base = nextStamp
        nextStamp += Int32(count)
        return base
    }
}

/// Spare ``MatchScratch``es: `detect` may run on several threads at once with one detector.
private final class ScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var spare: [MatchScratch] = []
    /// Enough for every core of a busy server; more are freed after use.
    private let limit = 8

    func take(stateCount: Int, atomCount: Int, patternCount: Int, branchCount: Int) -> MatchScratch {
        lock.lock()
        let scratch = spare.popLast()
        lock.unlock()
        if let scratch, scratch.stateCount == stateCount, scratch.atomCount == atomCount,
            scratch.patternCount == patternCount, scratch.branchCount == branchCount
        {
            return scratch
        }
        return MatchScratch(
            stateCount: stateCount, atomCount: atomCount, patternCount: patternCount, branchCount: branchCount)
    }

    func recycle(_ scratch: MatchScratch) {
        lock.lock()
        if spare.count < limit { spare.append(scratch) }
        lock.unlock()
    }
}
