import CaptureLog
import Testing
import TrackingModel
@testable import TerminalUI

/// `c` and `e`: the template picker, the built-in editor, the validation screen, the send and
/// the jump to the sent record, through the reducer and on screen.
@Suite struct ComposeFlowTests {
    static let template = SpecCatalogue.standardEventNames[0]

    /// A harness on the sample records with the embedded collector's address known.
    static func harness(width: Int = 80, height: Int = 24) -> Harness {
        var harness = Harness(records: SampleRecords.all, width: width, height: height)
        harness.state.collectorAddress = "http://127.0.0.1:8123"
        return harness
    }

    @Test func theTemplatePickerOffersACopyOfTheSelectedRecordThenTheStandardEvents() throws {
        var harness = Self.harness()
        harness.press(.character("g"), .character("c"))
        let compose = try #require(harness.state.compose)
        #expect(compose.step == .choosing)
        #expect(compose.choices.first == .copy(recordIndex: 0, label: "a copy of record #1 (purchase)"))
        #expect(compose.choices.dropFirst().map(\.label) == SpecCatalogue.standardEventNames)
        var lines = harness.lines
        #expect(lines[0].hasPrefix("trackscope — compose — new event"))
        #expect(lines[1] == "Start from:")
        #expect(lines[2] == "▸ a copy of record #1 (purchase)")
        #expect(lines[3] == "  \(Self.template)  template (v2)")
        #expect(lines[23] == "j/k move  ⏎ edit it  Esc cancel")
        #expect(harness.screen[0, 2].role == .selectedRow)

        harness.press(.character("j"))
        lines = harness.lines
        #expect(lines[2] == "  a copy of record #1 (purchase)")
        #expect(lines[3] == "▸ \(Self.template)  template (v2)")
        // Enter asks the app for the editor on the template; Esc would have cancelled.
        harness.press(.enter)
        #expect(harness.state.compose?.step == .editing)
        #expect(harness.state.compose?.title == "\(Self.template) template")
        #expect(harness.state.effects.pending == .edit(.template(Self.template)))
        harness.send(.effectStarted)
        #expect(harness.state.effects.pending == nil)
    }

    @Test func escapeLeavesThePickerAndNothingIsAsked() {
        var harness = Self.harness()
        harness.press(.character("c"), .escape)
        #expect(harness.state.compose == nil)
        #expect(harness.state.effects.pending == nil)
        #expect(harness.lines[0].contains("/tmp/capture.jsonl — 4 records"))
    }

    /// An event whose third line has a doubled comma: the parser's error is placed there.
    static let brokenText = """
    {
      "event_name": "purchase",
      "value": 16.00,,
      "currency": "EUR"
    }

    """

    @Test func theValidationScreenShowsEachFindingAtItsLineAndColumn() throws {
        var harness = Self.harness()
        harness.press(.character("c"), .character("j"), .enter)
        harness.send(.effectStarted)
        let report = PayloadInspector.inspect(bytes: Array(Self.brokenText.utf8), form: .automatic)
        harness.send(.effect(.edited(text: Self.brokenText, report: report, siteId: nil)))
        #expect(harness.state.compose?.step == .reviewing)
        let finding = try #require(report.allFindings.first { $0.severity == .error })
        // The parser puts the error on the second comma of line 3.
        let line3 = "  \"value\": 16.00,,"
        #expect(finding.line == 3)
        #expect(finding.column == line3.distance(from: line3.startIndex, to: line3.firstIndex(of: ",")!) + 2)

        let lines = harness.lines
        #expect(lines[1] == "To    http://127.0.0.1:8123")
        #expect(lines[2] == "Site  none: i sets it (or a target URL with ?tc_s=)")
        #expect(lines[3] == "Key   no key (start with --key-env NAME to send one)")
        #expect(lines[5].hasPrefix("✗ 1 error, 0 warnings: ⏎ edits it again, ! sends it anyway"))
        #expect(lines[7].hasPrefix("3:\(finding.column!) error  \(finding.message) [\(finding.code)]"))
        #expect(lines[8] == "  3 │ " + line3)
        // The caret stands under the column the finding names.
        #expect(lines[9] == "    │ " + String(repeating: " ", count: finding.column! - 1) + "^")
        #expect(lines[23] == "⏎/e edit  ! send anyway  t target  i site  j/k scroll  Esc cancel")
        // Below the findings, the text as edited, numbered.
        let first = try #require(lines.firstIndex(of: "  1 │ {"))
        #expect(first > 9)
        #expect(lines[first + 2] == "  3 │ " + line3)
        #expect(lines[first + 4] == "  5 │ }")

        // Enter goes back to the editor with the text as it is.
        harness.press(.enter)
        #expect(harness.state.effects.pending == .edit(.text(Self.brokenText)))
        #expect(harness.state.compose?.step == .editing)
    }

