import CaptureLog
import Foundation
import Testing
import TrackingModel
@testable import TerminalUI

@Suite struct DetailViewTests {
    private func opened(_ record: CaptureRecord, width: Int = 80, height: Int = 40) -> Harness {
        var harness = Harness(records: [record], width: width, height: height)
        harness.press(.enter)
        return harness
    }

    @Test func showsRequestFindingsHeadersAndPrettyBody() {
        let lines = opened(SampleRecords.purchase).lines
        #expect(Array(lines[0...31]) == [
            "trackscope — record #1 — 1 of 1",
            "▼ received  2026-11-26 18:09:26.123 UTC",
            "POST /events?tc_s=1234  → 200 in 1.2 ms",
            "site 1234 · dialect v2",
            "",
            "Findings (1 error, 1 warning, 0 info)",
            "  error   missing-required-field  $.currency",
            "          purchase needs a currency",
            "          hint: add \"currency\": \"EUR\"",
            "  warning empty-consent  $.consent_categories",
            "          consent_categories is empty",
            "",
            "Request headers (2)",
            "  Content-Type: application/json",
            "  Authorization: Bearer fp:3f9a2c",
            "",
            "Request body (144 bytes, JSON)",
            "  {",
            "    \"event_name\": \"purchase\",",
            "    \"context\": {",
            "      \"event_id\": \"e-1\",",
            "      \"event_timestamp\": 1796320166123",
            "    },",
            "    \"value\": 16.00,",
            "    \"consent_categories\": [],",
            "    \"user\": {",
            "      \"id\": \"u-9\"",
            "    }",
            "  }",
            "",
            "Response 200 body (2 bytes, JSON)",
            "  {}",
        ])
        #expect(lines[39] == "j/k scroll  n/p next/prev  Esc back  ? help  q back")
    }

    @Test func bodyCarriesJSONSyntaxRoles() {
        let screen = opened(SampleRecords.purchase).screen
        // Row 19 is `    "event_name": "purchase",`.
        #expect(screen[4, 18].role == .jsonKey && screen[4, 18].character == "\"")
        #expect(screen[18, 18].role == .jsonString && screen[18, 18].character == "\"")
        #expect(screen[13, 23].role == .jsonNumber && screen[13, 23].character == "1")
        #expect(screen[2, 6].role == .error && screen[2, 9].role == .warning)
    }

    @Test func controlBytesInABodyAreShownNeverSent() {
        let harness = opened(SampleRecords.hostile, width: 120)
        let lines = harness.lines
        #expect(lines[2] == "POST /events␛[31m  → 400 in 12 ms")
        #expect(lines.contains("  User-Agent: curl␛[5m"))
        #expect(lines.contains("Request body (39 bytes, not JSON: line 1, column 18: control character U+001B must be escaped in a string)"))
        #expect(lines.contains("  {\"event_name\": \"x␛[2J␛]0;pwned␇\"␍"))
        #expect(lines.contains("  ·31m"))
        #expect(lines.contains("  error   invalid-json  $ (line 1, column 18)"))
        for line in lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(line)")
        }
    }

    @Test func escapedControlsInValidJSONStayEscaped() {
        var record = SampleRecords.batch
        record.requestBody = Array(#"{"event_name":"x\u001b[31m\u0007","note":"\u202eevil"}"#.utf8)
        let lines = opened(record).lines
        #expect(lines.contains(#"    "event_name": "x\u001b[31m\u0007","#))
        #expect(lines.contains(#"    "note": "\u202eevil""#))
    }

    @Test func bytesThatAreNotUTF8AreSaidSo() {
        var record = SampleRecords.batch
        record.requestBody = [0x7B, 0xFF, 0xFE, 0x7D]
        let lines = opened(record, width: 200).lines
        #expect(lines.contains { $0.hasPrefix("Request body (4 bytes, not JSON: ") && $0.hasSuffix("; not UTF-8, shown with �)") }, "\(lines)")
        #expect(lines.contains("  {��}"))
    }

    @Test func jsonLinesBodiesShowEachDocument() {
        var record = SampleRecords.batch
        record.requestBody = Array("{\"id\":1}\n{\"id\":2}\n".utf8)
        let lines = opened(record).lines
        #expect(lines.contains("Request body (18 bytes, JSON Lines, 2 documents)"))
        #expect(lines.filter { $0.hasPrefix("    \"id\": ") } == ["    \"id\": 1", "    \"id\": 2"])
    }

    @Test func longLinesWrapAndScrollIsClamped() throws {
        var record = SampleRecords.purchase
        record.requestHeaders = [.init(name: "User-Agent", value: String(repeating: "Mozilla ", count: 20))]
        let wrapped = DetailView.lines(for: record, width: 40, timeZone: SampleRecords.utc).map(\.text)
        #expect(wrapped.allSatisfy { $0.count <= 40 })
        // Prose wraps between words, continuation lines indented under their first line.
        let agent = try #require(wrapped.firstIndex { $0.hasPrefix("  User-Agent: Mozilla") })
        #expect(wrapped[agent] == "  User-Agent: Mozilla Mozilla Mozilla ")
        #expect(wrapped[agent + 1] == "    Mozilla Mozilla Mozilla Mozilla ")

        var harness = opened(record, width: 40, height: 10)
        #expect(harness.lines[0] == "trackscope — record #1 — 1 of 1  1-8/\(wrapped.count)")
        harness.press(.end)
        #expect(harness.state.detail?.scroll == wrapped.count - 8)
        harness.press(.down, .down)
        #expect(harness.state.detail?.scroll == wrapped.count - 8)
        #expect(harness.lines[8] == "  {}")
        harness.press(.home, .up)
        #expect(harness.state.detail?.scroll == 0)
        #expect(harness.lines[1] == "▼ received  2026-11-26 18:09:26.123 UTC")
    }

    @Test func recordWithoutAnswerOrFindings() {
        var record = SampleRecords.legacySent
        record.response = nil
        record.requestBody = []
        let lines = opened(record).lines
        #expect(lines[1] == "▲ sent  2026-11-26 18:10:28.127 UTC")
        #expect(lines[2] == "POST /v2/1234/events  → no answer")
        #expect(lines[3] == "dialect legacy · to https://api.commander1.com/v2/1234/events")
        #expect(lines[5] == "Findings: none")
        #expect(lines.contains("Request body: empty"))
        #expect(!lines.contains { $0.hasPrefix("Response") })
    }
}
