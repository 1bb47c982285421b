import Foundation
import Testing
@testable import CaptureLog

@Suite struct CaptureRecordTests {
    @Test func keepsBodyBytesAsGiven() {
        let bytes: [UInt8] = [0xFF, 0x00, 0x1B, 0x7B]
        let record = CaptureRecord(direction: .received, method: "POST", path: "/events", requestBody: bytes)
        #expect(record.requestBody == bytes)
        #expect(record.response == nil)
    }
}

@Suite struct CaptureRecordLineTests {
    @Test func numbersAndTextRoundTripThroughALine() throws {
        var record = sampleRecord()
        record.sequence = 1_000_000_007
        record.sourceSequence = 9
        record.response?.status = 0
        record.response?.latencyMilliseconds = 250
        record.findings[0].line = 10
        record.findings[0].column = 1_234_567
        record.method = "PO\"ST\n"
        let line = record.encodedLine()
        #expect(line.last == 0x0A)
        #expect(!line.dropLast().contains(0x0A))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix(#"{"seq":1000000007,"time":"#))
        #expect(text.contains(#""status":0,"latency_ms":250,"#))
        #expect(text.contains(#""line":10,"column":1234567}"#))
        #expect(text.hasSuffix(#""source_seq":9}"# + "\n"))
        var decoded = try CaptureRecord.decode(line: line)
        // Time is kept to the millisecond.
        #expect(abs(decoded.time.timeIntervalSince(record.time)) < 0.001)
        decoded.time = record.time
        #expect(decoded == record)
    }

    @Test func theLineIsTheSequenceFollowedByTheRestEncodedOnItsOwn() {
        var record = sampleRecord()
        record.sequence = 42
        let whole = record.encodedLine()
        let rest = record.encodedLineAfterSequence()
        #expect(whole == Array(#"{"seq":42,"#.utf8) + rest + [0x0A])
    }
}
