import Foundation

/// Every pattern of a lexicon compiled into one automaton, run once over a reply.
///
/// Patterns become a Thompson NFA over token *atoms* (a word, a stem, a mark, an
/// anchor). The reply is matched by a Pike VM: at most one thread per NFA state and
/// token, so the work is linear in the reply's length whatever the patterns are —
/// there is no backtracking to exploit. Threads only start at patterns whose first
/// token the current token can satisfy, so the cost per token is proportional to the
/// patterns actually in play, not to the size of the lexicon.
struct MoveAutomaton: Sendable {
    /// One complete match of pattern `pattern` over tokens `start..<end`.
    struct Match: Sendable, Hashable {
        var pattern: Int
        var start: Int
        var end: Int
    }

    private enum Op: UInt8 {
        case atom, split, jump, accept
    }

    /// One step of a precomputed closure (see `closures`).
    private struct ClosureEntry {
        var state: Int32
        /// Where the walk goes on when `state` was already reached this step: past its subtree.
        var skip: Int32
        /// For an atom state: its atom; for an accept: its pattern.
        var value: Int32
        var op: Op
    }

    // The program, as parallel arrays while it is compiled (`program` packs it for matching).
    private var ops: [Op] = []
    private var first: [Int32] = []
    private var second: [Int32] = []

