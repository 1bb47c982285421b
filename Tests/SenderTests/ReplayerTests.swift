import CaptureLog
import Collector
import Foundation
import Synchronization
import HummingbirdTesting
import Testing
import TrackingModel
@testable import Sender

/// `Replayer` against a second collector started in process, and against targets that refuse
/// and fail.
@Suite struct ReplayerTests {
    static func compact(_ value: JSONValue) -> [UInt8] { Array(JSONPrinter.compact(value).utf8) }

    /// Received records as the collector makes them: events to `/events` (bodies spaced as an app
    /// might send them), a legacy event, and the events of one batch request.
    static func sourceRecords() -> [CaptureRecord] {
        var records: [CaptureRecord] = []
        for name in ["search", "page_view", "add_to_cart"] {
            var body = Array(JSONPrinter.pretty(SpecCatalogue.example(for: name, dialect: .v2)!.value).utf8)
            body.append(0x0A)
            records.append(CaptureRecord(direction: .received, method: "POST", path: "/events", query: "tc_s=7", siteId: "7",
                                         requestBody: body, response: .init(status: 200), dialect: .v2))
        }
        records.append(CaptureRecord(direction: .received, method: "POST", path: "/v2/7/events", siteId: "7",
                                     requestBody: compact(SpecCatalogue.example(for: "refund", dialect: .legacy)!.value),
                                     response: .init(status: 200), dialect: .legacy))
        let member = Finding(severity: .info, code: CaptureRecord.batchMemberCode, path: "$", message: "Event 1 of 1 of one batch request")
        records.append(CaptureRecord(direction: .received, method: "POST", path: "/events/batch", query: "tc_s=7", siteId: "7",
                                     requestBody: compact(SpecCatalogue.example(for: "purchase", dialect: .v2)!.value),
                                     response: .init(status: 200), dialect: .v2, findings: [member]))
        return records
    }

    /// Writes `records` to a new log and returns them as stored (with their sequences).
    static func writeSource(_ records: [CaptureRecord], to url: URL) async throws -> [CaptureRecord] {
        let writer = try CaptureLogWriter(url: url)
        let stored = try await writer.append(contentsOf: records)
        try await writer.close()
        return stored
    }

    static func allRecords(_ url: URL) throws -> [CaptureRecord] {
        let reader = try CaptureLogReader(url: url)
        return try (0..<reader.count).map { try reader.record(at: $0) }
    }

    static func builder(_ target: SendTarget, _ transform: ReplayTransform, now: Int64 = 1_800_000_000_000) -> Replayer.RequestBuilder {
        { record in
            let request = target.replayRequest(for: record, transform: transform, sourceKey: nil, nowMilliseconds: now,
                                               newId: { UUID().uuidString.lowercased() }, userAgent: "trackscope-test")
            return (request, [])
        }
    }

    /// Replays the source records to an in-process collector; returns what it received and the summary.
    static func replay(_ transform: ReplayTransform, log: URL) async throws -> ([CaptureRecord], ReplaySummary) {
        let source = try Self.allRecords(log)
        let collectorLog = MemoryCollectorLog()
        let core = CollectorCore(configuration: CollectorConfiguration(port: 0), log: collectorLog, forwarder: nil)
        try await core.rebuildFromLog()
        let app = CollectorServer(core: core).makeApplication()
        let summary = try await app.test(.live) { client in
            let writer = try CaptureLogWriter(url: log)
            let sender = Sender(log: writer)
            let replayer = Replayer(sender: sender, concurrency: 1)
            let target = SendTarget(baseURL: "http://127.0.0.1:\(client.port!)")
            let summary = await replayer.run(source.filter(SendTarget.isReplayable), request: Self.builder(target, transform))
            await sender.shutdown()
            try await writer.close()
            return summary
        }
        return (await collectorLog.records, summary)
    }

