import Foundation
import Synchronization
import Testing
@testable import CaptureLog

@Suite struct SegmentedCaptureLogReaderTests {
    /// A record line is about 900 bytes: a 4000-byte file holds four of them after its header.
    private let segmentBytes = 4000

    private func sequences(_ reader: SegmentedCaptureLogReader) throws -> [UInt64] {
        try (0..<reader.count).map { try reader.record(at: $0).sequence }
    }

    @Test func readsTheKeptSegmentsThenTheLiveFileAsOneList() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os, maximumSize: segmentBytes, maximumSegments: 3)
        for _ in 0..<10 { try await writer.append(sampleRecord()) }
        try await writer.close()
        let reader = try SegmentedCaptureLogReader(url: url)
        #expect(reader.segmentCount == 2)
        #expect(try sequences(reader) == Array(1...10))
        #expect(throws: CaptureLogError.self) { try reader.record(at: 10) }
        #expect(throws: CaptureLogError.self) { try reader.record(at: -1) }
    }

    @Test func followsTheLiveFileAcrossRotationsWithoutMovingWhatWasSeen() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os, maximumSize: segmentBytes, maximumSegments: 5)
        try await writer.append(sampleRecord(userId: "first"))
        let reader = try SegmentedCaptureLogReader(url: url)
        #expect(reader.count == 1 && reader.segmentCount == 0)
        var seen = 1
        // Each refresh sees new records appended after the ones seen, through four rotations.
        for round in 0..<4 {
            for _ in 0..<4 { try await writer.append(sampleRecord(userId: "round-\(round)")) }
            let change = try reader.refresh()
            #expect(change == .appended(seen..<(seen + 4)), "round \(round)")
            seen += 4
        }
        #expect(reader.segmentCount >= 3)
        #expect(try sequences(reader) == Array(1...17))
        #expect(try reader.record(at: 0).bodyJSON?["user"]?["id"]?.stringValue == "first")
        #expect(try reader.refresh() == .unchanged)
        try await writer.close()
    }

    @Test func recordsOfASegmentARotationRemovedKeepTheirIndices() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os, maximumSize: segmentBytes, maximumSegments: 2)
        for _ in 0..<6 { try await writer.append(sampleRecord()) }
        let reader = try SegmentedCaptureLogReader(url: url)
        #expect(reader.segmentCount == 1)
        #expect(try sequences(reader) == Array(1...6))
        // One more rotation: nothing dropped yet (two segments kept).
        for _ in 0..<2 { try await writer.append(sampleRecord()) }
        #expect(try reader.refresh() == .appended(6..<8))
        // Two more: the oldest segment (records 1-4) is removed; they keep their places.
        for _ in 0..<8 { try await writer.append(sampleRecord()) }
        #expect(try reader.refresh() == .appended(8..<16))
        #expect(reader.rotatedAwayCount == 4)
        #expect(throws: CaptureLogError.rotatedAway(0)) { try reader.record(at: 0) }
        #expect(throws: CaptureLogError.rotatedAway(3)) { try reader.record(at: 3) }
        #expect(try (4..<16).map { try reader.record(at: $0).sequence } == Array(5...16))
        #expect(throws: CaptureLogError.noSuchRecord(16)) { try reader.record(at: 16) }
        try await writer.close()
    }

    @Test func rotationsFasterThanTheRefreshesSkipOnlyWhatWasNeverSeen() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os, maximumSize: segmentBytes, maximumSegments: 1)
        for _ in 0..<6 { try await writer.append(sampleRecord()) }
        let reader = try SegmentedCaptureLogReader(url: url)
        // Every file seen so far goes before the next refresh; numbering goes on.
        for _ in 0..<8 { try await writer.append(sampleRecord()) }
        #expect(try reader.refresh() == .appended(6..<12))
        #expect(reader.rotatedAwayCount == 6)
        // Records 7 and 8 came and went between two looks: they were never seen, and have no index.
        #expect(try (6..<12).map { try reader.record(at: $0).sequence } == Array(9...14))
        try await writer.close()
    }

    @Test func aLogStartedAfreshIsAReset() async throws {
        let url = temporaryLogURL()
        var writer = try CaptureLogWriter(url: url, durability: .os, maximumSize: segmentBytes)
        for _ in 0..<6 { try await writer.append(sampleRecord()) }
        try await writer.close()
        let reader = try SegmentedCaptureLogReader(url: url)
        #expect(reader.count == 6)
        // What a collector reset does: the live file and its segments are moved aside.
        let aside = url.deletingLastPathComponent().appendingPathComponent("aside", isDirectory: true)
        try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
        for segment in CaptureLogSegments.existing(of: url) {
            try FileManager.default.moveItem(at: segment, to: aside.appendingPathComponent(segment.lastPathComponent))
        }
        writer = try CaptureLogWriter(url: url, durability: .os, maximumSize: segmentBytes)
        try await writer.append(sampleRecord(userId: "fresh"))
        let change = try reader.refresh()
        #expect(change == .reset(reason: "the log file was replaced"))
        #expect(reader.count == 1 && reader.segmentCount == 0)
        #expect(try reader.record(at: 0).bodyJSON?["user"]?["id"]?.stringValue == "fresh")
        try await writer.close()
    }

    @Test func theMomentBetweenARotationAndTheNewLiveFileLosesNothing() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os)
        for _ in 0..<3 { try await writer.append(sampleRecord()) }
        try await writer.close()
        let reader = try SegmentedCaptureLogReader(url: url)
        // A rotation caught half way: the live file is segment 1, no new live file yet.
        try FileManager.default.moveItem(atPath: url.path, toPath: CaptureLogSegments.path(of: url.path, segment: 1))
        #expect(try reader.refresh() == .unchanged)
        #expect(try sequences(reader) == [1, 2, 3])
        let next = try CaptureLogWriter(url: url, durability: .os)
        try await next.append(sampleRecord())
        #expect(try reader.refresh() == .appended(3..<4))
        #expect(try sequences(reader) == [1, 2, 3, 4])
        try await next.close()
    }

    @Test func aSegmentThatIsNotACaptureLogIsLeftOutWithAWarning() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os, maximumSize: segmentBytes)
        for _ in 0..<6 { try await writer.append(sampleRecord()) }
        try await writer.close()
        let stranger = CaptureLogSegments.path(of: url.path, segment: 2)
        try Data("just some text\n".utf8).write(to: URL(fileURLWithPath: stranger))
        let reader = try SegmentedCaptureLogReader(url: url)
        #expect(reader.segmentCount == 1)
        #expect(try sequences(reader) == [1, 2, 3, 4, 5, 6])
        #expect(reader.warnings.contains { $0.hasPrefix("\(stranger): not read, left out") })
    }

    /// A writer rotating every millisecond or so while the reader looks: files are renamed under
    /// the listing, and the file system hands a removed file's inode to the next new file. The
    /// reader may have to read again, but what it reads is always the log's records, in order,
    /// each once, up to the last.
    @Test func aWriterRotatingWhileTheReaderLooksNeverMixesFilesUp() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os, maximumSize: segmentBytes, maximumSegments: 3)
        try await writer.append(sampleRecord())
        let reader = try SegmentedCaptureLogReader(url: url)
        let done = Mutex(false)
        let appending = Task {
            for _ in 0..<600 { try await writer.append(sampleRecord()) }
            done.withLock { $0 = true }
        }
        var looks = 0
        while !done.withLock({ $0 }) {
            try reader.refresh()
            let readable = try (reader.rotatedAwayCount..<reader.count).map { try reader.record(at: $0).sequence }
            #expect(readable == readable.sorted() && Set(readable).count == readable.count, "look \(looks): \(readable)")
            looks += 1
            try await Task.sleep(for: .microseconds(500))
        }
        try await appending.value
        try reader.refresh()
        let readable = try (reader.rotatedAwayCount..<reader.count).map { try reader.record(at: $0).sequence }
        #expect(looks >= 3)
        #expect(readable.last == 601)
        #expect(readable == readable.sorted() && Set(readable).count == readable.count)
        try await writer.close()
    }
}
