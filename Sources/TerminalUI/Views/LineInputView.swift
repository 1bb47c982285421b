/// One line being typed (the filter bar, the command line): its prompt, the text scrolled so that
/// the cursor stays in view, and the cursor as a highlighted cell.
enum LineInputView {
    /// Draws `prompt` and `editor` on `row`. Returns the column where the text's character 0
    /// would be (before the prompt when the text is scrolled): character `i` is at that plus `i`.
    @discardableResult
    static func render(prompt: String, editor: LineEditor, row: Int, width: Int, into buffer: inout ScreenBuffer) -> Int {
        buffer.fill(row: row, role: .normal)
        let promptEnd = buffer.write(prompt, column: 0, row: row, role: .title)
        let room = max(1, width - promptEnd)
        let characters = editor.characters
        // Scroll so that the cursor (which may sit just past the end) is on screen.
        let scrolled = max(0, editor.cursor - room + 1)
        let shown = characters.dropFirst(scrolled).prefix(room)
        var column = promptEnd
        for character in shown {
            column = buffer.write(String(character), column: column, row: row)
        }
        let cursorColumn = promptEnd + editor.cursor - scrolled
        if cursorColumn < width {
            if editor.cursor >= characters.count { buffer.write(" ", column: cursorColumn, row: row) }
            buffer[cursorColumn, row].role = .selectedRow
        }
        return promptEnd - scrolled
    }
}
