/// Maps a folded word to the pattern atoms it satisfies, in one walk over its letters.
///
/// Exact words and stems share one trie; walking a word's letters collects every stem
/// that is a prefix of it and, at the end, the exact word. A flat hash map keyed by
/// (node, letter) keeps it to one lookup per letter.
struct WordTrie: Sendable {
    private var children = EdgeTable()
    /// Per node: the atoms of the exact word and of the stem ending here, and their flags.
    private var nodes: [Node] = [Node()]
    /// Per node, the letters of its edges: the typo walk tries each of them.
    private var childLetters: [[UInt32]] = [[]]
    /// What a spelling stands for, by the index a node's `spelling` holds: the atoms and flags
    /// of the word it is read as, beyond those it has itself ("dont" is read as "don't").
    private var spellings: [(atoms: [Int32], flags: Flags)] = []
    /// Words of at least this many letters that satisfy no atom may be read with one typo
    /// (0: never).
    var typoMinimum = 0

    private struct Node: Sendable {
        /// The atom of the exact word ending here, or -1.
        var exactAtom: Int32 = -1
        /// The atom of the stem ending here, or -1.
        var stemAtom: Int32 = -1
        /// Whether the exact word / any word with this stem is a negation cue.
        var exactCue = false
        var stemCue = false
        /// Whether the exact word is never a proper name (`not-names`).
        var exactNotName = false
        /// Whether the exact word is a filler (`fillers:`).
        var exactFiller = false
        /// Whether the exact word / any word with this stem stops a negation cue's reach.
        var exactBarrier = false
        var stemBarrier = false
        /// The index in `spellings` of what this word, typed as it is here, stands for, or -1.
        var spelling: Int32 = -1
        /// The index in `classAtoms` of the word classes the exact word / any word with this
        /// stem belongs to, or -1.
        var exactClasses: Int32 = -1
        var stemClasses: Int32 = -1
    }

    /// The atoms of word classes (`(call|ring|phone)` compiled as one atom), by node.
    private var classAtoms: [[Int32]] = []

