import Foundation

extension Array where Element: Sendable {
    /// `map(transform)` spread over the machine's cores, results in the same order.
    ///
    /// The elements are cut into one contiguous run per worker, so each worker writes its own
    /// part of the result and nothing is shared but the input. For batch work with no side
    /// effects, such as detecting the moves of many replies; a short array is mapped in place.
    public func orderedParallelMap<T: Sendable>(
        workers: Int = ProcessInfo.processInfo.activeProcessorCount, _ transform: @Sendable (Element) -> T
    ) -> [T] {
        let workers = Swift.max(1, Swift.min(workers, count / Self.minimumRun))
        guard workers > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let runLength = (count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = worker * runLength
            for index in start..<Swift.min(start + runLength, count) { results.set(index, transform(self[index])) }
        }
        return results.values
    }

    /// Fewer elements than this per worker are not worth a thread.
    static var minimumRun: Int { 16 }
}

/// One slot per result, each written by exactly one worker and read after all have finished.
///
/// Raw memory allocated up front rather than an array property: workers writing an array
/// stored in a class would each claim exclusive access to the whole array at once.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// Safe without a lock: each index is written by one worker only.
    func set(_ index: Int, _ value: T) { slots[index] = value }

    var values: [T] { (0..<count).map { slots[$0]! } }
}
