import TrackingModel

/// Compose (`c`), edit and send again (`e`): the keys of the compose screens, the effects they ask
/// for, and what comes back. Marks and the diff are in AppReducer+Marks, the replay form in
/// AppReducer+Replay.
extension AppReducer {
    /// The target offered first: the embedded collector, else the default of `trackscope send`.
    static func defaultTarget(_ state: AppState) -> String {
        state.collectorAddress ?? "http://127.0.0.1:8080"
    }

    /// The record the commands act on: the one open, else the one selected in the list.
    static func selectedRecordIndex(_ state: AppState) -> Int? {
        if state.screen == .detail, let detail = state.detail { return detail.recordIndex }
        return state.selection.flatMap(state.recordIndex(atListPosition:))
    }

    /// The keys of a screen shown over the stream (compose, diff, replay form); true when one
    /// took the key. Ctrl-C still quits.
    static func applyOverlayKey(_ key: Key, to state: inout AppState) -> Bool {
        guard state.compose != nil || state.diff != nil || state.replayForm != nil else { return false }
        if key == .control("c") {
            state.shouldQuit = true
        } else if state.compose != nil {
            applyComposeKey(key, to: &state)
        } else if state.replayForm != nil {
            applyReplayFormKey(key, to: &state)
        } else {
            applyDiffKey(key, to: &state)
        }
        return true
    }

    static func applyInspectorCommand(_ command: KeyCommand, to state: inout AppState) {
        switch command {
        case .compose: beginCompose(&state)
        case .editAndResend: beginEditAndResend(&state)
        case .toggleMark, .toggleMarkAll: applyMark(command, to: &state)
        case .diff: beginDiff(&state)
        case .replay: beginReplay(&state)
        case .stopReplay: stopReplay(&state)
        default: break
        }
    }

    static func applyInspectorAction(_ action: AppAction, to state: inout AppState) {
        switch action {
        case .effectStarted:
            state.effects.pending = nil
        case .effect(let result):
            applyEffectResult(result, to: &state)
        case .diffLoaded(let index, let record):
            state.diff?.load(record, index: index)
        default:
            break
        }
    }

    // MARK: - Starting

    private static func beginCompose(_ state: inout AppState) {
        var compose = ComposeState(step: .choosing, title: "new event", target: defaultTarget(state))
        if let index = selectedRecordIndex(state) {
            var label = "a copy of the selected record"
            if let summary = state.rows[index] {
                label = "a copy of record #\(summary.sequence) (\(summary.eventText))"
            } else if let record = state.detail?.record, state.detail?.recordIndex == index {
                label = "a copy of record #\(record.sequence)"
            }
            compose.choices.append(.copy(recordIndex: index, label: label))
        }
        compose.choices += SpecCatalogue.standardEventNames.map(ComposeState.Choice.template)
        state.compose = compose
        state.statusMessage = nil
    }

    private static func beginEditAndResend(_ state: inout AppState) {
        guard let index = selectedRecordIndex(state) else {
            state.statusMessage = .init("no record selected to edit", role: .warning, remainingTicks: 30)
            return
        }
        let sequence = state.rows[index]?.sequence ?? state.detail?.record?.sequence
        var compose = ComposeState(step: .editing, title: sequence.map { "record #\($0) edited" } ?? "record edited",
                                   target: defaultTarget(state))
        compose.choices = [.copy(recordIndex: index, label: "")]
        state.compose = compose
        state.statusMessage = nil
        state.effects.pending = .edit(.record(index))
    }

    // MARK: - Keys