    /// What a word is besides the atoms it satisfies.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// A negation cue.
        static let cue = Flags(rawValue: 1)
        /// One of the lexicon's `not-names`.
        static let notName = Flags(rawValue: 2)
        /// Read with one typo: its atoms are those of a pattern word one edit away.
        static let typo = Flags(rawValue: 4)
        /// A negation barrier: a cue before it does not reach the words after it.
        static let barrier = Flags(rawValue: 8)
        /// A spelling of another word (`spellings:`): it has that word's atoms too.
        static let spelling = Flags(rawValue: 16)
        /// A filler at a sentence's start (`fillers:`).
        static let filler = Flags(rawValue: 32)
    }

    private mutating func node(for letters: [UInt32]) -> Int {
        var node = 0
        for letter in letters {
            let key = EdgeTable.key(node, letter)
            if let next = children[key] {
                node = Int(next)
            } else {
                let next = nodes.count
                children.insert(key, Int32(next))
                childLetters[node].append(letter)
                nodes.append(Node())
                childLetters.append([])
                node = next
            }
        }
        return node
    }

    /// The atom for an exact word, created on first use.
    mutating func exact(_ letters: [UInt32], nextAtom: inout Int32) -> Int32 {
        let node = node(for: letters)
        if nodes[node].exactAtom < 0 {
            nodes[node].exactAtom = nextAtom
            nextAtom += 1
        }
        return nodes[node].exactAtom
    }

    /// The atom for a stem, created on first use.
    mutating func stem(_ letters: [UInt32], nextAtom: inout Int32) -> Int32 {
        let node = node(for: letters)
        if nodes[node].stemAtom < 0 {
            nodes[node].stemAtom = nextAtom
            nextAtom += 1
        }
        return nodes[node].stemAtom
    }

    /// Makes `letters` (a whole word, or a stem) a member of the word class `atom`: a word
    /// that is, or starts with, them satisfies `atom` too.
    mutating func addToClass(_ letters: [UInt32], isStem: Bool, atom: Int32) {
        let node = node(for: letters)
        var index = isStem ? nodes[node].stemClasses : nodes[node].exactClasses
        if index < 0 {
            index = Int32(classAtoms.count)
            classAtoms.append([])
            if isStem { nodes[node].stemClasses = index } else { nodes[node].exactClasses = index }
        }
        // Classes are made one at a time, so a member already in `atom` was added last: checking
        // the last keeps this constant where a word is in thousands of classes.
        if classAtoms[Int(index)].last != atom { classAtoms[Int(index)].append(atom) }
    }

    /// Calls `body` with every word the trie can read as typed (the letters of each node) and
    /// the atoms that word satisfies: the stems along its path, the word itself, the classes of
    /// both and what its spelling stands for. A word that is not in the trie satisfies the stems
    /// of the node where its walk ends, a subset of that node's atoms, so the words visited
    /// here include the one with the most atoms.
    func forEachWord(_ body: (_ letters: [UInt32], _ atoms: [Int32]) -> Void) {
        // Depth-first with an explicit stack: a pattern word may be as long as the file.
        var stack: [(node: Int, depth: Int, letter: UInt32)] = [(0, 0, 0)]
        var letters: [UInt32] = []
        // The stem atoms along the path, with where each node's part begins.
        var stemAtoms: [Int32] = []
        var stemStarts: [Int] = []
        var atoms: [Int32] = []
        while let (node, depth, letter) = stack.popLast() {
            letters.removeSubrange(max(depth - 1, 0)...)
            if depth > 0 { letters.append(letter) }
            if stemStarts.count > depth {
                stemAtoms.removeSubrange(stemStarts[depth]...)
                stemStarts.removeSubrange(depth...)
            }
            stemStarts.append(stemAtoms.count)
            let info = nodes[node]
            if info.stemAtom >= 0 { stemAtoms.append(info.stemAtom) }
            if info.stemClasses >= 0 { stemAtoms += classAtoms[Int(info.stemClasses)] }
            atoms = stemAtoms
            if info.exactAtom >= 0 { atoms.append(info.exactAtom) }
            if info.exactClasses >= 0 { atoms += classAtoms[Int(info.exactClasses)] }
            if info.spelling >= 0 { atoms += spellings[Int(info.spelling)].atoms }
            if depth > 0 { body(letters, atoms) }
            for child in childLetters[node] {
                stack.append((Int(children[EdgeTable.key(node, child)]!), depth + 1, child))
            }
        }
    }

    mutating func markCue(_ letters: [UInt32], isStem: Bool) {
        let node = node(for: letters)
        if isStem { nodes[node].stemCue = true } else { nodes[node].exactCue = true }
    }

    mutating func markBarrier(_ letters: [UInt32], isStem: Bool) {
        let node = node(for: letters)
        if isStem { nodes[node].stemBarrier = true } else { nodes[node].exactBarrier = true }
    }

    mutating func markFiller(_ letters: [UInt32]) {
        nodes[node(for: letters)].exactFiller = true
    }

    mutating func markNotName(_ letters: [UInt32]) {
        nodes[node(for: letters)].exactNotName = true
    }

    /// Reads `typed` as `word` too: a typed word gains the atoms and flags of the word it
    /// stands for. Call once every pattern and cue is in the trie.
    mutating func addSpelling(_ typed: [UInt32], as word: [UInt32]) {
        var own: [Int32] = []
        let ownFlags = atoms(of: typed[...], into: &own)
        var read: [Int32] = []
        let readFlags = atoms(of: word[...], into: &read)
        let extra = read.filter { !own.contains($0) }
        let flags = readFlags.subtracting(ownFlags).subtracting(.notName)
        guard !extra.isEmpty || !flags.isEmpty else { return }
        let node = node(for: typed)
        nodes[node].spelling = Int32(spellings.count)
        spellings.append((extra, flags))
    }

    /// Appends the atoms `word` satisfies; returns whether it is a negation cue or a not-name.
    ///
    /// A word that satisfies nothing as typed, and is long enough, is read with one typo
    /// (see ``typoAtoms(of:into:)``) and flagged `typo`.
    func atoms(
        of word: ArraySlice<UInt32>, into atoms: inout [Int32], typos: Bool = true, knownElsewhere: Bool = false
    ) -> Flags {
        let before = atoms.count
        var flags = exactAtoms(of: word, into: &atoms)
        if typos, !knownElsewhere, typoMinimum > 0, atoms.count == before, flags.isEmpty, word.count >= typoMinimum,
            typoAtoms(of: word, into: &atoms)
        {
            flags.insert(.typo)
        }
        return flags
    }

    /// Whether `word` is one this trie holds as it is (a word, a stem it begins with, a cue,
    /// a filler, a spelling): such a word is never read as a typo of another.
    /// Reads what ``exactAtoms(of:into:)`` would give without collecting it: it runs for every
    /// word of a reply against a whole lexicon's trie.
    func knows(_ word: ArraySlice<UInt32>) -> Bool {
        nodes.withUnsafeBufferPointer { nodes in
            func hasClass(_ index: Int32) -> Bool { index >= 0 && !classAtoms[Int(index)].isEmpty }
            var node = 0
            for letter in word {
                // A stem passed on the way is known, whether or not the word goes on from it.
                guard let next = children[EdgeTable.key(node, letter)] else { return false }
                node = Int(next)
                let info = nodes[node]
                if info.stemAtom >= 0 || info.stemCue || info.stemBarrier || hasClass(info.stemClasses) { return true }
            }
            let info = nodes[node]
            return info.exactAtom >= 0 || info.exactCue || info.exactBarrier || info.exactFiller || info.exactNotName
                || info.spelling >= 0 || hasClass(info.exactClasses)
        }
    }

    private func exactAtoms(of word: ArraySlice<UInt32>, into atoms: inout [Int32]) -> Flags {
        nodes.withUnsafeBufferPointer { nodes in
            var node = 0
            var flags: Flags = []
            for letter in word {
                guard let next = children[EdgeTable.key(node, letter)] else { return flags }
                node = Int(next)
                let info = nodes[node]
                if info.stemAtom >= 0 { atoms.append(info.stemAtom) }
                if info.stemClasses >= 0 { atoms += classAtoms[Int(info.stemClasses)] }
                if info.stemCue { flags.insert(.cue) }
                if info.stemBarrier { flags.insert(.barrier) }
            }
            let info = nodes[node]
            if info.exactAtom >= 0 { atoms.append(info.exactAtom) }
            if info.exactClasses >= 0 { atoms += classAtoms[Int(info.exactClasses)] }
            if info.exactCue { flags.insert(.cue) }
            if info.exactBarrier { flags.insert(.barrier) }
            if info.exactFiller { flags.insert(.filler) }
            if info.exactNotName { flags.insert(.notName) }
            if info.spelling >= 0 {
                let spelling = spellings[Int(info.spelling)]
                atoms += spelling.atoms
                flags.formUnion(spelling.flags)
                flags.insert(.spelling)
            }
            return flags
        }
    }

    /// The letters a typo may not touch at the start: people rarely mistype a word's start,
    /// and an edit there turns words into others ("unable" / "enable", "не" + verb).
    static let typoFreePrefix = 2
    /// A stem read through a typo must be at least this long, so that a typo cannot make a
    /// short stem match a long word ("redundant" is not a typo of `refund*`, nor "creating"
    /// of `cretin*`).
    static let typoMinimumStem = 7

    /// Appends the atoms of the pattern words and stems that `word` matches with exactly one
    /// edit (a letter substituted, inserted, left out, or two neighbours swapped) past its
    /// first letters; returns whether any matched.
    ///
    /// A depth-first walk of the trie with an edit budget of one: each branch spends the edit
    /// at one position and then must follow the rest of the word exactly, so the work is
    /// bounded by the word's length times the edges at each node on its path.
    private func typoAtoms(of word: ArraySlice<UInt32>, into atoms: inout [Int32]) -> Bool {
        let letters = Array(word)
        var found: [Int32] = []
        // The exact path: where the word's own letters lead, before any edit.
        var path = [0]
        for letter in letters {
            guard let next = children[EdgeTable.key(path[path.count - 1], letter)] else { break }
            path.append(Int(next))
        }
        // Never the last letter: a different ending is mostly another word of its own
        // ("managed" is not a typo of "manager").
        for position in Self.typoFreePrefix..<(letters.count - 1) where position < path.count {
            let node = path[position]
            // Substitution and omission (a letter missing from the word): leave by another edge.
            // Apostrophes are never edited: "mother's" is no typo of "motherf…".
            if letters[position] == 0x27 { continue }
            for letter in childLetters[node] where letter != letters[position] && letter != 0x27 {
                let child = Int(children[EdgeTable.key(node, letter)]!)
                follow(letters, from: position + 1, at: child, depth: position + 1, into: &found)
                follow(letters, from: position, at: child, depth: position + 1, into: &found)
            }
            // An extra letter in the word: skip it.
            follow(letters, from: position + 1, at: node, depth: position, into: &found)
            // Two neighbours swapped.
            if position + 2 < letters.count, letters[position] != letters[position + 1],
                let first = children[EdgeTable.key(node, letters[position + 1])],
                let second = children[EdgeTable.key(Int(first), letters[position])]
            {
                follow(letters, from: position + 2, at: Int(second), depth: position + 2, into: &found)
            }
        }
        guard !found.isEmpty else { return false }
        for atom in found where !atoms.contains(atom) { atoms.append(atom) }
        return true
    }

    /// Follows `letters[from...]` exactly from `node` (already `depth` letters into a pattern
    /// word), collecting the stems passed (long enough) and the exact word at the end.
    private func follow(_ letters: [UInt32], from: Int, at node: Int, depth: Int, into found: inout [Int32]) {
        var node = node, depth = depth
        func stems(at node: Int) {
            guard depth >= Self.typoMinimumStem else { return }
            if nodes[node].stemAtom >= 0 { found.append(nodes[node].stemAtom) }
            if nodes[node].stemClasses >= 0 { found += classAtoms[Int(nodes[node].stemClasses)] }
        }
        stems(at: node)
        for index in from..<letters.count {
            guard let next = children[EdgeTable.key(node, letters[index])] else { return }
            node = Int(next)
            depth += 1
            stems(at: node)
        }
        if nodes[node].exactAtom >= 0 { found.append(nodes[node].exactAtom) }
        if nodes[node].exactClasses >= 0 { found += classAtoms[Int(nodes[node].exactClasses)] }
    }
}

