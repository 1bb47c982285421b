import Foundation
import TestSupport
@testable import CaptureLog

/// A fresh temporary folder per test.
func temporaryLogURL(_ name: String = "capture.jsonl") -> URL {
    let folder = TestFolder.make("log").appendingPathComponent("state", isDirectory: true)
    return folder.appendingPathComponent(name)
}

let sampleKey = "sk_live_0123456789abcdefSECRET"

func sampleRecord(event: String = "purchase", userId: String = "42", body: [UInt8]? = nil) -> CaptureRecord {
    let json = #"{"event_name":"\#(event)","context":{"event_id":"e1","event_timestamp":1700000000000},"user":{"id":"\#(userId)","consistent_anonymous_id":"a1","consent_categories":["1"]},"value":10,"currency":"EUR"}"#
    return CaptureRecord(
        time: Date(timeIntervalSince1970: 1_764_180_000.123),
        direction: .received, method: "POST", path: "/events", query: "tc_s=29&token=\(sampleKey)", siteId: "29",
        requestHeaders: [.init(name: "Content-Type", value: "application/json"), .init(name: "Authorization", value: "Bearer \(sampleKey)")],
        requestBody: body ?? Array(json.utf8),
        response: .init(status: 200, headers: [.init(name: "Content-Type", value: "application/json")], body: Array(#"{"status":"ok"}"#.utf8), latencyMilliseconds: 1.5),
        dialect: .v2,
        findings: [.init(severity: .warning, code: "missing-field", path: "$.items", message: "items \"missing\"", hint: "add items", line: 1, column: 2)])
}

func fileBytes(_ url: URL) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url))
}
