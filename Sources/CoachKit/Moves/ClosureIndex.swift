/// Where the states that test one atom are in one large closure: a hash table from
/// (closure, atom) to a range of `closureAtoms`, so that a closure of hundreds of states
/// costs a few lookups per token, one per atom of the token, instead of a test per state.
struct ClosureIndex {
    private struct Slot {
        var key: UInt64
        var lower: Int32
        var upper: Int32
    }

    private static let empty = UInt64.max
    private var pending: [Slot] = []
    private var slots: [Slot] = []
    private var mask = 0

    mutating func insert(closure: Int32, atom: Int32, range: Range<Int32>) {
        pending.append(Slot(key: Self.key(closure, atom), lower: range.lowerBound, upper: range.upperBound))
    }

    /// Builds the table from what was inserted, at most half full.
    mutating func finish() {
        var capacity = 16
        while capacity < 2 * pending.count { capacity *= 2 }
        slots = Array(repeating: Slot(key: Self.empty, lower: 0, upper: 0), count: capacity)
        mask = capacity - 1
        for slot in pending {
            var index = Self.hash(slot.key) & mask
            while slots[index].key != Self.empty { index = (index + 1) & mask }
            slots[index] = slot
        }
        pending = []
    }

    /// The slots of `closureAtoms` that hold the closure's states testing `atom`, if any.
    @inline(__always)
    func states(in closure: Int32, testing atom: Int32) -> Range<Int32>? {
        let key = Self.key(closure, atom)
        var index = Self.hash(key) & mask
        while true {
            let slot = slots[index]
            if slot.key == key { return slot.lower..<slot.upper }
            if slot.key == Self.empty { return nil }
            index = (index + 1) & mask
        }
    }

    @inline(__always)
    private static func key(_ closure: Int32, _ atom: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: closure)) << 32 | UInt64(UInt32(bitPattern: atom))
    }

    @inline(__always)
    private static func hash(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }
}
