import CaptureLog
import Testing
import TrackingModel
@testable import TerminalUI

@Suite struct StreamViewTests {
    @Test func showsHeaderColumnsAndOneRowPerRecordAt80x24() {
        let harness = Harness(records: SampleRecords.all)
        let lines = harness.lines
        #expect(lines.count == 24)
        #expect(Array(lines[0...6]) == [
            "trackscope — /tmp/capture.jsonl — 4 records — following — ▼3 ▲1 E2 W0 0.0/s",
            "SEQ TIME           METHOD PATH         EVENT                DIALECT HTTP ISSUES",
            "  1 18:09:26.123 ▼ POST   /events      purchase             v2       200 E1 W1",
            "  2 18:09:27.623 ▼ POST   /events/bat… add_to_cart, purcha… v2       200 ok",
            "  3 18:10:28.127 ▲ POST   /v2/1234/ev… page_view            legacy   200 ok",
            "  4 19:09:26.123 ▼ POST   /events␛[31m (invalid JSON)       —        400 E1",
            "",
        ])
        #expect(lines[23] == "j/k move  ⏎ open  / filter  : command  c compose  m mark  ? help  q quit")
    }

    @Test func widerTerminalsShowWholePaths() {
        let lines = Harness(records: SampleRecords.all, width: 120, height: 40).lines
        #expect(lines.count == 40)
        #expect(lines[1] == "SEQ TIME           METHOD PATH                 EVENT                            SITE   USER         DIALECT HTTP ISSUES")
        #expect(lines[3] == "  2 18:09:27.623 ▼ POST   /events/batch        add_to_cart, purchase            1234   —            v2       200 ok")
        #expect(lines[4] == "  3 18:10:28.127 ▲ POST   /v2/1234/events      page_view                        —      —            legacy   200 ok")
    }

    @Test func narrowTerminalsDropColumnsButKeepEventsAndIssues() {
        let lines = Harness(records: SampleRecords.all, width: 40, height: 10).lines
        #expect(lines == [
            "… — 4 records — following — ▼3 ▲1 E2 W0",
            "SEQ   EVENT                 HTTP ISSUES",
            "  1 ▼ purchase               200 E1 W1",
            "  2 ▼ add_to_cart, purchase  200 ok",
            "  3 ▲ page_view              200 ok",
            "  4 ▼ (invalid JSON)         400 E1",
            "",
            "",
            "",
            "j/k move  ⏎ open  / filter  : command  …",
        ])
    }

    @Test(arguments: [(39, 10, "terminal too small"), (40, 9, "terminal too small"), (12, 3, "terminal to")])
    func tooSmallTerminalsSaySo(width: Int, height: Int, message: String) {
        let lines = Harness(records: SampleRecords.all, width: width, height: height).lines
        #expect(lines.contains { $0.contains(message) })
        #expect(lines.allSatisfy { $0.count <= width })
        #expect(!lines.contains { $0.contains("purchase") })
    }

    @Test func selectedRowIsHighlightedAcrossTheWidth() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.up)
        let screen = harness.screen
        // Row 4 is list position 2 (record 3): selected after one step up from the tail.
        #expect((0..<80).allSatisfy { screen[$0, 4].role == .selectedRow })
        #expect(screen[0, 5].role != .selectedRow && screen[0, 3].role != .selectedRow)
        // Unselected rows keep their roles: the direction arrow and the issue counts.
        #expect(screen[17, 2].character == "▼" && screen[17, 2].role == .received)
        #expect(screen[73, 2].role == .error && screen[76, 2].role == .warning)
        #expect(screen[0, 0].role == .title)
    }

    @Test func sentRecordsPointUpInTheirOwnRole() {
        let screen = Harness(records: SampleRecords.all).screen
        #expect(screen[17, 4].character == "▲")
        #expect(screen[17, 4].role == .sent)
    }

    @Test func aMissingLogShowsWaitingAndNothingElse() {
        var harness = Harness(records: [])
        harness.send(.source(.waiting(reason: "no log yet, waiting for records")))
        let lines = harness.lines
        #expect(lines[0] == "trackscope — /tmp/capture.jsonl — no log yet, waiting for records")
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces) == "no log yet, waiting for records" })
        #expect(harness.state.selection == nil)
    }

    @Test func anEmptyLogWaitsForRecordsThenShowsThem() {
        var harness = Harness(records: [])
        #expect(harness.lines[0] == "trackscope — /tmp/capture.jsonl — 0 records — following — ▼0 ▲0 E0 W0 0.0/s")
        #expect(harness.lines.contains { $0.trimmingCharacters(in: .whitespaces) == "waiting for records" })
        harness.append([SampleRecords.purchase])
        #expect(harness.lines[0] == "trackscope — /tmp/capture.jsonl — 1 record — following — ▼1 ▲0 E1 W0 0.0/s")
        #expect(harness.lines[2].hasPrefix("  1 18:09:26.123 ▼ POST   /events      purchase"))
    }

    @Test func onlyVisibleRowsAreDecoded() {
        let records = SampleRecords.numbered(5000)
        var harness = Harness(records: records)
        #expect(harness.state.rows.count == 21)
        #expect(harness.state.rows.keys.min() == 4979)
        #expect(harness.lines[22].hasPrefix("5000 "))
        harness.press(.home)
        // The sequence column keeps the width of the largest number while scrolling.
        #expect(harness.lines[2].hasPrefix("   1 18:09:26.123 ▼ POST   /events      event_1"))
        // Old rows are dropped once the cache holds more than a few screens.
        for _ in 0..<10 { harness.press(.pageDown) }
        #expect(harness.state.rows.count <= 3 * 21 + 8 + 21)
    }

    @Test func aFailedSourceIsShownInTheHeader() {
        var harness = Harness(records: [])
        harness.send(.source(.failed(message: "permission denied")))
        #expect(harness.lines[0] == "trackscope — /tmp/capture.jsonl — cannot read the log: permission denied")
        #expect(harness.lines[23] == "permission denied")
    }
}

