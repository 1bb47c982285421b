import Testing
@testable import Collector

@Suite struct CollectorLimitsTests {
    @Test func limitsAreInBinaryKilobytes() {
        #expect(CollectorLimits.requestBytes == 32768)
        #expect(CollectorLimits.batchBytes == 512000)
        #expect(CollectorLimits.eventInBatchBytes == 32768)
    }
}
