import CaptureLog
import Foundation
import TrackingModel

/// Records in the three dialects and a batch, for the tree of the detail screen.
enum InspectorSamples {
    static let v2Body = #"{"event_name":"purchase","context":{"event_id":"e-1","event_timestamp":1796320166123,"device":{"user_agent":"Mozilla/5.0","ip":"203.0.113.9","lang":"fr","cookie":"_ga=GA1.2.111.222; _fbp=fb.1.1596.42; theme=dark"},"page":{"url":"https://shop.example/cart"}},"transaction_id":"t-7","value":16.00,"user":{"id":"u-9","consent_categories":["1","3"]},"items":[{"id":"i-1","quantity":1,"product":{"id":"p-1","name":"Mug","price":16}}]}"#

    static let v2Purchase = CaptureRecord(
        sequence: 1, time: SampleRecords.time(0), direction: .received, method: "POST", path: "/events", query: "tc_s=1234",
        siteId: "1234", requestHeaders: [.init(name: "Content-Type", value: "application/json")],
        requestBody: Array(v2Body.utf8),
        response: .init(status: 200, headers: [.init(name: "Content-Type", value: "application/json")],
                        body: Array("{}".utf8), latencyMilliseconds: 1.25),
        dialect: .v2,
        findings: [
            Finding(severity: .error, code: "missing-required-field", path: "currency",
                    message: "purchase needs a currency", hint: "add \"currency\": \"EUR\""),
            Finding(severity: .warning, code: "missing-user-email", path: "user.email",
                    message: "No user.email nor user.email_sha256"),
        ]
    )

    static let legacyBody = #"{"event":"add_to_cart","eventId":"l-1","eventTimestamp":1796320166123,"properties":{"currency":"EUR","value":5,"user":{"id":"u-1","consent_categories":[1]}},"device":{"user_agent":"curl/8","cookies":"_gid=GA1.2.5; CAID=abc"},"page":{"location":"https://x.example/"},"site":"s-1"}"#

    static let legacy = CaptureRecord(
        sequence: 2, time: SampleRecords.time(1), direction: .received, method: "POST", path: "/v2/1234/events",
        requestBody: Array(legacyBody.utf8), response: .init(status: 200), dialect: .legacy)

    static let v1Body = #"{"event_name":"page_view","event_id":"v-1","event_timestamp":"1796320166123","properties":{"page_type":"home","user":{"id":"u-2"}},"device":{"ip":"198.51.100.7"}}"#

    static let v1 = CaptureRecord(
        sequence: 3, time: SampleRecords.time(2), direction: .received, method: "POST", path: "/v1/1234/events",
        requestBody: Array(v1Body.utf8), response: .init(status: 200), dialect: .v1)

    static let batch = CaptureRecord(
        sequence: 4, time: SampleRecords.time(3), direction: .received, method: "POST", path: "/events/batch", query: "tc_s=1234",
        requestBody: Array("{\"batch\":[\n{\"event_name\":\"add_to_cart\",\"context\":{},\"user\":{\"id\":\"a\"}},\n{\"event_name\":\"page_view\",\"context\":{\"event_id\":\"b-2\"}}\n]}".utf8),
        response: .init(status: 200), dialect: .v2,
        findings: [Finding(severity: .error, code: "missing-event-id", path: "batch[0].context.event_id", message: "No event id.")])
}
