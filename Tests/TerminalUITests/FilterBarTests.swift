import CaptureLog
import Testing
@testable import TerminalUI
import TrackingModel

/// The filter bar: the filter language as it is typed, its errors with a caret, plain words,
/// the history and line editing.
@Suite struct FilterBarTests {
    static func typing(_ text: String, width: Int = 80, height: Int = 24) -> Harness {
        var harness = Harness(records: SampleRecords.all, width: width, height: height)
        harness.press(.character("/"))
        for character in text { harness.press(.character(character)) }
        return harness
    }

    @Test func aValidQuerySaysSoAndAppliesWithEnter() {
        var harness = Self.typing("status:400")
        #expect(harness.lines[22] == "/status:400")
        #expect(harness.lines[23] == "✓ valid  ⏎ apply  Esc cancel  ↑↓ history")
        // The cursor is the highlighted cell after the text.
        #expect(harness.screen[11, 22].role == .selectedRow)
        harness.press(.enter)
        #expect(harness.state.finder.input == .none)
        #expect(harness.state.filter.matches == [3])
        #expect(harness.lines[0].hasSuffix("1 of 4 records match “status:400” — following — ▼3 ▲1 E2 W0 0.0/s"))
        #expect(harness.lines[2].hasPrefix("  4 ") && harness.lines[3] == "")
        #expect(harness.state.finder.effects == [.saveQueryHistory(["status:400"])])
    }

    @Test func anInvalidQueryShowsACaretUnderTheProblemAndIsNotApplied() {
        var harness = Self.typing("event:purchase sev:fatal", width: 120, height: 30)
        #expect(harness.lines[28] == "/event:purchase sev:fatal")
        #expect(harness.lines[29] == "                    ^ ✗ unknown severity 'fatal' (expected error, warning or info)")
        #expect(harness.screen[20, 29].role == .error)
        harness.press(.enter)
        #expect(harness.state.finder.input == .filter)
        #expect(!harness.state.filter.isActive)
        // Mending it where the caret points makes it valid.
        for _ in 0..<5 { harness.press(.backspace) }
        for character in "error" { harness.press(.character(character)) }
        #expect(harness.lines[29].hasPrefix("✓ valid"))
    }

    @Test(arguments: [
        ("(a b", 0, "unclosed '(': add a ')' to close it"),
        ("status:abc", 7, "status needs a number such as 200 or a class such as 4xx, not 'abc'"),
        ("a or", 4, "expected a search term after 'or'"),
    ])
    func theCaretIsWhereTheParserSays(query: String, offset: Int, message: String) {
        let harness = Self.typing(query, width: 120, height: 30)
        let caretLine = harness.lines[29]
        #expect(caretLine == String(repeating: " ", count: 1 + offset) + "^ ✗ " + message)
    }

    @Test func aCaretFarRightPutsTheMessageBeforeIt() {
        let harness = Self.typing("event:purchase user.id:42 value>10 method:POST sev:bad", width: 60, height: 24)
        let caretLine = harness.lines[23]
        #expect(caretLine.hasSuffix(" ^"))
        #expect(caretLine.count == 1 + 51 + 1)
        #expect(caretLine.contains("✗ unknown severity"))
    }

    @Test func theCaretCountsColumnsNotCharacters() {
        // 東京 takes four columns; "é" typed as e and a combining accent takes one.
        let harness = Self.typing("user.id:東京 page:cafe\u{301} sev:fatal", width: 120, height: 30)
        #expect(harness.lines[28] == "/user.id:東京 page:cafe\u{301} sev:fatal")
        let offset = Array("user.id:東京 page:cafe\u{301} ").count + 4
        #expect(offset == 25)
        // One column for the prompt, two more for the wide pair.
        #expect(harness.lines[29] == String(repeating: " ", count: 1 + offset + 2) + "^ ✗ unknown severity 'fatal' (expected error, warning or info)")
        #expect(harness.screen[1 + offset + 2, 29].role == .error)
        // The cursor cell after the text is where the text ends on screen.
        let end = 1 + TerminalText.width(of: "user.id:東京 page:cafe\u{301} sev:fatal")
        #expect(harness.screen[end, 28].role == .selectedRow)
        #expect(harness.screen[end - 1, 28].role != .selectedRow)
    }

