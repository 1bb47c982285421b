import CaptureLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrackingModel
@testable import Collector

@Suite struct CollectorEventTests {
    typealias Support = CollectorTestSupport

    @Test func correctedBriefExampleIsAcceptedAndRecordedByteExact() async throws {
        let body = try Support.fixture("legacy-brief-corrected.json")
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            let headers = Support.headers([("Content-Type", "application/json"), ("Authorization", "Bearer secret-key-1")])
            try await client.execute(uri: "/v2/1234/events", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("X-Trackscope-Seq")!] == "1")
                #expect(response.headers[HTTPField.Name("X-Trackscope-Findings")!]?.hasPrefix("errors=") == true)
                let answer = try Support.json(response.body)
                #expect(answer["status"] == "ok")
            }
        }
        let records = try await Support.records(log)
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.requestBody == body)
        #expect(record.dialect == .legacy)
        #expect(record.siteId == "1234")
        #expect(record.path == "/v2/1234/events")
        #expect(record.response?.status == 200)
        #expect(record.direction == .received)
        // The key is fingerprinted, never kept in clear.
        let authorization = record.requestHeaders.first { $0.name.lowercased() == "authorization" }?.value
        #expect(authorization?.contains("secret-key-1") == false)
        #expect(authorization?.hasPrefix("Bearer sha256:") == true)
    }

    @Test func publishedBriefExampleIsRefusedNamingLine4Column3() async throws {
        let body = try Support.fixture("legacy-brief-published.json")
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            try await client.execute(uri: "/v2/1234/events", method: .post, headers: Support.json, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .badRequest)
                let answer = try Support.json(response.body)
                #expect(answer["error"] == "invalid-json")
                #expect(answer["line"] == 4)
                #expect(answer["column"] == 3)
                #expect(answer["message"]?.stringValue?.isEmpty == false)
                #expect(response.headers[HTTPField.Name("X-Trackscope-Seq")!] == "1")
            }
        }
        let record = try #require(try await Support.records(log).first)
        #expect(record.requestBody == body)
        #expect(record.response?.status == 400)
        let finding = try #require(record.findings.first { $0.code == "invalid-json" })
        #expect(finding.line == 4)
        #expect(finding.column == 3)
    }

    @Test(arguments: [
        ("/events?tc_s=1", RequestLimits.requestBytes),
        ("/v2/1/events", RequestLimits.requestBytes),
    ])
    func singleEventLimitIsExact(uri: String, limit: Int) async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            let atLimit = Support.event(ofSize: limit)
            #expect(atLimit.count == 32768)
            try await client.execute(uri: uri, method: .post, headers: Support.json, body: ByteBuffer(bytes: atLimit)) { response in
                #expect(response.status == .ok)
            }
            let over = Support.event(ofSize: limit + 1)
            try await client.execute(uri: uri, method: .post, headers: Support.json, body: ByteBuffer(bytes: over)) { response in
                #expect(response.status == .badRequest)
                let answer = try Support.json(response.body)
                #expect(answer["error"] == "request-too-large")
                #expect(answer["limit"] == 32768)
                #expect(answer["size"] == 32769)
                #expect(answer["unit"] == "bytes")
            }
        }
        let records = try await Support.records(log)
        #expect(records.count == 2)
        #expect(records[0].requestBody.count == 32768)
        #expect(records[1].requestBody.count == 32769)
        #expect(records[1].findings.contains { $0.code == "request-too-large" })
    }

    @Test func batchLimitIsExact() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            for (size, status) in [(RequestLimits.batchBytes, HTTPResponse.Status.ok), (RequestLimits.batchBytes + 1, .badRequest)] {
                let body = Self.batch(totalSize: size)
                #expect(body.count == size)
                try await client.execute(uri: "/events/batch?tc_s=1", method: .post, headers: Support.json, body: ByteBuffer(bytes: body)) { response in
                    #expect(response.status == status)
                    if status == .badRequest {
                        let answer = try Support.json(response.body)
                        #expect(answer["error"] == "request-too-large")
                        #expect(answer["limit"] == 512000)
                        #expect(answer["size"] == 512001)
                    }
                }
            }
        }
    }

    @Test func eventInsideBatchLimitIsExact() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            for (size, status) in [(32768, HTTPResponse.Status.ok), (32769, .badRequest)] {
                let body = Array(#"{"batch":["#.utf8) + Support.event(ofSize: size) + Array(#","#.utf8) + Support.event(ofSize: 100) + Array("]}".utf8)
                try await client.execute(uri: "/events/batch?tc_s=1", method: .post, headers: Support.json, body: ByteBuffer(bytes: body)) { response in
                    #expect(response.status == status)
                    if status == .badRequest {
                        let answer = try Support.json(response.body)
                        #expect(answer["error"] == "event-too-large")
                        #expect(answer["index"] == 0)
                        #expect(answer["size"] == 32769)
                    }
                }
            }
        }
        let records = try await Support.records(log)
        #expect(records.count == 4)
        #expect(records[0].requestBody.count == 32768)
        #expect(records[2].requestBody.count == 32769)
        #expect(records[2].findings.contains { $0.code == "event-too-large" })
        #expect(!records[3].findings.contains { $0.code == "event-too-large" })
    }

    /// A `{"batch":[...]}` body of exactly `totalSize` bytes made of events under 32 KB.
    static func batch(totalSize: Int) -> [UInt8] {
        var body = Array(#"{"batch":["#.utf8)
        let closing = Array("]}".utf8)
        var first = true
        while true {
            let room = totalSize - body.count - closing.count - (first ? 0 : 1)
            if room <= 0 { break }
            let size = min(30000, room)
            if size < 40 {
                // Too little room for another event: widen the last one instead.
                break
            }
            if !first { body.append(UInt8(ascii: ",")) }
            body += CollectorTestSupport.event(ofSize: size)
            first = false
        }
        // Pad with whitespace before the closing bracket (still valid JSON) to hit the size exactly.
        let missing = totalSize - body.count - closing.count
        body += Array(repeating: UInt8(ascii: " "), count: max(0, missing))
        return body + closing
    }

    @Test func batchRecordsEveryEventOnItsOwn() async throws {
        let good1 = #"{"event_name":"page_view","page_type":"home"}"#
        let bad = #"{"event_name":42}"#
        let good2 = "{\n  \"event_name\": \"search\",\n  \"search_term\": \"shoes\"\n}"
        let body = "{\"batch\": [\(good1),\n \(bad), \(good2)]}"
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            try await client.execute(uri: "/events/batch?tc_s=7", method: .post, headers: Support.json, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("X-Trackscope-Seq")!] == "1-3")
                let answer = try Support.json(response.body)
                #expect(answer["events"] == 3)
            }
        }
        let records = try await Support.records(log)
        #expect(records.map { String(decoding: $0.requestBody, as: UTF8.self) } == [good1, bad, good2])
        #expect(records.allSatisfy { $0.path == "/events/batch" && $0.siteId == "7" && $0.response?.status == 200 })
        #expect(records.allSatisfy { $0.findings.contains { $0.code == "batch-member" } })
        #expect(records[1].findings.contains { $0.severity == .error && $0.code != "batch-member" })
    }

    @Test func concurrentBatchesEachGetOneContiguousRangeOnDisk() async throws {
        let folder = try Support.temporaryFolder()
        let log = try FileCollectorLog(url: folder.appendingPathComponent("capture.jsonl"), durability: .fsync)
        let requests = 24
        let ranges = try await Support.withCollector(log: log, setup: .live) { client, _ in
            try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for request in 0..<requests {
                    group.addTask {
                        let events = (0..<4).map { #"{"event_name":"page_view","page_name":"r\#(request)-e\#($0)"}"# }
                        let body = #"{"batch":["# + events.joined(separator: ",") + "]}"
                        return try await client.execute(uri: "/events/batch?tc_s=7", method: .post, headers: Support.json,
                                                        body: ByteBuffer(string: body)) { response in
                            #expect(response.status == .ok)
                            return (request, response.headers[HTTPField.Name("X-Trackscope-Seq")!])
                        }
                    }
                }
                var ranges: [(Int, String?)] = []
                for try await pair in group { ranges.append(pair) }
                return ranges
            }
        }
        try await log.close()
        let reader = try CaptureLogReader(url: log.url, useSidecar: false)
        #expect(reader.count == requests * 4)
        let records = reader.records(in: 0..<reader.count)
        let pageNames = Dictionary(uniqueKeysWithValues: records.map { ($0.sequence, $0.bodyJSON?["page_name"]?.stringValue) })
        for (request, range) in ranges {
            // One batch request, one append: "N-(N+3)", never interleaved with another request's events.
            let bounds = try #require(range?.split(separator: "-").compactMap { UInt64($0) })
            #expect(bounds.count == 2 && bounds[1] == bounds[0] + 3)
            let names = (bounds[0]...bounds[1]).map { pageNames[$0] ?? nil }
            #expect(names == (0..<4).map { "r\(request)-e\($0)" })
        }
    }

    @Test func invalidBatchIsOneRecordWithTheParseError() async throws {
        let body = try Support.fixture("v2-batch-published.json")
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            try await client.execute(uri: "/events/batch?tc_s=7", method: .post, headers: Support.json, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .badRequest)
                let answer = try Support.json(response.body)
                #expect(answer["error"] == "invalid-json")
                // The comma is missing at the end of line 25; the parser stops at the next member, line 26.
                #expect(answer["line"] == 26)
                #expect(answer["column"] == 13)
            }
        }
        let records = try await Support.records(log)
        #expect(records.count == 1)
        #expect(records[0].requestBody == body)
    }

    @Test func correctedBatchIsAccepted() async throws {
        let body = try Support.fixture("v2-batch-corrected.json")
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            try await client.execute(uri: "/events/batch?tc_s=7", method: .post, headers: Support.json, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .ok)
            }
        }
        let records = try await Support.records(log)
        #expect(records.count >= 2)
        #expect(records.allSatisfy { $0.dialect == .v2 })
    }

    @Test func wrongContentTypeIsAFindingAndTheBodyIsStillRead() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            let headers = Support.headers([("Content-Type", "text/plain")])
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: headers, body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                #expect(response.status == .ok)
            }
        }
        let record = try #require(try await Support.records(log).first)
        #expect(record.findings.contains { $0.code == "wrong-content-type" && $0.severity == .warning })
        #expect(record.dialect == .v2)
    }

    /// `{"event_name":"page_view"}` compressed with gzip (python's gzip.compress, mtime 0).
    static let gzippedEvent: [UInt8] = [
        0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xAB, 0x56, 0x4A, 0x2D, 0x4B, 0xCD,
        0x2B, 0x89, 0xCF, 0x4B, 0xCC, 0x4D, 0x55, 0xB2, 0x52, 0x2A, 0x48, 0x4C, 0x4F, 0x8D, 0x2F, 0xCB,
        0x4C, 0x2D, 0x57, 0xAA, 0x05, 0x00, 0x29, 0x78, 0xC6, 0xB1, 0x1A, 0x00, 0x00, 0x00,
    ]

    /// A compressed body gets a finding that says so, beside the parse error about its bytes: with
    /// the Content-Encoding header, and without it (gzip's signature).
    @Test(arguments: [true, false])
    func aCompressedBodyIsNamedAsSuch(withHeader: Bool) async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            var fields: [(String, String)] = [("Content-Type", "application/json")]
            if withHeader { fields.append(("Content-Encoding", "gzip")) }
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: Support.headers(fields),
                                     body: ByteBuffer(bytes: Self.gzippedEvent)) { response in
                #expect(response.status == .badRequest)
            }
        }
        let record = try #require(try await Support.records(log).first)
        let finding = try #require(record.findings.first { $0.code == "compressed-body" })
        #expect(finding.severity == .error)
        #expect(finding.message.contains(withHeader ? "Content-Encoding: gzip" : "gzip's signature (1F 8B)"))
        #expect(record.findings.contains { $0.code == "invalid-json" })
        #expect(record.requestBody == Self.gzippedEvent)
    }

    @Test func anIdentityEncodingIsNoFinding() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            let headers = Support.headers([("Content-Type", "application/json"), ("Content-Encoding", "identity")])
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: headers,
                                     body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                #expect(response.status == .ok)
            }
        }
        let record = try #require(try await Support.records(log).first)
        #expect(!record.findings.contains { $0.code == "compressed-body" })
    }

    @Test func missingSiteIsAFinding() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            try await client.execute(uri: "/events", method: .post, headers: Support.json, body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                #expect(response.status == .ok)
            }
        }
        let record = try #require(try await Support.records(log).first)
        #expect(record.findings.contains { $0.code == "missing-site-id" })
    }

    @Test func unknownPathAndWrongMethodAreRecorded() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            try await client.execute(uri: "/event?tc_s=1", method: .post, headers: Support.json, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/events?tc_s=1", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
        let records = try await Support.records(log)
        #expect(records.map { $0.findings.first?.code } == ["unknown-endpoint", "method-not-allowed"])
    }

    @Test func farTooLargeBodyIsAnsweredAndLoggedTruncated() async throws {
        let log = MemoryCollectorLog()
        let configuration = CollectorConfiguration(port: 0, maximumLoggedBodyBytes: 40_000)
        try await Support.withCollector(configuration, log: log) { client, _ in
            let body = [UInt8](repeating: UInt8(ascii: "x"), count: 200_000)
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: Support.json, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .badRequest)
                let answer = try Support.json(response.body)
                #expect(answer["size"] == 200000)
            }
        }
        let record = try #require(try await Support.records(log).first)
        #expect(record.requestBody.count == 40_000)
        #expect(record.findings.contains { $0.code == "body-truncated" })
        #expect(record.findings.contains { $0.code == "request-too-large" })
    }
}
