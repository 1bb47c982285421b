/// The screens of compose, diff and the replay form, drawn over the stream while they are open.
enum InspectorOverlay {
    static func isShown(_ state: AppState) -> Bool {
        state.compose != nil || state.diff != nil || state.replayForm != nil
    }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        if state.compose != nil {
            ComposeView.render(state, into: &buffer)
        } else if state.replayForm != nil {
            ReplayFormView.render(state, into: &buffer)
        } else {
            DiffView.render(state, into: &buffer)
        }
    }

    /// The status bar's hints while an overlay is open.
    static func hints(_ state: AppState) -> [String]? {
        if let compose = state.compose { return ComposeView.hints(compose) }
        if state.replayForm != nil { return ReplayFormView.hints() }
        if state.diff != nil { return DiffView.hints() }
        return nil
    }
}