@Suite struct StreamViewCollectorHeaderTests {
    @Test func headerNamesTheEmbeddedCollector() {
        var state = AppState(logPath: "/tmp/capture.jsonl", width: 100, height: 10)
        state.collectorAddress = "http://127.0.0.1:8080"
        let header = StreamView.headerText(state, width: 100)
        #expect(header == "trackscope — /tmp/capture.jsonl — waiting for records — collecting on http://127.0.0.1:8080")
        // At 60 columns the port must survive: the words go, the address stays whole.
        #expect(StreamView.headerText(state, width: 60).hasSuffix(" — waiting for records — 127.0.0.1:8080"))
        #expect(StreamView.headerText(state, width: 60).count <= 60)
        state.collectorAddress = nil
        #expect(!StreamView.headerText(state, width: 100).contains("collecting"))
    }

    /// At 80 columns, a filter's description with the collector's address does not fit even in
    /// the shortest form: the query is cut, the address and its port stay whole.
    @Test func aLongFilterIsCutBeforeTheCollectorsPort() {
        var harness = Harness(records: SampleRecords.all, width: 80, height: 24)
        harness.state.logPath = "/home/someone/.local/state/trackscope/capture.jsonl"
        harness.state.collectorAddress = "http://127.0.0.1:41878"
        harness.press(.character("/"))
        for character in "user.id:東京 or event:purchase" { harness.press(.character(character)) }
        harness.press(.enter)
        let header = harness.lines[0]
        #expect(TerminalText.width(of: header) <= 80, "\(header)")
        #expect(header.hasSuffix(" — 127.0.0.1:41878"))
        #expect(header == "… — 2 of 4 records match “us…” — following — ▼3 ▲1 E2 W0 0.0/s — 127.0.0.1:41878")
        #expect(header.contains("…” — following — ▼3 ▲1 E2 W0 "))
    }

    @Test(arguments: [120, 100, 80])
    func theLogPathKeepsItsEndBesideTheCollectorAndTheFigures(width: Int) {
        let path = "/home/someone/.local/state/trackscope/capture.jsonl"
        var harness = Harness(records: SampleRecords.all, width: width, height: 24)
        harness.state.logPath = path
        harness.state.collectorAddress = "http://127.0.0.1:41800"
        let header = harness.lines[0]
        #expect(TerminalText.width(of: header) <= width)
        // The path's end is always there (its last 24 columns from 100 on), and so is the port.
        #expect(header.contains(String(path.suffix(width >= 100 ? 23 : 13))))
        #expect(header.contains("127.0.0.1:41800"))
        #expect(header.contains("4 records — following"))
        if width == 120 {
            // 120 columns: the figures in short, the collector's words and the program's name kept.
            #expect(header.hasPrefix("trackscope — …"))
            #expect(header.hasSuffix(" — ▼3 ▲1 E2 W0 0.0/s — collecting on http://127.0.0.1:41800"))
        }
    }
}
