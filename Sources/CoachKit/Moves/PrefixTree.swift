/// The patterns of a lexicon as a tree of their elements: patterns that begin with the
/// same elements share a branch, so the automaton tests those elements once for all of
/// them. Many patterns begin alike (`< $marker $marker`, "$agent ~16"), and without this a
/// reply kept one thread per pattern where one does.
///
/// Sharing changes no match: a shared state is taken by the thread that started earliest,
/// and that thread can go on to every match a later one could, so each pattern's earliest
/// start at each end is the same as if it were alone.
struct PrefixTree {
    struct Branch {
        /// Its place in `branches`, which is also a depth-first order.
        var id: Int32
        /// The element it tests (unused for the root).
        var element: Pattern
        var children: [Int32] = []
        /// The patterns that end with this branch's element.
        var ending: [Int32] = []
        /// The patterns under this branch: a slice of `patternsInOrder`.
        var patterns: Range<Int32> = 0..<0
    }

    private(set) var branches: [Branch] = []
    /// Every pattern once, depth first, so that each branch's patterns are one slice.
    private(set) var patternsInOrder: [Int32] = []

    var root: Branch { branches[0] }
    var ranges: [Range<Int32>] { branches.map(\.patterns) }

    init(_ sequences: [[Pattern]]) {
        var built: [Branch] = [Branch(id: 0, element: .gap(0))]
        var childByElement: [Int32: [Pattern: Int32]] = [:]
        for (pattern, elements) in sequences.enumerated() {
            var branch: Int32 = 0
            for element in elements {
                if let child = childByElement[branch]?[element] {
                    branch = child
                } else {
                    let child = Int32(built.count)
                    built.append(Branch(id: child, element: element))
                    built[Int(branch)].children.append(child)
                    childByElement[branch, default: [:]][element] = child
                    branch = child
                }
            }
            built[Int(branch)].ending.append(Int32(pattern))
        }
        // Renumber depth first and give each branch its slice of patterns.
        var order: [Int32] = []
        var stack: [Int32] = [0]
        while let branch = stack.popLast() {
            order.append(branch)
            stack += built[Int(branch)].children.reversed()
        }
        var newID = [Int32](repeating: 0, count: built.count)
        for (position, branch) in order.enumerated() { newID[Int(branch)] = Int32(position) }
        branches = order.map { old in
            var branch = built[Int(old)]
            branch.id = newID[Int(old)]
            branch.children = branch.children.map { newID[Int($0)] }
            return branch
        }
        // Depth first, a branch's patterns are its own endings then its children's, in order.
        for position in branches.indices.reversed() {
            var size = Int32(branches[position].ending.count)
            for child in branches[position].children {
                size += Int32(branches[Int(child)].patterns.count)
            }
            branches[position].patterns = 0..<size
        }
        var next: Int32 = 0
        for position in branches.indices {
            let size = Int32(branches[position].patterns.count)
            branches[position].patterns = next..<next + size
            next += Int32(branches[position].ending.count)
            patternsInOrder += branches[position].ending
        }
    }
}
