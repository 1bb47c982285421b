import CaptureLog
import Foundation
@testable import TerminalApp
import TestSupport
import Testing
@testable import TerminalUI
import TrackingModel

/// The command line (`:`): reading commands, completing them, what each does, and the effects the
/// application performs for them.
@Suite struct CommandLineTests {
    static func typing(_ text: String, into harness: inout Harness) {
        harness.press(.character(":"))
        for character in text { harness.press(.character(character)) }
    }

    @Test func commandsAreRead() throws {
        #expect(try ColonCommand.parse("goto 12") == .goto(12))
        #expect(try ColonCommand.parse("  goto #3 ") == .goto(3))
        #expect(try ColonCommand.parse("theme mono") == .theme("mono"))
        #expect(try ColonCommand.parse("export har /tmp/a b.har") == .export(.har, path: "/tmp/a b.har"))
        #expect(try ColonCommand.parse("follow") == .follow)
        #expect(try ColonCommand.parse("clear") == .clear)
        #expect(try ColonCommand.parse("help") == .help)
    }

    @Test(arguments: [
        ("gogo 1", "unknown command 'gogo' (commands: goto, theme, export, follow, clear, help)"),
        ("goto", "usage: :goto SEQ"),
        ("goto x1", "goto needs a record's sequence number (1, 2, ...), not 'x1'"),
        ("goto 0", "goto needs a record's sequence number (1, 2, ...), not '0'"),
        ("export pdf out.pdf", "unknown export format 'pdf' (expected curl, har or events)"),
        ("export curl", "export curl needs a file: usage: :export curl|har|events FILE"),
        ("follow now", ":follow takes no argument (usage: :follow)"),
        ("", "type a command: goto SEQ, theme NAME, export curl|har|events FILE, follow, clear, help"),
    ])
    func badCommandsSayWhatIsWrongOnTheStatusLine(text: String, message: String) {
        var harness = Harness(records: SampleRecords.all)
        Self.typing(text, into: &harness)
        harness.press(.enter)
        #expect(harness.state.finder.input == .none)
        #expect(harness.state.statusMessage == .init(message, role: .error, remainingTicks: 80))
        #expect(harness.lines[23] == TextFitting.fit(message, width: 80).trimmingTrailingSpaces)
        #expect(harness.state.finder.effects.isEmpty)
    }

    @Test func completions() {
        let themes = ["default", "mono", "light"]
        #expect(ColonCommand.completions(of: "", themes: themes) == ["clear", "export ", "follow", "goto ", "help", "theme "])
        #expect(ColonCommand.completions(of: "g", themes: themes) == ["goto "])
        #expect(ColonCommand.completions(of: "ex", themes: themes) == ["export "])
        #expect(ColonCommand.completions(of: "export ", themes: themes) == ["export curl ", "export events ", "export har "])
        #expect(ColonCommand.completions(of: "export h", themes: themes) == ["export har "])
        #expect(ColonCommand.completions(of: "theme m", themes: themes) == ["theme mono"])
        #expect(ColonCommand.completions(of: "goto 1", themes: themes).isEmpty)
        #expect(ColonCommand.completions(of: "zz", themes: themes).isEmpty)
    }

    @Test func tabCompletesAndCyclesWithTheCandidatesShown() {
        var harness = Harness(records: SampleRecords.all)
        Self.typing("ex", into: &harness)
        harness.press(.tab)
        #expect(harness.lines[22] == ":export")
        #expect(harness.state.finder.commandBar.editor.text == "export ")
        #expect(harness.lines[23].hasPrefix(":export curl|har|events FILE"))
        harness.press(.tab)
        #expect(harness.lines[22] == ":export curl")
        #expect(harness.lines[23] == "curl  events  har")
        #expect(harness.screen[0, 23].role == .selectedRow && harness.screen[6, 23].role == .dim)
        harness.press(.tab)
        #expect(harness.lines[22] == ":export events")
        #expect(harness.screen[6, 23].role == .selectedRow)
        harness.press(.tab, .tab)
        #expect(harness.state.finder.commandBar.editor.text == "export curl ")
        // Typing ends the walk.
        for character in "out.sh" { harness.press(.character(character)) }
        #expect(harness.state.finder.commandBar.completion == nil)
        harness.press(.enter)
        #expect(harness.state.finder.effects == [.export(.curl, path: "out.sh", query: .all)])
    }

    @Test func themeNamesComplete() {
        var harness = Harness(records: SampleRecords.all)
        harness.state.finder.themeNames = ["default", "light", "mono"]
        Self.typing("theme ", into: &harness)
        harness.press(.tab)
        #expect(harness.lines[22] == ":theme default")
        #expect(harness.lines[23] == "default  light  mono")
        harness.press(.enter)
        #expect(harness.state.finder.effects == [.useTheme(name: "default")])
    }

