import Testing
import TrackingModel
@testable import Sender

@Suite struct BatchSplitterTests {
    /// A JSON event of exactly `size` bytes.
    static func event(_ size: Int) -> [UInt8] {
        let prefix = Array(#"{"event_name":"search","search_term":""#.utf8)
        let suffix = Array(#""}"#.utf8)
        return prefix + Array(repeating: UInt8(ascii: "a"), count: size - prefix.count - suffix.count) + suffix
    }

    @Test func fewEventsMakeOneBatchByteForByte() throws {
        let events = [Self.event(100), Self.event(120)]
        let (batches, oversized) = BatchSplitter.split(events)
        #expect(oversized.isEmpty)
        #expect(batches.count == 1)
        #expect(batches[0].eventIndices == [0, 1])
        #expect(batches[0].body == Array(#"{"batch":["#.utf8) + events[0] + [UInt8(ascii: ",")] + events[1] + Array("]}".utf8))
        let report = PayloadInspector.inspect(bytes: batches[0].body, form: .batch)
        #expect(report.shape == .batch)
        #expect(report.events.count == 2)
    }

    @Test func batchesStayWithinTheRequestLimit() {
        // 40 events of 30,000 bytes: 1.2 MB in all, so at least three requests of at most 512,000 bytes.
        let events = Array(repeating: Self.event(30_000), count: 40)
        let (batches, oversized) = BatchSplitter.split(events)
        #expect(oversized.isEmpty)
        #expect(batches.allSatisfy { $0.body.count <= RequestLimits.batchBytes })
        #expect(batches.flatMap(\.eventIndices) == Array(0..<40))
        // Full: the next event would not have fitted.
        for batch in batches.dropLast() {
            #expect(batch.body.count + 30_001 > RequestLimits.batchBytes)
        }
        #expect(batches.count == 3)
    }

    @Test func aBatchFilledToTheByteIsAllowed() {
        // Frame 12 bytes + n events + (n-1) commas = exactly the limit.
        let frame = 12
        let eventSize = 1000
        let count = (RequestLimits.batchBytes - frame + 1) / (eventSize + 1)
        let last = RequestLimits.batchBytes - frame - count * (eventSize + 1)
        let events = Array(repeating: Self.event(eventSize), count: count) + [Self.event(last)]
        let (batches, _) = BatchSplitter.split(events)
        #expect(batches.count == 1)
        #expect(batches[0].body.count == RequestLimits.batchBytes)
        let (more, _) = BatchSplitter.split(events + [Self.event(60)])
        #expect(more.count == 2)
    }

    @Test func anEventAboveTheEventLimitGoesInNoBatch() {
        let events = [Self.event(100), Self.event(RequestLimits.eventInBatchBytes + 1), Self.event(RequestLimits.eventInBatchBytes)]
        let (batches, oversized) = BatchSplitter.split(events)
        #expect(oversized == [1])
        #expect(batches.flatMap(\.eventIndices) == [0, 2])
    }
}
