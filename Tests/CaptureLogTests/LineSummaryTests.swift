import Foundation
import Testing
import TrackingModel
@testable import CaptureLog

/// A line's body summaries (`events`, `users`, `no_events`): what the writer puts there, what the
/// summary reader makes of them and of lines written before they existed, and the filter scan
/// that trusts them.
@Suite struct LineSummaryTests {
    private func record(_ body: String, sequence: UInt64 = 1) -> CaptureRecord {
        var record = sampleRecord(body: Array(body.utf8))
        record.sequence = sequence
        return record
    }

    private func text(_ record: CaptureRecord) -> String { String(decoding: record.encodedLine(), as: UTF8.self) }

    /// The line as a trackscope without the `users` and `no_events` summaries wrote it, and as one
    /// without any summary wrote it.
    private func olderLines(_ line: String) -> (withoutUsers: String, withoutSummaries: String) {
        let withoutUsers = line.replacing(#/,"users":\[[^\]]*\]/#, with: "").replacing(#/,"no_events":"[a-z]*"/#, with: "")
        return (withoutUsers, withoutUsers.replacing(#/,"events":\[[^\]]*\]/#, with: ""))
    }

    @Test func theLineCarriesTheUsersAndWhyThereAreNoEvents() throws {
        let purchase = text(record(#"{"event_name":"purchase","user":{"id":"42"}}"#))
        #expect(purchase.contains(#""site":"29","events":["purchase"],"users":["42"],"request_headers":"#))
        #expect(!purchase.contains("no_events"))
        let anonymous = text(record(#"{"event_name":"page_view"}"#))
        #expect(anonymous.contains(#""events":["page_view"],"users":[],"request_headers":"#))
        for (body, reason) in [("", "empty"), ("{", "invalid"), ("[]", "none"), ("{}", "unnamed")] {
            #expect(text(record(body)).contains(#""users":[],"no_events":"\#(reason)","request_headers":"#), "\(body)")
        }
        let summary = try CaptureRecordSummary.decode(line: record(#"{"batch":[{"event":"a","properties":{"user":{"id":7}}},{"event_name":"b","user":{"id":"x"}}]}"#).encodedLine())
        #expect(summary.eventNames == ["a", "b"])
        #expect(summary.userIds == ["7", "x"])
        #expect(summary.userIdsCoverFilter)
        #expect(summary.noEventsReason == nil)
        #expect(summary.query == "tc_s=29&token=\(sampleKey)" && summary.siteId == "29")
        #expect(try CaptureRecordSummary.decode(line: record("not json").encodedLine()).noEventsReason == .invalidJSON)
    }

    /// A body whose user ids the filter could find where the summary does not look gets no
    /// `users`: its line is read from the body, like an older line.
    @Test func aBodyTheSummaryCannotSpeakForHasNoUsers() throws {
        let line = record(#"{"event_name":"a","user":[{"id":"42"}],"properties":{}}"#).encodedLine()
        #expect(!String(decoding: line, as: UTF8.self).contains(#""users""#))
        let summary = try CaptureRecordSummary.decode(line: line)
        #expect(summary.eventNames == ["a"])
        #expect(!summary.userIdsCoverFilter)
        #expect(summary == CaptureRecordSummary(try CaptureRecord.decode(line: line)))
    }

    /// Lines written before `users` (and before `events`) existed read as the same summary, their
    /// bodies read instead: text and base64 bodies, batches, bodies without events.
    @Test(arguments: [
        #"{"event_name":"purchase","user":{"id":"42"}}"#, #"{"batch":[{"event":"a","properties":{"user":{"id":7}}},{"x":1}]}"#,
        "", "{", "[]", "{}", #"{"event_name":"a","user":{"id":true}}"#,
    ])
    func aLineWrittenBeforeTheUsersSummaryIsReadFromItsBody(body: String) throws {
        let line = text(record(body))
        let expected = try CaptureRecordSummary.decode(line: Array(line.utf8))
        #expect(expected == CaptureRecordSummary(record(body)))
        let (withoutUsers, withoutSummaries) = olderLines(line)
        #expect(withoutUsers != line || !line.contains("users"))
        for older in [withoutUsers, withoutSummaries] {
            #expect(!older.contains(#""users""#) && !older.contains("no_events"))
            #expect(try CaptureRecordSummary.decode(line: Array(older.utf8)) == expected, "\(older)")
            _ = try CaptureRecord.decode(line: Array(older.utf8))
        }
    }

    /// For counting, an older line with its `events` keeps its body unread: no user ids, and
    /// nothing else changes.
    @Test func countingLeavesTheBodyOfAnOlderLineUnread() throws {
        let line = text(record(#"{"batch":[{"event_name":"a","user":{"id":"1"}},{"event_name":"b"}]}"#))
        let (withoutUsers, withoutSummaries) = olderLines(line)
        var counted = try CaptureRecordSummary.decode(line: Array(withoutUsers.utf8), readingUsersFromBody: false)
        #expect(counted.userIds.isEmpty && !counted.userIdsCoverFilter)
        counted.userIds = ["1"]
        counted.userIdsCoverFilter = true
        #expect(counted == CaptureRecordSummary(record(#"{"batch":[{"event_name":"a","user":{"id":"1"}},{"event_name":"b"}]}"#)))
        // A line without `events` is still read from its body, and a current line needs no body.
        #expect(try CaptureRecordSummary.decode(line: Array(withoutSummaries.utf8), readingUsersFromBody: false).userIds == ["1"])
        #expect(try CaptureRecordSummary.decode(line: Array(line.utf8), readingUsersFromBody: false).userIds == ["1"])
    }

    @Test func aBase64BodyIsSummarisedToo() throws {
        let binary = sampleRecord(body: [0x7B, 0xFF, 0x7D])
        let line = binary.encodedLine()
        #expect(String(decoding: line, as: UTF8.self).contains(#""users":[],"no_events":"invalid""#))
        let (_, withoutSummaries) = olderLines(String(decoding: line, as: UTF8.self))
        #expect(try CaptureRecordSummary.decode(line: Array(withoutSummaries.utf8)).noEventsReason == .invalidJSON)
    }

    /// A malformed summary is a decode error for both readers, with the reason and the place.
    @Test(arguments: [
        (#""users":["42"]"#, #""users":[42]"#), (#""users":["42"]"#, #""users":"42""#), (#""users":["42"]"#, #""users":[null]"#),
        (#""users":["42"]"#, #""users":["4\q"]"#), (#""users":["42"]"#, #""users":{}"#),
        (#""users":["42"]"#, #""users":["42"],"no_events":5"#),
    ])
    func aMalformedSummaryIsAnError(from: String, to: String) throws {
        let good = text(record(#"{"event_name":"purchase","user":{"id":"42"}}"#))
        #expect(good.contains(from))
        let line = Array(good.replacingOccurrences(of: from, with: to).utf8)
        let full = #expect(throws: CaptureDecodeError.self) { try CaptureRecord.decode(line: line) }
        let summary = #expect(throws: CaptureDecodeError.self) { try CaptureRecordSummary.decode(line: line) }
        #expect(full == summary, "\(to)")
        #expect(full.map { "\($0)".contains("expected") || "\($0)".contains("escape") } == true, "\(String(describing: full))")
    }

    /// `log filter` gives what matching every record in full gives, whether the lines carry their
    /// summaries or not, for queries the summaries rule lines out of and queries they cannot.
    @Test func filteringWithTheSummariesGivesWhatFullMatchingGives() async throws {
        let bodies = [
            #"{"event_name":"purchase","user":{"id":"42"}}"#, #"{"event_name":"purchase","user":{"id":"7"}}"#,
            #"{"event_name":"page_view","user":{"id":"42"}}"#, #"{"event_name":"purchase","user":{"id":42.0}}"#,
            #"{"event":"purchase","eventId":"1","properties":{"user":{"id":"42"}}}"#,
            #"{"event_name":"purchase","event_id":"1","properties":{"user":{"id":"5"}},"user":{"id":"42"}}"#,
            #"{"event_name":"purchase","user":[{"id":"42"}]}"#, #"{"event_name":"purchase","user":{"id":["7","42"]}}"#,
            #"{"batch":[{"event_name":"page_view","user":{"id":"42"}},{"event_name":"purchase","user":{"id":"7"}}]}"#,
            #"{"batch":[{"event_name":"purchase","user":{"id":"1"}},{"event_name":"purchase","user":{"id":"42"}}]}"#,
            "{\"event_name\":\"purchase\",\"user\":{\"id\":\"42\"}}\n{\"event_name\":\"x\"}\n", "purchase 42", "", "[]",
            #"{"user":{"id":"42"},"note":"purchase"}"#,
        ]
        var records = bodies.enumerated().map { record($0.element, sequence: UInt64($0.offset + 1)) }
        var binary = sampleRecord(body: Array(#"{"event_name":"purchase","user":{"id":"42"},"x":""#.utf8) + [0xFF] + Array("\"}".utf8))
        binary.sequence = UInt64(records.count + 1)
        records.append(binary)
        // Each record three times: as written now, without `users`, without any summary.
        var lines: [String] = []
        var expectedRecords: [CaptureRecord] = []
        for form in 0..<3 {
            for original in records {
                var copy = original
                copy.sequence = UInt64(lines.count + 1)
                let line = String(decoding: copy.encodedLine(), as: UTF8.self)
                let older = olderLines(line)
                lines.append([line, older.withoutUsers, older.withoutSummaries][form])
                expectedRecords.append(copy)
            }
        }
        // A damaged line that every query's byte pre-check lets through: corrupt for both readers.
        lines.append(#"{"seq":999,"users":[1],"x":"purchase page_view nothing"}"# + "\n")
        let url = temporaryLogURL()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(CaptureLogHeader().line + Array(lines.joined().utf8)).write(to: url)
        let reader = try CaptureLogReader(url: url)
        for text in [
            "event:purchase user.id:42", "event:purchase", "user.id:42", "user.id:42 or event:page_view", "event:purchase -user.id:7",
            "user.id:4*", "event:nothing", "purchase user.id:42", "event:purchase|page_view user.id:7", "has:user.id event:purchase",
        ] {
            let query = try FilterQuery.parse(text)
            var found: [UInt64] = []
            var events: [[UInt8]] = []
            let scan = try reader.scan(matching: query) { record in
                found.append(record.sequence)
                events.append(CaptureExport.eventLines(record, matching: query))
            }
            let expected = expectedRecords.filter { $0.matches(query) }
            #expect(found == expected.map(\.sequence), "\(text)")
            #expect(events == expected.map { CaptureExport.eventLines($0, matching: query) }, "\(text)")
            #expect(scan.corrupt == 1, "\(text)")
        }
    }
}
