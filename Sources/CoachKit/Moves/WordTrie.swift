/// Maps a folded word to the pattern atoms it satisfies, in one walk over its letters.
///
/// Exact words and stems share one trie; walking a word's letters collects every stem
/// that is a prefix of it and, at the end, the exact word. A flat hash map keyed by
/// (node, letter) keeps it to one lookup per letter.
struct WordTrie: Sendable {
    private var children: [UInt64: Int32] = [:]
    /// Per node: the atom of the exact word ending here, or -1.
    private var exactAtom: [Int32] = [-1]
    /// Per node: the atom of the stem ending here, or -1.
    private var stemAtom: [Int32] = [-1]
    /// Per node: whether the exact word / any word with this stem is a negation cue.
    private var exactCue: [Bool] = [false]
    private var stemCue: [Bool] = [false]

    private mutating func node(for letters: [UInt32]) -> Int {
        var node = 0
        for letter in letters {
            let key = UInt64(node) << 32 | UInt64(letter)
            if let next = children[key] {
                node = Int(next)
            } else {
                let next = exactAtom.count
                children[key] = Int32(next)
                exactAtom.append(-1)
                stemAtom.append(-1)
                exactCue.append(false)
                stemCue.append(false)
                node = next
            }
        }
        return node
    }

    /// The atom for an exact word, created on first use.
    mutating func exact(_ letters: [UInt32], nextAtom: inout Int32) -> Int32 {
        let node = node(for: letters)
        if exactAtom[node] < 0 {
            exactAtom[node] = nextAtom
            nextAtom += 1
        }
        return exactAtom[node]
    }

    /// The atom for a stem, created on first use.
    mutating func stem(_ letters: [UInt32], nextAtom: inout Int32) -> Int32 {
        let node = node(for: letters)
        if stemAtom[node] < 0 {
            stemAtom[node] = nextAtom
            nextAtom += 1
        }
        return stemAtom[node]
    }

    mutating func markCue(_ letters: [UInt32], isStem: Bool) {
        let node = node(for: letters)
        if isStem { stemCue[node] = true } else { exactCue[node] = true }
    }

    /// Appends the atoms `word` satisfies; returns whether it is a negation cue.
    func atoms(of word: ArraySlice<UInt32>, into atoms: inout [Int32]) -> Bool {
        var node = 0
        var isCue = false
        for letter in word {
            guard let next = children[UInt64(node) << 32 | UInt64(letter)] else { return isCue }
            node = Int(next)
            if stemAtom[node] >= 0 { atoms.append(stemAtom[node]) }
            if stemCue[node] { isCue = true }
        }
        if exactAtom[node] >= 0 { atoms.append(exactAtom[node]) }
        return isCue || exactCue[node]
    }
}
