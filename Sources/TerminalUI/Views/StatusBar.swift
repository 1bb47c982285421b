/// The bottom line: the filter bar or the command line while one is typed in, else a message, or
/// the keys that work here (from the key binding table).
public enum StatusBar {
    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        switch state.finder.input {
        case .filter: return FilterBarView.render(state, into: &buffer)
        case .command: return CommandBarView.render(state, into: &buffer)
        case .none: break
        }
        let row = buffer.height - 1
        guard row >= 0 else { return }
        buffer.fill(row: row, role: .dim)
        if let message = state.statusMessage {
            buffer.write(TextFitting.fit(message.text, width: buffer.width), column: 0, row: row, role: message.role)
            return
        }
        buffer.write(TextFitting.fit(hints(state).joined(separator: "  "), width: buffer.width), column: 0, row: row, role: .dim)
    }

    /// The key hints of the current context, in the table's order (the tail is cut when narrow).
    static func hints(_ state: AppState) -> [String] {
        if let hints = InspectorOverlay.hints(state) { return hints }
        let context = state.keyContext
        return KeyBinding.table.lazy
            .filter { $0.contexts.contains(context) }
            .flatMap(\.hints)
            .filter { hint in (hint.contexts?.contains(context) ?? true) && holds(hint.condition, in: state) }
            .map(\.text)
    }

    private static func holds(_ condition: KeyBinding.HintCondition, in state: AppState) -> Bool {
        switch condition {
        case .always: true
        case .filterActive: state.filter.isActive
        case .following: state.isFollowing
        case .notFollowing: !state.isFollowing
        }
    }
}
