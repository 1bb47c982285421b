import Foundation
import Synchronization
import Testing
import TrackingModel
@testable import CaptureLog

@Suite struct CaptureLogReaderTests {
    private func writeLog(_ records: [CaptureRecord], to url: URL) async throws {
        let writer = try CaptureLogWriter(url: url, durability: .os)
        for record in records { try await writer.append(record) }
        try await writer.close()
    }

    @Test(arguments: [
        [UInt8]([0xFF, 0xFE, 0x00, 0x41, 0x0A, 0x0D, 0x1B, 0x5B, 0x33, 0x31, 0x6D]),
        Array("line one\nline two\r\n\t\u{1B}[31mred\u{7F} \"quoted\" \\ back\u{0}nul".utf8),
        Array("{\"event_name\":\"caf\u{E9} \u{1F600}\",\u{2028}}".utf8),
        [],
    ])
    func bodiesRoundTripByteExact(body: [UInt8]) async throws {
        let url = temporaryLogURL()
        var record = sampleRecord(body: body)
        record.response?.body = body.reversed()
        try await writeLog([record], to: url)
        let lines = try fileBytes(url).split(separator: 0x0A)
        #expect(lines.count == 2) // the body never breaks the line
        #expect(!lines[1].contains(0x1B) && !lines[1].contains(0x00))
        let reader = try CaptureLogReader(url: url)
        let back = try reader.record(at: 0)
        #expect(back.requestBody == body)
        #expect(back.response?.body == body.reversed())
    }

    @Test func decodesEveryFieldBack() async throws {
        let url = temporaryLogURL()
        var record = sampleRecord()
        record.direction = .sent
        record.targetURL = "https://collect.example/events?tc_s=29"
        record.sourceSequence = 7
        try await writeLog([record], to: url)
        let back = try CaptureLogReader(url: url).record(at: 0)
        var expected = SecretFingerprint.record(record)
        expected.sequence = 1
        #expect(back == expected)
        #expect(back.eventNames == ["purchase"])
    }