    private var trie = WordTrie()
    /// Per pattern: its entry state.
    private var entries: [Int32] = []
    /// Per atom state `s`: what its thread reaches once its atom matched, i.e. the ε-closure
    /// of `second[s]` (its *root*), precomputed once per root as the slice
    /// `closures[closureStart[s]..<closureEnd[s]]`, in the exact order a depth-first walk
    /// (first branch first) meets the states. Each state appears where the walk first meets
    /// it, an accept at every path to it; `skip` ends a state's subtree, so a walk that finds
    /// a state already reached this step skips what it leads to, as the walk itself would.
    /// `closureStart[s] < 0`: the closure was too large for the budget and is walked live.
    private var closureStart: [Int32] = []
    private var closureEnd: [Int32] = []
    private var closures: [ClosureEntry] = []
    /// Per atom state: a 256-bit summary of its closure, the atoms in it (``Bloom/bit(_:)``)
    /// and ``Bloom/accept`` if an accept is in it (all bits for a closure walked live). A
    /// closure whose summary shares no bit with the next token's can neither match nor carry
    /// a thread on, and is not walked.
    private var closureBlooms: [Bloom] = []
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
            let bit: Int
            if atom < Atom.fixedCount {
                bit = Int(atom) + 1
            } else {
                let spread = UInt64(UInt32(bitPattern: atom) &* 0x9E37_79B1)
                bit = Int(Atom.fixedCount) + 1 + Int((spread &* UInt64(255 - Atom.fixedCount)) >> 32)
            }
            let mask = UInt64(1) << UInt64(bit & 63)
            switch bit >> 6 {
            case 0: return Bloom(words: (mask, 0, 0, 0))
            case 1: return Bloom(words: (0, mask, 0, 0))
            case 2: return Bloom(words: (0, 0, mask, 0))
            default: return Bloom(words: (0, 0, 0, mask))
            }
        }

        @inline(__always)
        mutating func insert(_ other: Bloom) {
            words.0 |= other.words.0
            words.1 |= other.words.1
            words.2 |= other.words.2
            words.3 |= other.words.3
        }

        /// Whether bit `bit` (0 to 255; 256 for none) is set.
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
        static let fixedCount: Int32 = 8
    }

    /// Whether some pattern has `@name`: only then are the reply's words checked for names.
    private var testsNames = false

    /// Compiles `patterns` (matched as pattern index = position), the negation cues, the
    /// folded words that `@name` never matches, the spellings read as other words
    /// (typed form, word), and the length from which a word may be read with one typo (0: never).
    init(
        patterns: [Pattern], cues: [Pattern], barriers: [Pattern] = [], notNames: [[UInt32]] = [],
        fillers: [[UInt32]] = [], spellings: [([UInt32], [UInt32])] = [], typoMinimum: Int = 0
    ) {
        var patternEntries: [Int32] = []
        for (index, pattern) in patterns.enumerated() {
            let start = Int32(ops.count)
            let entry = emit(pattern, next: -1)
            // Patch the dangling ends to an accept for this pattern.
            let accept = append(.accept, Int32(index), 0)
            patch(from: start, dangling: -1, to: accept)
            patternEntries.append(entry)
            entries.append(entry)
        }
        testsNames = zip(ops, first).contains { $0 == .atom && $1 == Atom.properName }
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
        for entry in patternEntries {
            var stack = [entry]
            var visited: [Int32] = []
            while let state = stack.popLast() {
                guard !seen[Int(state)] else { continue }
                seen[Int(state)] = true
                visited.append(state)
                switch ops[Int(state)] {
                case .atom: starts[Int(first[Int(state)])].append(state)
                case .split:
                    stack.append(second[Int(state)])
                    stack.append(first[Int(state)])
                case .jump: stack.append(first[Int(state)])
                case .accept: break
                }
            }
            for state in visited { seen[Int(state)] = false }
        }
        startOffsets = [0]
        for list in starts {
            startStates += list
            startOffsets.append(Int32(startStates.count))
        }
        buildClosures()
        buildStartBuckets()
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
                for state in states where closureBlooms[Int(state)].has(bit: bit) { bucketStates.append(state) }
                bucketOffsets.append(Int32(bucketStates.count))
            }
        }
    }

    /// The largest closure that is precomputed, in entries.
    private static let closureLimit = 1024

    /// Fills `closures`, `closureStart`, `closureEnd` and `closureBlooms` (see there).
    ///
    /// Closures of different roots may overlap (a chain of optional words), so their total
    /// size is not linear in the program's: the work is capped at a budget linear in the
    /// number of states, and the roots past it are walked live, as every closure used to be.
    private mutating func buildClosures() {
        let count = ops.count
        program = (0..<count).map { Instruction(op: ops[$0], first: first[$0], second: second[$0]) }
        closureStart = [Int32](repeating: -1, count: count)
        closureEnd = [Int32](repeating: -1, count: count)
        closureBlooms = [Bloom](repeating: .all, count: count)
        var budget = 8 * count + 65_536
        // Per root: its slice of `closures` once built (start -2: not built yet, -1: walked live).
        var rootStart = [Int32](repeating: -2, count: count)
        var rootEnd = [Int32](repeating: -1, count: count)
        var rootBloom = [Bloom](repeating: .all, count: count)
        // Per state: the root whose walk last met it (a stamp, so no clearing between roots).
        var met = [Int32](repeating: -1, count: count)
        // The walk: (state, or -1 for "close the subtree of entry `index`", entry index).
        var stack: [(state: Int32, index: Int32)] = []
        for state in 0..<count where ops[state] == .atom {
            let root = Int(second[state])
            if rootStart[root] == -2 {
                let start = closures.count
                var bloom = Bloom()
                var complete = true
                stack.removeAll(keepingCapacity: true)
                stack.append((Int32(root), 0))
                while let (target, index) = stack.popLast() {
                    if target < 0 {
                        closures[Int(index)].skip = Int32(closures.count)
                        continue
                    }
                    budget -= 1
                    guard closures.count - start < Self.closureLimit, budget > 0 else {
                        complete = false
                        break
                    }
                    let op = ops[Int(target)]
                    if op == .accept {
                        closures.append(
                            ClosureEntry(
                                state: target, skip: Int32(closures.count + 1), value: first[Int(target)], op: op))
                        bloom.insert(.accept)
                        continue
                    }
                    guard met[Int(target)] != Int32(root) else { continue }
                    met[Int(target)] = Int32(root)
                    let entry = Int32(closures.count)
                    closures.append(ClosureEntry(state: target, skip: entry + 1, value: first[Int(target)], op: op))
                    switch op {
                    case .atom: bloom.insert(.bit(first[Int(target)]))
                    case .split:
                        stack.append((-1, entry))
                        stack.append((second[Int(target)], 0))
                        stack.append((first[Int(target)], 0))
                    case .jump:
                        stack.append((-1, entry))
                        stack.append((first[Int(target)], 0))
                    case .accept: break
                    }
                }
                if complete {
                    rootStart[root] = Int32(start)
                    rootEnd[root] = Int32(closures.count)
                    rootBloom[root] = bloom
                } else {
                    closures.removeSubrange(start...)
                    rootStart[root] = -1
                }
            }
            closureStart[state] = rootStart[root]
            closureEnd[state] = rootEnd[root]
            closureBlooms[state] = rootBloom[root]
        }
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
        return atom
    }

    /// Emits `pattern`; its exits point at `next` (a placeholder patched later). Returns its entry state.
    private mutating func emit(_ pattern: Pattern, next: Int32) -> Int32 {
        switch pattern {
        case .word(let letters):
            return append(.atom, trie.exact(letters, nextAtom: &atomCount), next)
        case .stem(let letters):
            return append(.atom, trie.stem(letters, nextAtom: &atomCount), next)
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
        case .sequence(let items):
            var entry = next
            for item in items.reversed() { entry = emit(item, next: entry) }
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

    /// Replaces the placeholder `dangling` with `target` in every state from `start` on.
    private mutating func patch(from start: Int32, dangling: Int32, to target: Int32) {
        for index in Int(start)..<ops.count {
            if first[index] == dangling && ops[index] != .atom && ops[index] != .accept { first[index] = target }
            if second[index] == dangling && (ops[index] == .atom || ops[index] == .split) { second[index] = target }
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

    /// The atoms of every token; with `typos: false`, no word is read with a typo.
    func atoms(of text: TokenizedText, typos: Bool = true) -> TokenAtoms {
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
                let flags = trie.atoms(of: text.folded[token.foldedStart..<token.foldedEnd], into: &atoms, typos: typos)
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

    /// Runs every pattern over the tokens; returns each match once.
    ///
    /// A Pike VM: per token, the threads standing at atom states whose atom the token
    /// satisfies advance through their closure, in order (an earlier start first), and a
    /// state is taken by the first thread to reach it. Two refinements keep the work small
    /// without changing a single match: closures are walked from the precomputed lists
    /// above, and an atom state is only carried to the next token if that token satisfies
    /// its atom (the others would be dropped there, having blocked nothing); a closure
    /// that can do neither (see `closureBlooms`) is not walked at all.
    func matches(in tokenAtoms: TokenAtoms) -> [Match] {
        let tokenCount = tokenAtoms.offsets.count - 1
        var matches: [Match] = []
        guard tokenCount > 0 else { return matches }
        matches.reserveCapacity(16)
        let scratch = scratchPool.take(stateCount: ops.count, atomCount: Int(atomCount))
        defer { scratchPool.recycle(scratch) }
        // Stamps instead of clearing: a state is in the current list iff seen[state] == step. The
        // stamp arrays outlive the call (clearing 16k states would cost more than a short reply), so
        // each run takes stamps that no earlier run used.
        let base = scratch.stamps(for: tokenCount + 1)
        let seen = scratch.seen
        // The atoms of token `p` are stamped with p's step in `atomStamps[p & 1]`.
        let atomStamps = (scratch.atomStamp, scratch.atomStampOdd)
        // Thread lists, preallocated to their bound: a list holds each state at most once.
        var current = scratch.current
        var next = scratch.next
        var currentCount = 0
        let stack = scratch.stack

        closureStart.withUnsafeBufferPointer { closureStart in
          closureEnd.withUnsafeBufferPointer { closureEnd in
           closureBlooms.withUnsafeBufferPointer { closureBlooms in
            closures.withUnsafeBufferPointer { closures in
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
                                    if position + 1 < tokenCount {
                                        for index in Int(offsets[position + 1])..<Int(offsets[position + 2]) {
                                            nextAtoms[Int(atoms[index])] = nextStep
                                            nextBloom.insert(.bit(atoms[index]))
                                        }
                                    }
                                    // New threads for patterns that can begin at this token. Carried threads
                                    // were stamped with this step when they were added, so an earlier start wins.
                                    for index in Int(offsets[position])..<Int(offsets[position + 1]) {
                                        let atom = Int(atoms[index])
                                        let bucket = bucketIndex[atom]
                                        if bucket < 0 {
                                            for slot in Int(startOffsets[atom])..<Int(startOffsets[atom + 1]) {
                                                let state = startStates[slot]
                                                if seen[Int(state)] != step {
                                                    seen[Int(state)] = step
                                                    current[currentCount] = VMThread(state: state, start: position32)
                                                    currentCount += 1
                                                }
                                            }
                                            continue
                                        }
                                        let table = Int(bucket) * 257
                                        nextBloom.forEachBit { bit in
                                            for slot in Int(bucketOffsets[table + bit])..<Int(bucketOffsets[table + bit + 1]) {
                                                let state = bucketStates[slot]
                                                if seen[Int(state)] != step {
                                                    seen[Int(state)] = step
                                                    current[currentCount] = VMThread(state: state, start: position32)
                                                    currentCount += 1
                                                }
                                            }
                                        }
                                    }
                                    var nextCount = 0
                                    for threadIndex in 0..<currentCount {
                                        let thread = current[threadIndex]
                                        // Nothing in the closure can match here or live on: skip it (its
                                        // walk would only mark states that lead to nothing either).
                                        guard closureBlooms[Int(thread.state)].intersects(nextBloom) else { continue }
                                        var entry = Int(closureStart[Int(thread.state)])
                                        if entry < 0 {
                                            // Too large to precompute: the same walk, live.
                                            stack[0] = program[Int(thread.state)].second
                                            var depth = 1
                                            while depth > 0 {
                                                depth -= 1
                                                let target = Int(stack[depth])
                                                let instruction = program[target]
                                                switch instruction.op {
                                                case .accept:
                                                    matches.append(
                                                        Match(
                                                            pattern: Int(instruction.first), start: Int(thread.start),
                                                            end: position + 1))
                                                case .atom:
                                                    if nextAtoms[Int(instruction.first)] == nextStep, seen[target] != nextStep {
                                                        seen[target] = nextStep
                                                        next[nextCount] = VMThread(state: Int32(target), start: thread.start)
                                                        nextCount += 1
                                                    }
                                                case .split:
                                                    guard seen[target] != nextStep else { continue }
                                                    seen[target] = nextStep
                                                    stack[depth] = instruction.second
                                                    stack[depth + 1] = instruction.first
                                                    depth += 2
                                                case .jump:
                                                    guard seen[target] != nextStep else { continue }
                                                    seen[target] = nextStep
                                                    stack[depth] = instruction.first
                                                    depth += 1
                                                }
                                            }
                                            continue
                                        }
                                        let end = Int(closureEnd[Int(thread.state)])
                                        while entry < end {
                                            let item = closures[entry]
                                            switch item.op {
                                            case .accept:
                                                matches.append(
                                                    Match(
                                                        pattern: Int(item.value), start: Int(thread.start),
                                                        end: position + 1))
                                                entry += 1
                                            case .atom:
                                                // Carried only if the next token satisfies its atom.
                                                if nextAtoms[Int(item.value)] == nextStep, seen[Int(item.state)] != nextStep {
                                                    seen[Int(item.state)] = nextStep
                                                    next[nextCount] = VMThread(state: item.state, start: thread.start)
                                                    nextCount += 1
                                                }
                                                entry += 1
                                            case .split, .jump:
                                                if seen[Int(item.state)] == nextStep {
                                                    entry = Int(item.skip)
                                                } else {
                                                    seen[Int(item.state)] = nextStep
                                                    entry += 1
                                                }
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
        func close(_ state: Int32, into list: inout [Int32], at position: Int) {
            var stack = [state]
            while let target = stack.popLast() {
                switch ops[Int(target)] {
                case .atom: if !list.contains(target) { list.append(target) }
                case .split:
                    stack.append(second[Int(target)])
                    stack.append(first[Int(target)])
                case .jump: stack.append(first[Int(target)])
                case .accept: longest = position
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
    let seen: UnsafeMutablePointer<Int32>
    let atomStamp: UnsafeMutablePointer<Int32>
    let atomStampOdd: UnsafeMutablePointer<Int32>
    let current: UnsafeMutablePointer<VMThread>
    let next: UnsafeMutablePointer<VMThread>
    /// For closures walked live: each expanded state pushes at most two.
    let stack: UnsafeMutablePointer<Int32>
    /// The first stamp no run has used yet.
    private var nextStamp: Int32 = 0

    init(stateCount: Int, atomCount: Int) {
        self.stateCount = stateCount
        self.atomCount = atomCount
        seen = .allocate(capacity: max(stateCount, 1))
        seen.initialize(repeating: -1, count: max(stateCount, 1))
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

    func take(stateCount: Int, atomCount: Int) -> MatchScratch {
        lock.lock()
        let scratch = spare.popLast()
        lock.unlock()
        if let scratch, scratch.stateCount == stateCount, scratch.atomCount == atomCount { return scratch }
        return MatchScratch(stateCount: stateCount, atomCount: atomCount)
    }

    func recycle(_ scratch: MatchScratch) {
        lock.lock()
        if spare.count < limit { spare.append(scratch) }
        lock.unlock()
    }
}
