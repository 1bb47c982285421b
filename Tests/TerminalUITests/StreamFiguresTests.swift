import CaptureLog
import Foundation
import Testing
@testable import TerminalUI
import TrackingModel

/// The stream's site and user columns, the header's figures (received, sent, errors, warnings,
/// rate) and what an empty log shows.
@Suite struct StreamFiguresTests {
    @Test func siteAndUserColumnsWhereTheWidthAllows() {
        let wide = Harness(records: SampleRecords.all, width: 120, height: 12).lines
        #expect(wide[1] == "SEQ TIME           METHOD PATH                 EVENT                            SITE   USER         DIALECT HTTP ISSUES")
        #expect(wide[2] == "  1 18:09:26.123 ▼ POST   /events              purchase                         1234   u-9          v2       200 E1 W1")
        #expect(wide[4] == "  3 18:10:28.127 ▲ POST   /v2/1234/events      page_view                        —      —            legacy   200 ok")
        // At 80 columns there is no room: the columns of before stay.
        let narrow = Harness(records: SampleRecords.all, width: 80, height: 12).lines
        #expect(narrow[1] == "SEQ TIME           METHOD PATH         EVENT                DIALECT HTTP ISSUES")
    }

    @Test func theHeaderCountsTheWholeLog() {
        var records = SampleRecords.numbered(30)
        records[4].findings = [Finding(severity: .error, code: "x", path: "$", message: "x")]
        records[7].findings = [Finding(severity: .warning, code: "y", path: "$", message: "y")]
        records[8].findings = [Finding(severity: .warning, code: "y", path: "$", message: "y"),
                               Finding(severity: .error, code: "x", path: "$", message: "x")]
        let harness = Harness(records: records, width: 140, height: 12)
        #expect(harness.lines[0] == "trackscope — /tmp/capture.jsonl — 30 records — following — 20 received, 10 sent, 2 with errors, 1 with warnings, 0.0/s")
        // Narrow: the same figures in short.
        let narrow = Harness(records: records, width: 80, height: 12)
        #expect(narrow.lines[0] == "trackscope — /tmp/capture.jsonl — 30 records — following — ▼20 ▲10 E2 W1 0.0/s")
    }

    @Test func theRateComesFromTheTicks() {
        var harness = Harness(records: SampleRecords.numbered(10), width: 80, height: 12)
        harness.send(.tick)
        for second in 1...3 {
            for _ in 0..<10 { harness.send(.tick) }
            harness.append(SampleRecords.numbered(5 * second))
        }
        harness.send(.tick)
        // 5 + 10 + 15 records over the last three seconds (30 ticks).
        #expect(harness.state.finder.traffic.recordsPerSecond == 10)
        #expect(harness.lines[0].hasSuffix(" — ▼28 ▲12 E0 W0 10/s"))
        var rate = TrafficRate()
        #expect(rate.recordsPerSecond == nil)
        rate.tick(count: 4)
        rate.tick(count: 7)
        #expect(rate.recordsPerSecond == 30)
    }

    @Test func anEmptyLogShowsHowToSendTheFirstEvent() {
        var state = AppState(logPath: "/tmp/capture.jsonl", width: 100, height: 24, timeZone: SampleRecords.utc)
        state.collectorAddress = "http://127.0.0.1:8123"
        state = AppReducer.reduce(state, .source(.available(count: 0)))
        let lines = AppView.render(state).lines
        #expect(Array(lines[4...18]) == [
            " No records yet. Send an event to the collector running inside trackscope:",
            "",
            "   POST http://127.0.0.1:8123/events?tc_s=SITE        one event (v2; key as token= or Bearer)",
            "   POST http://127.0.0.1:8123/events/batch?tc_s=SITE  {\"batch\":[event, ...]}",
            "   POST http://127.0.0.1:8123/v2/SITE/events          one event (legacy; Authorization: Bearer KEY)",
            "",
            " Try it from another terminal:",
            "   curl 'http://127.0.0.1:8123/events?tc_s=1234' \\",
            "     -H 'Content-Type: application/json' -d '",
            "     {\"event_name\":\"page_view\",\"page_type\":\"home\",",
            "      \"context\":{\"event_id\":\"e-1\",\"event_timestamp\":1718096400000},",
            "      \"user\":{\"consistent_anonymous_id\":\"a-1\",\"email\":\"me@example.com\",",
            "              \"consent_categories\":[\"1\"]}}'",
            "",
            " or press c to compose one here, ? for every key.",
        ])
        // Without a collector inside, the log is only waited for.
        state.collectorAddress = nil
        #expect(!AppView.render(state).lines.contains { $0.contains("No records yet") })
    }
}
