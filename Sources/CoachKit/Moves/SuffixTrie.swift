/// The word endings of a lexicon's `*ending` elements, found in a word by one walk over its
/// letters from the end.
struct SuffixTrie: Sendable {
    /// Edges by (node, letter), walking from the last letter backwards.
    private var edges: [UInt64: Int32] = [:]
    /// Per node: the atom of the ending that ends here, or -1.
    private var atoms: [Int32] = [-1]

    var isEmpty: Bool { atoms.count == 1 }

    /// The atom for `ending` (folded letters), created on first use.
    mutating func atom(for ending: [UInt32], nextAtom: inout Int32) -> Int32 {
        var node: Int32 = 0
        for letter in ending.reversed() {
            let key = Self.key(node, letter)
            if let next = edges[key] {
                node = next
            } else {
                let next = Int32(atoms.count)
                edges[key] = next
                atoms.append(-1)
                node = next
            }
        }
        if atoms[Int(node)] < 0 {
            atoms[Int(node)] = nextAtom
            nextAtom += 1
        }
        return atoms[Int(node)]
    }

    /// Appends the atoms of the endings `word` has, each only if at least `minimumStem`
    /// letters come before it.
    func atoms(of word: ArraySlice<UInt32>, minimumStem: Int, into found: inout [Int32]) {
        var node: Int32 = 0
        var index = word.endIndex
        while index - word.startIndex > minimumStem {
            index -= 1
            guard let next = edges[Self.key(node, word[index])] else { return }
            node = next
            if atoms[Int(node)] >= 0, index - word.startIndex >= minimumStem { found.append(atoms[Int(node)]) }
        }
    }

    private static func key(_ node: Int32, _ letter: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(letter)
    }
}
