import TrackingModel

/// Finding things: the filter bar, the command line, following, and the outcome of the effects
/// they ask for.
extension AppReducer {
    static func applyFinder(_ command: KeyCommand, to state: inout AppState) {
        switch command {
        case .beginFilter:
            state.finder.input = .filter
            state.finder.filterBar.editor.set(state.filter.applied)
            state.finder.filterBar.history.endWalk()
        case .beginCommand:
            state.finder.input = .command
            state.finder.commandBar = CommandBar()
        case .toggleFollow:
            state.isFollowing.toggle()
            state.statusMessage = .init(state.isFollowing ? "following new records" : "paused: new records no longer move the list",
                                        remainingTicks: 20)
        case .line(let edit):
            switch state.finder.input {
            case .filter: editFilter(edit, in: &state)
            case .command: editCommand(edit, in: &state)
            case .none: break
            }
        default:
            break
        }
    }

    private static func editFilter(_ edit: LineEdit, in state: inout AppState) {
        var bar = state.finder.filterBar
        defer { state.finder.filterBar = bar }
        switch edit {
        case .submit:
            let text = bar.editor.text.trimmingSpaces
            // Only a valid query is applied; the bar shows what is wrong and where.
            guard case .success(let query) = bar.parsed else { return }
            let before = bar.history.entries
            bar.history.record(text)
            if bar.history.entries != before { state.finder.effects.append(.saveQueryHistory(bar.history.entries)) }
            state.finder.input = .none
            applyFilter(query, text: text, to: &state)
        case .cancel:
            bar.history.endWalk()
            state.finder.input = .none
        case .olderHistory:
            if let query = bar.history.older(than: bar.editor.text) { bar.editor.set(query) }
        case .newerHistory:
            if let query = bar.history.newer() { bar.editor.set(query) }
        case .complete:
            break
        default:
            bar.editor.apply(edit)
        }
    }

    private static func editCommand(_ edit: LineEdit, in state: inout AppState) {
        var bar = state.finder.commandBar
        defer { state.finder.commandBar = bar }
        switch edit {
        case .submit:
            state.finder.input = .none
            do {
                run(try ColonCommand.parse(bar.editor.text), in: &state)
            } catch {
                state.statusMessage = .init(error.message, role: .error, remainingTicks: 80)
            }
        case .cancel:
            state.finder.input = .none
        case .complete:
            if var completion = bar.completion {
                completion.index = (completion.index + 1) % completion.candidates.count
                bar.editor.set(completion.candidates[completion.index])
                bar.completion = completion
                return
            }
            let candidates = ColonCommand.completions(of: bar.editor.text, themes: state.finder.themeNames)
            guard let first = candidates.first else { return }
            bar.editor.set(first)
            bar.completion = candidates.count > 1 ? .init(candidates: candidates, index: 0) : nil
        case .olderHistory, .newerHistory:
            break
        default:
            bar.editor.apply(edit)
            bar.completion = nil
        }
    }

    private static func run(_ command: ColonCommand, in state: inout AppState) {
        switch command {
        case .goto(let sequence):
            state.finder.effects.append(.locate(sequence: sequence))
        case .theme(let name):
            state.finder.effects.append(.useTheme(name: name))
        case .export(let format, let path):
            state.finder.effects.append(.export(format, path: path, query: state.filter.query))
        case .follow:
            if state.screen == .detail {
                state.screen = .stream
                state.detail = nil
            }
            state.isFollowing = true
        case .clear:
            clearFilter(in: &state)
        case .help:
            state.isShowingHelp = true
        }
    }

    static func effectFinished(_ result: FinderEffectResult, in state: inout AppState) {
        switch result {
        case .message(let text, let isError):
            state.statusMessage = .init(text, role: isError ? .error : .info, remainingTicks: 80)
        case .located(let sequence, nil):
            state.statusMessage = .init("there is no record #\(sequence) in this log", role: .error, remainingTicks: 60)
        case .located(let sequence, let index?):
            if state.filter.isActive, !state.filter.matches.contains(index) {
                clearFilter(in: &state)
                state.statusMessage = .init("filter cleared to show #\(sequence)", remainingTicks: 40)
            }
            let position = state.filter.isActive ? state.filter.matches.firstIndex(of: index) ?? 0 : index
            select(position, in: &state)
            if state.screen == .detail {
                let tab = state.detail?.tab ?? .tree
                state.detail = AppState.Detail(recordIndex: index)
                state.detail?.tab = tab
            }
        }
    }

    /// Selects list position `position`, the next or previous match, or says there is none.
    static func moveToMatch(_ position: Int, in state: inout AppState) {
        guard position >= 0, position < state.listCount else {
            let which = position < 0 ? "first" : "last"
            state.statusMessage = .init(state.filter.isActive ? "this is the \(which) match" : "this is the \(which) record", remainingTicks: 20)
            return
        }
        select(position, in: &state)
    }

    static func applyFilter(_ query: FilterQuery, text: String, to state: inout AppState) {
        state.filter.applied = query.matchesEverything ? "" : text
        state.filter.query = query
        state.filter.generation += 1
        state.filter.scannedCount = 0
        state.filter.matches = []
        state.selection = nil
        state.scrollTop = 0
        state.isFollowing = true
    }

    static func clearFilter(in state: inout AppState) {
        applyFilter(.all, text: "", to: &state)
    }
}
