import Testing
@testable import TerminalUI

@Suite struct ScreenBufferTests {
    @Test func writesAndReadsBackLines() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        buffer.write("hello", column: 1, row: 0)
        buffer.write("clipped text", column: 0, row: 1)
        #expect(buffer.lines == [" hello", "clipped te"])
    }

    @Test func neverLetsEscapeSequencesThrough() {
        var buffer = ScreenBuffer(width: 20, height: 1)
        buffer.write("a\u{1B}[2Jb\u{7}\u{9B}c", column: 0, row: 0)
        #expect(buffer.line(0) == "a\u{241B}[2Jb\u{2407}\u{00B7}c")
        #expect(!buffer.line(0).unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func diffListsOnlyChangedCells() {
        var first = ScreenBuffer(width: 4, height: 2)
        first.write("ab", column: 0, row: 0)
        var second = first
        second.write("x", column: 3, row: 1)
        let changed = second.changedPositions(since: first)
        #expect(changed.count == 1)
        #expect(changed.first?.column == 3 && changed.first?.row == 1)
        #expect(second.changedPositions(since: nil).count == 8)
    }
}
