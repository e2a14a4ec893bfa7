import Testing

@testable import CoachKit

@Suite struct OrderedParallelMapTests {
    @Test(arguments: [0, 1, 15, 16, 33, 1_000, 10_007])
    func theResultIsTheMapInOrder(count: Int) {
        let items = Array(0..<count)
        #expect(items.orderedParallelMap(workers: 4) { $0 * 3 + 1 } == items.map { $0 * 3 + 1 })
        #expect(items.orderedParallelMap(workers: 1) { String($0) } == items.map { String($0) })
    }

    @Test func detectionInParallelIsDetectionOneByOne() throws {
        let detector = try #require(Fixtures.detector("en"))
        let replies = (0..<400).map { ["I'm so sorry", "what happened", "calm down", "I'll call you at 5 today"][$0 % 4] + " \($0)" }
        let together = replies.orderedParallelMap(workers: 2) { detector.detect($0).json.serialized() }
        #expect(together == replies.map { detector.detect($0).json.serialized() })
    }
}
