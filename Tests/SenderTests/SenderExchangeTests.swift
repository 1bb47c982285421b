import CaptureLog
import Collector
import Foundation
import HummingbirdTesting
import Synchronization
import Testing
import TestSupport
import TrackingModel
@testable import Sender

/// `Sender` against real HTTP: a second collector started in process, and targets that refuse,
/// hang and fail.
@Suite struct SenderExchangeTests {
    static let key = "sk-test-4711"

    /// The `sent` records of the log at `url`, oldest first.
    static func sentRecords(_ url: URL) throws -> [CaptureRecord] {
        let reader = try CaptureLogReader(url: url)
        return try (0..<reader.count).map { try reader.record(at: $0) }
    }

    static func compact(_ value: JSONValue) -> [UInt8] { Array(JSONPrinter.compact(value).utf8) }

    @Test func aTemplateJSONLinesAndABatchReachACollectorByteForByte() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sentLog = folder.appendingPathComponent("sent.jsonl")
        let collectorLog = MemoryCollectorLog()
        // Strict, with a key for site 42: a key that does not arrive intact is answered 401.
        let configuration = CollectorConfiguration(port: 0, strict: true, sourceKeys: SourceKeys(arguments: ["42=\(Self.key)"]))
        let core = CollectorCore(configuration: configuration, log: collectorLog, forwarder: nil)
        try await core.rebuildFromLog()
        let app = CollectorServer(core: core).makeApplication()

        let template = Self.compact(SpecCatalogue.example(for: "purchase", dialect: .v2)!.value)
        let legacyTemplate = Self.compact(SpecCatalogue.example(for: "refund", dialect: .legacy)!.value)
        let lines = ["search", "page_view", "add_to_cart"].map { Self.compact(SpecCatalogue.example(for: $0, dialect: .v2)!.value) }
        let sentBodies: [[UInt8]] = try await app.test(.live) { client in
            let writer = try CaptureLogWriter(url: sentLog)
            let sender = Sender(log: writer)
            let target = SendTarget(baseURL: "http://127.0.0.1:\(client.port!)")
            var requests = [
                target.request(body: template, kind: .event, dialect: .v2, siteId: "42", sourceKey: Self.key),
                target.request(body: legacyTemplate, kind: .event, dialect: .legacy, siteId: "42", sourceKey: Self.key),
            ]
            requests += lines.map { target.request(body: $0, kind: .event, dialect: .v2, siteId: "42", sourceKey: Self.key) }
            let batch = BatchSplitter.split(lines).batches
            #expect(batch.count == 1)
            requests.append(target.request(body: batch[0].body, kind: .batch, dialect: .v2, siteId: "42",
                                           sourceKey: Self.key, eventCount: 3))
            for request in requests {
                let attempts = await sender.send(request)
                #expect(attempts.count == 1)
                #expect(attempts.first?.response?.status == 200, "\(request.path): \(String(decoding: attempts.first?.response?.body ?? [], as: UTF8.self))")
                #expect(attempts.first?.record != nil)
            }
            await sender.shutdown()
            try await writer.close()
            return requests.map(\.body)
        }