    @Test func aValidEventIsSentToTheTargetAndSiteTypedInTheForm() {
        var harness = Self.harness()
        harness.press(.character("c"), .character("j"), .enter)
        harness.send(.effectStarted)
        let text = SpecCatalogue.example(for: "purchase", dialect: .v2)!.renderPlain()
        let report = PayloadInspector.inspect(bytes: Array(text.utf8), form: .automatic)
        harness.send(.effect(.edited(text: text, report: report, siteId: nil)))
        #expect(harness.lines[5].hasPrefix("✓ valid"))

        harness.press(.character("i"))
        #expect(harness.state.compose?.step == .typing(.site))
        for character in "1234" { harness.press(.character(character)) }
        #expect(harness.lines[2] == "Site  1234▏")
        harness.press(.enter)
        harness.press(.character("t"), .control("u"))
        for character in "http://127.0.0.1:9" { harness.press(.character(character)) }
        harness.press(.backspace, .character("7"), .enter)
        #expect(harness.lines[1] == "To    http://127.0.0.1:7")
        #expect(harness.lines[2] == "Site  1234")

        harness.press(.enter)
        #expect(harness.state.compose?.step == .sending)
        #expect(harness.state.effects.pending == .send(text: text, target: "http://127.0.0.1:7", siteId: "1234"))
        #expect(harness.lines[5] == "sending to http://127.0.0.1:7…")
    }

    @Test func anEventWithErrorsIsSentOnlyWithTheExplicitKey() {
        var harness = Self.harness()
        harness.press(.character("c"), .enter)
        harness.send(.effectStarted)
        harness.send(.effect(.edited(text: Self.brokenText, report: PayloadInspector.inspect(bytes: Array(Self.brokenText.utf8), form: .automatic),
                                     siteId: "1234")))
        #expect(harness.state.compose?.siteId == "1234")
        harness.press(.character("s"))
        #expect(harness.state.effects.pending == nil)
        #expect(harness.state.statusMessage?.text == "the event has errors: ⏎ edits it, ! sends it anyway")
        harness.press(.character("!"))
        #expect(harness.state.effects.pending == .send(text: Self.brokenText, target: "http://127.0.0.1:8123", siteId: "1234"))
    }

    @Test func aRefusedSendGoesBackToTheReviewWithTheReason() {
        var harness = Self.harness()
        harness.press(.character("c"), .enter)
        harness.send(.effect(.edited(text: "{}", report: PayloadInspector.inspect(bytes: Array("{}".utf8), form: .automatic), siteId: nil)))
        harness.press(.character("!"))
        harness.send(.effect(.sendRefused(message: "which site? i sets the site id")))
        #expect(harness.state.compose?.step == .reviewing)
        #expect(harness.lines[23] == "which site? i sets the site id")
    }

    @Test func afterTheSendTheViewJumpsToTheSentRecordOnceTheSourceHasIt() {
        var harness = Self.harness()
        harness.press(.character("g"), .character("c"), .enter)
        harness.send(.effect(.edited(text: "{}", report: PayloadInspector.inspect(bytes: Array("{}".utf8), form: .automatic), siteId: "1")))
        harness.press(.character("!"))
        harness.send(.effectStarted)
        // The answer comes before the follower saw the two new records.
        harness.send(.effect(.sent(status: 200, failure: nil, latencyMilliseconds: 3.2, sentRecordIndex: 5, sequence: 6)))
        #expect(harness.state.compose == nil)
        #expect(harness.state.selection == 0)
        #expect(harness.state.effects.jumpToRecordIndex == 5)
        var received = SampleRecords.purchase
        received.sequence = 5
        var sent = SampleRecords.legacySent
        sent.sequence = 6
        harness.append([received, sent])
        #expect(harness.state.selection == 5)
        #expect(harness.state.effects.jumpToRecordIndex == nil)
        let lines = harness.lines
        #expect(lines[7].hasPrefix("  6 ") && lines[7].contains(" ▲ "))
        #expect(harness.screen[0, 7].role == .selectedRow)
        #expect(lines[23] == "sent: 200 in 3 ms — record #6")
    }

