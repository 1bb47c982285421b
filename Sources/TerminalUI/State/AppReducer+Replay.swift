/// The replay form (`r`): the selected or marked records, sent again as `trackscope replay` would.
extension AppReducer {
    static func beginReplay(_ state: inout AppState) {
        let indexes = state.marks.isEmpty ? selectedRecordIndex(state).map { [$0] } ?? [] : state.marks.sorted
        guard !indexes.isEmpty else {
            state.statusMessage = .init("nothing to replay: select or mark records", role: .warning, remainingTicks: 30)
            return
        }
        if state.effects.replay != nil {
            state.statusMessage = .init("a replay is running: X stops it", role: .warning, remainingTicks: 30)
            return
        }
        state.replayForm = ReplayForm(recordIndexes: indexes, target: defaultTarget(state))
        state.statusMessage = nil
    }

    /// `X`: the replay running stops; its summary so far follows as `.replayFinished`.
    static func stopReplay(_ state: inout AppState) {
        guard let replay = state.effects.replay else {
            state.statusMessage = .init("no replay is running", role: .dim, remainingTicks: 20)
            return
        }
        guard !replay.isStopping else { return }
        state.effects.pending = .stopReplay
        state.effects.replay?.isStopping = true
        state.statusMessage = .init("replay: stopping after \(replay.done)/\(replay.total)…", role: .warning, remainingTicks: 600)
    }

    static func applyReplayFormKey(_ key: Key, to state: inout AppState) {
        guard var form = state.replayForm else { return }
        let fields = ReplayForm.Field.allCases
        switch key {
        case .escape:
            state.replayForm = nil
            return
        case .down, .tab:
            form.focus = fields[(form.focus.rawValue + 1) % fields.count]
        case .up, .backTab:
            form.focus = fields[(form.focus.rawValue + fields.count - 1) % fields.count]
        case .enter:
            state.effects.pending = .replay(recordIndexes: form.recordIndexes, order: form.order)
            state.effects.replay = ReplayProgress(total: form.recordIndexes.count)
            state.effects.replayStartedFrom = form
            state.statusMessage = .init("replay: starting \(TextFitting.counted(form.recordIndexes.count, "record"))", remainingTicks: 600)
            state.replayForm = nil
            return
        case .character(" ") where form.focus == .freshIds:
            form.order.freshIds.toggle()
        case .character(let character):
            guard let text = form.text(of: form.focus) else { break }
            form.setText(text + String(character), of: form.focus)
        case .backspace, .delete, .control("h"):
            guard let text = form.text(of: form.focus), !text.isEmpty else { break }
            form.setText(String(text.dropLast()), of: form.focus)
        case .control("u"):
            if form.text(of: form.focus) != nil { form.setText("", of: form.focus) }
        default:
            break
        }
        state.replayForm = form
    }

    static func applyReplayResult(_ result: AppEffectResult, to state: inout AppState) {
        switch result {
        case .replayProgress(let done, let total, let failed):
            // Progress that was on its way when X was pressed changes nothing.
            guard state.effects.replay?.isStopping != true else { break }
            state.effects.replay = ReplayProgress(done: done, total: total, failed: failed)
            state.statusMessage = .init("replay: \(done)/\(total) sent, \(failed) failed — X stops", role: failed > 0 ? .warning : .info,
                                        remainingTicks: 600)
        case .replayFinished(let summary, let failed):
            state.effects.replay = nil
            state.effects.replayStartedFrom = nil
            state.statusMessage = .init("replay done: \(summary)", role: failed > 0 ? .warning : .info, remainingTicks: 100)
        case .replayRefused(let message):
            state.effects.replay = nil
            // The form again, as it was, to fix what was refused.
            state.replayForm = state.effects.replayStartedFrom
            state.effects.replayStartedFrom = nil
            state.statusMessage = .init("replay not started: \(message)", role: .error, remainingTicks: 80)
        default:
            break
        }
    }
}
