import CaptureLog
import Foundation
import Testing
import TrackingModel
@testable import TerminalUI

/// Wide characters (CJK, emoji) take two columns, combining marks stay with their base, zero-width
/// characters take none, and what follows stays aligned: in the buffer, in fitted text, in the
/// stream and in the tree.
@Suite struct WideCharacterTests {
    @Test(arguments: [
        ("a", 1), ("␛", 1), ("é", 1), ("e\u{301}", 1), ("日", 2), ("한", 2), ("\u{1112}\u{1161}\u{11AB}", 2),
        ("Ａ", 2), ("😀", 2), ("👍🏽", 2), ("❤\u{FE0F}", 2), ("❤", 1), ("👩\u{200D}🔬", 2), ("🇩🇪", 2),
        ("\u{200B}", 0), ("\u{301}", 0), ("\u{202E}", 0), ("\u{FE0F}", 0),
    ] as [(Character, Int)])
    func charactersKnowTheirWidth(character: Character, width: Int) {
        #expect(TerminalText.width(of: character) == width)
    }

    @Test func theWidthTableAgreesWithTheScalarsItNames() {
        // Sorted, not overlapping: the binary search depends on it.
        let ranges = WideCharacterTable.ranges
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
        for value: UInt32 in [0x1100, 0x3000, 0x4E00, 0x9FFF, 0xAC00, 0xFF01, 0x1F600, 0x1F9FF, 0x20000] {
            #expect(TerminalText.isWide(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
        for value: UInt32 in [0x41, 0x10FF, 0x2764, 0x1F1E6, 0xFF61, 0xE000, 0x1F5FA] {
            #expect(!TerminalText.isWide(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
    }

    @Test func aWideCharacterTakesItsCellAndAContinuation() {
        var buffer = ScreenBuffer(width: 12, height: 1)
        let end = buffer.write("日本語abc", column: 0, row: 0)
        #expect(end == 9)
        #expect(buffer.line(0) == "日本語abc")
        #expect(buffer[0, 0].width == 2 && buffer[1, 0].isContinuation && buffer[2, 0].character == "本")
        #expect(buffer.column(of: "abc", row: 0) == 6)
    }

    @Test func combiningMarksStayWithTheirBaseAndZeroWidthCharactersTakeNoColumn() {
        var buffer = ScreenBuffer(width: 20, height: 1)
        buffer.write("cafe\u{301}|a\u{200B}b\u{202E}c|\u{1B}x", column: 0, row: 0)
        #expect(buffer.line(0) == "cafe\u{301}|abc|␛x")
        #expect(buffer[3, 0].character == "e\u{301}")
        #expect(buffer.column(of: "|abc", row: 0) == 4)
        #expect(buffer.column(of: "|␛x", row: 0) == 8)
    }

    @Test func aWideCharacterThatDoesNotFitBecomesABlank() {
        var buffer = ScreenBuffer(width: 5, height: 2)
        buffer.write("ab日本", column: 0, row: 0)
        #expect(buffer.line(0) == "ab日")
        #expect(buffer[4, 0] == Cell(" "))
        buffer.write(StyledLine("x漢字"), column: 0, row: 1, maximumWidth: 4)
        #expect(buffer.line(1) == "x漢")
        #expect(!buffer[3, 1].isContinuation && buffer[3, 1].character == " ")
    }

    @Test func writingOverHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.write("日本語", column: 0, row: 0)
        buffer.write("x", column: 1, row: 0)
        #expect(buffer.line(0) == " x本語")
        buffer.write("y", column: 2, row: 0)
        #expect(buffer.line(0) == " xy 語")
        buffer.write("漢", column: 3, row: 0)
        #expect(buffer.line(0) == " xy漢")
        #expect(buffer[4, 0].isContinuation && !buffer[5, 0].isContinuation && buffer[5, 0].character == " ")
        // No continuation cell is ever left without its wide character.
        for column in 0..<buffer.width where buffer[column, 0].isContinuation {
            #expect(column > 0 && buffer[column - 1, 0].width == 2)
        }
        // A role set through the subscript keeps the character.
        buffer[3, 0].role = .error
        #expect(buffer[3, 0].character == "漢" && buffer[3, 0].width == 2)
    }

    @Test func theDiffSeesWidthChanges() {
        var wide = ScreenBuffer(width: 4, height: 1)
        wide.write("コ", column: 0, row: 0)
        var narrow = wide
        narrow.write("aa", column: 0, row: 0)
        #expect(narrow.changedPositions(since: wide).map(\.column) == [0, 1])
        #expect(wide.changedPositions(since: narrow).map(\.column) == [0, 1])
    }

    @Test func fittedTextNeverCutsAWideCharacterInHalf() {
        #expect(TextFitting.fit("日本語", width: 6) == "日本語")
        #expect(TextFitting.fit("日本語", width: 5) == "日本…")
        #expect(TextFitting.fit("日本語", width: 4) == "日… ")
        #expect(TextFitting.fit("日本", width: 6, alignRight: true) == "  日本")
        #expect(TextFitting.fit("e\u{301}té", width: 4) == "e\u{301}té ")
        // ロ would need the column the blank pads.
        #expect(TextFitting.keepingEnd("/ホーム/ログ.jsonl", width: 10) == "… グ.jsonl")
        for width in 1...12 {
            #expect(TerminalText.width(of: TextFitting.fit("購入🛒 purchase", width: width)) == width)
        }
    }

    @Test func wrappedLinesFitTheirWidthInColumns() {
        let line = StyledLine("日本語の説明 with words 😀😀😀 and more")
        let pieces = line.wrapped(width: 9, indent: 2)
        #expect(pieces.allSatisfy { $0.length <= 9 })
        #expect(pieces.map(\.text).joined().replacingOccurrences(of: " ", with: "") == line.text.replacingOccurrences(of: " ", with: ""))
        // 説 would end at column 10.
        #expect(pieces.first?.text == "日本語の")
    }

    static func record(_ sequence: UInt64, event: String, path: String = "/events") -> CaptureRecord {
        CaptureRecord(sequence: sequence, time: SampleRecords.time(Double(sequence)), direction: .received, method: "POST",
                      path: path, query: "", requestBody: Array(#"{"event_name":"\#(event)","context":{}}"#.utf8),
                      response: .init(status: 200), dialect: .v2)
    }

    @Test func streamColumnsStayAlignedAfterWideCharacters() {
        let records = [
            Self.record(1, event: "purchase"),
            Self.record(2, event: "購入した商品のとても長いイベント名前です", path: "/イベント"),
            Self.record(3, event: "🛒 add_to_cart 👩‍🔬 🇩🇪"),
            Self.record(4, event: "cafe\u{301} ❤\u{FE0F}"),
        ]
        let screen = Harness(records: records, width: 80, height: 10).screen
        let lines = screen.lines
        #expect(lines[3].contains("/イベント") && lines[3].contains("購入した商品"))
        #expect(lines[4].contains("🛒 add_to_cart 👩‍🔬 🇩🇪"))
        #expect(lines[5].contains("cafe\u{301} ❤\u{FE0F}"))
        #expect(!lines.joined().contains("\u{FFFD}"))
        // The dialect, status and issues columns start where their titles do, in every row.
        for title in ["DIALECT", "HTTP", "ISSUES"] {
            let column = screen.column(of: title, row: 1)
            #expect(column != nil)
            let value = title == "DIALECT" ? "v2" : title == "HTTP" ? "200" : "ok"
            for row in 2...5 {
                let found = screen.column(of: value, row: row).map { title == "HTTP" ? $0 - 1 : $0 }
                #expect(found == column, "row \(row), \(title)")
            }
        }
    }

    @Test func treeRowsAndTheSidePanelStayAlignedAfterWideCharacters() {
        let body = #"{"event_name":"purchase","context":{"event_id":"e-1"},"商品名":"とても長い日本語の名前がここに入りますとても長い日本語の名前がここに入ります","emoji":"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀","cafe\#u{301}":"ok"}"#
        let record = CaptureRecord(sequence: 1, time: SampleRecords.time(0), direction: .received, method: "POST",
                                   path: "/events", query: "", requestBody: Array(body.utf8), response: .init(status: 200), dialect: .v2)
        var harness = Harness(records: [record], width: 120, height: 30)
        harness.press(.enter, .character("*"))
        let screen = harness.screen
        let layout = DetailLayout(width: 120, height: 30)
        let rows = (layout.treeTop..<(layout.treeTop + layout.treeHeight))
        #expect(rows.contains { screen.line($0).contains("商品名  \"とても長い") })
        #expect(rows.contains { screen.line($0).contains("emoji  \"😀😀") })
        // The panel's border is in its column on every row, whatever the tree row before it holds.
        for row in rows {
            #expect(screen[layout.panelColumn - 1, row].character == "│", "row \(row): \(screen.line(row))")
        }
        // A value after a wide label starts where the label's columns end.
        let labelRow = rows.first { screen.line($0).contains("商品名") }!
        let labelColumn = screen.column(of: "商品名", row: labelRow)!
        #expect(screen.column(of: "\"とても", row: labelRow) == labelColumn + 6 + 2)
    }
}