    @Test func recoversFromATornTailAndACorruptMiddleLine() async throws {
        let url = temporaryLogURL()
        try await writeLog((0..<5).map { sampleRecord(userId: "u\($0)") }, to: url)
        // Corrupt the third record in place and tear a write at the end (as kill -9 would).
        var text = String(decoding: try fileBytes(url), as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        lines[3] = "{\"seq\":3,garbage}"
        let torn = "{\"seq\":6,\"time\":\"2025-"
        text = lines.joined(separator: "\n") + torn
        try Data(text.utf8).write(to: url)

        let reader = try CaptureLogReader(url: url)
        // The corrupt line is indexed by its shape but fails to decode; the scan counts it.
        let decoded = reader.records(in: 0..<reader.count).map(\.sequence)
        #expect(decoded == [1, 2, 4, 5])
        #expect(reader.tornTailBytes == torn.utf8.count)
        #expect(reader.warnings.contains { $0.contains("incomplete last line") })
        let summary = try reader.scan(matching: .all) { _ in }
        #expect(summary.matches == 4)
        #expect(summary.corrupt == 1)

        // Appending again: the torn tail is removed (reported once), and the next record starts on a fresh line.
        let writer = try CaptureLogWriter(url: url, durability: .fsync)
        #expect(writer.openingWarnings.count == 1)
        let stored = try await writer.append(sampleRecord(userId: "after"))
        try await writer.close()
        #expect(stored.sequence == 6)
        let again = try CaptureLogReader(url: url)
        #expect(again.tornTailBytes == 0)
        #expect(try again.record(at: again.count - 1).sequence == 6)
        let secondOpen = try CaptureLogWriter(url: url)
        #expect(secondOpen.openingWarnings.isEmpty)
        try await secondOpen.close()
    }

    @Test func countsLinesThatAreNotRecordsAtAll() async throws {
        let url = temporaryLogURL()
        try await writeLog([sampleRecord(), sampleRecord()], to: url)
        var bytes = try fileBytes(url)
        let firstRecordEnd = bytes.firstIndex(of: 0x0A)! + 1
        bytes.insert(contentsOf: Array("not json at all\n".utf8), at: firstRecordEnd)
        try Data(bytes).write(to: url)
        let reader = try CaptureLogReader(url: url)
        #expect(reader.count == 2)
        #expect(reader.corruptLineCount == 1)
        #expect(reader.warnings.first?.contains("1 corrupt line") == true)
    }

    @Test func rejectsANewerFormatVersionClearly() throws {
        let url = temporaryLogURL()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"format":"trackscope-capture","version":2,"created":"2030-01-01T00:00:00.000Z","trackscope":"9.0"}"#.utf8 + [0x0A]).write(to: url)
        #expect(throws: CaptureLogError.unsupportedVersion(2)) { try CaptureLogReader(url: url) }
        #expect(CaptureLogError.unsupportedVersion(2).description.contains("newer trackscope"))
        try Data(#"{"format":"something-else","version":1}"#.utf8 + [0x0A]).write(to: url)
        #expect(throws: CaptureLogError.self) { try CaptureLogReader(url: url) }
    }

    @Test func missingFileIsAnEmptyLog() throws {
        let reader = try CaptureLogReader(url: temporaryLogURL())
        #expect(reader.count == 0)
        #expect(reader.header == nil)
    }

    @Test func sidecarIndexIsUsedAndRebuiltWhenStale() async throws {
        let url = temporaryLogURL()
        try await writeLog((0..<10_050).map { sampleRecord(userId: "\($0)") }, to: url)
        let first = try CaptureLogReader(url: url)
        #expect(!first.usedSidecarIndex)
        #expect(FileManager.default.fileExists(atPath: CaptureLogReader.sidecarPath(of: url.path)))
        let second = try CaptureLogReader(url: url)
        #expect(second.usedSidecarIndex)
        #expect(second.count == 10_050)
        // Appends after the sidecar are picked up by scanning the tail.
        try await writeLog([sampleRecord(userId: "late")], to: url)
        let third = try CaptureLogReader(url: url)
        #expect(third.usedSidecarIndex)
        #expect(third.count == 10_051)
        #expect(try third.record(at: 10_050).sequence == 10_051)
        // A file replaced by another log (same name) is not misread through the old sidecar.
        try FileManager.default.removeItem(at: url)
        try await writeLog([sampleRecord()], to: url)
        let replaced = try CaptureLogReader(url: url)
        #expect(!replaced.usedSidecarIndex)
        #expect(replaced.count == 1)
    }

    @Test func findsRecordsBySequence() async throws {
        let url = temporaryLogURL()
        try await writeLog((0..<30).map { sampleRecord(userId: "\($0)") }, to: url)
        let reader = try CaptureLogReader(url: url)
        #expect(reader.index(ofSequence: 17) == 16)
        #expect(reader.index(ofSequence: 99) == nil)
    }

    @Test func filterMatchesRecordsAndEventsAndIsSoundForBase64Bodies() async throws {
        let url = temporaryLogURL()
        let batch = #"{"batch":[{"event_name":"page_view","user":{"id":"42"}},{"event_name":"PURCHASE","user":{"id":"42"}}]}"#
        var binary = sampleRecord(body: [0xFF] + Array("purchase 42".utf8))
        binary.findings = []
        try await writeLog([
            sampleRecord(event: "purchase", userId: "42"),
            sampleRecord(event: "purchase", userId: "7"),
            sampleRecord(event: "page_view", userId: "42"),
            sampleRecord(body: Array(batch.utf8)),
            binary,
        ], to: url)
        let reader = try CaptureLogReader(url: url)
        let query = try FilterQuery.parse("event:purchase user.id:42")
        var progressCalls = 0
        var matched: [CaptureRecord] = []
        try reader.scan(matching: query, progress: { _ in progressCalls += 1 }) { matched.append($0) }
        #expect(matched.map(\.sequence) == [1, 4])
        #expect(progressCalls >= 1)
        #expect(matched[1].events(matching: query).count == 1)
        // Free text reaches the base64 body too (the pre-check does not rule it out).
        #expect(try reader.records(matching: try FilterQuery.parse("\"purchase 42\"")).map(\.sequence) == [5])
        #expect(try reader.records(matching: try FilterQuery.parse("dir:sent")).isEmpty)
    }

    /// Enough candidates in one chunk to be decoded on several threads: matches still come back
    /// exactly once each, in file order, and the counts add up.
    @Test func largeScansKeepFileOrderAcrossThreads() async throws {
        let url = temporaryLogURL()
        let records = (0..<600).map { index in
            sampleRecord(event: index % 3 == 0 ? "purchase" : "page_view", userId: index % 2 == 0 ? "42" : "7")
        }
        try await writeLog(records, to: url)
        let reader = try CaptureLogReader(url: url)
        let matchingIndexes: [Int] = (0..<600).filter { $0 % 6 == 0 }
        let expected: [UInt64] = matchingIndexes.map { UInt64($0) + 1 }
        var matched: [UInt64] = []
        let summary = try reader.scan(matching: try FilterQuery.parse("event:purchase user.id:42")) { matched.append($0.sequence) }
        #expect(matched == expected)
        #expect(summary.matches == expected.count)
        // Without a literal to pre-check, every line is a candidate.
        let all = try reader.scan(matching: try FilterQuery.parse("seq>0")) { _ in }
        #expect(all.decoded == 600 && all.matches == 600 && all.corrupt == 0)
    }

    @Test func newestRecordsComeNewestFirstUpToTheLimitAcrossReadBlocks() async throws {
        let url = temporaryLogURL()
        try await writeLog((0..<40).map { index in
            sampleRecord(event: index % 4 == 0 ? "purchase" : "page_view", userId: "\(index)")
        }, to: url)
        let reader = try CaptureLogReader(url: url)
        let purchases = try FilterQuery.parse("event:purchase")
        // Blocks far smaller than a line (one line each), a few lines, and the whole file at once.
        for blockBytes in [1, 2_000, 4 << 20] {
            #expect(try reader.newestRecords(matching: purchases, limit: 3, blockBytes: blockBytes).map(\.sequence) == [37, 33, 29])
            #expect(try reader.newestRecords(matching: purchases, limit: 100, blockBytes: blockBytes).map(\.sequence)
                == stride(from: 37, through: 1, by: -4).map(UInt64.init))
            #expect(try reader.newestRecords(matching: .all, limit: 2, blockBytes: blockBytes).map(\.sequence) == [40, 39])
            #expect(try reader.newestRecords(matching: FilterQuery.parse("event:refund"), limit: 5, blockBytes: blockBytes).isEmpty)
        }
        #expect(try reader.newestRecords(matching: .all, limit: 0).isEmpty)
        // Asked before each block: a cancelled reading stops at the next one.
        let asked = Mutex(0)
        #expect(throws: CancellationError.self) {
            try reader.newestRecords(matching: purchases, limit: 100, blockBytes: 2_000) {
                asked.withLock { $0 += 1; return $0 > 2 }
            }
        }
        #expect(asked.withLock { $0 } == 3)
    }

    @Test func newestRecordsSkipCorruptLinesAndReachBase64Bodies() async throws {
        let url = temporaryLogURL()
        var binary = sampleRecord(body: [0xFF] + Array("purchase 42".utf8))
        binary.findings = []
        try await writeLog([sampleRecord(event: "purchase"), binary, sampleRecord(event: "purchase")], to: url)
        // A line that is not a record, between the second and the third (it mentions purchase).
        var bytes = try fileBytes(url)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let cut = lines[0...2].reduce(0) { $0 + $1.count + 1 }
        bytes.insert(contentsOf: Array(#"{"seq":"purchase" broken"#.utf8) + [0x0A], at: cut)
        try Data(bytes).write(to: url)

        let reader = try CaptureLogReader(url: url)
        #expect(reader.corruptLineCount == 1)
        #expect(try reader.newestRecords(matching: FilterQuery.parse("purchase"), limit: 10, blockBytes: 64).map(\.sequence) == [3, 2, 1])
        // The base64 body's text is not in the line, yet the pre-check lets it through to the query.
        #expect(try reader.newestRecords(matching: FilterQuery.parse("\"purchase 42\""), limit: 10).map(\.sequence) == [2])
    }

    @Test func scanStopsWhenCancelled() async throws {
        let url = temporaryLogURL()
        try await writeLog((0..<50).map { sampleRecord(userId: "\($0)") }, to: url)
        let reader = try CaptureLogReader(url: url)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try reader.scan(matching: .all) { _ in }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
