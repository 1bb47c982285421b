extension AppState {
    /// Where a key is pressed now: the line being typed, the help, or the screen and tab on view.
    public var keyContext: KeyContext {
        switch finder.input {
        case .filter: return .filterBar
        case .command: return .commandLine
        case .none: break
        }
        if isShowingHelp { return .help }
        switch screen {
        case .stream: return .list
        case .detail:
            switch detail?.tab ?? .tree {
            case .tree: return .tree
            case .findings: return .findings
            default: return .text
            }
        }
    }

    /// Rows the bottom takes: the status line, and one more while a line is typed in (the filter
    /// bar's problem or hints, the command line's completions).
    public var bottomHeight: Int { finder.input == .none ? 1 : 2 }
}
