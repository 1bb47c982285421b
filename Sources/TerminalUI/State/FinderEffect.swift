import CaptureLog
import TrackingModel

/// Something the UI asks the application around it to do (TerminalUI touches no file, process or
/// terminal): the reducer queues it in `state.finder.effects`, the loop performs it and reports
/// the outcome as `AppAction.effectFinished`.
public enum FinderEffect: Sendable, Hashable {
    /// Write the records `query` selects (every record for `.all`) to `path` in `format`.
    case export(CaptureExportWriter.Format, path: String, query: FilterQuery)
    /// Use the theme called `name`.
    case useTheme(name: String)
    /// Find the record with this sequence number (answered with `.located`).
    case locate(sequence: UInt64)
    /// Keep the filter queries for the next run.
    case saveQueryHistory([String])
}

/// What became of an effect.
public enum FinderEffectResult: Sendable, Hashable {
    /// Done or failed, in words for the status line.
    case message(String, isError: Bool)
    /// The record with `sequence` is at `index` (nil: there is no such record).
    case located(sequence: UInt64, index: Int?)
}
