import Foundation
import Testing
@testable import CaptureLog

@Suite struct CaptureLogFollowTests {
    /// Waits for the first event of `stream` that satisfies `predicate`, up to `seconds`.
    private func first(
        _ stream: AsyncStream<CaptureLogFollowEvent>, within seconds: Double,
        where predicate: @escaping @Sendable (CaptureLogFollowEvent) -> Bool
    ) async -> CaptureLogFollowEvent? {
        await withTaskGroup(of: CaptureLogFollowEvent?.self) { group in
            group.addTask {
                for await event in stream where predicate(event) { return event }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let result = await group.next() ?? nil
            group.cancelAll()
            return result
        }
    }

    @Test func seesAppendsFromThisProcess() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os)
        try await writer.append(sampleRecord(userId: "before"))
        let reader = try CaptureLogReader(url: url)
        let stream = reader.follow()
        try await writer.append(sampleRecord(userId: "after"))
        let event = await first(stream, within: 10) { if case .record = $0 { true } else { false } }
        guard case .record(let record)? = event else {
            Issue.record("no record followed")
            return
        }
        #expect(record.sequence == 2)
        try await writer.close()
    }

    @Test func seesAppendsFromASecondProcess() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os)
        try await writer.append(sampleRecord())
        try await writer.close()
        let reader = try CaptureLogReader(url: url)
        let stream = reader.follow()

        // Another process appends a record line in the log's format.
        var line = sampleRecord(userId: "from-child").encodedLine()
        line = Array(String(decoding: line, as: UTF8.self).replacingOccurrences(of: "{\"seq\":0,", with: "{\"seq\":2,").utf8)
        let lineFile = url.deletingLastPathComponent().appendingPathComponent("line.txt")
        try Data(line).write(to: lineFile)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "sleep 0.2; cat \"$0\" >> \"$1\"", lineFile.path, url.path]
        try child.run()

        let event = await first(stream, within: 15) { if case .record = $0 { true } else { false } }
        child.waitUntilExit()
        guard case .record(let record)? = event else {
            Issue.record("the record appended by the child process never showed")
            return
        }
        #expect(record.sequence == 2)
        #expect(record.bodyJSON?["user"]?["id"]?.stringValue == "from-child")
    }

    @Test func handlesAFileReplacedUnderneath() async throws {
        let url = temporaryLogURL()
        var writer = try CaptureLogWriter(url: url, durability: .os)
        for _ in 0..<3 { try await writer.append(sampleRecord()) }
        try await writer.close()
        let reader = try CaptureLogReader(url: url)
        let stream = reader.follow()
        try await Task.sleep(for: .milliseconds(100))
        try FileManager.default.removeItem(at: url)
        writer = try CaptureLogWriter(url: url, durability: .os)
        try await writer.append(sampleRecord(userId: "new-file"))
        try await writer.close()
        let event = await first(stream, within: 10) { event in
            if case .record(let record) = event { return record.bodyJSON?["user"]?["id"]?.stringValue == "new-file" }
            return false
        }
        #expect(event != nil)
        #expect(reader.count == 1)
    }

    @Test func refreshReportsTruncation() async throws {
        let url = temporaryLogURL()
        let writer = try CaptureLogWriter(url: url, durability: .os)
        for _ in 0..<3 { try await writer.append(sampleRecord()) }
        try await writer.close()
        let reader = try CaptureLogReader(url: url)
        #expect(reader.count == 3)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 10)
        try handle.close()
        #expect(try reader.refresh() == .reset(reason: "the log file was truncated"))
    }
}
