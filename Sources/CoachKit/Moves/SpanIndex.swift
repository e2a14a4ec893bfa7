/// A set of half-open spans that answers "does anything overlap [start, end)?" in O(log n).
///
/// The detector asks this for every candidate match; a linear scan would make a long
/// reply (many matches) quadratic.
struct SpanIndex<Payload> {
    private var starts: [Int] = []
    private var payloads: [Payload] = []
    /// `reach[i]` is the largest end among the first i + 1 spans (by start), with its index.
    private var reach: [(end: Int, index: Int)] = []

    init(_ spans: [(start: Int, end: Int, payload: Payload)]) {
        let sorted = spans.sorted { $0.start < $1.start }
        starts = sorted.map(\.start)
        payloads = sorted.map(\.payload)
        var best: (end: Int, index: Int) = (Int.min, -1)
        for (index, span) in sorted.enumerated() {
            if span.end > best.end { best = (span.end, index) }
            reach.append(best)
        }
    }

    var isEmpty: Bool { starts.isEmpty }

    /// A span overlapping [start, end), if any.
    func overlapping(_ start: Int, _ end: Int) -> Payload? {
        // Spans that begin before `end`: the first `count` of them.
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < end { low = middle + 1 } else { high = middle }
        }
        guard low > 0, reach[low - 1].end > start else { return nil }
        return payloads[reach[low - 1].index]
    }
}
