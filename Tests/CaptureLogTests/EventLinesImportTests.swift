import Foundation
import Testing
import TrackingModel
@testable import CaptureLog

/// `log import --format events` on every core gives the records, in the order, that the one-by-one
/// import (`CaptureImport.events`) gives.
@Suite struct EventLinesImportTests {
    private let time = Date(timeIntervalSince1970: 1_764_180_000.123)

    /// Events of every kind an import meets: good ones, findings, a batch, a line that is not JSON,
    /// blank lines, CRLF, a line much longer than a chunk, no newline at the end.
    private func eventsFile() -> [UInt8] {
        var lines: [String] = []
        for index in 0..<300 {
            switch index % 7 {
            case 0: lines.append(#"{"event_name":"purchase","context":{"event_id":"e\#(index)","event_timestamp":1700000000000},"user":{"id":"\#(index)","consent_categories":["1"]},"value":10,"currency":"EUR"}"#)
            case 1: lines.append(#"{"event_name":"purchase","user":{"id":"\#(index)"}}"#)
            case 2: lines.append(#"{"event":"page_view","properties":{"user":{"id":"\#(index)"}}}"#)
            case 3: lines.append("not json \(index)")
            case 4: lines.append("   \t")
            case 5: lines.append(#"{"event_name":"search","search_term":"\#(String(repeating: "x", count: 700))"}"# + "\r")
            default: lines.append(#"{"batch":[{"event_name":"a"},{"event_name":"b"}]}"#)
            }
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    private func importLines(_ bytes: [UInt8], chunkBytes: Int, concurrency: Int, maximumSize: Int? = nil) async throws -> (URL, EventLinesImport.Outcome) {
        let url = temporaryLogURL()
        let input = url.deletingLastPathComponent().appendingPathComponent("events.jsonl")
        try FileManager.default.createDirectory(at: input.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: input)
        let fd = open(input.path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let writer = try CaptureLogWriter(url: url, durability: .os, maximumSize: maximumSize)
        let importer = EventLinesImport(time: time, chunkBytes: chunkBytes, concurrency: concurrency)
        var reports: [EventLinesImport.Progress] = []
        let outcome = try await importer.run(reading: fd, name: input.path, into: writer) { reports.append($0) }
        try await writer.close()
        #expect(reports.last?.bytesRead == UInt64(bytes.count))
        #expect(reports.last?.totalBytes == UInt64(bytes.count))
        #expect(reports.last?.records == outcome.records)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.bytesRead < $1.bytesRead })
        return (url, outcome)
    }

    /// The log lines the one-by-one import would write for `bytes`, numbered from 1.
    private func expectedLines(_ bytes: [UInt8]) -> [[UInt8]] {
        CaptureImport.events(bytes, time: time).records.enumerated().map { index, record in
            var stored = SecretFingerprint.record(record)
            stored.sequence = UInt64(index + 1)
            return stored.encodedLine()
        }
    }

    @Test(arguments: [(64, 3), (1000, 2), (1 << 20, 4), (333, 1)])
    func givesTheRecordsOfTheOneByOneImportInOrder(chunkBytes: Int, concurrency: Int) async throws {
        let bytes = eventsFile()
        let (url, outcome) = try await importLines(bytes, chunkBytes: chunkBytes, concurrency: concurrency)
        let expected = expectedLines(bytes)
        let blankLines = (0..<300).filter { $0 % 7 == 4 }.count
        #expect(expected.count == 300 - blankLines)
        #expect(outcome.records == expected.count)
        #expect(outcome.sequences == 1...UInt64(expected.count))
        let lines = try fileBytes(url).split(separator: 0x0A).dropFirst().map { Array($0) + [0x0A] }
        #expect(lines.count == expected.count)
        for (line, wanted) in zip(lines, expected) where line != wanted {
            Issue.record("line differs:\n\(String(decoding: line, as: UTF8.self))\nwanted:\n\(String(decoding: wanted, as: UTF8.self))")
            break
        }
        // The summaries the readers count by are the one-by-one import's too.
        let summaries = try lines.map { line in try line.withUnsafeBufferPointer { try CaptureRecordSummary.decode(line: $0) } }
        let wantedSummaries = try expected.map { line in try line.withUnsafeBufferPointer { try CaptureRecordSummary.decode(line: $0) } }
        #expect(summaries == wantedSummaries)
        #expect(summaries.contains { $0.findings.contains { $0.severity == .error } }, "the lines that are not JSON have an error finding")
    }

    @Test func aMaximumSizeRotatesBetweenRecordsAsSingleAppendsDo() async throws {
        let bytes = Array(eventsFile().prefix(6000))
        let (url, outcome) = try await importLines(bytes, chunkBytes: 4096, concurrency: 2, maximumSize: 2048)
        let segments = CaptureLogSegments.path(of: url.path, segment: 1)
        #expect(FileManager.default.fileExists(atPath: segments))
        let live = try fileBytes(url)
        // Rotation happens before the record that would pass the maximum, never after a whole chunk.
        let records = live.split(separator: 0x0A).dropFirst()
        #expect(live.count <= 2048 || records.count == 1)
        #expect(outcome.records == CaptureImport.events(bytes, time: time).records.count)
    }

    @Test func anEmptyInputAppendsNothing() async throws {
        let (url, outcome) = try await importLines(Array("\n \n\n".utf8), chunkBytes: 2, concurrency: 2)
        #expect(outcome.records == 0)
        #expect(outcome.sequences == nil)
        #expect(try fileBytes(url).split(separator: 0x0A).count == 1, "the header only")
    }

    @Test func anUnreadableInputThrows() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os)
        await #expect(throws: CaptureLogError.self) {
            _ = try await EventLinesImport(time: time).run(reading: -1, name: "nowhere", into: writer)
        }
        try await writer.close()
    }
}
