import Foundation
import Testing
@testable import TerminalUI

/// The key binding table: one meaning per key and context, what the README says, what the help
/// and the hints line show.
@Suite struct KeyBindingTests {
    @Test func noKeyHasTwoMeaningsInOneContext() {
        for context in KeyContext.allCases {
            var seen: [Key: String] = [:]
            for binding in KeyBinding.table where binding.contexts.contains(context) {
                for pair in binding.pairs {
                    #expect(seen[pair.key] == nil, "\(pair.key) in \(context): '\(seen[pair.key] ?? "")' and '\(binding.label)'")
                    seen[pair.key] = binding.label
                }
            }
        }
    }

    @Test func theKeyMapReadsTheTable() {
        #expect(KeyMap.command(for: .character("j"), in: .list) == .moveDown)
        #expect(KeyMap.command(for: .enter, in: .list) == .open)
        #expect(KeyMap.command(for: .enter, in: .tree) == .activate)
        #expect(KeyMap.command(for: .character("3"), in: .text) == .selectTab(.headers))
        #expect(KeyMap.command(for: .character("3"), in: .list) == nil)
        #expect(KeyMap.command(for: .character("n"), in: .list) == .nextRecord)
        #expect(KeyMap.command(for: .character("N"), in: .tree) == .previousRecord)
        #expect(KeyMap.command(for: .character("F"), in: .list) == .toggleFollow)
        #expect(KeyMap.command(for: .character(":"), in: .list) == .beginCommand)
        // On a line being typed, letters are text and Ctrl-U edits (in the list it pages).
        #expect(KeyMap.command(for: .character("q"), in: .filterBar) == .line(.insert("q")))
        #expect(KeyMap.command(for: .control("u"), in: .filterBar) == .line(.deleteToStart))
        #expect(KeyMap.command(for: .control("u"), in: .list) == .pageUp)
        #expect(KeyMap.command(for: .tab, in: .commandLine) == .line(.complete))
        #expect(KeyMap.command(for: .up, in: .filterBar) == .line(.olderHistory))
        #expect(KeyMap.command(for: .control("c"), in: .commandLine) == .quit)
    }

    /// Every command a key gives in a context is reachable, and every row is documented.
    @Test func everyRowHasKeysAContextAndHelp() {
        for binding in KeyBinding.table {
            #expect(!binding.contexts.isEmpty && !binding.help.isEmpty && !binding.label.isEmpty)
        }
        #expect(KeyBinding.sections.allSatisfy { !$0.bindings.isEmpty })
    }

    /// The README's key tables are the table's Markdown (`trackscope keys --markdown NAME`).
    @Test(arguments: KeyBinding.sections.map(\.name))
    func theReadmeTablesAreTheTables(section name: String) throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let begin = "<!-- keys:\(name) (generated: trackscope keys --markdown \(name)) -->\n"
        let start = try #require(text.range(of: begin), "README has no \(begin)")
        let end = try #require(text.range(of: "<!-- /keys -->", range: start.upperBound..<text.endIndex))
        let section = try #require(KeyBinding.sections.first { $0.name == name })
        #expect(String(text[start.upperBound..<end.lowerBound]) == KeyBinding.markdown(section))
    }

    @Test func theHelpScreenListsTheScreensKeysFirst() {
        var harness = Harness(records: SampleRecords.all, width: 100, height: 60)
        harness.press(.character("?"))
        let lines = harness.lines
        let list = lines.firstIndex(of: "keys (list)")
        let typing = lines.firstIndex(of: "keys (filter bar /, command line :)")
        let record = lines.firstIndex(of: "keys (record)")
        #expect(list != nil && typing != nil && record != nil)
        if let list, let typing, let record { #expect(list < typing && typing < record) }
        #expect(lines.contains { $0.hasPrefix("  F ") && $0.hasSuffix("follow new records, or stop following") })
        #expect(lines.contains { $0.hasPrefix("  Ctrl-U, Ctrl-W") })
        #expect(harness.lines[59] == "? / Esc close help")
        harness.press(.character("q"))
        #expect(!harness.state.isShowingHelp && !harness.state.shouldQuit)
    }

    @Test func theHintsFollowTheContext() {
        var harness = Harness(records: SampleRecords.all, width: 100)
        #expect(harness.lines[23] == "j/k move  ⏎ open  / filter  : command  c compose  m mark  ? help  q quit")
        harness.press(.character("k"))
        #expect(harness.lines[23] == "j/k move  ⏎ open  / filter  : command  F follow  c compose  m mark  ? help  q quit")
        harness.press(.character("/"), .character("v"), .character("2"), .enter)
        #expect(harness.lines[23] == "j/k move  ⏎ open  / filter  n/N match  : command  Esc clear filter  c compose  m mark  ? help  q qu…")
    }
}
