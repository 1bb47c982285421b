import CaptureLog
import Testing
@testable import TerminalUI

@Suite struct AppReducerTests {
    @Test func followsTheTailAsRecordsArrive() {
        var harness = Harness(records: SampleRecords.numbered(3))
        #expect(harness.state.selection == 2 && harness.state.isFollowing)
        harness.append(SampleRecords.numbered(40))
        #expect(harness.state.selection == 42)
        // The newest record is on the last list row.
        #expect(harness.state.scrollTop == 43 - 21)
        #expect(harness.lines[22].hasPrefix(" 40 "))
    }

    @Test func scrollingUpPausesAndGResumes() {
        var harness = Harness(records: SampleRecords.numbered(30))
        harness.press(.character("k"), .character("k"))
        #expect(harness.state.selection == 27 && !harness.state.isFollowing)
        #expect(harness.lines[0].contains("30 records — paused — "))
        harness.append(SampleRecords.numbered(5))
        #expect(harness.state.selection == 27)
        #expect(harness.lines[0].contains("35 records — paused — "))
        harness.press(.character("G"))
        #expect(harness.state.selection == 34 && harness.state.isFollowing)
        #expect(harness.lines[0].contains("35 records — following — "))
    }

    @Test func movingDownOntoTheLastRecordFollowsAgain() {
        var harness = Harness(records: SampleRecords.numbered(5))
        harness.press(.up, .up)
        #expect(!harness.state.isFollowing)
        harness.press(.down)
        #expect(!harness.state.isFollowing)
        harness.press(.character("j"))
        #expect(harness.state.isFollowing && harness.state.selection == 4)
        harness.press(.down)
        #expect(harness.state.selection == 4)
    }

    @Test func pagesAndEnds() {
        var harness = Harness(records: SampleRecords.numbered(100))
        harness.press(.character("g"))
        #expect(harness.state.selection == 0 && harness.state.scrollTop == 0)
        harness.press(.pageDown)
        #expect(harness.state.selection == 20)
        harness.press(.pageDown)
        #expect(harness.state.selection == 40 && harness.state.scrollTop == 20)
        harness.press(.pageUp, .pageUp, .pageUp)
        #expect(harness.state.selection == 0)
        harness.press(.end)
        #expect(harness.state.selection == 99 && harness.state.isFollowing)
    }

