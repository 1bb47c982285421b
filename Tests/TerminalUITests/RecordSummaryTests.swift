import CaptureLog
import Foundation
import Testing
import TrackingModel
@testable import TerminalUI

/// A stream row is built from the record's summary, read from its log line without decoding the
/// body; it says what the row said when it decoded the whole body.
@Suite struct RecordSummaryTests {
    /// The row as it was built before it came from the summary: the body decoded for display,
    /// each event normalised for its user id.
    private static func rowByDecodingTheBody(index: Int, record: CaptureRecord) -> RecordSummary {
        var row = RecordSummary(index: index, record: record)
        row.userIds = []
        switch PayloadDecoder.decode(record.requestBody) {
        case .empty:
            row.eventNames = []
            row.bodyNote = "no body"
        case .invalid:
            row.eventNames = []
            row.bodyNote = "invalid JSON"
        case .body(let body):
            row.eventNames = body.eventNames
            for event in body.events {
                if let id = NormalizedEvent(event).user?.id, !row.userIds.contains(id) { row.userIds.append(id) }
            }
            row.bodyNote = row.eventNames.isEmpty ? (body.events.isEmpty ? "no events" : "no event name") : nil
        }
        return row
    }

    static let bodies: [[UInt8]] = [
        Array(#"{"event_name":"purchase","user":{"id":"42"}}"#.utf8),
        Array(#"{"event":"search","eventId":"1","properties":{"user":{"id":12345}}}"#.utf8),
        Array(#"{"event_name":"search","event_id":"1","properties":{"user":{"id":"5"}},"user":{"id":"6"}}"#.utf8),
        Array(#"{"batch":[{"event_name":"a","user":{"id":"1"}},{"event_name":"b","user":{"id":"1"}},{"user":{"id":"2"}}]}"#.utf8),
        Array(#"{"event_name":"a","user":[{"id":"1"}]}"#.utf8),
        Array("{\"event_name\":\"a\"}\n{\"event\":\"b\",\"properties\":{\"user\":{\"id\":2.50}}}\n".utf8),
        [], Array(" \n".utf8), Array("{".utf8), Array("[]".utf8), Array("{}".utf8), [0x7B, 0xFF, 0x7D],
    ] + SampleRecords.all.map(\.requestBody)

    @Test func aRowFromTheLinesSummaryIsTheRowFromTheDecodedBody() throws {
        for (index, body) in Self.bodies.enumerated() {
            var record = SampleRecords.purchase
            record.requestBody = body
            record.sequence = UInt64(index + 1)
            let expected = Self.rowByDecodingTheBody(index: index, record: record)
            #expect(RecordSummary(index: index, record: record) == expected, "\(String(decoding: body, as: UTF8.self))")
            var fromLine = RecordSummary(index: index, summary: try CaptureRecordSummary.decode(line: record.encodedLine()))
            #expect(abs(fromLine.time.timeIntervalSince(expected.time)) < 0.001)
            fromLine.time = expected.time  // the line keeps milliseconds
            #expect(fromLine == expected, "\(String(decoding: body, as: UTF8.self))")
        }
    }

    @Test func everySampleRecordReadsTheSameFromItsLine() throws {
        for (index, record) in SampleRecords.all.enumerated() {
            var fromLine = RecordSummary(index: index, summary: try CaptureRecordSummary.decode(line: record.encodedLine()))
            fromLine.time = record.time  // the line keeps milliseconds
            #expect(fromLine == Self.rowByDecodingTheBody(index: index, record: record))
            #expect(fromLine.eventText == RecordSummary(index: index, record: record).eventText)
        }
    }
}
