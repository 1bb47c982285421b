import TrackingModel

/// The filter bar (`/`), on the two bottom rows: the query with its cursor, then either a caret
/// under the character the parser stopped at with its message, or that the query is valid and
/// the keys.
enum FilterBarView {
    static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        let bar = state.finder.filterBar
        let inputRow = buffer.height - 2
        let messageRow = buffer.height - 1
        guard inputRow >= 0 else { return }
        let layout = LineInputView.render(prompt: "/", editor: bar.editor, row: inputRow, width: buffer.width, into: &buffer)
        buffer.fill(row: messageRow, role: .dim)
        switch bar.parsed {
        case .failure(let error):
            let message = "✗ " + error.message
            guard let caret = layout.column(ofCharacter: error.offset) else {
                buffer.write(TextFitting.fit(message, width: buffer.width), column: 0, row: messageRow, role: .error)
                return
            }
            buffer.write("^", column: caret, row: messageRow, role: .error)
            let messageWidth = TerminalText.width(of: message)
            if caret + 2 + messageWidth <= buffer.width || caret < buffer.width / 2 {
                buffer.write(TextFitting.fit(message, width: buffer.width - caret - 2), column: caret + 2, row: messageRow, role: .error)
            } else {
                let fitted = TextFitting.fit(message, width: caret - 1)
                buffer.write(fitted, column: max(0, caret - 1 - TerminalText.width(of: fitted)), row: messageRow, role: .error)
            }
        case .success(let query):
            var line = StyledLine()
            if query.matchesEverything {
                line.append(state.filter.isActive ? "empty: ⏎ clears the filter" : "type a query, e.g. event:purchase status:400 sev:error", role: .dim)
            } else {
                line.append("✓ valid", role: .info)
            }
            line.append("  " + StatusBar.hints(state).joined(separator: "  "), role: .dim)
            buffer.write(line, column: 0, row: messageRow, maximumWidth: buffer.width)
        }
    }
}
