/// The replay form (`r`): where to, the transforms and the rate, as `trackscope replay` takes them.
public enum ReplayFormView {
    static let rows: [(field: ReplayForm.Field, name: String, help: String)] = [
        (.target, "To", "a base URL, or an event endpoint's URL"),
        (.freshIds, "Fresh ids", "Space switches: a new event id for every event"),
        (.shiftTime, "Shift time", "now, or +2h, -30m, +1d (empty: as recorded)"),
        (.testCode, "Test code", "test_code to add (empty: none)"),
        (.site, "Site", "the site to send for (empty: the recorded one)"),
        (.convert, "Convert", "legacy, v1 or v2 (empty: as recorded)"),
        (.rate, "Rate", "50/s, 300/m (empty: as fast as allowed)"),
        (.concurrency, "Concurrency", "requests in flight at once, 1 to 64 (empty: 4)"),
        (.retries, "Retries", "tries again after no answer, a 5xx or a 429, 0 to 10 (empty: 0)"),
    ]

    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let form = state.replayForm else { return }
        for row in 0..<max(0, buffer.height - 1) { buffer.fill(row: row, role: .normal) }
        buffer.fill(row: 0, role: .title)
        buffer.write(TextFitting.fit("trackscope — replay \(TextFitting.counted(form.recordIndexes.count, "record"))", width: buffer.width),
                     column: 0, row: 0, role: .title)
        for (offset, entry) in rows.enumerated() {
            let row = 2 + offset
            guard row < buffer.height - 1 else { break }
            var line = StyledLine(TextFitting.fit(entry.name, width: 12), role: .jsonKey)
            let isFocused = entry.field == form.focus
            if let text = form.text(of: entry.field) {
                line.append(text)
                if isFocused { line.append("▏", role: .title) }
                if text.isEmpty || !isFocused { line.append("  " + entry.help, role: .dim) }
            } else {
                line.append(form.order.freshIds ? "[x]" : "[ ]")
                line.append("  " + entry.help, role: .dim)
            }
            buffer.write(line, column: 0, row: row, maximumWidth: buffer.width)
            if isFocused { buffer.setRole(.selectedRow, row: row) }
        }
        let keyRow = 3 + rows.count
        if keyRow < buffer.height - 1 {
            buffer.write(TextFitting.fit("Key         " + state.effects.keyDescription, width: buffer.width), column: 0, row: keyRow, role: .dim)
        }
    }

    static func hints() -> [String] { ["↑↓ field", "type to fill", "⏎ replay", "Esc cancel"] }
}
