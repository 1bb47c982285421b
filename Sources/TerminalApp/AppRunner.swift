import CaptureLog
import TerminalUI
import Foundation

/// The application loop: keys, source updates and time become actions; the reducer updates the
/// state; what the state needs is read from the source; the frame is drawn when it changed.
///
/// Source updates are coalesced (only the newest count matters), keys are read before anything
/// else on every turn, and each turn reads a bounded amount from the source, so a flood of
/// records cannot starve the keyboard.
public struct AppRunner<Backend: TerminalBackend> {
    public let backend: Backend
    public let source: any RecordSource
    /// How long the loop waits for a key when a turn had nothing to do (it wakes at once for one).
    public var idleSleep: Duration = .milliseconds(15)
    /// How often `.tick` is sent.
    public var tickInterval: Duration = .milliseconds(100)
    /// Looks up the stored products of an opened record's items (the embedded collector's Product
    /// API catalogue); nil when there is none.
    public var catalogue: (@Sendable (CaptureRecord) async -> ItemCatalogue)?
    /// Compose, send and replay (AppRunner+Effects); nil where they are not available.
    public var effects: InspectorEffects?

    /// Performs what the filter bar and the command line ask (export, themes, the query history).
    public var finderEffects: FinderEffectPerformer

    public init(backend: Backend, source: any RecordSource, finderEffects: FinderEffectPerformer = FinderEffectPerformer()) {
        self.backend = backend
        self.source = source
        self.finderEffects = finderEffects
    }

    /// Runs until the user quits or a signal asks to stop; returns the last state.
    public func run(initialState: AppState) async -> AppState {
        var state = initialState
        let size = backend.size
        state = AppReducer.reduce(state, .resize(width: size.width, height: size.height))
        let latest = LatestEvent()
        let updates = source.updates()
        let follower = Task {
            for await event in updates { latest.store(event) }
        }
        defer { follower.cancel() }

        var previousFrame: ScreenBuffer?
        var drawnState: AppState?
        var failedIndexes = Set<Int>()
        let clock = ContinuousClock()
        var nextTick = clock.now.advanced(by: tickInterval)
        let inbox = EffectInbox()
        let runningReplay = RunningReplay()
        if let effects { effects.configure(&state.effects) }

        while !state.shouldQuit {
            var actions: [AppAction] = []
            var keysRead = 0
            while keysRead < 256, let key = backend.readKey() {
                keysRead += 1
                if key == .resize {
                    let size = backend.size
                    actions.append(.resize(width: size.width, height: size.height))
                } else {
                    actions.append(.key(key))
                }
            }
            actions += inbox.take()
            if backend.isStopRequested { actions.append(.quit) }
            if let event = latest.take() { actions.append(.source(event)) }
            if clock.now >= nextTick {
                actions.append(.tick)
                nextTick = clock.now.advanced(by: tickInterval)
            }
            for action in actions {
                state = AppReducer.reduce(state, action)
                if state.shouldQuit { break }
            }
            if state.shouldQuit { break }
            if let effect = state.effects.pending {
                state = AppReducer.reduce(state, .effectStarted)
                if await perform(effect, inbox: inbox, replay: runningReplay) {
                    // The terminal was handed over: draw everything again, at its size now.
                    previousFrame = nil
                    drawnState = nil
                    let size = backend.size
                    state = AppReducer.reduce(state, .resize(width: size.width, height: size.height))
                }
                continue
            }

            var redrawAll = false
            while !state.finder.effects.isEmpty {
                let effect = state.finder.effects.removeFirst()
                if case .useTheme(let name) = effect, let theme = finderEffects.theme(named: name, in: &state) {
                    backend.use(theme)
                    state = AppReducer.reduce(state, .effectFinished(.message("theme \(name)", isError: false)))
                    redrawAll = true
                    continue
                }
                if let result = await finderEffects.perform(effect, source: source) {
                    state = AppReducer.reduce(state, .effectFinished(result))
                }
            }
            if redrawAll {
                previousFrame = nil
                drawnState = nil
            }

            let loaded = await load(state, failedIndexes: &failedIndexes)
            state = loaded.state

            if state != drawnState {
                let frame = AppView.render(state)
                if frame != previousFrame {
                    backend.draw(frame, previous: previousFrame)
                    previousFrame = frame
                }
                drawnState = state
            }
            if actions.isEmpty && !loaded.didWork {
                await backend.waitForInput(timeout: idleSleep)
            }
        }
        return state
    }

