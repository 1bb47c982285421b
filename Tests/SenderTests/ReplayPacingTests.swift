import Testing
@testable import Sender

@Suite struct ReplayPacingTests {
    @Test func aRateSchedulesFromTheStartSoLateRequestsDoNotDrift() {
        let pacing = ReplayPacing.rate(perSecond: 50)
        #expect(pacing.dueOffset(index: 0, recordedOffset: .zero) == .zero)
        #expect(pacing.dueOffset(index: 1, recordedOffset: .zero) == .milliseconds(20))
        #expect(pacing.dueOffset(index: 50, recordedOffset: .zero) == .seconds(1))
        // After 10,000 requests the schedule is exactly 200 s: no error accumulates.
        #expect(pacing.dueOffset(index: 10_000, recordedOffset: .zero) == .seconds(200))
        // A request that is late is sent at once, and the next one keeps its own due time.
        #expect(pacing.delay(index: 5, recordedOffset: .zero, elapsed: .milliseconds(130)) == .zero)
        #expect(pacing.delay(index: 7, recordedOffset: .zero, elapsed: .milliseconds(130)) == .milliseconds(10))
    }

    @Test func aThirdOfASecondRoundsToWholeNanosecondsWithoutDrift() {
        let pacing = ReplayPacing.rate(perSecond: 3)
        #expect(pacing.dueOffset(index: 1, recordedOffset: .zero) == .nanoseconds(333_333_333))
        #expect(pacing.dueOffset(index: 3, recordedOffset: .zero) == .seconds(1))
        #expect(pacing.dueOffset(index: 3_000_000, recordedOffset: .zero) == .seconds(1_000_000))
    }

    @Test func asRecordedKeepsTheGapsDividedByTheSpeed() {
        #expect(ReplayPacing.asRecorded(speed: 1).dueOffset(index: 9, recordedOffset: .seconds(3)) == .seconds(3))
        #expect(ReplayPacing.asRecorded(speed: 10).dueOffset(index: 9, recordedOffset: .seconds(3)) == .milliseconds(300))
        #expect(ReplayPacing.asRecorded(speed: 10).delay(index: 9, recordedOffset: .seconds(3), elapsed: .milliseconds(100)) == .milliseconds(200))
        // A record older than the first (rotated logs, clock changes) is due at once.
        #expect(ReplayPacing.asRecorded(speed: 1).dueOffset(index: 2, recordedOffset: .seconds(-3)) == .zero)
    }

    @Test func unpacedIsAlwaysDue() {
        #expect(ReplayPacing.unpaced.delay(index: 1000, recordedOffset: .seconds(9), elapsed: .zero) == .zero)
    }

    @Test func ratesAndSpeedsAsWritten() {
        #expect(ReplayPacing.rate(parsing: "50/s") == .rate(perSecond: 50))
        #expect(ReplayPacing.rate(parsing: "50") == .rate(perSecond: 50))
        #expect(ReplayPacing.rate(parsing: "300/m") == .rate(perSecond: 5))
        #expect(ReplayPacing.rate(parsing: "3600/h") == .rate(perSecond: 1))
        #expect(ReplayPacing.rate(parsing: "0/s") == nil)
        #expect(ReplayPacing.rate(parsing: "fast") == nil)
        #expect(ReplayPacing.rate(parsing: "5/w") == nil)
        #expect(ReplayPacing.speed(parsing: "10x") == 10)
        #expect(ReplayPacing.speed(parsing: "0.5") == 0.5)
        #expect(ReplayPacing.speed(parsing: "-2x") == nil)
    }
}