    @Test func aLongQueryOfWideCharactersScrollsByColumns() {
        // 30 wide characters (60 columns) in a 40-column bar: the start scrolls away, the
        // cursor stays on screen, and no row is wider than the screen.
        let text = String(repeating: "漢", count: 30)
        var harness = Self.typing(text, width: 40, height: 12)
        #expect(TerminalText.width(of: harness.lines[10]) <= 40)
        #expect(harness.lines[10].hasPrefix("/漢"))
        #expect(harness.screen[39, 10].role == .selectedRow || harness.screen[38, 10].role == .selectedRow)
        // Home brings the first character back, the cursor on it (both of its columns).
        harness.press(.home)
        #expect(harness.lines[10] == "/" + String(repeating: "漢", count: 19))
        #expect(harness.screen[1, 10].role == .selectedRow && harness.screen[2, 10].role == .selectedRow)
        #expect(harness.screen[3, 10].role != .selectedRow)
    }

    @Test func plainWordsAreATextSearch() {
        var harness = Self.typing("add_to_cart")
        #expect(harness.lines[23].hasPrefix("✓ valid"))
        harness.press(.enter)
        #expect(harness.state.filter.matches == [1])
    }

    @Test func lineEditingKeys() {
        var harness = Self.typing("event:purchase status:200")
        harness.press(.control("w"))
        #expect(harness.state.finder.filterBar.editor.text == "event:purchase ")
        harness.press(.control("a"), .delete, .character("E"))
        #expect(harness.state.finder.filterBar.editor.text == "Event:purchase ")
        harness.press(.right, .right, .right, .right, .control("u"))
        #expect(harness.state.finder.filterBar.editor.text == ":purchase ")
        harness.press(.control("e"), .left, .backspace)
        #expect(harness.state.finder.filterBar.editor.text == ":purchas ")
        harness.press(.home, .character("x"), .end, .character("y"))
        #expect(harness.state.finder.filterBar.editor.text == "x:purchas y")
        #expect(harness.state.finder.filterBar.editor.cursor == 11)
    }

    @Test func upAndDownWalkTheHistoryAndComeBackToTheDraft() {
        var harness = Harness(records: SampleRecords.all)
        harness.state.finder.filterBar.history = QueryHistory(["status:400", "event:purchase", "sev:error"])
        harness.press(.character("/"), .character("d"))
        harness.press(.up)
        #expect(harness.state.finder.filterBar.editor.text == "sev:error")
        harness.press(.up, .up, .up)
        #expect(harness.state.finder.filterBar.editor.text == "status:400")
        harness.press(.down)
        #expect(harness.state.finder.filterBar.editor.text == "event:purchase")
        harness.press(.down, .down)
        #expect(harness.state.finder.filterBar.editor.text == "d")
        // Applying a kept query moves it to the newest place; the history stays bounded.
        harness.press(.up, .up, .enter)
        #expect(harness.state.finder.filterBar.history.entries == ["status:400", "sev:error", "event:purchase"])
        var history = QueryHistory((0..<150).map { "q\($0)" })
        #expect(history.entries.count == QueryHistory.limit && history.entries.first == "q50")
        history.record("  ")
        history.record("a\nb")
        #expect(history.entries.last == "q149")
    }

    @Test func escapeKeepsTheAppliedFilter() {
        var harness = Self.typing("code:invalid-json")
        harness.press(.enter, .character("/"), .character("x"), .escape)
        #expect(harness.state.filter.applied == "code:invalid-json" && harness.state.filter.matches == [3])
        // Opening the bar again starts from the applied query.
        harness.press(.character("/"))
        #expect(harness.state.finder.filterBar.editor.text == "code:invalid-json")
        // An empty query clears the filter.
        harness.press(.control("u"), .enter)
        #expect(!harness.state.filter.isActive)
    }

    @Test func nAndShiftNStepThroughTheMatches() {
        var harness = Harness(records: SampleRecords.numbered(30))
        harness.press(.character("/"))
        for character in "dir:sent" { harness.press(.character(character)) }
        harness.press(.enter, .character("g"))
        #expect(harness.state.recordIndex(atListPosition: harness.state.selection ?? -1) == 2)
        harness.press(.character("n"), .character("n"))
        #expect(harness.state.recordIndex(atListPosition: harness.state.selection ?? -1) == 8)
        harness.press(.character("N"))
        #expect(harness.state.recordIndex(atListPosition: harness.state.selection ?? -1) == 5)
        harness.press(.character("G"), .character("n"))
        #expect(harness.state.statusMessage?.text == "this is the last match")
        // On a record, n opens the next match on the same tab.
        harness.press(.character("g"), .enter, .character("2"), .character("n"))
        #expect(harness.state.detail?.record?.sequence == 6 && harness.state.detail?.tab == .raw)
    }
}