    private static func applyComposeKey(_ key: Key, to state: inout AppState) {
        guard var compose = state.compose else { return }
        defer { if state.compose != nil { state.compose = compose } }
        switch compose.step {
        case .choosing:
            let last = compose.choices.count - 1
            switch key {
            case .down, .character("j"): compose.choiceIndex = min(last, compose.choiceIndex + 1)
            case .up, .character("k"): compose.choiceIndex = max(0, compose.choiceIndex - 1)
            case .pageDown: compose.choiceIndex = min(last, compose.choiceIndex + 10)
            case .pageUp: compose.choiceIndex = max(0, compose.choiceIndex - 10)
            case .home, .character("g"): compose.choiceIndex = 0
            case .end, .character("G"): compose.choiceIndex = last
            case .enter, .right, .character("l"):
                guard compose.choices.indices.contains(compose.choiceIndex) else { return }
                let choice = compose.choices[compose.choiceIndex]
                compose.title = choice.templateTitle
                compose.step = .editing
                state.effects.pending = .edit(choice.source)
            case .escape, .character("q"):
                state.compose = nil
            default: break
            }
        case .editing:
            break
        case .sending:
            // The answer still comes, as a status message and a jump to the sent record.
            if key == .escape {
                state.compose = nil
                state.statusMessage = .init("still sending: the answer will show here", remainingTicks: 40)
            }
        case .builtInEditor:
            guard var area = compose.textArea else { return }
            switch key {
            case .control("s"):
                compose.text = area.text
                compose.textArea = nil
                compose.step = .editing
                state.effects.pending = .validate(compose.text)
            case .escape:
                // Back to the review when there is one, else the compose is dropped.
                compose.textArea = nil
                if compose.report != nil { compose.step = .reviewing } else { state.compose = nil }
            default:
                _ = area.apply(key)
                area.scroll(toShow: ComposeView.editorHeight(state))
                compose.textArea = area
            }
        case .reviewing:
            switch key {
            case .enter:
                if compose.errorCount > 0 { edit(&compose, in: &state) } else { send(&compose, in: &state) }
            case .character("!"), .character("s"):
                // s sends a valid event; ! sends whatever it holds.
                if key == .character("!") || compose.errorCount == 0 {
                    send(&compose, in: &state)
                } else {
                    state.statusMessage = .init("the event has errors: ⏎ edits it, ! sends it anyway", role: .warning, remainingTicks: 40)
                }
            case .character("e"): edit(&compose, in: &state)
            case .character("t"):
                compose.fieldDraft = compose.target
                compose.step = .typing(.target)
            case .character("i"):
                compose.fieldDraft = compose.siteId
                compose.step = .typing(.site)
            case .down, .character("j"):
                let lines = compose.text.count { $0 == "\n" } + 4 * compose.findings.count + 4
                compose.scroll = min(compose.scroll + 1, lines)
            case .up, .character("k"): compose.scroll = max(0, compose.scroll - 1)
            case .escape, .character("q"):
                state.compose = nil
                state.statusMessage = .init("compose cancelled: nothing sent", remainingTicks: 30)
            default: break
            }
        case .typing(let field):
            switch key {
            case .character(let character): compose.fieldDraft.append(character)
            case .backspace, .delete, .control("h"): if !compose.fieldDraft.isEmpty { compose.fieldDraft.removeLast() }
            case .control("u"): compose.fieldDraft = ""
            case .enter:
                let text = compose.fieldDraft.trimmingSpaces
                if field == .target { compose.target = text } else { compose.siteId = text }
                compose.step = .reviewing
            case .escape: compose.step = .reviewing
            default: break
            }
        }
    }

    /// Back to the editor with the text as it is.
    private static func edit(_ compose: inout ComposeState, in state: inout AppState) {
        compose.step = .editing
        state.effects.pending = .edit(.text(compose.text))
    }

    private static func send(_ compose: inout ComposeState, in state: inout AppState) {
        compose.step = .sending
        state.effects.pending = .send(text: compose.text, target: compose.target, siteId: compose.siteId)
    }

    // MARK: - Results

    private static func applyEffectResult(_ result: AppEffectResult, to state: inout AppState) {
        switch result {
        case .edited(let text, let report, let siteId):
            guard var compose = state.compose else { return }
            compose.text = text
            compose.report = report
            compose.scroll = 0
            if compose.siteId.isEmpty, let siteId { compose.siteId = siteId }
            compose.step = .reviewing
            state.compose = compose
        case .needsBuiltInEditor(let text, let siteId):
            guard var compose = state.compose else { return }
            if compose.siteId.isEmpty, let siteId { compose.siteId = siteId }
            var area = TextArea(text: text)
            area.scroll(toShow: ComposeView.editorHeight(state))
            compose.textArea = area
            compose.step = .builtInEditor
            state.compose = compose
        case .editFailed(let message):
            if state.compose?.report != nil {
                state.compose?.step = .reviewing
            } else {
                state.compose = nil
            }
            state.statusMessage = .init(message, role: .warning, remainingTicks: 50)
        case .sendRefused(let message):
            state.compose?.step = .reviewing
            state.statusMessage = .init(message, role: .error, remainingTicks: 80)
        case .sent(let status, let failure, let latency, let index, let sequence):
            state.compose = nil
            let record = sequence.map { " — record #\($0)" } ?? ""
            let time = String(Int(latency.rounded()))
            if let status {
                state.statusMessage = .init("sent: \(status) in \(time) ms\(record)", role: (200..<300).contains(status) ? .info : .error,
                                            remainingTicks: 80)
            } else {
                state.statusMessage = .init("sent, no answer: \(failure ?? "failed")\(record)", role: .error, remainingTicks: 80)
            }
            if let index {
                state.effects.jumpToRecordIndex = index
                state.screen = .stream
                state.detail = nil
            }
        case .replayProgress, .replayFinished, .replayRefused:
            applyReplayResult(result, to: &state)
        }
    }

    /// Selects the record to jump to once the list holds it.
    static func applyPendingJump(_ state: inout AppState) {
        guard let index = state.effects.jumpToRecordIndex, index < state.recordCount else { return }
        if state.filter.isActive {
            guard let position = state.filter.matches.firstIndex(of: index) else {
                // Not among the matches: wait for the scan to reach it, then give up.
                if state.filter.scannedCount > index { state.effects.jumpToRecordIndex = nil }
                return
            }
            state.selection = position
        } else {
            state.selection = index
        }
        state.effects.jumpToRecordIndex = nil
        state.isFollowing = state.selection == state.listCount - 1
    }
}

extension ComposeState.Choice {
    /// The compose screen's title once this start is picked.
    var templateTitle: String {
        switch self {
        case .copy(_, let label): label.hasPrefix("a ") ? String(label.dropFirst(2)) : label
        case .template(let name): "\(name) template"
        }
    }
}