    @Test func withoutATransformTheTargetGetsEveryBodyByteForByte() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("source.jsonl")
        let source = try await Self.writeSource(Self.sourceRecords(), to: log)
        let (received, summary) = try await Self.replay(ReplayTransform(), log: log)

        #expect(summary.done == 5 && summary.accepted == 5 && summary.failed == 0)
        #expect(summary.statuses == [200: 5])
        #expect(received.count == 5)
        #expect(received.map(\.requestBody) == source.map(\.requestBody))
        #expect(received.map(\.path) == ["/events", "/events", "/events", "/v2/7/events", "/events/batch"])
        #expect(received.allSatisfy { $0.siteId == "7" && $0.response?.status == 200 })
        // The batch member went as a batch of one.
        #expect(received[4].isBatchMember)

        // The source log gained one sent record per replayed record, naming it.
        let sent = try Self.allRecords(log).filter { $0.direction == .sent }
        #expect(sent.count == 5)
        #expect(Set(sent.compactMap(\.sourceSequence)) == Set(source.map(\.sequence)))
        #expect(sent.allSatisfy { $0.response?.status == 200 })
    }

    @Test func transformsReachTheTarget() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("source.jsonl")
        let source = try await Self.writeSource(Self.sourceRecords(), to: log)
        let transform = ReplayTransform(freshIds: true, timeShift: .toNow, testCode: "T", siteId: "9")
        let (received, summary) = try await Self.replay(transform, log: log)

        #expect(summary.accepted == 5)
        #expect(received.count == 5)
        for (original, replayed) in zip(source, received) {
            #expect(replayed.siteId == "9")
            let dialect = original.dialect ?? .v2
            let before = NormalizedEvent(try JSONParser.parseValue(original.requestBody), dialect: dialect)
            let after = NormalizedEvent(try JSONParser.parseValue(replayed.requestBody), dialect: dialect)
            #expect(after.eventId != nil && after.eventId != before.eventId)
            #expect(after.timestamp?.milliseconds == 1_800_000_000_000)
            #expect(after.timestamp?.form == before.timestamp?.form)
            let testCode = dialect == .v2 ? JSONPath(parsing: "test_code") : JSONPath(parsing: "properties.test_code")
            #expect(try JSONParser.parseValue(replayed.requestBody)[testCode] == "T")
        }
        #expect(received.map(\.path) == ["/events", "/events", "/events", "/v2/9/events", "/events/batch"])
    }

    @Test func aTargetAnswering500IsRetriedCountedAndRecorded() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("source.jsonl")
        let source = try await Self.writeSource(Self.sourceRecords(), to: log)
        let (summary, served) = try await TestServers.withAnswering(.internalServerError) { port, requests in
            let writer = try CaptureLogWriter(url: log)
            let sender = Sender(log: writer, retryPolicy: RetryPolicy(retries: 2, baseDelay: .milliseconds(5)))
            let replayer = Replayer(sender: sender, concurrency: 3)
            let summary = await replayer.run(source, request: Self.builder(SendTarget(baseURL: "http://127.0.0.1:\(port)"), ReplayTransform()))
            await sender.shutdown()
            try await writer.close()
            return (summary, requests.count)
        }
        #expect(served == 15)
        #expect(summary.done == 5 && summary.accepted == 0 && summary.failed == 5 && summary.attempts == 15)
        #expect(summary.statuses == [500: 5])
        #expect(summary.lines.contains("answers: 500 ×5"))
        let sent = try Self.allRecords(log).filter { $0.direction == .sent }
        #expect(sent.count == 15)
        #expect(sent.allSatisfy { $0.findings.contains { $0.code == SendFindingCode.sendRefused } && $0.sourceSequence != nil })
    }

    @Test func manyRequestsAtAConcurrencyAreEachSentOnceAndRecordedBeforeTheRunEnds() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("source.jsonl")
        // 200 requests at concurrency 4: far more than the slots and the writing backlog (16).
        let source = try await Self.writeSource(Array(repeating: Self.sourceRecords(), count: 40).flatMap { $0 }, to: log)
        let (summary, served) = try await TestServers.withAnswering(.ok) { port, requests in
            let writer = try CaptureLogWriter(url: log)
            let sender = Sender(log: writer, connectionsPerHost: 4)
            let replayer = Replayer(sender: sender, concurrency: 4)
            let summary = await replayer.run(source, request: Self.builder(SendTarget(baseURL: "http://127.0.0.1:\(port)"), ReplayTransform()))
            await sender.shutdown()
            try await writer.close()
            return (summary, requests.count)
        }
        #expect(served == 200)
        #expect(summary.done == 200 && summary.accepted == 200 && summary.logFailures.isEmpty)
        let sent = try Self.allRecords(log).filter { $0.direction == .sent }
        #expect(sent.count == 200)
        #expect(Set(sent.compactMap(\.sourceSequence)) == Set(source.map(\.sequence)))
    }

    /// The progress reports of a replay of the source records (to a target that answers 200)
    /// made with `interval` between reports: the count done in each.
    static func progressReports(every interval: Duration) async throws -> [Int] {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try await Self.writeSource(Self.sourceRecords(), to: folder.appendingPathComponent("source.jsonl"))
        return try await TestServers.withAnswering(.ok) { port, _ in
            let sender = Sender(log: nil)
            let reports = Mutex<[Int]>([])
            let replayer = Replayer(sender: sender, concurrency: 1, progressInterval: interval)
            _ = await replayer.run(source, request: Self.builder(SendTarget(baseURL: "http://127.0.0.1:\(port)"), ReplayTransform()),
                                   progress: { summary, _ in reports.withLock { $0.append(summary.done) } })
            await sender.shutdown()
            return reports.withLock { $0 }
        }
    }

    @Test func progressIsReportedAtMostOncePerIntervalAndAlwaysAtTheEnd() async throws {
        // An hour between reports: the first request is reported, then only the last.
        #expect(try await Self.progressReports(every: .seconds(3600)) == [1, 5])
        // No interval: every request.
        #expect(try await Self.progressReports(every: .zero) == [1, 2, 3, 4, 5])
    }

    @Test func aRefusedConnectionIsCountedNotThrown() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("source.jsonl")
        let source = try await Self.writeSource(Self.sourceRecords(), to: log)
        let port = try TestServers.closedPort()
        let writer = try CaptureLogWriter(url: log)
        let sender = Sender(log: writer, timeout: .seconds(5))
        let summary = await Replayer(sender: sender).run(source, request: Self.builder(SendTarget(baseURL: "http://127.0.0.1:\(port)"), ReplayTransform()))
        await sender.shutdown()
        try await writer.close()
        #expect(summary.done == 5 && summary.unanswered == 5)
        #expect(summary.failures == ["connection refused": 5])
        let sent = try Self.allRecords(log).filter { $0.direction == .sent }
        #expect(sent.count == 5 && sent.allSatisfy { $0.response == nil })
    }

    @Test func aCancelledRunStopsAndSaysSo() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("source.jsonl")
        let source = try await Self.writeSource(Self.sourceRecords(), to: log)
        let writer = try CaptureLogWriter(url: log)
        let sender = Sender(log: nil)
        // One request a minute: the second is never due before the cancellation.
        let replayer = Replayer(sender: sender, pacing: .rate(perSecond: 1.0 / 60))
        let port = try TestServers.closedPort()
        let run = Task { await replayer.run(source, request: Self.builder(SendTarget(baseURL: "http://127.0.0.1:\(port)"), ReplayTransform())) }
        try await Task.sleep(for: .milliseconds(300))
        run.cancel()
        let summary = await run.value
        await sender.shutdown()
        try await writer.close()
        #expect(summary.interrupted)
        #expect(summary.done <= 1)
        #expect(summary.lines.last?.hasPrefix("not replayed:") == true)
    }
}
