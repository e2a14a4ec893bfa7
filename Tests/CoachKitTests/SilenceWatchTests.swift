import Foundation
import Testing

@testable import CoachKit

@Suite struct SilenceWatchTests {
    let start = Date(timeIntervalSince1970: 1_000_000)
    func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    @Test func aNudgeComesOnlyAfterTheSilenceTime() {
        var watch = SilenceWatch(after: 30, from: start)
        #expect(watch.nudgeIsDue(at: at(29)) == nil)
        #expect(watch.nudgeIsDue(at: at(31)) == 31)
    }

    @Test func notesHintsAndTypingAreActivityNotSilence() {
        var watch = SilenceWatch(after: 30, from: start)
        watch.traineeActive(at: at(20))  // a /note
        #expect(watch.nudgeIsDue(at: at(40)) == nil)
        watch.traineeActive(at: at(45))  // typing
        #expect(watch.deadline == at(75))
        #expect(watch.nudgeIsDue(at: at(75)) == 30)
    }

    @Test func afterANudgeTheCustomerWaitsForAReply() {
        var watch = SilenceWatch(after: 30, from: start)
        #expect(watch.nudgeIsDue(at: at(30)) != nil)
        // The customer's own nudge line finishing does not start another countdown.
        watch.customerFinished(at: at(32))
        #expect(watch.deadline == nil)
        #expect(watch.nudgeIsDue(at: at(300)) == nil)
        // Nor does a note.
        watch.traineeActive(at: at(310))
        #expect(watch.nudgeIsDue(at: at(400)) == nil)
        // A reply does.
        watch.traineeActive(at: at(410), reply: true)
        watch.customerFinished(at: at(412))
        #expect(watch.nudgeIsDue(at: at(441)) == nil)
        #expect(watch.nudgeIsDue(at: at(442)) == 30)
    }
}