    @Test func enterOpensTheSelectedRecordAndEscapeOrQGoesBack() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.up, .up)
        harness.press(.enter)
        #expect(harness.state.screen == .detail)
        #expect(harness.state.detail?.record == SampleRecords.batch)
        harness.press(.escape)
        #expect(harness.state.screen == .stream && harness.state.detail == nil)
        harness.press(.enter, .character("q"))
        #expect(harness.state.screen == .stream && !harness.state.shouldQuit)
        harness.press(.character("q"))
        #expect(harness.state.shouldQuit)
    }

    @Test func nextAndPreviousRecordOnTheDetailScreen() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.home, .enter, .character("n"))
        #expect(harness.state.detail?.record?.sequence == 2)
        harness.press(.character("p"), .character("p"))
        #expect(harness.state.detail?.record?.sequence == 1)
        #expect(harness.state.statusMessage?.text == "this is the first record")
        #expect(harness.lines[23] == "this is the first record")
    }

    @Test func detailStaysOnItsRecordWhileRecordsArrive() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.enter)
        harness.append(SampleRecords.numbered(3))
        #expect(harness.state.detail?.record?.sequence == 4)
        #expect(harness.lines[0] == "trackscope — record #4 — 4 of 7")
        harness.press(.escape)
        #expect(harness.state.selection == 6)
    }

    @Test func controlCQuitsFromAnywhere() {
        for keys: [Key] in [[], [.enter], [.character("?")], [.character("/"), .character("x")]] {
            var harness = Harness(records: SampleRecords.all)
            for key in keys { harness.press(key) }
            harness.press(.control("c"))
            #expect(harness.state.shouldQuit, "after \(keys)")
        }
    }

    @Test func resizeKeepsTheSelectionVisible() {
        var harness = Harness(records: SampleRecords.numbered(100))
        harness.press(.home)
        for _ in 0..<30 { harness.press(.down) }
        #expect(harness.state.selection == 30)
        harness.send(.resize(width: 60, height: 12))
        #expect(harness.state.visiblePositions.contains(30))
        #expect(harness.lines.count == 12)
        harness.send(.resize(width: 30, height: 8))
        #expect(harness.lines.joined(separator: "\n").contains("terminal too small"))
        #expect(harness.lines.contains { $0.contains("30x8, needs 40x10") })
        harness.send(.resize(width: 120, height: 40))
        #expect(harness.state.selection == 30)
        #expect(harness.state.visiblePositions.contains(30))
        #expect(harness.lines[2 + 30 - harness.state.scrollTop].hasPrefix(" 31 "))
    }

    @Test func growingTheTerminalFillsTheScreenInsteadOfLeavingAGap() {
        var harness = Harness(records: SampleRecords.numbered(30), width: 80, height: 10)
        #expect(harness.state.scrollTop == 23)
        harness.send(.resize(width: 80, height: 40))
        #expect(harness.state.scrollTop == 0)
        #expect(harness.lines[2].hasPrefix("  1 "))
    }

    @Test func filterNarrowsTheListAndEscapeClearsIt() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.character("/"))
        for character in "purchasx" { harness.press(.character(character)) }
        harness.press(.backspace, .character("e"))
        #expect(harness.lines[22] == "/purchase")
        #expect(harness.lines[23] == "✓ valid  ⏎ apply  Esc cancel  ↑↓ history")
        harness.press(.enter)
        #expect(harness.state.finder.input == .none)
        #expect(harness.state.filter.matches == [0, 1])
        #expect(harness.lines[0] == "…capture.jsonl — 2 of 4 records match “purchase” — following — ▼3 ▲1 E2 W0 0.0/s")
        #expect(harness.lines[2].contains("purchase") && harness.lines[3].contains("add_to_cart, purcha"))
        #expect(harness.lines[4] == "")
        harness.press(.enter)
        #expect(harness.state.detail?.record?.sequence == 2)
        harness.press(.escape, .escape)
        #expect(!harness.state.filter.isActive)
        #expect(harness.lines[0] == "trackscope — /tmp/capture.jsonl — 4 records — following — ▼3 ▲1 E2 W0 0.0/s")
    }

    @Test func filterMatchesFindingCodesStatusAndNewRecords() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.character("/"))
        for character in "code:INVALID-json" { harness.press(.character(character)) }
        harness.press(.enter)
        #expect(harness.state.filter.matches == [3])
        harness.append([SampleRecords.hostile, SampleRecords.purchase])
        #expect(harness.state.filter.matches == [3, 4])
    }

    @Test func aFilterWithNoMatchSaysSo() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.character("/"), .character("z"), .character("z"), .enter)
        #expect(harness.state.selection == nil)
        #expect(harness.lines.contains { $0.contains("no record matches “zz” (Esc clears the filter)") })
        harness.press(.enter, .down)
        #expect(harness.state.screen == .stream)
    }

    @Test func escapeCancelsEditingWithoutApplying() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.character("/"), .character("q"), .escape)
        #expect(harness.state.finder.input == .none && !harness.state.filter.isActive)
        #expect(!harness.state.shouldQuit)
    }

    @Test func scanResultsOfAnOlderFilterAreIgnored() {
        var state = AppState(logPath: "x", width: 80, height: 24, timeZone: SampleRecords.utc)
        state = AppReducer.reduce(state, .source(.available(count: 10)))
        state.filter.applied = "a"
        state.filter.generation = 2
        state = AppReducer.reduce(state, .filterScanned(generation: 1, range: 0..<10, matches: [1, 2]))
        #expect(state.filter.matches.isEmpty && state.filter.scannedCount == 0)
        state = AppReducer.reduce(state, .filterScanned(generation: 2, range: 5..<10, matches: [6]))
        #expect(state.filter.matches.isEmpty)
        state = AppReducer.reduce(state, .filterScanned(generation: 2, range: 0..<10, matches: [7, 3]))
        #expect(state.filter.matches == [3, 7] && state.filter.scannedCount == 10)
    }

    @Test func helpIsModal() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.character("?"))
        #expect(harness.state.isShowingHelp)
        #expect(harness.lines[0] == "trackscope — keys")
        harness.press(.character("j"), .enter, .character("q"))
        #expect(!harness.state.isShowingHelp && harness.state.screen == .stream && !harness.state.shouldQuit)
        #expect(harness.state.selection == 3)
    }

    @Test func statusMessagesExpireWithTicks() {
        var harness = Harness(records: [])
        harness.send(.loadFailed(message: "cannot read record 3"))
        #expect(harness.lines[23] == "cannot read record 3")
        for _ in 0..<59 { harness.send(.tick) }
        #expect(harness.state.statusMessage != nil)
        harness.send(.tick)
        #expect(harness.state.statusMessage == nil)
        #expect(harness.lines[23].hasPrefix("j/k move"))
    }

    @Test func aReplacedLogIsReadAgain() {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.enter)
        harness.records = SampleRecords.numbered(2)
        harness.send(.source(.replaced(count: 2, reason: "the log file was replaced")))
        #expect(harness.state.screen == .stream && harness.state.detail == nil)
        #expect(harness.lines[2].contains("event_1") && harness.lines[3].contains("event_2"))
        #expect(harness.lines[23] == "the log file was replaced; reading it again")
    }

    @Test(arguments: [Key.character("x"), .tab, .function(5), .left, .character("p")])
    func keysWithoutMeaningChangeNothing(key: Key) {
        let harness = Harness(records: SampleRecords.all)
        #expect(AppReducer.reduce(harness.state, .key(key)) == harness.state)
    }
}
