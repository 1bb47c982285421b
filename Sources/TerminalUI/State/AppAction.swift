import CaptureLog

/// Everything that can happen to the UI: input, data from the source, time.
public enum AppAction: Sendable, Equatable {
    case key(Key)
    /// The terminal is now `width` x `height`.
    case resize(width: Int, height: Int)
    /// The source changed (records appended, the log appeared or failed).
    case source(RecordSourceEvent)
    /// Summaries of rows the state asked for (`missingRowIndexes`).
    case rowsLoaded([RecordSummary])
    /// The record the detail screen asked for (`pendingDetailIndex`).
    case detailLoaded(index: Int, record: CaptureRecord, catalogue: ItemCatalogue = ItemCatalogue())
    /// Records in `range` were checked against the filter of `generation`; `matches` are those
    /// that matched.
    case filterScanned(generation: Int, range: Range<Int>, matches: [Int])
    /// Reading from the source failed.
    case loadFailed(message: String)
    /// An effect the state asked for (`finder.effects`) was performed.
    case effectFinished(FinderEffectResult)
    /// Records `range` were counted for the header.
    case tallied(LogTally.Counts, range: Range<Int>)
    /// A timer beat (about ten a second): expires status messages.
    case tick
    /// Quit now (a signal, the end of input).
    case quit
    /// The loop took `EffectsState.pending` and is carrying it out (compose, send, replay).
    case effectStarted
    /// What came of an effect.
    case effect(AppEffectResult)
    /// A record the diff asked for (`DiffState.pendingIndex`).
    case diffLoaded(index: Int, record: CaptureRecord)
}
