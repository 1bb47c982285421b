/// Renders the whole application state into a screen buffer: the frame.
public enum AppView {
    /// A new buffer of the state's size with the state drawn into it.
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        render(state, into: &buffer)
        return buffer
    }

    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard !state.isTooSmall else {
            renderTooSmall(state, into: &buffer)
            return
        }
        if state.isShowingHelp, state.finder.input == .none {
            HelpView.render(state, into: &buffer)
        } else if InspectorOverlay.isShown(state) {
            InspectorOverlay.render(state, into: &buffer)
        } else {
            switch state.screen {
            case .stream: StreamView.render(state, into: &buffer)
            case .detail: DetailView.render(state, into: &buffer)
            }
        }
        StatusBar.render(state, into: &buffer)
    }

    private static func renderTooSmall(_ state: AppState, into buffer: inout ScreenBuffer) {
        let lines = [
            "terminal too small",
            "\(state.width)x\(state.height), needs \(AppState.minimumWidth)x\(AppState.minimumHeight)",
            "q quits",
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (offset, text) in lines.enumerated() {
            let fitted = String(text.prefix(buffer.width))
            buffer.write(fitted, column: max(0, (buffer.width - fitted.count) / 2), row: top + offset,
                         role: offset == 0 ? .warning : .dim)
        }
    }
}
