/// What the UI knows of the effects it asks for: the one waiting to be taken by the loop, the
/// record to jump to once the source has it, what sending uses (told by the app at start), and
/// the progress of a replay.
public struct EffectsState: Sendable, Equatable {
    /// The effect the loop has not taken yet.
    public var pending: AppEffect?
    /// Select this record once the source holds it (the `sent` record of a compose).
    public var jumpToRecordIndex: Int?
    /// The environment variable holding the source key (`--key-env`), never the key itself.
    public var keyVariable: String?
    /// Whether that variable is set (the key is then sent; it is never shown).
    public var isKeySet = false
    /// Whether `$VISUAL` or `$EDITOR` names an editor; else the built-in editor is used.
    public var hasExternalEditor = false
    /// The replay running, when one is.
    public var replay: ReplayProgress?
    /// The form that started it: shown again when the app refuses the replay (a bad rate, ...).
    public var replayStartedFrom: ReplayForm?

    public init() {}

    /// "key from $TRACKSCOPE_KEY", "no key (--key-env not given)": what the forms show.
    public var keyDescription: String {
        guard let keyVariable else { return "no key (start with --key-env NAME to send one)" }
        return isKeySet ? "from $\(keyVariable) (hidden)" : "$\(keyVariable) is not set: none sent"
    }
}

/// A replay under way, for the status line.
public struct ReplayProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
    public var failed: Int
    /// X was pressed: the replay is being stopped.
    public var isStopping = false

    public init(done: Int = 0, total: Int, failed: Int = 0) {
        self.done = done
        self.total = total
        self.failed = failed
    }
}
