import CaptureLog
import Testing
import TrackingModel
@testable import Sender

/// How `SendTarget.replayRequest` addresses a recorded request.
@Suite struct ReplayRequestTests {
    static let target = SendTarget(baseURL: "http://127.0.0.1:9000/")

    static func record(path: String, query: String = "", site: String?, body: String, dialect: Dialect,
                       findings: [Finding] = []) -> CaptureRecord {
        CaptureRecord(sequence: 12, direction: .received, method: "POST", path: path, query: query, siteId: site,
                      requestBody: Array(body.utf8), dialect: dialect, findings: findings)
    }

    static func request(_ record: CaptureRecord, _ transform: ReplayTransform = ReplayTransform(), key: String? = "k") -> EventRequest {
        target.replayRequest(for: record, transform: transform, sourceKey: key, nowMilliseconds: 0,
                             newId: { "new" }, userAgent: "ua")
    }

    @Test func eachRecordGoesToItsOwnEndpoint() {
        let event = Self.request(Self.record(path: "/events", query: "tc_s=7&token=sha256:aa", site: "7",
                                             body: #"{"event_name":"a"}"#, dialect: .v2))
        #expect(event.url == "http://127.0.0.1:9000/events?tc_s=7&token=k")
        #expect(event.kind == .event && event.body == Array(#"{"event_name":"a"}"#.utf8))
        let legacy = Self.request(Self.record(path: "/v2/7/events", site: "7", body: #"{"event":"a"}"#, dialect: .legacy))
        #expect(legacy.url == "http://127.0.0.1:9000/v2/7/events")
        #expect(legacy.headers.contains { $0.name == "Authorization" && $0.value == "Bearer k" })
        let batch = Self.request(Self.record(path: "/events/batch", query: "tc_s=7", site: "7",
                                             body: #"{"batch":[{"event_name":"a"},{"event_name":"b"}]}"#, dialect: .v2))
        #expect(batch.kind == .batch && batch.eventCount == 2 && batch.path == "/events/batch")
    }

    @Test func aBatchMemberGoesAsABatchOfOne() {
        let member = Finding(severity: .info, code: CaptureRecord.batchMemberCode, path: "$", message: "Event 2 of 3")
        let request = Self.request(Self.record(path: "/events/batch", query: "tc_s=7", site: "7",
                                               body: #"{"event_name":"b"}"#, dialect: .v2, findings: [member]))
        #expect(request.kind == .batch && request.eventCount == 1)
        #expect(request.body == Array(#"{"batch":[{"event_name":"b"}]}"#.utf8))
    }

    @Test func theSiteAndTheDialectCanChange() {
        let legacy = Self.record(path: "/v2/7/events", site: "7", body: #"{"event":"a","properties":{}}"#, dialect: .legacy)
        let elsewhere = Self.request(legacy, ReplayTransform(siteId: "9"))
        #expect(elsewhere.path == "/v2/9/events" && elsewhere.siteId == "9")
        let converted = Self.request(legacy, ReplayTransform(dialect: .v2))
        #expect(converted.path == "/events" && converted.query == "tc_s=7&token=k" && converted.dialect == .v2)
    }

    @Test func aRecordWithoutASiteIsReplayedWithoutOne() {
        let request = Self.request(Self.record(path: "/events", site: nil, body: "{}", dialect: .v2), key: nil)
        #expect(request.query == "")
        let keyed = Self.request(Self.record(path: "/events", site: nil, body: "{}", dialect: .v2))
        #expect(keyed.query == "token=k")
    }

    @Test func onlyReceivedEventRequestsAreReplayed() {
        #expect(SendTarget.isReplayable(Self.record(path: "/events", site: "1", body: "{}", dialect: .v2)))
        #expect(!SendTarget.isReplayable(CaptureRecord(direction: .received, method: "GET", path: "/engage/user/")))
        #expect(!SendTarget.isReplayable(CaptureRecord(direction: .sent, method: "POST", path: "/events")))
        #expect(!SendTarget.isReplayable(CaptureRecord(direction: .received, method: "POST", path: "/v2/1/products/bulk")))
    }
}
