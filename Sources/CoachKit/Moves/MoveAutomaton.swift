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

    // The program, as parallel arrays for a tight inner loop.
    private var ops: [Op] = []
    private var first: [Int32] = []
    private var second: [Int32] = []

    private var trie = WordTrie()
    /// Per pattern: its entry state.
    private var entries: [Int32] = []
    /// Per atom: the atom states that begin some pattern and test that atom.
    private var starts: [[Int32]] = []
    private var atomCount: Int32 = Atom.fixedCount

    /// Atoms that do not come from words.
    private enum Atom {
        static let anyWord: Int32 = 0
        static let replyStart: Int32 = 1
        static let sentenceStart: Int32 = 2
        static let sentenceEnd: Int32 = 3
        static let questionMark: Int32 = 4
        static let exclamationMark: Int32 = 5
        static let period: Int32 = 6
        static let fixedCount: Int32 = 7
    }

    /// Compiles `patterns` (matched as pattern index = position) and the negation cues.
    init(patterns: [Pattern], cues: [Pattern]) {
        var startStates: [(Int32, Int)] = []
        for (index, pattern) in patterns.enumerated() {
            let start = Int32(ops.count)
            let entry = emit(pattern, next: -1)
            // Patch the dangling ends to an accept for this pattern.
            let accept = append(.accept, Int32(index), 0)
            patch(from: start, dangling: -1, to: accept)
            startStates.append((entry, index))
            entries.append(entry)
        }
        for cue in cues {
            switch cue {
            case .word(let letters): trie.markCue(letters, isStem: false)
            case .stem(let letters): trie.markCue(letters, isStem: true)
            default: break
            }
        }
        starts = Array(repeating: [], count: Int(atomCount))
        var seen = Array(repeating: false, count: ops.count)
        for (entry, _) in startStates {
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
    }

    private mutating func append(_ op: Op, _ a: Int32, _ b: Int32) -> Int32 {
        ops.append(op)
        first.append(a)
        second.append(b)
        return Int32(ops.count - 1)
    }

    /// Emits `pattern`; its exits point at `next` (a placeholder patched later). Returns its entry state.
    private mutating func emit(_ pattern: Pattern, next: Int32) -> Int32 {
        switch pattern {
        case .word(let letters):
            return append(.atom, trie.exact(letters, nextAtom: &atomCount), next)
        case .stem(let letters):
            return append(.atom, trie.stem(letters, nextAtom: &atomCount), next)
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
            // Each alternative continues at `next`; a split chain picks one (or none).
            var entry: Int32 = optional ? next : -2
            for item in items.reversed() {
                let alternative = emit(item, next: next)
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
    }

    func atoms(of text: TokenizedText) -> TokenAtoms {
        var offsets: [Int32] = [0]
        var atoms: [Int32] = []
        var isCue: [Bool] = []
        offsets.reserveCapacity(text.tokens.count + 1)
        atoms.reserveCapacity(text.tokens.count * 3)
        isCue.reserveCapacity(text.tokens.count)
        for token in text.tokens {
            var cue = false
            switch token.kind {
            case .word:
                atoms.append(Atom.anyWord)
                cue = trie.atoms(of: text.folded[token.foldedStart..<token.foldedEnd], into: &atoms)
            case .begin:
                atoms.append(Atom.replyStart)
                atoms.append(Atom.sentenceStart)
            case .end:
                atoms.append(Atom.sentenceEnd)
            case .questionMark, .exclamationMark, .period:
                atoms.append(Atom.sentenceEnd)
                atoms.append(Atom.sentenceStart)
                atoms.append(
                    token.kind == .questionMark
                        ? Atom.questionMark : token.kind == .exclamationMark ? Atom.exclamationMark : Atom.period)
            }
            isCue.append(cue)
            offsets.append(Int32(atoms.count))
        }
        return TokenAtoms(offsets: offsets, atoms: atoms, isCue: isCue)
    }

    /// Runs every pattern over the tokens; returns each match once.
    func matches(in tokenAtoms: TokenAtoms) -> [Match] {
        let tokenCount = tokenAtoms.offsets.count - 1
        var matches: [Match] = []
        // Stamps instead of clearing: a state is in the current list iff seen[state] == step.
        var seen = [Int32](repeating: -1, count: ops.count)
        var atomStamp = [Int32](repeating: -1, count: Int(atomCount))
        var current: [(state: Int32, start: Int32)] = []
        var next: [(state: Int32, start: Int32)] = []
        var stack: [Int32] = []

        for position in 0..<tokenCount {
            let step = Int32(position)
            let range = Int(tokenAtoms.offsets[position])..<Int(tokenAtoms.offsets[position + 1])
            for index in range { atomStamp[Int(tokenAtoms.atoms[index])] = step }
            // New threads for patterns that can begin at this token. Carried threads were
            // stamped with this step when they were added, so an earlier start wins.
            for index in range {
                for state in starts[Int(tokenAtoms.atoms[index])] where seen[Int(state)] != step {
                    seen[Int(state)] = step
                    current.append((state, step))
                }
            }
            if current.isEmpty { continue }
            let nextStep = step + 1
            next.removeAll(keepingCapacity: true)
            for thread in current {
                let state = Int(thread.state)
                guard atomStamp[Int(first[state])] == step else { continue }
                stack.append(second[state])
                while let target = stack.popLast() {
                    let target = Int(target)
                    guard seen[target] != nextStep else { continue }
                    seen[target] = nextStep
                    switch ops[target] {
                    case .atom: next.append((Int32(target), thread.start))
                    case .split:
                        stack.append(second[target])
                        stack.append(first[target])
                    case .jump: stack.append(first[target])
                    case .accept:
                        matches.append(Match(pattern: Int(first[target]), start: Int(thread.start), end: position + 1))
                        // An accept is shared by every path of its pattern; let later
                        // threads of the same step record their own matches too.
                        seen[target] = -1
                    }
                }
            }
            swap(&current, &next)
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
