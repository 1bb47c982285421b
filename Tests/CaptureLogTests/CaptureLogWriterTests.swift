import Foundation
import Testing
import TrackingModel
@testable import CaptureLog

@Suite struct CaptureLogWriterTests {
    @Test func writesHeaderAndRecordsWithFixedPermissions() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url)
        let stored = try await writer.append(sampleRecord())
        try await writer.close()
        #expect(stored.sequence == 1)

        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: url.deletingLastPathComponent().path)
        #expect((folder[.posixPermissions] as? Int) == 0o700)

        let lines = String(decoding: try fileBytes(url), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix(#"{"format":"trackscope-capture","version":1,"created":""#))
        #expect(lines[0].hasSuffix(#","trackscope":"0.1.0"}"#))
        #expect(lines[1].hasPrefix(#"{"seq":1,"time":"2025-11-26T18:00:00.123Z","ts_ms":1764180000123,"direction":"received""#))
    }

    @Test func neverWritesAKeyInClear() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url)
        var record = sampleRecord()
        record.direction = .sent
        record.targetURL = "https://collect.commander1.com/events?tc_s=29&token=\(sampleKey)"
        record.requestHeaders.append(.init(name: "authorization", value: "Bearer \(sampleKey)"))
        try await writer.append(record)
        try await writer.close()
        let bytes = try fileBytes(url)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains(sampleKey))
        #expect(!text.contains("SECRET"))
        let fingerprint = SecretFingerprint.fingerprint(sampleKey)
        #expect(fingerprint.hasPrefix("sha256:") && fingerprint.count == 15)
        #expect(text.contains("Bearer \(fingerprint)"))
        #expect(text.contains("token=\(fingerprint)"))
        #expect(SecretFingerprint.fingerprint("other-key") != fingerprint)
        // Fingerprinting twice changes nothing.
        #expect(SecretFingerprint.fingerprint(fingerprint) == fingerprint)
    }

    @Test func concurrentAppendersKeepEveryRecordExactlyOnceInOrder() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .fsync)
        let count = 2000
        let sequences = try await withThrowingTaskGroup(of: (Int, UInt64).self) { group in
            for index in 0..<count {
                group.addTask {
                    let stored = try await writer.append(sampleRecord(userId: "user-\(index)"))
                    return (index, stored.sequence)
                }
            }
            var result: [(Int, UInt64)] = []
            for try await pair in group { result.append(pair) }
            return result
        }
        try await writer.close()
        #expect(Set(sequences.map(\.1)).count == count)
        #expect(sequences.map(\.1).max() == UInt64(count))

        let reader = try CaptureLogReader(url: url, useSidecar: false)
        #expect(reader.count == count)
        #expect(reader.corruptLineCount == 0)
        var seen = Set<String>()
        var previous: UInt64 = 0
        for index in 0..<reader.count {
            let record = try reader.record(at: index)
            #expect(record.sequence == previous + 1)
            previous = record.sequence
            let user = try #require(record.bodyJSON?["user"]?["id"]?.stringValue)
            #expect(seen.insert(user).inserted)
        }
        #expect(seen.count == count)
        // Each user's record carries the sequence the append returned.
        let returned = Dictionary(uniqueKeysWithValues: sequences)
        let first = try reader.record(at: 0)
        let firstUser = try #require(first.bodyJSON?["user"]?["id"]?.stringValue)
        #expect(returned[Int(firstUser.dropFirst(5))!] == first.sequence)
    }

    @Test func batchesFromConcurrentAppendersAreNumberedContiguouslyInOrder() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .fsync)
        let batches = 100
        let results = try await withThrowingTaskGroup(of: (Int, [CaptureRecord]).self) { group in
            for batch in 0..<batches {
                group.addTask {
                    let records = (0..<3).map { sampleRecord(userId: "batch-\(batch)-\($0)") }
                    return (batch, try await writer.append(contentsOf: records))
                }
            }
            var result: [(Int, [CaptureRecord])] = []
            for try await pair in group { result.append(pair) }
            return result
        }
        try await writer.close()
        for (batch, stored) in results {
            // The returned records are the ones given, in order, numbered one after the other.
            #expect(stored.map { $0.bodyJSON?["user"]?["id"]?.stringValue } == (0..<3).map { "batch-\(batch)-\($0)" })
            #expect(stored.map(\.sequence) == (0..<3).map { stored[0].sequence + UInt64($0) })
            // What is returned is what is stored: the key fingerprinted.
            #expect(stored.allSatisfy { !$0.query.contains(sampleKey) })
        }
        let reader = try CaptureLogReader(url: url, useSidecar: false)
        #expect(reader.count == batches * 3)
        let users = reader.records(in: 0..<reader.count).map { $0.bodyJSON?["user"]?["id"]?.stringValue ?? "" }
        for start in stride(from: 0, to: users.count, by: 3) {
            let batch = users[start].split(separator: "-")[1]
            #expect(users[start..<start + 3].elementsEqual((0..<3).map { "batch-\(batch)-\($0)" }))
        }
    }

    @Test func closeWaitsForAppendsInFlightAndLaterOnesAreRefused() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .fsync)
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<300 {
                group.addTask {
                    do {
                        try await writer.append(sampleRecord(userId: "user-\(index)"))
                        return true
                    } catch CaptureLogError.closed {
                        return false
                    }
                }
                if index == 150 { group.addTask { try await writer.close(); return false } }
            }
            var accepted = 0
            for try await outcome in group where outcome { accepted += 1 }
            return accepted
        }
        // Every append that returned is on disk, and nothing else is.
        let reader = try CaptureLogReader(url: url, useSidecar: false)
        #expect(reader.count == outcomes)
        #expect(reader.corruptLineCount == 0)
        await #expect(throws: CaptureLogError.closed) { try await writer.append(sampleRecord()) }
    }

    @Test func emptyBatchWritesNothing() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url)
        #expect(try await writer.append(contentsOf: []).isEmpty)
        let stored = try await writer.append(sampleRecord())
        try await writer.close()
        #expect(stored.sequence == 1)
    }

    @Test func continuesSequenceAcrossReopen() async throws {
        let url = temporaryLogURL()
        var writer = try CaptureLogWriter(url: url, durability: .os)
        for _ in 0..<3 { try await writer.append(sampleRecord()) }
        try await writer.close()
        writer = try CaptureLogWriter(url: url, durability: .os)
        let next = try await writer.append(sampleRecord())
        try await writer.close()
        #expect(next.sequence == 4)
        // One header only.
        let text = String(decoding: try fileBytes(url), as: UTF8.self)
        #expect(text.components(separatedBy: "\"format\"").count == 2)
    }

    @Test func closedWriterRefusesAppends() async throws {
        let writer = try CaptureLogWriter(url: temporaryLogURL())
        try await writer.close()
        await #expect(throws: CaptureLogError.closed) { try await writer.append(sampleRecord()) }
    }

    /// A file that is not a capture log is refused, and not a byte of it changes: not even an
    /// unfinished last line, which in a capture log would be a torn write to cut off.
    @Test(arguments: [
        "hello\n",
        "garbage without a newline",
        "notes\nand a last line without a newline",
        #"{"hello":1}"# + "\n",
        #"{"format":"something-else","version":1}"# + "\n" + "torn",
    ])
    func refusesAFileThatIsNotACaptureLogAndLeavesItAsItIs(content: String) throws {
        let url = temporaryLogURL()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
        #expect {
            try CaptureLogWriter(url: url)
        } throws: { error in
            guard case .notACaptureLog(let reason)? = error as? CaptureLogError else { return false }
            return reason.contains(url.path) && reason.hasSuffix("trackscope leaves it as it is")
        }
        #expect(try fileBytes(url) == Array(content.utf8))
    }

    /// trackscope stopped while writing the header of a new log: the file holds only the start
    /// of a header line. That is ours to repair: it becomes an empty log.
    @Test func aHeaderCutShortIsRepaired() async throws {
        let url = temporaryLogURL()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"format":"trackscope-cap"#.utf8).write(to: url)
        let writer = try CaptureLogWriter(url: url)
        #expect(writer.openingWarnings == ["\(url.path): removed a torn last line (25 bytes, an interrupted write)"])
        let stored = try await writer.append(sampleRecord())
        try await writer.close()
        #expect(stored.sequence == 1)
        let reader = try CaptureLogReader(url: url)
        #expect(reader.count == 1)
        #expect(reader.header?.format == "trackscope-capture")
    }

    @Test func rotatesAtTheSizeCapAndKeepsSegmentsReadable() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os, maximumSize: 4000, maximumSegments: 2)
        for _ in 0..<20 { try await writer.append(sampleRecord()) }
        try await writer.close()
        let segments = CaptureLogSegments.existing(of: url)
        #expect(segments.count == 3)
        #expect(segments.last == url)
        #expect(segments[0].lastPathComponent == "capture.2.jsonl")
        var sequences: [UInt64] = []
        for segment in segments {
            let size = try FileManager.default.attributesOfItem(atPath: segment.path)[.size] as! Int
            #expect(size <= 4000)
            let reader = try CaptureLogReader(url: segment)
            #expect(reader.header != nil)
            sequences += reader.records(in: 0..<reader.count).map(\.sequence)
        }
        // The oldest segments beyond the cap were dropped; what is left is contiguous and ends at 20.
        #expect(sequences.last == 20)
        #expect(sequences == Array(sequences.first!...20))
    }
}