    @Test func exportTakesTheAppliedFilter() throws {
        var harness = Harness(records: SampleRecords.all)
        harness.press(.character("/"))
        for character in "status:400" { harness.press(.character(character)) }
        harness.press(.enter)
        harness.state.finder.effects = []
        Self.typing("export events /tmp/x.jsonl", into: &harness)
        harness.press(.enter)
        #expect(harness.state.finder.effects == [.export(.events, path: "/tmp/x.jsonl", query: try FilterQuery.parse("status:400"))])
    }

    @Test func gotoFollowClearAndHelp() {
        var harness = Harness(records: SampleRecords.numbered(30))
        Self.typing("goto 3", into: &harness)
        harness.press(.enter)
        #expect(harness.state.finder.effects == [.locate(sequence: 3)])
        harness.send(.effectFinished(.located(sequence: 3, index: 2)))
        #expect(harness.state.selection == 2 && !harness.state.isFollowing)
        harness.send(.effectFinished(.located(sequence: 99, index: nil)))
        #expect(harness.lines[23] == "there is no record #99 in this log")
        Self.typing("follow", into: &harness)
        harness.press(.enter)
        #expect(harness.state.isFollowing && harness.state.selection == 29)
        harness.press(.character("/"), .character("x"), .enter)
        Self.typing("clear", into: &harness)
        harness.press(.enter)
        #expect(!harness.state.filter.isActive)
        Self.typing("help", into: &harness)
        harness.press(.enter)
        #expect(harness.state.isShowingHelp)
    }

    @Test func gotoARecordTheFilterHidesClearsTheFilter() {
        var harness = Harness(records: SampleRecords.numbered(30))
        harness.press(.character("/"))
        for character in "dir:sent" { harness.press(.character(character)) }
        harness.press(.enter)
        harness.send(.effectFinished(.located(sequence: 2, index: 1)))
        #expect(!harness.state.filter.isActive && harness.state.selection == 1)
        #expect(harness.lines[23] == "filter cleared to show #2")
    }

    @Test func fTogglesFollowing() {
        var harness = Harness(records: SampleRecords.numbered(30))
        harness.press(.character("F"))
        #expect(!harness.state.isFollowing)
        harness.append(SampleRecords.numbered(2))
        #expect(harness.state.selection == 29)
        harness.press(.character("F"))
        #expect(harness.state.isFollowing && harness.state.selection == 31)
    }

    // MARK: The effects, performed

    @Test func exportWritesTheFilteredRecordsOwnerOnly() async throws {
        let folder = TestFolder.make("export")
        let source = InMemoryRecordSource(SampleRecords.numbered(9))
        let performer = FinderEffectPerformer()
        let file = folder.appendingPathComponent("sent.jsonl")
        let result = await performer.perform(.export(.events, path: file.path, query: try FilterQuery.parse("dir:sent")), source: source)
        #expect(result == .message("exported 3 records to \(file.path)", isError: false))
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == "{\"event_name\":\"event_3\",\"context\":{}}\n{\"event_name\":\"event_6\",\"context\":{}}\n{\"event_name\":\"event_9\",\"context\":{}}\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // The same bytes as `log export` writes, through the same writer.
        var writer = CaptureExportWriter(format: .har)
        for record in SampleRecords.numbered(9) { _ = writer.add(record) }
        let har = folder.appendingPathComponent("all.har")
        #expect(await performer.perform(.export(.har, path: har.path, query: .all), source: source)
                == .message("exported 9 records to \(har.path)", isError: false))
        #expect(try Array(Data(contentsOf: har)) == writer.finish())
    }

    @Test func exportToAMissingFolderSaysSo() async {
        let result = await FinderEffectPerformer().perform(.export(.curl, path: "/nonexistent-ts/out.sh", query: .all),
                                                        source: InMemoryRecordSource(SampleRecords.all))
        #expect(result == .message("cannot export to /nonexistent-ts/out.sh: no folder /nonexistent-ts", isError: true))
    }

    @Test func locateFindsASequenceByBinarySearch() async {
        var records = SampleRecords.numbered(50)
        for index in records.indices { records[index].sequence = UInt64(index * 2 + 7) }
        let source = InMemoryRecordSource(records)
        #expect(await FinderEffectPerformer.index(ofSequence: 7, in: source) == 0)
        #expect(await FinderEffectPerformer.index(ofSequence: 57, in: source) == 25)
        #expect(await FinderEffectPerformer.index(ofSequence: 105, in: source) == 49)
        #expect(await FinderEffectPerformer.index(ofSequence: 8, in: source) == nil)
        #expect(await FinderEffectPerformer.index(ofSequence: 500, in: source) == nil)
    }

    @Test func theHistoryFileIsOwnerOnlyAndBounded() throws {
        let folder = TestFolder.make("history")
        let file = QueryHistoryFile.standard(environment: ["XDG_STATE_HOME": folder.path])
        #expect(file.url.path == folder.path + "/trackscope/filter-history")
        #expect(file.load().isEmpty)
        try file.save((0..<120).map { "status:\($0)" })
        let loaded = file.load()
        #expect(loaded.count == QueryHistory.limit && loaded.first == "status:20" && loaded.last == "status:119")
        let mode = try FileManager.default.attributesOfItem(atPath: file.url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path + "/trackscope")[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
