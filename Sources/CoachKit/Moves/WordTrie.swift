/// Maps a folded word to the pattern atoms it satisfies, in one walk over its letters.
///
/// Exact words and stems share one trie; walking a word's letters collects every stem
/// that is a prefix of it and, at the end, the exact word. A flat hash map keyed by
/// (node, letter) keeps it to one lookup per letter.
struct WordTrie: Sendable {
    private var children = EdgeTable()
    /// Per node: the atoms of the exact word and of the stem ending here, and their flags.
    private var nodes: [Node] = [Node()]

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
    }

    /// What a word is besides the atoms it satisfies.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// A negation cue.
        static let cue = Flags(rawValue: 1)
        /// One of the lexicon's `not-names`.
        static let notName = Flags(rawValue: 2)
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
                nodes.append(Node())
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

    mutating func markCue(_ letters: [UInt32], isStem: Bool) {
        let node = node(for: letters)
        if isStem { nodes[node].stemCue = true } else { nodes[node].exactCue = true }
    }

    mutating func markNotName(_ letters: [UInt32]) {
        nodes[node(for: letters)].exactNotName = true
    }

    /// Appends the atoms `word` satisfies; returns whether it is a negation cue or a not-name.
    func atoms(of word: ArraySlice<UInt32>, into atoms: inout [Int32]) -> Flags {
        nodes.withUnsafeBufferPointer { nodes in
            var node = 0
            var flags: Flags = []
            for letter in word {
                guard let next = children[EdgeTable.key(node, letter)] else { return flags }
                node = Int(next)
                let info = nodes[node]
                if info.stemAtom >= 0 { atoms.append(info.stemAtom) }
                if info.stemCue { flags.insert(.cue) }
            }
            let info = nodes[node]
            if info.exactAtom >= 0 { atoms.append(info.exactAtom) }
            if info.exactCue { flags.insert(.cue) }
            if info.exactNotName { flags.insert(.notName) }
            return flags
        }
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
