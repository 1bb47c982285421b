import TrackingModel

/// The compose screens: the start picker, the built-in editor, and the review (validation with
/// line and column of every finding, the target, the site, the key) before sending.
public enum ComposeView {
    /// Text rows the built-in editor shows (the screen less the title and the status bar).
    static func editorHeight(_ state: AppState) -> Int { max(1, state.height - 2) }

    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let compose = state.compose else { return }
        for row in 0..<max(0, buffer.height - 1) { buffer.fill(row: row, role: .normal) }
        buffer.fill(row: 0, role: .title)
        buffer.write(TextFitting.fit("trackscope — compose — \(compose.title)", width: buffer.width), column: 0, row: 0, role: .title)
        switch compose.step {
        case .choosing:
            renderChoices(compose, into: &buffer)
        case .editing:
            let what = state.effects.hasExternalEditor && compose.report == nil ? "in your editor ($VISUAL / $EDITOR)…" : "…"
            buffer.write("editing \(what)", column: 2, row: 2, role: .dim)
        case .builtInEditor:
            if let area = compose.textArea { renderEditor(area, height: editorHeight(state), into: &buffer) }
        case .reviewing, .typing, .sending:
            renderReview(compose, state: state, into: &buffer)
        }
    }

    private static func renderChoices(_ compose: ComposeState, into buffer: inout ScreenBuffer) {
        buffer.write("Start from:", column: 0, row: 1, role: .dim)
        let height = max(1, buffer.height - 3)
        let top = max(0, min(compose.choiceIndex - height / 2, compose.choices.count - height))
        for (offset, choice) in compose.choices.dropFirst(top).prefix(height).enumerated() {
            let row = 2 + offset
            let isSelected = top + offset == compose.choiceIndex
            var line = StyledLine(isSelected ? "▸ " : "  ", role: .dim)
            if case .template = choice {
                line.append(choice.label, role: .jsonKey)
                line.append("  template (v2)", role: .dim)
            } else {
                line.append(choice.label, role: .normal)
            }
            buffer.write(line, column: 0, row: row, maximumWidth: buffer.width)
            if isSelected { buffer.setRole(.selectedRow, row: row) }
        }
    }

    private static func renderEditor(_ area: TextArea, height: Int, into buffer: inout ScreenBuffer) {
        let numberWidth = max(3, String(area.lines.count).count)
        let textColumn = numberWidth + 3
        let room = max(1, buffer.width - textColumn)
        for offset in 0..<height {
            let index = area.top + offset
            guard index < area.lines.count else { break }
            let row = 1 + offset
            buffer.write(TextFitting.fit(String(index + 1), width: numberWidth, alignRight: true) + " │ ", column: 0, row: row, role: .dim)
            // Long lines scroll sideways to keep the cursor in view.
            let characters = Array(area.lines[index])
            let shift = index == area.row ? max(0, area.column - room + 1) : 0
            let visible = String(characters.dropFirst(shift).prefix(room))
            buffer.write(visible, column: textColumn, row: row)
            if index == area.row {
                let x = textColumn + area.column - shift
                if x < buffer.width {
                    if area.column >= characters.count { buffer.write(" ", column: x, row: row) }
                    buffer[x, row].role = .selectedRow
                }
            }
        }
    }

    private static func renderReview(_ compose: ComposeState, state: AppState, into buffer: inout ScreenBuffer) {
        let width = buffer.width
        func field(_ name: String, _ value: String, row: Int, typing: Bool, placeholder: String) {
            var line = StyledLine(TextFitting.fit(name, width: 6), role: .jsonKey)
            if typing {
                line.append(compose.fieldDraft)
                line.append("▏", role: .title)
            } else if value.isEmpty {
                line.append(placeholder, role: .dim)
            } else {
                line.append(value)
            }
            buffer.write(line, column: 0, row: row, maximumWidth: width)
        }
        field("To", compose.target, row: 1, typing: compose.step == .typing(.target), placeholder: "")
        field("Site", compose.siteId, row: 2, typing: compose.step == .typing(.site),
              placeholder: "none: i sets it (or a target URL with ?tc_s=)")
        field("Key", state.effects.keyDescription, row: 3, typing: false, placeholder: "")

        var lines: [StyledLine] = []
        let findings = compose.findings
        let errors = compose.errorCount
        let warnings = findings.count { $0.severity == .warning }
        if compose.step == .sending {
            lines.append(StyledLine("sending to \(compose.target)…", role: .dim))
        } else if errors > 0 {
            lines.append(StyledLine("✗ \(TextFitting.counted(errors, "error")), \(TextFitting.counted(warnings, "warning")): ⏎ edits it again, ! sends it anyway",
                                    role: .error))
        } else {
            lines.append(StyledLine("✓ valid (\(TextFitting.counted(warnings, "warning"))): ⏎ sends it", role: .info))
        }
        let textLines = compose.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for finding in findings where finding.severity != .info {
            lines.append(StyledLine())
            lines.append(contentsOf: findingLines(finding, textLines: textLines))
        }
        // Then the text itself, numbered as in the findings.
        lines.append(StyledLine())
        let numberWidth = max(3, String(textLines.count).count)
        for (index, text) in textLines.enumerated() where index < textLines.count - 1 || !text.isEmpty {
            lines.append(StyledLine([StyledSpan(TextFitting.fit(String(index + 1), width: numberWidth, alignRight: true) + " │ ", role: .dim),
                                     StyledSpan(text)]))
        }
        let top = 5
        let height = max(0, buffer.height - 1 - top)
        let start = min(compose.scroll, max(0, lines.count - height))
        for (offset, line) in lines.dropFirst(start).prefix(height).enumerated() {
            buffer.write(line, column: 0, row: top + offset, maximumWidth: width)
        }
    }

    /// A finding at its place in the text: `LINE:COLUMN severity message [code] (at path)`, the
    /// line of the text, a caret under the column, the hint.
    static func findingLines(_ finding: Finding, textLines: [String]) -> [StyledLine] {
        let role: StyleRole = finding.severity == .error ? .error : finding.severity == .warning ? .warning : .info
        var head = StyledLine()
        if let line = finding.line { head.append("\(line):\(finding.column ?? 1) ", role: .jsonKey) }
        head.append(finding.severity.rawValue, role: role)
        head.append("  " + finding.message)
        head.append(" [\(finding.code)]", role: .dim)
        if finding.path != "$" { head.append(" (at \(finding.path))", role: .dim) }
        var lines = [head]
        if let number = finding.line, number >= 1, number <= textLines.count {
            let gutter = String(repeating: " ", count: 2) + String(number) + " │ "
            lines.append(StyledLine([StyledSpan(gutter, role: .dim), StyledSpan(textLines[number - 1])]))
            let column = max(1, finding.column ?? 1)
            let pad = String(repeating: " ", count: gutter.count - 2) + "│ "
            lines.append(StyledLine([StyledSpan(pad, role: .dim),
                                     StyledSpan(String(repeating: " ", count: column - 1) + "^", role: role)]))
        }
        if let hint = finding.hint { lines.append(StyledLine("  hint: " + hint, role: .dim)) }
        return lines
    }

    /// The keys of the compose screen in view.
    static func hints(_ compose: ComposeState) -> [String] {
        switch compose.step {
        case .choosing: ["j/k move", "⏎ edit it", "Esc cancel"]
        case .editing: ["editing…"]
        case .builtInEditor: ["arrows move", "⏎ new line", "Ctrl-S done", "Esc cancel"]
        case .reviewing:
            compose.errorCount > 0
                ? ["⏎/e edit", "! send anyway", "t target", "i site", "j/k scroll", "Esc cancel"]
                : ["⏎ send", "e edit", "t target", "i site", "j/k scroll", "Esc cancel"]
        case .typing: ["type", "⏎ set", "Esc keep as it was"]
        case .sending: ["sending…", "Esc back to the list"]
        }
    }
}
