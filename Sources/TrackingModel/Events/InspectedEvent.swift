/// One event of an inspected payload.
public struct InspectedEvent: Sendable, Hashable {
    /// The event, nil when its JSON Lines line could not be parsed.
    public var value: JSONValue?
    public var dialect: Dialect
    /// Validation findings (paths relative to this event) with line and column in the input.
    public var findings: [Finding]
    /// Where the event's source bytes are in the input.
    public var byteRange: Range<Int>
    /// The 1-based line of the input where the event starts.
    public var line: Int

    public init(value: JSONValue?, dialect: Dialect, findings: [Finding], byteRange: Range<Int>, line: Int) {
        self.value = value
        self.dialect = dialect
        self.findings = findings
        self.byteRange = byteRange
        self.line = line
    }

    /// The most severe finding's severity, nil when there is none.
    public var worstSeverity: Finding.Severity? { findings.map(\.severity).max() }
}
