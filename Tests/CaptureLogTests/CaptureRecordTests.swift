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
