/// The keys, in full.
public enum HelpView {
    static let entries: [(keys: String, what: String)] = [
        ("j / ↓, k / ↑", "select the next / previous record; on a record, move in the tree or scroll"),
        ("PgDn, PgUp / b", "a page down / up (Space too, in the list)"),
        ("g / Home, G / End", "first / last record; G follows new records again"),
        ("⏎", "open the selected record; on a record, expand the node, or jump to a finding's field"),
        ("→ / l, ← / h", "expand the node; collapse it, or go to its parent"),
        ("Space", "on a record: open / close the node"),
        ("*, -", "expand all, collapse all"),
        ("Tab / Shift-Tab", "next / previous tab"),
        ("1 … 5", "tabs: Tree, Raw, Headers, Findings, Answer"),
        ("n, p", "next / previous record, on a record"),
        ("/", "filter: type text, ⏎ to apply (matches method, path, event, dialect, status, finding codes)"),
        ("Esc", "back from a record; clear the filter"),
        ("q", "back from a record; quit from the list"),
        ("c", "compose an event: a template or a copy of the record, edited in $VISUAL / $EDITOR (or the built-in editor), validated, then sent"),
        ("e", "edit the selected record's event and send it again"),
        ("m, M", "mark / unmark the record; mark all the filter selects (again: unmark all)"),
        ("r", "replay the marked records (or the selected one): target, transforms, rate"),
        ("d", "diff the events of the two marked records"),
        ("?", "this help"),
        ("Ctrl-C", "quit"),
    ]

    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        for row in 0..<max(0, buffer.height - 1) { buffer.fill(row: row, role: .normal) }
        buffer.fill(row: 0, role: .title)
        buffer.write("trackscope — keys", column: 0, row: 0, role: .title)
        let keyWidth = min(entries.map(\.keys.count).max() ?? 0, buffer.width / 3)
        var row = 2
        for entry in entries {
            let line = StyledLine([
                StyledSpan("  " + TextFitting.fit(entry.keys, width: keyWidth), role: .jsonKey),
                StyledSpan("  " + entry.what),
            ])
            for piece in line.wrapped(width: buffer.width, indent: keyWidth + 4) {
                guard row < buffer.height - 1 else { return }
                buffer.write(piece, column: 0, row: row)
                row += 1
            }
        }
    }
}