        // The collector received each event exactly as sent (a batch's events one record each).
        let received = await collectorLog.records
        #expect(received.map(\.requestBody) == [template, legacyTemplate] + lines + lines)
        #expect(received.map(\.path) == ["/events", "/v2/42/events", "/events", "/events", "/events",
                                         "/events/batch", "/events/batch", "/events/batch"])
        #expect(received.allSatisfy { $0.response?.status == 200 && $0.siteId == "42" })

        // The sending log: one sent record per request, the answer, latency, target; the key fingerprinted.
        let sent = try Self.sentRecords(sentLog)
        #expect(sent.map(\.requestBody) == sentBodies)
        let fingerprint = SecretFingerprint.fingerprint(Self.key)
        for record in sent {
            #expect(record.direction == .sent)
            #expect(record.response?.status == 200)
            #expect((record.response?.latencyMilliseconds ?? 0) > 0)
            #expect(record.targetURL?.hasPrefix("http://127.0.0.1:") == true)
            #expect(record.siteId == "42")
        }
        #expect(sent[0].query == "tc_s=42&token=\(fingerprint)")
        #expect(sent[0].dialect == .v2)
        #expect(sent[1].requestHeaders.contains { $0.name == "Authorization" && $0.value == "Bearer \(fingerprint)" })
        #expect(sent[1].dialect == .legacy)
        #expect(sent[5].path == "/events/batch")
        let text = try String(contentsOf: sentLog, encoding: .utf8)
        #expect(!text.contains(Self.key))
        #expect(text.contains(fingerprint))
    }

    @Test func aClosedPortIsRecordedAndRetried() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("sent.jsonl")
        let writer = try CaptureLogWriter(url: log)
        let pauses = PauseRecorder()
        let sender = Sender(log: writer, timeout: .seconds(5), retryPolicy: RetryPolicy(retries: 2), pause: pauses.record)
        let port = try TestServers.closedPort()
        let request = SendTarget(baseURL: "http://127.0.0.1:\(port)")
            .request(body: Array("{}".utf8), kind: .event, dialect: .v2, siteId: "42", sourceKey: Self.key)
        let attempts = await sender.send(request)
        await sender.shutdown()
        try await writer.close()

        #expect(attempts.count == 3)
        #expect(attempts.allSatisfy { $0.response == nil && $0.failure == "connection refused" })
        #expect(pauses.delays == [.milliseconds(100), .milliseconds(200)])
        let records = try Self.sentRecords(log)
        #expect(records.count == 3)
        for record in records {
            #expect(record.response == nil)
            #expect(record.findings.contains { $0.code == SendFindingCode.sendFailed && $0.severity == .error })
            #expect(record.targetURL == "http://127.0.0.1:\(port)/events?tc_s=42&token=\(SecretFingerprint.fingerprint(Self.key))")
        }
    }

    @Test func theLastExchangeIsAnnouncedOnceBeforeItIsRecorded() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("sent.jsonl")
        let writer = try CaptureLogWriter(url: log)
        let sender = Sender(log: writer, timeout: .seconds(5), retryPolicy: RetryPolicy(retries: 2), pause: { _ in })
        let port = try TestServers.closedPort()
        let request = SendTarget(baseURL: "http://127.0.0.1:\(port)")
            .request(body: Array("{}".utf8), kind: .event, dialect: .v2, siteId: "42", sourceKey: nil)
        // The attempts already heard of (recorded) each time the last exchange is announced.
        let heard = Mutex(0)
        let announcements = Mutex<[Int]>([])
        let attempts = await sender.send(
            request, onAttempt: { _, _ in heard.withLock { $0 += 1 } },
            onLastExchange: { announcements.withLock { $0.append(heard.withLock { $0 }) } })
        await sender.shutdown()
        try await writer.close()
        #expect(attempts.count == 3)
        #expect(announcements.withLock { $0 } == [2])
        #expect(try Self.sentRecords(log).count == 3)
    }

    @Test func aTargetThatNeverAnswersTimesOut() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("sent.jsonl")
        let listener = try SilentListener()
        defer { listener.close() }
        let writer = try CaptureLogWriter(url: log)
        let sender = Sender(log: writer, timeout: .milliseconds(400),
                            retryPolicy: RetryPolicy(retries: 1, baseDelay: .milliseconds(10)))
        let request = SendTarget(baseURL: "http://127.0.0.1:\(listener.port)")
            .request(body: Array("{}".utf8), kind: .event, dialect: .v2, siteId: "42", sourceKey: nil)
        let attempts = await sender.send(request)
        await sender.shutdown()
        try await writer.close()

        #expect(attempts.count == 2)
        #expect(attempts.allSatisfy { $0.response == nil && $0.failure == "no answer within 0.4 s (timed out)" })
        #expect(attempts.allSatisfy { $0.latencyMilliseconds >= 300 })
        let records = try Self.sentRecords(log)
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.response == nil && $0.findings.contains { $0.code == SendFindingCode.sendFailed } })
    }

    @Test func aServerErrorIsRetriedAndEveryAttemptRecorded() async throws {
        let folder = try TestServers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("sent.jsonl")
        let (attempts, served) = try await TestServers.withAnswering(.internalServerError) { port, requests in
            let writer = try CaptureLogWriter(url: log)
            let sender = Sender(log: writer, retryPolicy: RetryPolicy(retries: 3, baseDelay: .milliseconds(5)))
            let request = SendTarget(baseURL: "http://127.0.0.1:\(port)")
                .request(body: Array(#"{"event_name":"x"}"#.utf8), kind: .event, dialect: .v2, siteId: "42", sourceKey: Self.key)
            let attempts = await sender.send(request)
            await sender.shutdown()
            try await writer.close()
            return (attempts, requests.count)
        }
        #expect(attempts.count == 4)
        #expect(served == 4)
        #expect(attempts.allSatisfy { $0.response?.status == 500 && !$0.succeeded })
        #expect(attempts.map(\.number) == [1, 2, 3, 4])
        let records = try Self.sentRecords(log)
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0.response?.status == 500 && $0.response?.body == Array(#"{"error":"boom"}"#.utf8) })
        #expect(records.allSatisfy { $0.findings.contains { $0.code == SendFindingCode.sendRefused } })
    }

    @Test func aClientErrorIsNotRetried() async throws {
        let attempts = try await TestServers.withAnswering(.badRequest) { port, requests in
            let sender = Sender(log: nil, retryPolicy: RetryPolicy(retries: 3, baseDelay: .milliseconds(5)))
            let request = SendTarget(baseURL: "http://127.0.0.1:\(port)")
                .request(body: Array("{}".utf8), kind: .event, dialect: .legacy, siteId: "42", sourceKey: nil)
            let attempts = await sender.send(request)
            await sender.shutdown()
            #expect(requests.count == 1)
            return attempts
        }
        #expect(attempts.map { $0.response?.status } == [400])
    }
}

/// Records the waits a `Sender` asks for, instead of waiting.
final class PauseRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []

    var delays: [Duration] { lock.withLock { recorded } }

    var record: @Sendable (Duration) async -> Void {
        { [self] delay in lock.withLock { recorded.append(delay) } }
    }
}
