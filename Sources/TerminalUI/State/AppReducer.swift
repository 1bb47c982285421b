/// The one place the application state changes: a pure function of the state and an action.
public enum AppReducer {
    public static func reduce(_ state: AppState, _ action: AppAction) -> AppState {
        var state = state
        switch action {
        case .key(let key):
            if key == .resize { break }
            if applyOverlayKey(key, to: &state) { break }
            let context = state.keyContext
            guard let command = KeyMap.command(for: key, in: context) else { break }
            if context == .help {
                // Help is modal: the keys that open it, Esc and q close it; Ctrl-C still quits.
                switch command {
                case .quit: state.shouldQuit = true
                case .toggleHelp: state.isShowingHelp = false
                default: break
                }
                break
            }
            apply(command, to: &state)
        case .resize(let width, let height):
            state.width = max(0, width)
            state.height = max(0, height)
        case .source(let event):
            switch event {
            case .available(let count):
                state.source = .available
                recordsChanged(count: count, in: &state)
            case .replaced(let count, let reason):
                state.source = .available
                recordsChanged(count: 0, in: &state)
                recordsChanged(count: count, in: &state)
                state.statusMessage = .init("\(reason); reading it again", remainingTicks: 40)
            case .waiting(let reason):
                state.source = .waiting(reason: reason)
                recordsChanged(count: 0, in: &state)
            case .failed(let message):
                state.source = .failed(message: message)
                state.statusMessage = .init(message, role: .error)
            }
        case .rowsLoaded(let summaries):
            for summary in summaries where summary.index < state.recordCount {
                state.rows[summary.index] = summary
            }
        case .detailLoaded(let index, let record, let catalogue):
            if state.detail?.recordIndex == index { state.detail?.load(record, catalogue: catalogue) }
        case .filterScanned(let generation, let range, let matches):
            guard generation == state.filter.generation, range.lowerBound == state.filter.scannedCount else { break }
            state.filter.scannedCount = range.upperBound
            state.filter.matches.append(contentsOf: matches.sorted())
        case .tallied(let counts, let range):
            state.finder.tally.add(counts, range: range)
        case .effectFinished(let result):
            effectFinished(result, in: &state)
        case .loadFailed(let message):
            state.statusMessage = .init(message, role: .error)
        case .tick:
            state.finder.traffic.tick(count: state.recordCount)
            if var message = state.statusMessage {
                message.remainingTicks -= 1
                state.statusMessage = message.remainingTicks > 0 ? message : nil
            }
        case .quit:
            state.shouldQuit = true
        case .effectStarted, .effect, .diffLoaded:
            applyInspectorAction(action, to: &state)
        }
        applyPendingJump(&state)
        normalize(&state)
        return state
    }

    private static func apply(_ command: KeyCommand, to state: inout AppState) {
        switch command {
        case .quit:
            state.shouldQuit = true
        case .toggleHelp:
            state.isShowingHelp.toggle()
        case .beginFilter, .beginCommand, .line, .toggleFollow:
            applyFinder(command, to: &state)
        case .back:
            if state.screen == .detail {
                state.screen = .stream
                state.detail = nil
            } else if state.filter.isActive {
                clearFilter(in: &state)
            }
        case .compose, .editAndResend, .toggleMark, .toggleMarkAll, .replay, .stopReplay, .diff:
            applyInspectorCommand(command, to: &state)
        default:
            if state.screen == .detail { applyDetail(command, to: &state) } else { applyStream(command, to: &state) }
        }
    }

    private static func applyStream(_ command: KeyCommand, to state: inout AppState) {
        let count = state.listCount
        guard count > 0 else { return }
        let last = count - 1
        let current = state.selection ?? last
        let page = max(1, state.listHeight - 1)
        switch command {
        case .moveDown: select(current + 1, in: &state)
        case .moveUp: select(current - 1, in: &state)
        case .pageDown: select(current + page, in: &state)
        case .pageUp: select(current - page, in: &state)
        case .top: select(0, in: &state)
        case .bottom: select(last, in: &state)
        case .nextRecord: moveToMatch(current + 1, in: &state)
        case .previousRecord: moveToMatch(current - 1, in: &state)
        case .open:
            guard let index = state.recordIndex(atListPosition: current) else { return }
            state.screen = .detail
            state.detail = AppState.Detail(recordIndex: index)
        default: break
        }
    }

    /// Selects `position` (clamped); the list follows the tail again exactly when it lands on
    /// the last entry.
    static func select(_ position: Int, in state: inout AppState) {
        let last = state.listCount - 1
        let clamped = min(max(0, position), last)
        state.selection = clamped
        state.isFollowing = clamped == last
    }

    private static func recordsChanged(count: Int, in state: inout AppState) {
        if count < state.recordCount {
            // The log was replaced or truncated: forget what was read from it.
            state.rows = [:]
            state.finder.tally = LogTally()
            state.filter.scannedCount = 0
            state.filter.matches = []
            state.filter.generation += 1
            state.marks.keep(below: count)
            if let detail = state.detail, detail.recordIndex >= count {
                state.detail = nil
                state.screen = .stream
            }
        }
        state.recordCount = count
    }

    /// Keeps the selection, scrolling and caches consistent with the size and the list.
    private static func normalize(_ state: inout AppState) {
        let count = state.listCount
        if count == 0 {
            state.selection = nil
            state.scrollTop = 0
        } else if state.screen == .stream || state.selection == nil {
            if state.isFollowing || state.selection == nil {
                state.selection = state.isFollowing ? count - 1 : 0
            }
            state.selection = min(max(0, state.selection ?? 0), count - 1)
        }
        let height = max(1, state.listHeight)
        if let selection = state.selection {
            if selection < state.scrollTop { state.scrollTop = selection }
            if selection >= state.scrollTop + height { state.scrollTop = selection - height + 1 }
        }
        state.scrollTop = max(0, min(state.scrollTop, count - height))
        if let detail = state.detail, detail.record != nil {
            let maximum = maximumDetailScroll(state)
            state.detail?.scroll = min(detail.scroll, maximum)
            keepSelectionVisible(&state)
        }
        // Keep summaries of about three screens around the window; drop the rest.
        let window = state.visiblePositions
        let keepLow = state.recordIndex(atListPosition: max(0, window.lowerBound - height)) ?? 0
        let keepHigh = state.recordIndex(atListPosition: min(count - 1, window.upperBound + height)) ?? Int.max
        if state.rows.count > 3 * height + 8 {
            state.rows = state.rows.filter { $0.key >= keepLow && $0.key <= keepHigh }
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