    /// Reads what the state asks for: the visible rows, the opened record, a chunk of filter scan.
    private func load(_ state: AppState, failedIndexes: inout Set<Int>) async -> (state: AppState, didWork: Bool) {
        var state = state
        var didWork = false
        let missing = state.missingRowIndexes.filter { !failedIndexes.contains($0) }
        if !missing.isEmpty {
            var summaries: [RecordSummary] = []
            for index in missing {
                do {
                    summaries.append(RecordSummary(index: index, summary: try await source.summary(at: index)))
                } catch {
                    failedIndexes.insert(index)
                    state = AppReducer.reduce(state, .loadFailed(message: "cannot read record \(index + 1): \(error)"))
                }
            }
            state = AppReducer.reduce(state, .rowsLoaded(summaries))
            didWork = true
        }
        if let index = state.pendingDetailIndex {
            do {
                let record = try await source.record(at: index)
                let products = await catalogue?(record) ?? ItemCatalogue()
                state = AppReducer.reduce(state, .detailLoaded(index: index, record: record, catalogue: products))
            } catch {
                state = AppReducer.reduce(state, .loadFailed(message: "cannot read record \(index + 1): \(error)"))
                state = AppReducer.reduce(state, .key(.escape))
            }
            didWork = true
        }
        if let index = state.diff?.pendingIndex {
            do {
                state = AppReducer.reduce(state, .diffLoaded(index: index, record: try await source.record(at: index)))
            } catch {
                state = AppReducer.reduce(state, .loadFailed(message: "cannot read record \(index + 1): \(error)"))
                state = AppReducer.reduce(state, .key(.escape))
            }
            didWork = true
        }
        if let range = state.pendingFilterScan() {
            let query = state.filter.query
            // As `log filter` does: a record whose summary rules the query out (no such event
            // name, no such user id) is not decoded.
            let summariesCanRuleOut = query.canBeRuledOutByBodySummary
            var matches: [Int] = []
            for index in range {
                if summariesCanRuleOut, let summary = try? await source.summary(at: index),
                   query.rulesOut(summary.bodySummary) {
                    continue
                }
                if let record = try? await source.record(at: index), record.matches(query) {
                    matches.append(index)
                }
            }
            state = AppReducer.reduce(state, .filterScanned(generation: state.filter.generation, range: range, matches: matches))
            didWork = true
        }
        if let range = state.pendingTally {
            var counts = LogTally.Counts()
            for index in range {
                if let summary = try? await source.summary(at: index) { counts.add(summary) }
            }
            state = AppReducer.reduce(state, .tallied(counts, range: range))
            didWork = true
        }
        return (state, didWork)
    }
}

/// The newest source event, handed from the follower task to the loop (older ones are dropped).
final class LatestEvent: @unchecked Sendable {
    private let lock = NSLock()
    private var event: RecordSourceEvent?

    /// Keeps `newEvent`, except that a replacement not taken yet stays one (with the newer
    /// count): the loop must learn that what it read before no longer holds.
    func store(_ newEvent: RecordSourceEvent) {
        lock.withLock {
            if case .replaced(_, let reason)? = event, case .available(let count) = newEvent {
                event = .replaced(count: count, reason: reason)
            } else {
                event = newEvent
            }
        }
    }

    func take() -> RecordSourceEvent? {
        lock.withLock {
            defer { event = nil }
            return event
        }
    }
}
