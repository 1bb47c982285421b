import TrackingModel

/// The collector's reading of an event payload: the model's `PayloadInspector` report, plus what
/// the collector needs to answer (the parse error, the events' byte ranges and names).
struct PayloadAnalysis: Sendable {
    struct Event: Sendable {
        var value: JSONValue?
        var dialect: Dialect
        var findings: [Finding]
        var byteRange: Range<Int>
        var name: String? {
            value.flatMap(EventBody.name(of:))
        }
    }

    /// The codes of payload findings that make the body invalid JSON (answered 400).
    static let parseErrorCodes: Set<String> = ["invalid-json", "invalid-utf8", "too-deep", "empty-input"]

    var events: [Event]
    /// Findings about the payload as a whole.
    var findings: [Finding]

    /// The parse error, when the body is not JSON.
    var parseError: Finding? {
        findings.first { Self.parseErrorCodes.contains($0.code) }
    }

    /// Reads one event (`batch == false`) or a `{"batch":[...]}` body.
    init(bytes: [UInt8], batch: Bool) {
        let report = PayloadInspector.inspect(bytes: bytes, form: batch ? .batch : .event)
        self.events = report.events.map {
            Event(value: $0.value, dialect: $0.dialect, findings: $0.findings, byteRange: $0.byteRange)
        }
        self.findings = report.findings
    }
}