    @Test func editAndResendAsksForTheSelectedRecordsBody() {
        var harness = Self.harness()
        harness.press(.character("g"), .character("j"), .character("e"))
        #expect(harness.state.compose?.step == .editing)
        #expect(harness.state.compose?.title == "record #2 edited")
        #expect(harness.state.effects.pending == .edit(.record(1)))
        // On an open record, e edits that record.
        var detail = Self.harness()
        detail.press(.character("g"), .enter, .character("e"))
        #expect(detail.state.effects.pending == .edit(.record(0)))
        // A failed editor drops the compose and says why.
        harness.send(.effect(.editFailed(message: "the editor (false) ended with status 1: nothing sent")))
        #expect(harness.state.compose == nil)
        #expect(harness.lines[23] == "the editor (false) ended with status 1: nothing sent")
    }

    @Test func theBuiltInEditorEditsTheTextAndCtrlSValidatesIt() {
        var harness = Self.harness(width: 60, height: 12)
        harness.press(.character("c"), .character("j"), .enter)
        harness.send(.effectStarted)
        harness.send(.effect(.needsBuiltInEditor(text: "{\n  \"event_name\": \"x\"\n}\n", siteId: nil)))
        #expect(harness.state.compose?.step == .builtInEditor)
        var lines = harness.lines
        #expect(lines[1] == "  1 │ {")
        #expect(lines[2] == "  2 │   \"event_name\": \"x\"")
        #expect(lines[3] == "  3 │ }")
        #expect(lines[11] == "arrows move  ⏎ new line  Ctrl-S done  Esc cancel")
        // The cursor is the first cell of the text.
        #expect(harness.screen[6, 1].role == .selectedRow)

        // To the end of line 2; Backspace twice (the quote and the x); a new value and a comma; a new line.
        harness.press(.down, .end, .backspace, .backspace)
        for character in "yz\"," { harness.press(.character(character)) }
        harness.press(.enter)
        for character in "\"value\": 1" { harness.press(.character(character)) }
        lines = harness.lines
        #expect(lines[2] == "  2 │   \"event_name\": \"yz\",")
        #expect(lines[3] == "  3 │ \"value\": 1")
        #expect(lines[4] == "  4 │ }")
        #expect(harness.screen[6 + 10, 3].role == .selectedRow)
        // Backspace at the start of a line joins it to the one before.
        harness.press(.down, .home, .backspace)
        #expect(harness.lines[3] == "  3 │ \"value\": 1}")

        harness.press(.control("s"))
        #expect(harness.state.compose?.step == .editing)
        #expect(harness.state.effects.pending == .validate("{\n  \"event_name\": \"yz\",\n\"value\": 1}\n"))
    }

    @Test func escapeInTheBuiltInEditorCancelsANewEvent() {
        var harness = Self.harness()
        harness.press(.character("c"), .enter)
        harness.send(.effect(.needsBuiltInEditor(text: "{}", siteId: nil)))
        harness.press(.escape)
        #expect(harness.state.compose == nil)
    }

    @Test func theEditorScrollsToKeepTheCursorInView() {
        var area = TextArea(text: (1...30).map { "line \($0)" }.joined(separator: "\n"))
        for _ in 0..<25 { _ = area.apply(.down) }
        area.scroll(toShow: 10)
        #expect(area.row == 25 && area.top == 16)
        #expect(area.apply(.function(5)) == false)
        #expect(area.text.hasSuffix("line 30\n"))
    }

    @Test func theHelpAndTheKeyMapKnowTheComposeKeys() {
        var harness = Harness(records: SampleRecords.all, width: 120, height: 40)
        harness.press(.character("?"))
        let lines = harness.lines
        #expect(lines.contains { $0.hasPrefix("  c ") && $0.contains("compose an event") })
        #expect(lines.contains { $0.hasPrefix("  m, M ") && $0.contains("mark all the filter selects") })
        #expect(lines.contains { $0.hasPrefix("  d ") && $0.contains("diff the events of the two marked records") })
        let expected: [(Character, KeyCommand)] = [("c", .compose), ("e", .editAndResend), ("m", .toggleMark), ("M", .toggleMarkAll),
                                                  ("r", .replay), ("d", .diff)]
        for (key, command) in expected {
            for context in KeyContext.inspector {
                #expect(KeyMap.command(for: .character(key), in: context) == command)
            }
            // While the filter or a command is typed, they are text.
            for context in KeyContext.lines {
                #expect(KeyMap.command(for: .character(key), in: context) == .line(.insert(key)))
            }
        }
    }
}
