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

    @Test func tabsShowRawHeadersFindingsAndAnswer() {
        var harness = opened(SampleRecords.purchase, width: 80, height: 24)
        harness.press(.character("2"))
        #expect(Array(harness.lines[0...4]) == [
            "trackscope — record #1 — 1 of 1",
            " 1 Tree  [2 Raw]  3 Headers   4 Findings (2)   5 Answer",
            "Request body (144 bytes, JSON)",
            "  1 │ {\"event_name\":\"purchase\",\"context\":{\"event_id\":\"e-1\",\"event_timestamp\":179",
            "    6320166123},\"value\":16.00,\"consent_categories\":[],\"user\":{\"id\":\"u-9\"}}",
        ])
        #expect(harness.lines[23] == "j/k scroll  Tab tabs  n/N record  Esc back  ? help")
        harness.press(.character("3"))
        #expect(Array(harness.lines[1...8]) == [
            " 1 Tree   2 Raw  [3 Headers]  4 Findings (2)   5 Answer",
            "▼ received  2026-11-26 18:09:26.123 UTC",
            "POST /events?tc_s=1234  → 200 in 1.2 ms",
            "site 1234 · dialect v2",
            "",
            "Request headers (2)",
            "  Content-Type: application/json",
            "  Authorization: Bearer fp:3f9a2c",
        ])
        harness.press(.character("4"))
        #expect(Array(harness.lines[1...9]) == [
            " 1 Tree   2 Raw   3 Headers  [4 Findings (2)]  5 Answer",
            "Findings (1 error, 1 warning, 0 info)",
            "▶ error   missing-required-field  $.currency",
            "          purchase needs a currency",
            "          hint: add \"currency\": \"EUR\"",
            "  warning empty-consent  $.consent_categories",
            "          consent_categories is empty",
            "",
            "⏎ shows the finding's field in the tree",
        ])
        #expect(harness.lines[23] == "j/k select  ⏎ go to field  Tab tabs  n/N record  Esc back  ? help")
        harness.press(.character("5"))
        #expect(Array(harness.lines[1...7]) == [
            " 1 Tree   2 Raw   3 Headers   4 Findings (2)  [5 Answer]",
            "Answer 200 in 1.2 ms",
            "",
            "Headers (0)",
            "",
            "Body (2 bytes, JSON)",
            "  {}",
        ])
        // Tab and Shift-Tab go round.
        harness.press(.tab)
        #expect(harness.state.detail?.tab == .tree)
        harness.press(.backTab, .backTab)
        #expect(harness.state.detail?.tab == .findings)
    }

    @Test func tabBarHighlightsTheCurrentTabAndTreeValuesCarryJSONRoles() {
        let screen = opened(SampleRecords.purchase).screen
        #expect(screen[0, 1].role == .selectedRow && screen[10, 1].role == .dim)
        // Row 4 is `    name  "purchase"`.
        #expect(screen.line(4) == "    name  \"purchase\"")
        #expect(screen[4, 4].role == .jsonKey && screen[10, 4].role == .jsonString)
        #expect(screen.line(8) == "    value  16.00")
        #expect(screen[11, 8].role == .jsonNumber)
    }

    @Test func controlBytesInABodyAreShownNeverSent() {
        var harness = opened(SampleRecords.hostile, width: 120)
        #expect(Array(harness.lines[2...5]) == [
            "The body is not JSON: see the Raw tab (2).",
            "",
            "Findings (1 error, 0 warnings, 0 info)",
            "  error   invalid-json  $ (line 1, column 18)",
        ])
        harness.press(.character("3"))
        #expect(harness.lines[3] == "POST /events␛[31m  → 400 in 12 ms")
        #expect(harness.lines.contains("  User-Agent: curl␛[5m"))
        harness.press(.character("2"))
        var lines = harness.lines
        #expect(lines.contains("Request body (39 bytes, not JSON: line 1, column 18: control character U+001B must be escaped in a string)"))
        // The line where the JSON breaks is marked.
        #expect(lines.contains("  1 ▶ {\"event_name\": \"x␛[2J␛]0;pwned␇\"␍"))
        #expect(lines.contains("  2 │ ·31m"))
        #expect(harness.screen[2, 3].role == .error)
        harness.press(.character("4"))
        lines += harness.lines
        #expect(lines.contains("▶ error   invalid-json  $ (line 1, column 18)"))
        for line in lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(line)")
        }
    }

    @Test func escapedControlsInValidJSONStayEscaped() {
        var record = SampleRecords.batch
        record.requestBody = Array(#"{"event_name":"x\u001b[31m\u0007","note":"\u202eevil"}"#.utf8)
        let lines = opened(record).lines
        #expect(lines.contains(#"    name  "x\u001b[31m\u0007""#))
        #expect(lines.contains(#"    note  "\u202eevil""#))
        #expect(lines.contains("▾ Event  x␛[31m␇"))
    }

    @Test func bytesThatAreNotUTF8AreSaidSo() {
        var record = SampleRecords.batch
        record.requestBody = [0x7B, 0xFF, 0xFE, 0x7D]
        var harness = opened(record, width: 200)
        harness.press(.character("2"))
        let lines = harness.lines
        #expect(lines.contains { $0.hasPrefix("Request body (4 bytes, not JSON: ") && $0.hasSuffix("; not UTF-8, shown with �)") }, "\(lines)")
        #expect(lines.contains("  1 ▶ {��}"))
    }

    @Test func jsonLinesBodiesShowEachDocument() {
        var record = SampleRecords.batch
        record.requestBody = Array("{\"event_name\":\"a\",\"id\":1}\n{\"event_name\":\"b\",\"id\":2}\n".utf8)
        var harness = opened(record)
        #expect(Array(harness.lines[3...8]) == [
            "▾ Event 1  a",
            "  ▸ Event  a",
            "  ▸ Properties  {1}",
            "▾ Event 2  b",
            "  ▸ Event  b",
            "  ▸ Properties  {1}",
        ])
        harness.press(.character("2"))
        #expect(harness.lines[2] == "Request body (52 bytes, JSON Lines, 2 documents)")
    }

    @Test func longLinesWrapAndScrollIsClamped() throws {
        var record = SampleRecords.purchase
        record.requestHeaders = [.init(name: "User-Agent", value: String(repeating: "Mozilla ", count: 20))]
        let wrapped = DetailTabs.lines(for: record, tab: .headers, width: 40, timeZone: SampleRecords.utc).map(\.text)
        #expect(wrapped.allSatisfy { $0.count <= 40 })
        // Prose wraps between words, continuation lines indented under their first line.
        let agent = try #require(wrapped.firstIndex { $0.hasPrefix("  User-Agent: Mozilla") })
        #expect(wrapped[agent] == "  User-Agent: Mozilla Mozilla Mozilla ")
        #expect(wrapped[agent + 1] == "    Mozilla Mozilla Mozilla Mozilla ")

        var harness = opened(record, width: 40, height: 10)
        harness.press(.character("3"))
        #expect(harness.lines[0] == "trackscope — record #1 — 1 of 1  1-7/\(wrapped.count)")
        harness.press(.end)
        #expect(harness.state.detail?.scroll == wrapped.count - 7)
        harness.press(.down, .down)
        #expect(harness.state.detail?.scroll == wrapped.count - 7)
        #expect(harness.lines[8] == "    Mozilla")
        harness.press(.home, .up)
        #expect(harness.state.detail?.scroll == 0)
        #expect(harness.lines[2] == "▼ received  2026-11-26 18:09:26.123 UTC")
    }

    @Test func recordWithoutAnswerOrFindings() {
        var record = SampleRecords.legacySent
        record.response = nil
        record.requestBody = []
        var harness = opened(record)
        harness.press(.character("3"))
        let lines = harness.lines
        #expect(lines[2] == "▲ sent  2026-11-26 18:10:28.127 UTC")
        #expect(lines[3] == "POST /v2/1234/events  → no answer")
        #expect(lines[4] == "dialect legacy · to https://api.commander1.com/v2/1234/events")
        harness.press(.character("4"))
        #expect(harness.lines[2] == "Findings: none")
        harness.press(.character("2"))
        #expect(harness.lines[2] == "Request body: empty")
        harness.press(.character("5"))
        #expect(harness.lines[2] == "No answer")
    }
}
