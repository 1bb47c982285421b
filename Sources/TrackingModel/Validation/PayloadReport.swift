/// What `PayloadInspector` found in a payload: its events, each validated, and the findings about
/// the payload as a whole (parse errors, size limits, batch shape).
public struct PayloadReport: Sendable, Hashable {
    /// How the payload was read.
    public enum Shape: String, Sendable, Hashable {
        /// One event document.
        case event
        /// A `{"batch": [...]}` body.
        case batch
        /// A JSON array of events.
        case array
        /// One event per line.
        case jsonLines
    }

    public var shape: Shape
    public var events: [InspectedEvent]
    /// Findings about the whole payload: a parse error (then `events` is empty, except in JSON
    /// Lines where each broken line is its own event without a value), parse warnings, size limits.
    public var findings: [Finding]
    /// The size of the payload in bytes.
    public var byteCount: Int

    public init(shape: Shape, events: [InspectedEvent], findings: [Finding], byteCount: Int) {
        self.shape = shape
        self.events = events
        self.findings = findings
        self.byteCount = byteCount
    }

    /// The payload's findings followed by every event's.
    public var allFindings: [Finding] { findings + events.flatMap(\.findings) }

    /// True when anything is an error (the real endpoint would reject it, or drop data).
    public var hasErrors: Bool { allFindings.contains { $0.severity == .error } }
}
