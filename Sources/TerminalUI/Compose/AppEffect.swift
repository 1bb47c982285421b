import TrackingModel

/// Something the reducer asks the running app to do outside the pure UI: hand the terminal to an
/// editor, send an event, replay records. The reducer leaves it in `EffectsState.pending`; the
/// loop takes it (`AppAction.effectStarted`) and reports the outcome as `AppAction.effect(_:)`.
public enum AppEffect: Sendable, Equatable {
    /// Get the text of `source` and let the user edit it: in `$VISUAL`/`$EDITOR` when one is set
    /// (answers `.edited`), else in the built-in editor (answers `.needsBuiltInEditor`).
    case edit(ComposeSource)
    /// Validate `text` as the validator of `trackscope validate` does (answers `.edited`).
    case validate(String)
    /// Send `text` to `target` for `siteId` through the Sender (answers `.sent`).
    case send(text: String, target: String, siteId: String)
    /// Replay the records at `recordIndexes` as `trackscope replay` does (answers `.replayProgress`
    /// and `.replayFinished`).
    case replay(recordIndexes: [Int], order: ReplayOrder)
    /// Stop the replay running: no new request starts, those in flight are cancelled (and
    /// recorded), and it ends with the summary so far (answers `.replayFinished`).
    case stopReplay
}

/// Where the text to edit comes from.
public enum ComposeSource: Sendable, Equatable {
    /// The annotated example of a standard event (v2).
    case template(String)
    /// The request body of the record at this index.
    case record(Int)
    /// Text already edited.
    case text(String)
}

/// What came of an effect.
public enum AppEffectResult: Sendable, Equatable {
    /// The edited text and its validation (`siteId`: the record's site, when it came from one).
    case edited(text: String, report: PayloadReport, siteId: String?)
    /// No external editor: edit `text` in the built-in one.
    case needsBuiltInEditor(text: String, siteId: String?)
    /// The editor left the text unchanged or could not run; `message` says which.
    case editFailed(message: String)
    /// The send ended: `status` of the answer (nil when none came), or `failure`; the `sent`
    /// record's index in the source when it is there.
    case sent(status: Int?, failure: String?, latencyMilliseconds: Double, sentRecordIndex: Int?, sequence: UInt64?)
    /// The send could not start (a bad target URL, no site, no key).
    case sendRefused(message: String)
    /// Replay progress: requests done of `total`, and how many failed so far.
    case replayProgress(done: Int, total: Int, failed: Int)
    /// The replay ended; `summary` is its one-line outcome.
    case replayFinished(summary: String, failed: Int)
    /// The replay could not start (a bad rate, target or time shift).
    case replayRefused(message: String)
}
