import TrackingModel

/// The Tree tab: the selected node's path, the visible rows of the event tree, and the teaching
/// panel for the node under the cursor.
public enum TreeView {
    public static func render(_ detail: AppState.Detail, layout: DetailLayout, into buffer: inout ScreenBuffer) {
        guard let tree = detail.tree, !tree.roots.isEmpty else {
            // No tree to show: say why, and what was found (the parse error first).
            buffer.write("The body is not JSON: see the Raw tab (2).", column: 0, row: layout.contentTop, role: .dim)
            let findings = DetailTabs.wrap(DetailTabs.findingLines(detail.tree?.findings ?? [], selected: nil), width: layout.width)
            for (offset, line) in findings.prefix(max(0, layout.contentHeight - 2)).enumerated() {
                buffer.write(line, column: 0, row: layout.contentTop + 2 + offset)
            }
            return
        }
        let rows = tree.rows(opened: detail.opened)
        let selectedIndex = rows.firstIndex { $0.path == detail.selected }
        let selected = selectedIndex.map { rows[$0] }

        // The path of the selected node, and where it is in the list.
        let place = " \((selectedIndex ?? 0) + 1)/\(rows.count)"
        let path = selected?.node.rawPath?.description ?? "—"
        buffer.write(TextFitting.keepingEnd(path, width: max(1, layout.width - place.count - 1)), column: 0,
                     row: layout.pathRow, role: .jsonKey)
        buffer.write(place, column: layout.width - place.count, row: layout.pathRow, role: .dim)

        for screenRow in 0..<layout.treeHeight {
            let index = detail.treeOffset + screenRow
            guard index < rows.count else { break }
            let y = layout.treeTop + screenRow
            buffer.write(line(for: rows[index], isOpen: detail.opened.contains(rows[index].path), width: layout.treeWidth), column: 0, row: y,
                         maximumWidth: layout.treeWidth)
            if index == selectedIndex {
                for x in 0..<layout.treeWidth { buffer[x, y].role = .selectedRow }
            }
        }

        guard let node = selected?.node else { return }
        renderPanel(for: node, in: tree, layout: layout, into: &buffer)
    }

    /// One tree row: indent, ▸/▾ for nodes with children, the label, the value, a dimmed note.
    /// When the row is wider than `width`, a long value is cut so that the note stays in sight.
    public static func line(for row: EventTree.Row, isOpen: Bool, width: Int = .max) -> StyledLine {
        let node = row.node
        var line = StyledLine(String(repeating: "  ", count: row.depth))
        if node.children.isEmpty {
            line.append("  ")
        } else {
            line.append(isOpen ? "▾ " : "▸ ", role: .dim)
        }
        if node.isMissing {
            line.append(node.label + "  missing", role: .dim)
            return line
        }
        let isGroup = row.depth == 0 || node.id.hasPrefix("event-")
        line.append(node.label, role: isGroup ? .title : .jsonKey)
        if var value = node.value {
            line.append("  ")
            if let note = node.note {
                let room = width - line.text.count - 2 - note.count
                if value.count > room, room >= 8 { value = TextFitting.fit(value, width: room) }
            }
            line.append(value, role: role(ofValue: value))
        }
        if let note = node.note {
            line.append("  " + note, role: .dim)
        }
        return line
    }

    static func role(ofValue value: String) -> StyleRole {
        if value.hasPrefix("\"") { return .jsonString }
        if value == "true" || value == "false" || value == "null" { return .jsonLiteral }
        if value.first?.isNumber == true || value.hasPrefix("-") { return .jsonNumber }
        return .normal
    }

    static func renderPanel(for node: EventTree.Node, in tree: EventTree, layout: DetailLayout, into buffer: inout ScreenBuffer) {
        let column = layout.panelColumn
        let width = layout.panelWidth
        var title = "── " + node.label + " "
        title += String(repeating: "─", count: max(0, width - TerminalText.width(of: title)))
        buffer.write(TextFitting.fit(title, width: width), column: column, row: layout.panelTop, role: .dim)
        if layout.isPanelAtSide {
            for y in layout.treeTop..<(layout.treeTop + layout.panelHeight) {
                buffer.write("│", column: column - 1, row: y, role: .dim)
            }
        }
        let lines = DetailTabs.wrap(TeachingPanel.lines(for: node, in: tree), width: width)
        for (offset, line) in lines.prefix(max(0, layout.panelHeight - 1)).enumerated() {
            buffer.write(line, column: column, row: layout.panelTop + 1 + offset, maximumWidth: width)
        }
    }
}
