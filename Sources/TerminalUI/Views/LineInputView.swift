/// One line being typed (the filter bar, the command line): its prompt, the text scrolled so that
/// the cursor stays in view, and the cursor as a highlighted cell. Columns are counted as the
/// terminal lays them out (`TerminalText.width`): a wide character takes two, a character with
/// its combining marks one.
enum LineInputView {
    /// Where the text landed on its row.
    struct Layout {
        /// The column of the prompt's end, where the first shown character starts.
        var textStart: Int
        /// The index of the first character shown (the ones before are scrolled away).
        var firstShown: Int
        /// The width of each character of the text.
        var widths: [Int]
        var width: Int

        /// The column where character `index` starts (`index == count`: just past the end), or
        /// nil when it is scrolled away or past the row's end.
        func column(ofCharacter index: Int) -> Int? {
            guard index >= firstShown, index <= widths.count else { return nil }
            let column = textStart + widths[firstShown..<index].reduce(0, +)
            return column < width ? column : nil
        }
    }

    /// Draws `prompt` and `editor` on `row` and says where each character went.
    @discardableResult
    static func render(prompt: String, editor: LineEditor, row: Int, width: Int, into buffer: inout ScreenBuffer) -> Layout {
        buffer.fill(row: row, role: .normal)
        let promptEnd = buffer.write(prompt, column: 0, row: row, role: .title)
        let room = max(1, width - promptEnd)
        let characters = editor.characters
        let widths = characters.map { TerminalText.width(of: $0) }
        // The cursor's cell: the character under it, or one blank past the end.
        let cursorWidth = editor.cursor < widths.count ? max(1, widths[editor.cursor]) : 1
        // Scroll the fewest characters that bring the cursor's cell on screen.
        var firstShown = 0
        var beforeCursor = widths[0..<editor.cursor].reduce(0, +)
        while firstShown < editor.cursor, beforeCursor + cursorWidth > room {
            beforeCursor -= widths[firstShown]
            firstShown += 1
        }
        var column = promptEnd
        for index in firstShown..<characters.count {
            guard column + widths[index] <= width else { break }
            column = buffer.write(String(characters[index]), column: column, row: row)
        }
        let cursorColumn = promptEnd + beforeCursor
        if cursorColumn < width {
            if editor.cursor >= characters.count { buffer.write(" ", column: cursorColumn, row: row) }
            for cell in cursorColumn..<min(width, cursorColumn + cursorWidth) {
                buffer[cell, row].role = .selectedRow
            }
        }
        return Layout(textStart: promptEnd, firstShown: firstShown, widths: widths, width: width)
    }
}
