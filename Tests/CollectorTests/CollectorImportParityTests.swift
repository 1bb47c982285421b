import CaptureLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrackingModel
@testable import Collector

/// `log import --format events` records an event as the collector records the same event posted
/// to the same endpoint: same dialect, same findings, same summary (but for the answer, which an
/// import has none of).
@Suite struct CollectorImportParityTests {
    typealias Support = CollectorTestSupport

    static let events: [String] = [
        #"{"event_name":"purchase","context":{"event_id":"e1","event_timestamp":1700000000000},"user":{"id":"42","consent_categories":["1"]},"value":10,"currency":"EUR"}"#,
        #"{"event_name":"purchase","user":{"id":"7"}}"#,
        #"{"event":"page_view","properties":{"user":{"id":"3","email":"a@b.c"}}}"#,
        #"{"event_name":"search","search_term":"shoes","value":"ten"}"#,
        #"{"event_name":"add_to_cart","items":[{"product":{"id":"p1","price":-1}}]}"#,
    ]

    @Test func importedEventsAreRecordedAsTheCollectorRecordsThem() async throws {
        let path = "/v2/1234/events"
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            for event in Self.events {
                try await client.execute(uri: path, method: .post, headers: Support.json, body: ByteBuffer(string: event)) { response in
                    #expect(response.status == .ok)
                }
            }
        }
        let collected = try await Support.records(log)

        let folder = try Support.temporaryFolder()
        let input = folder.appendingPathComponent("events.jsonl")
        try Data(Self.events.joined(separator: "\n").utf8).write(to: input)
        let fd = open(input.path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let url = folder.appendingPathComponent("capture.jsonl")
        let writer = try CaptureLogWriter(url: url, durability: .os)
        var importer = EventLinesImport(chunkBytes: 100, concurrency: 2)
        importer.path = path
        let outcome = try await importer.run(reading: fd, name: input.path, into: writer)
        try await writer.close()
        #expect(outcome.records == Self.events.count)
        let reader = try CaptureLogReader(url: url)
        let imported = try (0..<reader.count).map { try reader.record(at: $0) }

        try #require(collected.count == imported.count)
        for (fromCollector, fromImport) in zip(collected, imported) {
            #expect(fromImport.requestBody == fromCollector.requestBody)
            #expect(fromImport.siteId == fromCollector.siteId)
            #expect(fromImport.dialect == fromCollector.dialect)
            #expect(fromImport.findings == fromCollector.findings, "\(String(decoding: fromImport.requestBody, as: UTF8.self))")
            var collectorSummary = CaptureRecordSummary(fromCollector)
            var importSummary = CaptureRecordSummary(fromImport)
            collectorSummary.status = nil
            collectorSummary.sequence = 0
            collectorSummary.time = Date(timeIntervalSince1970: 0)
            importSummary.sequence = 0
            importSummary.time = collectorSummary.time
            #expect(importSummary == collectorSummary)
        }
        #expect(imported.contains { !$0.findings.isEmpty }, "the events have findings to compare")
    }
}
