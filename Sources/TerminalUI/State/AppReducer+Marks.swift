/// Marks (`m`, `M`) and the diff of two marked records (`d`).
extension AppReducer {
    static func applyMark(_ command: KeyCommand, to state: inout AppState) {
        if command == .toggleMarkAll {
            let listed = (0..<state.listCount).compactMap(state.recordIndex(atListPosition:))
            let marked = state.marks.toggleAll(listed)
            state.statusMessage = .init(marked ? "\(TextFitting.counted(state.marks.count, "record")) marked" : "no record marked",
                                        remainingTicks: 30)
            return
        }
        guard let index = selectedRecordIndex(state) else { return }
        let marked = state.marks.toggle(index)
        let name = state.rows[index].map { "record #\($0.sequence)" } ?? "the record"
        state.statusMessage = .init("\(name) \(marked ? "marked" : "unmarked"); \(state.marks.count) marked", remainingTicks: 30)
    }

    static func beginDiff(_ state: inout AppState) {
        let marked = state.marks.sorted
        guard marked.count == 2 else {
            let text = marked.count < 2
                ? "d compares two marked records: mark them with m (\(marked.count) marked)"
                : "d compares two marked records, and \(marked.count) are marked: M unmarks all, m unmarks one"
            state.statusMessage = .init(text, role: .warning, remainingTicks: 50)
            return
        }
        state.diff = DiffState(firstIndex: marked[0], secondIndex: marked[1])
        state.statusMessage = nil
    }

    static func applyDiffKey(_ key: Key, to state: inout AppState) {
        guard var diff = state.diff else { return }
        let page = max(1, state.height - 4)
        switch key {
        case .down, .character("j"): diff.scroll += 1
        case .up, .character("k"): diff.scroll -= 1
        case .pageDown, .character(" "): diff.scroll += page
        case .pageUp, .character("b"): diff.scroll -= page
        case .home, .character("g"): diff.scroll = 0
        case .end, .character("G"): diff.scroll = Int.max / 2
        case .escape, .character("q"), .character("d"):
            state.diff = nil
            return
        default: return
        }
        let lines = DiffView.lines(diff, timeZone: state.timeZone).count
        diff.scroll = min(max(0, diff.scroll), max(0, lines - page))
        state.diff = diff
    }
}
