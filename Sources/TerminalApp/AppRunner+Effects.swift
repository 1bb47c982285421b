import Foundation
import Synchronization
import TerminalUI

/// Results of effects, handed from the tasks that carry them out to the loop (in order).
final class EffectInbox: Sendable {
    private let actions = Mutex<[AppAction]>([])

    func post(_ action: AppAction) {
        actions.withLock { $0.append(action) }
    }

    /// Posts a replay's progress, replacing progress not taken yet (only the newest matters).
    func postProgress(_ result: AppEffectResult) {
        actions.withLock { actions in
            if case .effect(.replayProgress)? = actions.last { actions.removeLast() }
            actions.append(.effect(result))
        }
    }

    func take() -> [AppAction] {
        actions.withLock { actions in
            defer { actions = [] }
            return actions
        }
    }
}

/// The task of the replay running, if any, so that `X` can stop it.
final class RunningReplay: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    func start(_ operation: @escaping @Sendable () async -> Void) {
        task.withLock { $0 = Task { await operation() } }
    }

    /// Cancels the replay: the replayer then ends with the summary so far.
    func stop() {
        task.withLock { $0?.cancel() }
    }
}

extension AppRunner {
    /// Carries out `effect`: the editor in this task, with the terminal handed over (the source
    /// keeps being followed meanwhile); sending and replaying in tasks of their own, so that the
    /// loop goes on. Results come back through `inbox`. Returns true when the terminal was handed
    /// over (the next frame must be drawn whole).
    func perform(_ effect: AppEffect, inbox: EffectInbox, replay running: RunningReplay) async -> Bool {
        guard let effects else {
            inbox.post(.effect(.editFailed(message: "composing and sending are not available here")))
            return false
        }
        let source = self.source
        switch effect {
        case .edit(let composeSource):
            guard let loaded = await effects.text(for: composeSource, records: source) else {
                inbox.post(.effect(.editFailed(message: "cannot read that record or template")))
                return false
            }
            let (text, siteId) = loaded
            guard let editor = effects.editor else {
                inbox.post(.effect(.needsBuiltInEditor(text: text, siteId: siteId)))
                return false
            }
            backend.suspend()
            let outcome = await editor.edit(text)
            backend.resume()
            switch outcome {
            case .edited(let edited):
                inbox.post(.effect(.edited(text: edited, report: InspectorEffects.validate(edited), siteId: siteId)))
            case .failed(let message):
                inbox.post(.effect(.editFailed(message: message)))
            }
            return true
        case .validate(let text):
            inbox.post(.effect(.edited(text: text, report: InspectorEffects.validate(text), siteId: nil)))
            return false
        case .send(let text, let target, let siteId):
            Task {
                let result = await effects.send(text: text, target: target, siteId: siteId, records: source)
                inbox.post(.effect(result))
            }
            return false
        case .replay(let indexes, let order):
            running.start {
                let result = await effects.replay(indexes, order: order, records: source) { progress in
                    inbox.postProgress(progress)
                }
                inbox.post(.effect(result))
            }
            return false
        case .stopReplay:
            running.stop()
            return false
        }
    }
}
