/// The bottom line: the filter being typed, a message, or the keys that work on this screen.
public enum StatusBar {
    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        let row = buffer.height - 1
        guard row >= 0 else { return }
        buffer.fill(row: row, role: .dim)
        if state.filter.isEditing {
            var line = StyledLine("/", role: .title)
            line.append(state.filter.draft)
            line.append("▏", role: .title)
            line.append("  ⏎ apply  Esc cancel", role: .dim)
            let room = buffer.width
            // Keep the end of a long draft (where the cursor is) in view.
            if line.length > room, room > 4 {
                let draft = TextFitting.keepingEnd(state.filter.draft, width: room - 2)
                line = StyledLine("/", role: .title)
                line.append(draft)
                line.append("▏", role: .title)
            }
            buffer.write(line, column: 0, row: row)
            return
        }
        if let message = state.statusMessage {
            buffer.write(TextFitting.fit(message.text, width: buffer.width), column: 0, row: row, role: message.role)
            return
        }
        buffer.write(TextFitting.fit(hints(state).joined(separator: "  "), width: buffer.width), column: 0, row: row, role: .dim)
    }

    /// The key hints for the current screen, most useful first (the tail is cut when narrow).
    static func hints(_ state: AppState) -> [String] {
        if state.isShowingHelp { return ["? / Esc close help", "Ctrl-C quit"] }
        if let hints = InspectorOverlay.hints(state) { return hints }
        switch state.screen {
        case .stream:
            var hints = ["j/k move", "⏎ open", "/ filter"]
            if state.filter.isActive { hints.append("Esc clear filter") }
            hints.append(contentsOf: ["c compose", "m mark"])
            hints.append(state.isFollowing ? "g top" : "G follow")
            hints.append(contentsOf: ["? help", "q quit"])
            return hints
        case .detail:
            switch state.detail?.tab ?? .tree {
            case .tree:
                return ["j/k move", "←→ open/close", "*/- all/none", "Tab tabs", "n/p record", "Esc back", "? help"]
            case .findings:
                return ["j/k select", "⏎ go to field", "Tab tabs", "n/p record", "Esc back", "? help"]
            default:
                return ["j/k scroll", "Tab tabs", "n/p record", "Esc back", "? help", "q back"]
            }
        }
    }
}
