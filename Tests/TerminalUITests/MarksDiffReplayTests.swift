import CaptureLog
import Testing
import TrackingModel
@testable import TerminalUI

/// `m`, `M`, `d` and `r`: the mark column, the diff view and the replay form.
@Suite struct MarksDiffReplayTests {
    static func event(_ sequence: UInt64, _ body: String) -> CaptureRecord {
        CaptureRecord(sequence: sequence, time: SampleRecords.time(Double(sequence)), direction: .received, method: "POST",
                      path: "/events", query: "tc_s=1234", siteId: "1234", requestBody: Array(body.utf8),
                      response: .init(status: 200), dialect: .v2)
    }

    static let first = event(1, #"{"event_name":"purchase","value":16.00,"coupon":"A","user":{"id":"u-1"},"context":{"event_id":"e-1"}}"#)
    static let second = event(2, #"{"event_name":"purchase","value":19.90,"currency":"EUR","user":{"id":"u-1"},"context":{"event_id":"e-2"}}"#)
    static let copyOfFirst = event(3, #"{"event_name":"purchase","coupon":"A","value":16.00,"context":{"event_id":"e-1"},"user":{"id":"u-1"}}"#)

    @Test func marksShowInAColumnOfTheirOwnAndMTogglesAll() {
        var harness = Harness(records: SampleRecords.all)
        let unmarked = harness.lines
        harness.press(.character("g"), .character("m"))
        #expect(harness.state.marks.sorted == [0])
        var lines = harness.lines
        // The mark column comes first; the other columns move two cells right.
        #expect(lines[1].hasPrefix("  SEQ TIME           METHOD PATH") && lines[1].hasSuffix(" DIALECT HTTP ISSUES"))
        #expect(unmarked[1].hasPrefix("SEQ TIME"))
        #expect(lines[2].hasPrefix("●   1 18:09:26.123 ▼ POST"))
        #expect(lines[3].hasPrefix("    2 18:09:27.623"))
        #expect(harness.screen[0, 2].character == "●")
        #expect(lines[23] == "record #1 marked; 1 marked")

        // M marks every listed record; again, it unmarks them all.
        harness.press(.character("M"))
        #expect(harness.state.marks.sorted == [0, 1, 2, 3])
        lines = harness.lines
        #expect((2...5).allSatisfy { lines[$0].hasPrefix("● ") })
        harness.press(.character("M"))
        #expect(harness.state.marks.isEmpty)
        #expect(harness.lines[1] == unmarked[1])

        // With a filter, M marks what it selects.
        harness.press(.character("/"))
        for character in "batch" { harness.press(.character(character)) }
        harness.press(.enter, .character("M"))
        #expect(harness.state.marks.sorted == [1])
        // m again unmarks.
        harness.press(.character("m"))
        #expect(harness.state.marks.isEmpty)
    }

    @Test func marksOfRecordsTheLogNoLongerHoldsAreForgotten() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.character("M"))
        harness.records = Array(SampleRecords.all.prefix(2))
        harness.send(.source(.available(count: 2)))
        #expect(harness.state.marks.sorted == [0, 1])
        // A log replaced is other records: no mark holds.
        harness.send(.source(.replaced(count: 2, reason: "the log was replaced")))
        #expect(harness.state.marks.isEmpty)
    }

    @Test func dComparesExactlyTwoMarkedRecords() {
        var harness = Harness(records: [Self.first, Self.second, Self.copyOfFirst])
        harness.press(.character("d"))
        #expect(harness.state.diff == nil)
        #expect(harness.lines[23] == "d compares two marked records: mark them with m (0 marked)")
        harness.press(.character("M"), .character("d"))
        #expect(harness.state.diff == nil)
        #expect(harness.lines[23] == "d compares two marked records, and 3 are marked: M unmarks all, m unmarks one")
    }

    @Test func theDiffShowsAddedRemovedAndChangedFieldsInTheTreesLayout() {
        var harness = Harness(records: [Self.first, Self.second, Self.copyOfFirst])
        harness.press(.character("g"), .character("m"), .character("j"), .character("m"), .character("d"))
        let diff = harness.state.diff
        #expect(diff?.firstIndex == 0 && diff?.secondIndex == 1)
        let lines = harness.lines
        #expect(Array(lines[0...11]) == [
            "trackscope — diff #1 → #2",
            "− #1 ▼ 18:09:27.123 POST /events  purchase",
            "+ #2 ▼ 18:09:28.123 POST /events  purchase",
            "",
            "4 differences: 1 added, 1 removed, 2 changed",
            "Event",
            "  ~ id \"e-1\" → \"e-2\"  context.event_id",
            "Properties",
            "  ~ value 16.00 → 19.90  value",
            "  + currency \"EUR\"  currency",
            "  - coupon \"A\"  coupon",
            "",
        ])
        #expect(lines[23] == "j/k scroll  Esc/d close")
        // The tree's colours: group labels as titles, keys, values by type, the signs by kind.
        let screen = harness.screen
        #expect(screen[0, 5].role == .title)
        #expect(screen[4, 6].role == .jsonKey)
        #expect(screen[7, 6].role == .jsonString)
        #expect(screen[10, 8].role == .jsonNumber)
        #expect(screen[2, 9].role == .sent && screen[2, 10].role == .error && screen[2, 8].role == .warning)
        harness.press(.escape)
        #expect(harness.state.diff == nil)
        #expect(harness.lines[0].hasPrefix("trackscope — /tmp/capture.jsonl"))
    }

    @Test func identicalEventsSaySo() {
        var harness = Harness(records: [Self.first, Self.second, Self.copyOfFirst])
        harness.press(.character("g"), .character("m"), .character("G"), .character("m"), .character("d"))
        let lines = harness.lines
        #expect(lines[0] == "trackscope — diff #1 → #3")
        #expect(lines[4] == "The events of #1 and #3 are identical.")
    }

    @Test func theReplayFormTakesTheMarkedRecordsAndAsksForTheReplay() {
        var harness = Harness(records: SampleRecords.all)
        harness.state.collectorAddress = "http://127.0.0.1:8123"
        harness.press(.character("g"), .character("m"), .character("j"), .character("m"), .character("r"))
        var lines = harness.lines
        #expect(lines[0] == "trackscope — replay 2 records")
        #expect(lines[2] == "To          http://127.0.0.1:8123▏")
        #expect(lines[3] == "Fresh ids   [ ]  Space switches: a new event id for every event")
        #expect(lines[4] == "Shift time    now, or +2h, -30m, +1d (empty: as recorded)")
        #expect(lines[8] == "Rate          50/s, 300/m (empty: as fast as allowed)")
        #expect(lines[9] == "Concurrency   requests in flight at once, 1 to 64 (empty: 4)")
        #expect(lines[10] == "Retries       tries again after no answer, a 5xx or a 429, 0 to 10 (empty: 0)")
        #expect(lines[12] == "Key         no key (start with --key-env NAME to send one)")
        #expect(lines[23] == "↑↓ field  type to fill  ⏎ replay  Esc cancel")
        #expect(harness.screen[0, 2].role == .selectedRow)

        harness.press(.down, .character(" "), .down)
        for character in "+2h" { harness.press(.character(character)) }
        harness.press(.down)
        for character in "QA" { harness.press(.character(character)) }
        harness.press(.down, .down, .down)
        for character in "50/s" { harness.press(.character(character)) }
        harness.press(.down)
        for character in "8" { harness.press(.character(character)) }
        harness.press(.down)
        for character in "2" { harness.press(.character(character)) }
        lines = harness.lines
        #expect(lines[3].hasPrefix("Fresh ids   [x]"))
        #expect(lines[4].hasPrefix("Shift time  +2h  now, or"))
        #expect(lines[8] == "Rate        50/s  50/s, 300/m (empty: as fast as allowed)")
        #expect(lines[9].hasPrefix("Concurrency 8  requests in flight"))
        #expect(lines[10] == "Retries     2▏")
        #expect(harness.screen[0, 10].role == .selectedRow)

        harness.press(.enter)
        #expect(harness.state.replayForm == nil)
        var order = ReplayOrder(target: "http://127.0.0.1:8123")
        order.freshIds = true
        order.shiftTime = "+2h"
        order.testCode = "QA"
        order.rate = "50/s"
        order.concurrency = "8"
        order.retries = "2"
        #expect(harness.state.effects.pending == .replay(recordIndexes: [0, 1], order: order))
        harness.send(.effectStarted)
        harness.send(.effect(.replayProgress(done: 1, total: 2, failed: 0)))
        #expect(harness.lines[23] == "replay: 1/2 sent, 0 failed — X stops")
        // A second replay waits for the first.
        harness.press(.character("r"))
        #expect(harness.state.replayForm == nil)
        #expect(harness.lines[23] == "a replay is running: X stops it")
        harness.send(.effect(.replayFinished(summary: "replayed 2 of 2 requests (2 attempts): 2 accepted, 0 refused, 0 unanswered", failed: 0)))
        #expect(harness.state.effects.replay == nil)
        #expect(harness.lines[23].hasPrefix("replay done: replayed 2 of 2 requests"))
    }

    @Test func theReplayFormReplaysTheSelectedRecordWhenNoneIsMarkedAndEscapeCancels() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.character("g"), .character("r"))
        #expect(harness.state.replayForm?.recordIndexes == [0])
        #expect(harness.lines[0] == "trackscope — replay 1 record")
        harness.press(.escape)
        #expect(harness.state.replayForm == nil)
        #expect(harness.state.effects.pending == nil)
        harness.send(.effect(.replayRefused(message: "rate 5/x: write 50/s, 300/m or 1000/h")))
        #expect(harness.lines[23] == "replay not started: rate 5/x: write 50/s, 300/m or 1000/h")
        #expect(harness.state.replayForm == nil)

        // Refused after Enter: the form comes back as it was filled in.
        harness.press(.character("r"), .up, .up, .up)
        for character in "5/x" { harness.press(.character(character)) }
        harness.press(.enter)
        harness.send(.effectStarted)
        harness.send(.effect(.replayRefused(message: "rate 5/x: write 50/s, 300/m or 1000/h")))
        #expect(harness.state.replayForm?.order.rate == "5/x")
        #expect(harness.state.replayForm?.focus == .rate)
        #expect(harness.state.effects.replay == nil)
        #expect(harness.lines[0] == "trackscope — replay 1 record")
    }

    @Test func xStopsTheRunningReplayOnceAndItsSummaryFollows() {
        var harness = Harness(records: SampleRecords.all)
        // Nothing running: X says so and asks for nothing.
        harness.press(.character("X"))
        #expect(harness.state.effects.pending == nil)
        #expect(harness.lines[23] == "no replay is running")

        harness.press(.character("g"), .character("r"), .enter)
        harness.send(.effectStarted)
        harness.send(.effect(.replayProgress(done: 3, total: 10, failed: 1)))
        harness.press(.character("X"))
        #expect(harness.state.effects.pending == .stopReplay)
        #expect(harness.lines[23] == "replay: stopping after 3/10…")
        harness.send(.effectStarted)
        // Progress already on its way, and X again, change nothing.
        harness.send(.effect(.replayProgress(done: 4, total: 10, failed: 1)))
        harness.press(.character("X"))
        #expect(harness.state.effects.pending == nil)
        #expect(harness.lines[23] == "replay: stopping after 3/10…")
        harness.send(.effect(.replayFinished(summary: "interrupted: replayed 4 of 10 requests (4 attempts): 3 accepted, 1 refused, 0 unanswered", failed: 1)))
        #expect(harness.state.effects.replay == nil)
        #expect(harness.lines[23].hasPrefix("replay done: interrupted: replayed 4 of 10"))
    }
}
