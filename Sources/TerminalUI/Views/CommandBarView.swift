/// The command line (`:`), on the two bottom rows: the command with its cursor, then the Tab
/// candidates (the one on view highlighted), or the usage of the command typed, or every command.
enum CommandBarView {
    static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        let bar = state.finder.commandBar
        let inputRow = buffer.height - 2
        let messageRow = buffer.height - 1
        guard inputRow >= 0 else { return }
        LineInputView.render(prompt: ":", editor: bar.editor, row: inputRow, width: buffer.width, into: &buffer)
        buffer.fill(row: messageRow, role: .dim)
        var line = StyledLine()
        if let completion = bar.completion {
            for (index, candidate) in completion.candidates.enumerated() {
                if index > 0 { line.append("  ", role: .dim) }
                // The word each candidate completes (the lines differ only there).
                let word = candidate.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? candidate
                line.append(word, role: index == completion.index ? .selectedRow : .dim)
            }
        } else {
            let typed = bar.editor.text.split(whereSeparator: \.isWhitespace).first.map(String.init)
            if let usage = ColonCommand.usages.first(where: { $0.name == typed })?.usage {
                line.append(":" + usage, role: .info)
            } else {
                line.append(ColonCommand.usages.map(\.usage).joined(separator: " · "), role: .dim)
            }
            line.append("  " + StatusBar.hints(state).joined(separator: "  "), role: .dim)
        }
        buffer.write(line, column: 0, row: messageRow, maximumWidth: buffer.width)
    }
}
