import CaptureLog
import Foundation
import Testing
import TrackingModel
@testable import Sender

@Suite struct EventRequestTests {
    static let key = "secret-key-123"
    static let body = Array(#"{"event_name":"search"}"#.utf8)

    @Test(arguments: [Dialect.v2, .v1, .unknown])
    func currentDialectsGoToEventsWithTheKeyAsToken(_ dialect: Dialect) {
        let target = SendTarget(baseURL: "https://collect.commander1.com/")
        let request = target.request(body: Self.body, kind: .event, dialect: dialect, siteId: "29", sourceKey: Self.key)
        #expect(request.url == "https://collect.commander1.com/events?tc_s=29&token=secret-key-123")
        #expect(request.method == "POST")
        #expect(!request.headers.contains { $0.name == "Authorization" })
        #expect(request.headers.contains { $0.name == "Content-Type" && $0.value == "application/json" })
    }

    @Test func legacyGoesToTheBriefsEndpointWithABearerKey() {
        let request = SendTarget(baseURL: "http://127.0.0.1:8080")
            .request(body: Self.body, kind: .event, dialect: .legacy, siteId: "42", sourceKey: Self.key)
        #expect(request.url == "http://127.0.0.1:8080/v2/42/events")
        #expect(request.headers.filter { $0.name == "Authorization" }.map(\.value) == ["Bearer secret-key-123"])
    }

    @Test(arguments: [Dialect.v2, .legacy])
    func batchesGoToTheBatchEndpoint(_ dialect: Dialect) {
        let request = SendTarget(baseURL: "http://127.0.0.1:8080")
            .request(body: Self.body, kind: .batch, dialect: dialect, siteId: "42", sourceKey: Self.key, eventCount: 3)
        #expect(request.url == "http://127.0.0.1:8080/events/batch?tc_s=42&token=secret-key-123")
        #expect(request.eventCount == 3)
    }

    @Test func withoutAKeyNoneIsSent() {
        let target = SendTarget(baseURL: "http://127.0.0.1:8080")
        #expect(target.request(body: Self.body, kind: .event, dialect: .v2, siteId: "42", sourceKey: nil).url
            == "http://127.0.0.1:8080/events?tc_s=42")
        #expect(!target.request(body: Self.body, kind: .event, dialect: .legacy, siteId: "42", sourceKey: nil)
            .headers.contains { $0.name == "Authorization" })
    }

    @Test func siteAndKeyArePercentEncoded() {
        let request = SendTarget(baseURL: "http://h").request(body: [], kind: .event, dialect: .v2, siteId: "a b", sourceKey: "k&=+")
        #expect(request.query == "tc_s=a%20b&token=k%26%3D%2B")
        let legacy = SendTarget(baseURL: "http://h").request(body: [], kind: .event, dialect: .legacy, siteId: "1/2", sourceKey: nil)
        #expect(legacy.path == "/v2/1%2F2/events")
    }

    @Test(arguments: [(Dialect.v2, EventRequest.Kind.event), (.legacy, .event), (.v2, .batch)])
    func theRecordNeverHoldsTheKeyInClear(_ dialect: Dialect, _ kind: EventRequest.Kind) throws {
        let request = SendTarget(baseURL: "http://127.0.0.1:8080")
            .request(body: Self.body, kind: kind, dialect: dialect, siteId: "42", sourceKey: Self.key)
        let record = request.record(time: Date(), response: .init(status: 200), findings: [])
        let fingerprint = SecretFingerprint.fingerprint(Self.key)
        let line = String(decoding: record.encodedLine(), as: UTF8.self)
        #expect(!line.contains(Self.key))
        #expect(line.contains(fingerprint))
        #expect(record.direction == .sent)
        #expect(record.siteId == "42")
        #expect(record.targetURL?.contains(Self.key) == false)
        #expect(record.requestBody == Self.body)
        #expect(!request.safeURL.contains(Self.key))
    }

    @Test func toTakesABaseURLOrAnEndpointURL() throws {
        let base = try SendTarget.reading("http://127.0.0.1:8080/")
        #expect(base.target.baseURL == "http://127.0.0.1:8080")
        #expect(base.siteId == nil)
        let event = try SendTarget.reading("https://collect.commander1.com/events?tc_s=29")
        #expect(event.target.baseURL == "https://collect.commander1.com")
        #expect(event.siteId == "29")
        let batch = try SendTarget.reading("https://collect.commander1.com/events/batch?tc_s=7")
        #expect(batch.target.baseURL == "https://collect.commander1.com")
        #expect(batch.siteId == "7")
        let legacy = try SendTarget.reading("http://localhost:9000/proxy/v2/1234/events")
        #expect(legacy.target.baseURL == "http://localhost:9000/proxy")
        #expect(legacy.siteId == "1234")
        #expect(throws: SendTargetError.self) { try SendTarget.reading("ftp://example.com") }
        #expect(throws: SendTargetError.self) { try SendTarget.reading("collect.commander1.com") }
    }
}
