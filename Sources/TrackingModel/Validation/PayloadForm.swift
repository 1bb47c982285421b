/// How a payload should be read by `PayloadInspector`.
public enum PayloadForm: String, Sendable, Hashable, CaseIterable {
    /// One event (the body of `POST /events`): at most 32 KB.
    case event
    /// A batch body `{"batch": [event, ...]}` (a bare array is accepted with a warning): at most
    /// 500 KB, each event at most 32 KB.
    case batch
    /// Decide from the content: one event, a JSON array of events, a `{"batch": [...]}` body, or
    /// JSON Lines (one event a line).
    case automatic
}