/// The trie's edges: (node, letter) → child, in one open-addressing table with a
/// multiplicative hash (a `Dictionary` spends most of a lookup in its seeded hasher).
private struct EdgeTable: Sendable {
    /// Keys, with `empty` in free slots; a node number and a scalar never make `empty`.
    private var keys: [UInt64] = Array(repeating: EdgeTable.empty, count: 16)
    private var values: [Int32] = Array(repeating: 0, count: 16)
    private var count = 0
    private var shift: UInt64 = 60  // 64 - log2(capacity)

    private static let empty = UInt64.max

    @inline(__always)
    static func key(_ node: Int, _ letter: UInt32) -> UInt64 { UInt64(node) << 32 | UInt64(letter) }

    @inline(__always)
    private func slot(for key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    subscript(key: UInt64) -> Int32? {
        keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var index = slot(for: key)
            while true {
                let found = keys[index]
                if found == key { return values[index] }
                if found == EdgeTable.empty { return nil }
                index = (index + 1) & mask
            }
        }
    }

    /// Adds a key that is not in the table yet.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var index = slot(for: key)
        while keys[index] != EdgeTable.empty { index = (index + 1) & mask }
        keys[index] = key
        values[index] = value
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: EdgeTable.empty, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (index, key) in oldKeys.enumerated() where key != EdgeTable.empty { insert(key, oldValues[index]) }
    }
}
