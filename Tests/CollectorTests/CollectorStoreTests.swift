import CaptureLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import TrackingModel
@testable import Collector

/// The User API, the Product API and what they keep, and the inspection API.
@Suite struct CollectorStoreTests {
    typealias Support = CollectorTestSupport

    static let person = #"{"person":{"id":"u1","email":"ada@example.com","firstname":"Ada","custom":{"tier":"gold"}}}"#
    static let userURI = "/engage/user/?site=12&user_id=u1&token=t"

    @Test func userPutThenGetThenDelete() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            try await client.execute(uri: Self.userURI, method: .get) { response in
                #expect(response.status == .notFound)
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON == ["message": "Person not found"])
            }
            try await client.execute(uri: Self.userURI, method: .put, headers: Support.json, body: ByteBuffer(string: Self.person)) { response in
                #expect(response.status == .ok)
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON == ["success": true])
            }
            try await client.execute(uri: Self.userURI, method: .get) { response in
                #expect(response.status == .ok)
                let person = try Support.json(response.body)
                #expect(person["email"] == "ada@example.com")
                #expect(person["custom"]?["tier"] == "gold")
            }
            // An update merges: new members replace, others stay, custom merges one level down.
            let update = #"{"person":{"id":"u1","lastname":"Lovelace","custom":{"since":"2020"}}}"#
            try await client.execute(uri: Self.userURI, method: .put, headers: Support.json, body: ByteBuffer(string: update)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: Self.userURI, method: .get) { response in
                let person = try Support.json(response.body)
                #expect(person["email"] == "ada@example.com")
                #expect(person["lastname"] == "Lovelace")
                #expect(person["custom"]?["tier"] == "gold")
                #expect(person["custom"]?["since"] == "2020")
            }
            // Another site does not see it.
            try await client.execute(uri: "/engage/user/?site=13&user_id=u1&token=t", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: Self.userURI, method: .delete) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: Self.userURI, method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: Self.userURI, method: .delete) { response in
                #expect(response.status == .notFound)
            }
        }
        let records = try await Support.records(log)
        #expect(records.count == 9)
        // The token is fingerprinted in the recorded query.
        #expect(records.allSatisfy { !$0.query.contains("token=t&") && !$0.query.hasSuffix("token=t") })
    }

    @Test func userPutRefusesInvalidJSONAndAMissingPerson() async throws {
        try await Support.withCollector(log: MemoryCollectorLog()) { client, _ in
            try await client.execute(uri: Self.userURI, method: .put, headers: Support.json, body: ByteBuffer(string: "{\"person\":{\n\"id\" \"u1\"}}")) { response in
                #expect(response.status == .badRequest)
                let answer = try Support.json(response.body)
                #expect(answer["error"] == "invalid-json")
                #expect(answer["line"] == 2)
            }
            try await client.execute(uri: Self.userURI, method: .put, headers: Support.json, body: ByteBuffer(string: #"{"id":"u1"}"#)) { response in
                #expect(response.status == .badRequest)
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON["error"] == "invalid-person")
            }
            try await client.execute(uri: "/engage/user/?user_id=u1", method: .get) { response in
                #expect(response.status == .badRequest)
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON["error"] == "missing-parameter")
            }
        }
    }

    @Test func usersAndProductsSurviveARestart() async throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("capture.jsonl")
        try await Support.withCollector(log: try FileCollectorLog(url: url)) { client, _ in
            try await client.execute(uri: Self.userURI, method: .put, headers: Support.json, body: ByteBuffer(string: Self.person)) { response in
                #expect(response.status == .ok)
            }
            let other = "/engage/user/?site=12&user_id=u2&token=t"
            try await client.execute(uri: other, method: .put, headers: Support.json, body: ByteBuffer(string: #"{"person":{"id":"u2"}}"#)) { _ in }
            try await client.execute(uri: other, method: .delete) { _ in }
            try await client.execute(uri: "/v2/12/products/bulk", method: .post, headers: Support.headers([("Content-Type", "application/x-ndjson")]),
                                     body: ByteBuffer(string: #"{"id":"SKU1","name":"Shirt","price":19.9}"#)) { response in
                #expect(response.status == .accepted)
            }
        }
        // A new collector on the same log rebuilds the stores from it.
        try await Support.withCollector(log: try FileCollectorLog(url: url)) { client, core in
            try await client.execute(uri: Self.userURI, method: .get) { response in
                #expect(response.status == .ok)
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON["firstname"] == "Ada")
            }
            try await client.execute(uri: "/engage/user/?site=12&user_id=u2&token=t", method: .get) { response in
                #expect(response.status == .notFound)
            }
            let product = await core.catalogue.product(site: "12", id: "SKU1")
            #expect(product?.name == "Shirt")
            #expect(product?.price?.literal == "19.9")
            // The four records of the first run, and the two GETs of this one.
            #expect(core.stats.records == 6)
        }
    }

    /// The statistics a restart rebuilds from the log are those the first run counted live: events
    /// of every dialect, a batch with a bad event, invalid JSON, an unknown path, both store APIs.
    @Test func statisticsRebuiltFromTheLogEqualThoseCountedLive() async throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("capture.jsonl")
        let requests: [(uri: String, method: HTTPRequest.Method, body: [UInt8])] = [
            ("/v2/1234/events", .post, try Support.fixture("legacy-brief-corrected.json")),
            ("/v2/1234/events", .post, try Support.fixture("legacy-brief-published.json")),
            ("/events?tc_s=12", .post, try Support.fixture("v2-search.json")),
            ("/events/batch?tc_s=12", .post, Array(#"{"batch":[{"event_name":"purchase"},{"event_name":"add_to_cart","value":"x"},{"event":"page_view"}]}"#.utf8)),
            ("/events?tc_s=12", .post, Array("not json".utf8)),
            ("/nowhere", .post, []),
            (Self.userURI, .put, Array(Self.person.utf8)),
            ("/v2/12/products/bulk", .post, Array("{\"id\":\"SKU1\",\"name\":\"Shirt\",\"price\":19.9}\n{\"id\":\"SKU2\"}".utf8)),
        ]
        let live = try await Support.withCollector(log: try FileCollectorLog(url: url)) { client, core in
            for request in requests {
                try await client.execute(uri: request.uri, method: request.method, headers: Support.json, body: ByteBuffer(bytes: request.body)) { _ in }
            }
            return core.stats
        }
        #expect(live.records == 10)
        #expect(live.byEvent == ["search": 2, "purchase": 1, "add_to_cart": 1, "page_view": 1, "(none)": 2])
        let rebuilt = try await Support.withCollector(log: try FileCollectorLog(url: url)) { _, core in core.stats }
        #expect(rebuilt == live)
    }

    /// The collector serves while it rebuilds from a large log: events are answered at once, while
    /// the User API and the statistics wait for the rebuild (held here by blocking the log's
    /// reader), so that they answer from the whole log and count nothing twice.
    @Test func eventsAreTakenWhileTheStoresAreRebuiltAndStoreRequestsWait() async throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("capture.jsonl")
        let before = try await Support.withCollector(log: try FileCollectorLog(url: url)) { client, core in
            try await client.execute(uri: Self.userURI, method: .put, headers: Support.json, body: ByteBuffer(string: Self.person)) { _ in }
            return core.stats
        }
        let log = try FileCollectorLog(url: url)
        let held = await Support.hold(log.readerWorker)
        try await Support.withCollector(log: log, waitForRebuild: false) { client, core in
            try await client.execute(uri: "/_trackscope/health", method: .get) { response in
                let health = try Support.json(response.body)
                #expect(health["rebuilding"] == true)
            }
            let userRead = Task { () throws -> (HTTPResponse.Status, JSONValue) in
                try await client.execute(uri: Self.userURI, method: .get) { ($0.status, try Support.json($0.body)) }
            }
            let statsRead = Task { () throws -> JSONValue in
                try await client.execute(uri: "/_trackscope/stats", method: .get) { try Support.json($0.body) }
            }
            try await client.execute(uri: "/v2/1234/events", method: .post, headers: Support.json,
                                     body: ByteBuffer(bytes: try Support.fixture("legacy-brief-corrected.json"))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[CollectorCore.sequenceHeader] == "2")
            }
            #expect(core.rebuildState == .running)
            try await held.release()
            let (status, person) = try await userRead.value
            #expect(status == .ok)
            #expect(person["firstname"] == "Ada")
            let stats = try await statsRead.value
            // The PUT of the first run and the event of this one, each once; the GET comes after.
            #expect(stats["records"] == .number(JSONNumber(Double(before.records + 1))))
            #expect(core.rebuildState == .done)
        }
    }

    /// A query whose client hangs up before the answer stops: it is skipped when it waits for the
    /// reader, and health counts it; the next client is answered as usual.
    @Test func aQueryWhoseClientLeftIsAbandoned() async throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = try FileCollectorLog(url: folder.appendingPathComponent("capture.jsonl"), durability: .os)
        try await Support.withCollector(log: log, setup: .live) { client, core in
            let port = try #require(client.port)
            try await client.execute(uri: "/v2/1234/events", method: .post, headers: Support.json,
                                     body: ByteBuffer(bytes: try Support.fixture("legacy-brief-corrected.json"))) { _ in }
            let held = await Support.hold(log.readerWorker)
            let leaving = try RawConnection(port: port)
            leaving.send("GET /_trackscope/events?q=seq%3E0 HTTP/1.1\r\nHost: localhost\r\n\r\n")
            try await Task.sleep(for: .milliseconds(200))
            leaving.hangUp()
            try await Task.sleep(for: .milliseconds(200))
            try await held.release()
            var abandoned: JSONValue?
            for _ in 0..<100 {
                abandoned = try await client.execute(uri: "/_trackscope/health", method: .get) { try Support.json($0.body)["abandonedQueries"] }
                if abandoned == 1 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(abandoned == 1)
            try await client.execute(uri: "/_trackscope/events?q=seq%3E0", method: .get) { response in
                #expect(response.status == .ok)
                let answer = try Support.json(response.body)
                #expect(answer["count"] == 1)
            }
            #expect(core.abandonedQueries.load(ordering: .relaxed) == 1)
        }
    }

    /// When the log cannot be read back, events are still taken, and what needs the stores says
    /// why it cannot answer.
    @Test func storeRequestsAre503WhenTheRebuildFails() async throws {
        try await Support.withCollector(log: UnreadableLog(), waitForRebuild: false) { client, core in
            try await client.execute(uri: "/events?tc_s=12", method: .post, headers: Support.json,
                                     body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: Self.userURI, method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let answer = try Support.json(response.body)
                #expect(answer["error"] == "stores-unavailable")
                #expect(answer["message"]?.stringValue?.contains("disk on fire") == true)
            }
            try await client.execute(uri: "/_trackscope/stats", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/_trackscope/health", method: .get) { response in
                let health = try Support.json(response.body)
                #expect(health["rebuilding"] == false)
                #expect(health["rebuildFailure"]?.stringValue?.contains("disk on fire") == true)
            }
            // A reset starts afresh: the stores are empty, and consistent with the new log.
            try await client.execute(uri: "/_trackscope/reset", method: .post) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: Self.userURI, method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    /// A log whose records cannot be read back.
    struct UnreadableLog: CollectorLog {
        struct Failure: Error, CustomStringConvertible { var description: String { "disk on fire" } }
        let memory = MemoryCollectorLog()
        var fileURL: URL? { nil }
        var sequenceAtOpening: UInt64 { memory.sequenceAtOpening }
        func append(_ record: CaptureRecord) async throws -> CaptureRecord { try await memory.append(record) }
        func append(contentsOf records: [CaptureRecord]) async throws -> [CaptureRecord] { try await memory.append(contentsOf: records) }
        func forEachSummary(fullRecordWhen wantsRecord: @escaping @Sendable (CaptureRecordSummary) -> Bool,
                            _ body: @escaping @Sendable (CaptureRecordSummary, CaptureRecord?) -> Void) async throws { throw Failure() }
        func newestRecords(limit: Int, matching query: FilterQuery) async throws -> [CaptureRecord] {
            try await memory.newestRecords(limit: limit, matching: query)
        }
        func reset() async throws -> URL? { try await memory.reset() }
        func close() async throws { try await memory.close() }
    }

    @Test func productBulkAnswers202Or207WithTheDocumentedBody() async throws {
        let good = #"{"id":"SKU1","name":"Shirt","price":19.9,"currency":"EUR"}"#
        let noPrice = #"{"id":"SKU2","name":"Socks"}"#
        let broken = #"{"id":"SKU3","name":"Hat" "price":3}"#
        let noPriceEither = #"{"id":"SKU4","name":"Belt"}"#
        let log = MemoryCollectorLog()
        let ndjson = Support.headers([("Content-Type", "application/x-ndjson"), ("Authorization", "Bearer k")])
        try await Support.withCollector(log: log) { client, core in
            try await client.execute(uri: "/v2/12/products/bulk", method: .post, headers: ndjson, body: ByteBuffer(string: good + "\n")) { response in
                #expect(response.status == .accepted)
                let answer = try Support.json(response.body)
                #expect(answer["data"]?["accepted_object_count"] == 1)
                #expect(answer["data"]?["rejected_object_count"] == 0)
            }
            let body = [good, noPrice, broken, "", noPriceEither].joined(separator: "\n")
            try await client.execute(uri: "/v2/12/products/bulk", method: .post, headers: ndjson, body: ByteBuffer(string: body)) { response in
                #expect(response.status.code == 207)
                let answer = try Support.json(response.body)
                #expect(answer["data"]?["accepted_object_count"] == 1)
                #expect(answer["data"]?["rejected_object_count"] == 3)
                let errors = try #require(answer["errors"]?.arrayValue)
                let missing = try #require(errors.first { $0["code"] == "missing-required-field" })
                #expect(missing["meta"]?["error_count"] == 2)
                #expect(missing["meta"]?["line_numbers"] == [2, 5])
                #expect(missing["meta"]?["ids"] == ["SKU2", "SKU4"])
                let invalid = try #require(errors.first { $0["code"] == "invalid-json" })
                #expect(invalid["meta"]?["line_numbers"] == [3])
                #expect(invalid["detail"]?.stringValue?.isEmpty == false)
            }
            #expect(await core.catalogue.product(site: "12", id: "SKU1")?.currency == "EUR")
            #expect(await core.catalogue.product(site: "12", id: "SKU2") == nil)
        }
        let records = try await Support.records(log)
        #expect(records.count == 2)
        #expect(records[1].findings.contains { $0.code == "invalid-json" && $0.line == 3 })
    }

    @Test func inspectionAPIListsFiltersCountsAndEnriches() async throws {
        let log = MemoryCollectorLog()
        let purchase = #"{"event_name":"purchase","id":"o1","currency":"EUR","value":19.9,"items":[{"id":"SKU1","quantity":1,"product":{"id":"SKU1","name":"Shirt","price":19.9}}],"user":{"consent_categories":["1"]}}"#
        try await Support.withCollector(log: log) { client, _ in
            try await client.execute(uri: "/v2/12/products/bulk", method: .post, headers: Support.headers([("Content-Type", "application/x-ndjson")]),
                                     body: ByteBuffer(string: #"{"id":"SKU1","name":"Blue shirt","price":21}"#)) { _ in }
            try await client.execute(uri: "/events?tc_s=12", method: .post, headers: Support.json, body: ByteBuffer(string: purchase)) { _ in }
            try await client.execute(uri: "/events?tc_s=12", method: .post, headers: Support.json, body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { _ in }
            try await client.execute(uri: "/v2/12/events", method: .post, headers: Support.json, body: ByteBuffer(bytes: try Support.fixture("legacy-brief-published.json"))) { _ in }

            try await client.execute(uri: "/_trackscope/events?limit=2", method: .get) { response in
                #expect(response.status == .ok)
                let answer = try Support.json(response.body)
                #expect(answer["count"] == 2)
                #expect(answer["records"]?[0]?["seq"] == 4) // newest first
                #expect(answer["records"]?[0]?["status"] == 400)
                #expect(answer["records"]?[1]?["event"] == "search")
            }
            try await client.execute(uri: "/_trackscope/events?q=event:purchase", method: .get) { response in
                let answer = try Support.json(response.body)
                #expect(answer["count"] == 1)
                let record = try #require(answer["records"]?[0])
                #expect(record["body"]?["event_name"] == "purchase")
                #expect(record["catalogue"]?[0]?["name"] == "Blue shirt")
                #expect(record["catalogue"]?[0]?["price"] == 21)
            }
            try await client.execute(uri: "/_trackscope/events?q=status:400", method: .get) { response in
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON["count"] == 1)
            }
            try await client.execute(uri: "/_trackscope/events?q=(", method: .get) { response in
                #expect(response.status == .badRequest)
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON["error"] == "invalid-query")
            }
            try await client.execute(uri: "/_trackscope/stats", method: .get) { response in
                let stats = try Support.json(response.body)
                #expect(stats["records"] == 4)
                #expect(stats["byEvent"]?["purchase"] == 1)
                #expect(stats["byEvent"]?["search"] == 1)
                #expect(stats["byStatus"]?["200"] == 2)
                #expect(stats["byStatus"]?["202"] == 1)
                #expect(stats["byStatus"]?["400"] == 1)
                #expect(stats["byDialect"]?["v2"] == 2)
                #expect(stats["products"] == 1)
                #expect(stats["bySeverity"]?.objectValue != nil)
            }
            try await client.execute(uri: "/_trackscope/health", method: .get) { response in
                #expect(response.status == .ok)
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON["status"] == "ok")
            }
            try await client.execute(uri: "/_trackscope/reset", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
        // The inspection API is not recorded.
        #expect(try await Support.records(log).count == 4)
    }

    @Test func resetStartsAFreshLogAndKeepsTheOldOne() async throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("capture.jsonl")
        let log = try FileCollectorLog(url: url)
        let event = ByteBuffer(bytes: try Support.fixture("v2-search.json"))
        try await Support.withCollector(log: log) { client, _ in
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: Support.json, body: event) { _ in }
            try await client.execute(uri: Self.userURI, method: .put, headers: Support.json, body: ByteBuffer(string: Self.person)) { _ in }
            var archived = ""
            try await client.execute(uri: "/_trackscope/reset", method: .post) { response in
                #expect(response.status == .ok)
                let answer = try Support.json(response.body)
                #expect(answer["status"] == "reset")
                archived = answer["archived"]?.stringValue ?? ""
            }
            #expect(archived.hasPrefix(folder.path))
            #expect(FileManager.default.fileExists(atPath: archived))
            try await client.execute(uri: "/_trackscope/stats", method: .get) { response in
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON["records"] == 0)
            }
            try await client.execute(uri: Self.userURI, method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: Support.json, body: event) { response in
                #expect(response.status == .ok)
            }
        }
        let fresh = try await Support.records(try FileCollectorLog(url: url))
        #expect(fresh.map(\.method) == ["GET", "POST"])
        let archives = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("capture-") }
        #expect(archives.count == 1)
        let old = try await Support.records(try FileCollectorLog(url: folder.appendingPathComponent(archives[0])))
        #expect(old.count == 2)
    }

    /// Inspection queries read the log on the log's background worker: while it is busy (here held
    /// on purpose), the queries wait there and tracking requests are still answered and recorded.
    @Test func eventsAreAnsweredWhileInspectionQueriesWaitForTheLogReader() async throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = try FileCollectorLog(url: folder.appendingPathComponent("capture.jsonl"))
        try await Support.withCollector(log: log) { client, _ in
            let held = await Support.hold(log.readerWorker)
            let queries = (0..<4).map { _ in
                Task { () throws -> JSONValue in
                    try await client.execute(uri: "/_trackscope/events?q=event:search", method: .get) { try Support.json($0.body) }
                }
            }
            for expected in 1...3 {
                try await client.execute(uri: "/v2/1234/events", method: .post, headers: Support.json,
                                         body: ByteBuffer(bytes: try Support.fixture("legacy-brief-corrected.json"))) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[CollectorCore.sequenceHeader] == String(expected))
                }
            }
            try await held.release()
            for query in queries {
                #expect(try await query.value["count"] == 3)
            }
        }
    }

    /// With `maximumSize`, the log rotates; reads reach into the kept segments, a restart rebuilds
    /// the stores and statistics from all of them, and a reset takes the segments aside too.
    @Test func aRotatingLogIsReadAcrossItsSegments() async throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("capture.jsonl")
        func record(_ path: String, padding: Int = 600) -> CaptureRecord {
            CaptureRecord(direction: .received, method: "POST", path: path, requestBody: Array(repeating: UInt8(ascii: "x"), count: padding))
        }
        // About three records a file.
        let log = try FileCollectorLog(url: url, maximumSize: 2_400)
        for index in 1...10 { _ = try await log.append(record("/r\(index)")) }
        // Four rotated segments and the live file: nothing dropped yet.
        #expect(CaptureLogSegments.existing(of: url).count == 5)
        let all = try await log.newestRecords(limit: 100, matching: .all)
        #expect(all.map(\.sequence) == Array((1...10).reversed()))
        #expect(try await log.newestRecords(limit: 5, matching: .all).map(\.path) == ["/r10", "/r9", "/r8", "/r7", "/r6"])
        #expect(try await log.newestRecords(limit: 10, matching: FilterQuery.parse("path:/r2 or path:/r9")).map(\.sequence) == [9, 2])
        let seen = Mutex<[UInt64]>([])
        let whole = Mutex<[String]>([])
        try await log.forEachSummary(fullRecordWhen: { $0.path == "/r3" || $0.path == "/r7" }) { summary, record in
            seen.withLock { $0.append(summary.sequence) }
            if let record { whole.withLock { $0.append(record.path) } }
        }
        #expect(seen.withLock { $0 } == Array(1...10))
        // Only the records asked for are decoded whole, from whichever segment holds them.
        #expect(whole.withLock { $0 } == ["/r3", "/r7"])

        // Ten more: the oldest segments are dropped (five kept); what is read is what is kept.
        for index in 11...20 { _ = try await log.append(record("/r\(index)")) }
        #expect(CaptureLogSegments.existing(of: url).count == 6)
        let kept = try await log.newestRecords(limit: 100, matching: .all).map(\.sequence)
        #expect(kept.count < 20 && kept.first == 20)
        #expect(kept == Array((kept.last ?? 0)...20).reversed())
        let rebuilt = Mutex<[UInt64]>([])
        try await log.forEachSummary(fullRecordWhen: { _ in false }) { summary, _ in rebuilt.withLock { $0.append(summary.sequence) } }
        #expect(rebuilt.withLock { $0 } == kept.reversed())

        let archived = try #require(try await log.reset())
        #expect(CaptureLogSegments.existing(of: url) == [url])
        #expect(CaptureLogSegments.existing(of: archived).count == 6)
        #expect(try await log.newestRecords(limit: 10, matching: .all).isEmpty)
        _ = try await log.append(record("/after"))
        #expect(try await log.newestRecords(limit: 10, matching: .all).map(\.path) == ["/after"])
        try await log.close()
    }

    @Test func aUserStoredInARotatedSegmentSurvivesARestart() async throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("capture.jsonl")
        let live = try await Support.withCollector(log: try FileCollectorLog(url: url, maximumSize: 6_000)) { client, core in
            try await client.execute(uri: Self.userURI, method: .put, headers: Support.json, body: ByteBuffer(string: Self.person)) { _ in }
            for _ in 0..<4 {
                try await client.execute(uri: "/v2/1234/events", method: .post, headers: Support.json,
                                         body: ByteBuffer(bytes: try Support.fixture("legacy-brief-corrected.json"))) { _ in }
            }
            return core.stats
        }
        #expect(CaptureLogSegments.existing(of: url).count > 1)
        try await Support.withCollector(log: try FileCollectorLog(url: url, maximumSize: 6_000)) { client, core in
            #expect(core.stats == live)
            try await client.execute(uri: Self.userURI, method: .get) { response in
                #expect(response.status == .ok)
                let person = try Support.json(response.body)
                #expect(person["firstname"] == "Ada")
            }
        }
    }

    @Test func theFileLogReadsItsNewestRecordsAsItGrowsAndAfterAReset() async throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = try FileCollectorLog(url: folder.appendingPathComponent("capture.jsonl"))
        func record(_ path: String) -> CaptureRecord {
            CaptureRecord(direction: .received, method: "POST", path: path)
        }
        #expect(try await log.newestRecords(limit: 5, matching: .all).isEmpty)
        _ = try await log.append(contentsOf: [record("/a"), record("/b"), record("/c")])
        #expect(try await log.newestRecords(limit: 2, matching: .all).map(\.path) == ["/c", "/b"])
        _ = try await log.append(record("/d"))
        #expect(try await log.newestRecords(limit: 10, matching: .all).map(\.path) == ["/d", "/c", "/b", "/a"])
        #expect(try await log.newestRecords(limit: 10, matching: FilterQuery.parse("path:/a or path:/b")).map(\.path) == ["/b", "/a"])

        _ = try await log.reset()
        #expect(try await log.newestRecords(limit: 10, matching: .all).isEmpty)
        _ = try await log.append(record("/e"))
        #expect(try await log.newestRecords(limit: 10, matching: .all).map(\.path) == ["/e"])
        let seen = Mutex<[String]>([])
        try await log.forEachSummary(fullRecordWhen: { _ in false }) { summary, _ in seen.withLock { $0.append(summary.path) } }
        #expect(seen.withLock { $0 } == ["/e"])
    }
}
