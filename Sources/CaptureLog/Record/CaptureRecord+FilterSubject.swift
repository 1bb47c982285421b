import TrackingModel

/// A capture record as a `FilterSubject`: record metadata (direction, status, method, path,
/// site, sequence, findings, dialect) plus the events of its body. Field paths (`user.id`) and
/// `event:` look into the events: a batch record matches when any of its events does.
///
/// Build it once per record: the body is parsed once, on creation.
public struct CaptureRecordFilterSubject: FilterSubject, Sendable {
    public let record: CaptureRecord
    /// The body's events, each as an event subject.
    public let events: [EventFilterSubject]

    public init(record: CaptureRecord) {
        self.record = record
        self.events = record.events.map { EventFilterSubject(event: $0, findings: record.findings) }
    }

    /// A subject for one event of `record` (for `--events`: each event matched on its own).
    public init(record: CaptureRecord, event: JSONValue) {
        self.record = record
        self.events = [EventFilterSubject(event: event, findings: record.findings)]
    }

    public func filterValues(at path: JSONPath) -> [JSONValue] {
        if events.count == 1 { return events[0].filterValues(at: path) }
        return events.flatMap { $0.filterValues(at: path) }
    }

    public var filterEventName: String? { events.first?.filterEventName }
    public var filterEventNames: [String] { events.compactMap(\.filterEventName) }
    public var filterDialect: Dialect? { record.dialect ?? events.first?.filterDialect }
    public var filterDirection: String? { record.direction.rawValue }
    public var filterStatus: Int? { record.response?.status }
    public var filterFindings: [Finding] { record.findings }
    public var filterSiteId: String? { record.siteId }
    public var filterMethod: String? { record.method }
    public var filterPath: String? { record.path }
    public var filterSequence: UInt64? { record.sequence }

    /// Free text searches the request body as sent (and the path and query).
    public func filterContainsText(_ lowercasedNeedle: String) -> Bool {
        var needle = lowercasedNeedle
        return needle.withUTF8 { needleBytes in
            let inBody = record.requestBody.withUnsafeBufferPointer { body in
                if needleBytes.allSatisfy({ $0 < 0x80 }) { return FilterText.containsASCIINeedle(body, needleBytes) }
                return FilterText.contains(FilterText.foldedBytes(String(decoding: body, as: UTF8.self)), Array(needleBytes))
            }
            if inBody { return true }
            let location = record.path + "?" + record.query
            return FilterText.contains(FilterText.foldedBytes(location), Array(needleBytes))
        }
    }
}

extension CaptureRecord {
    /// This record as a filter subject.
    public var filterSubject: CaptureRecordFilterSubject { CaptureRecordFilterSubject(record: self) }

    /// Whether `query` selects this record (the empty query selects every record without parsing
    /// its body).
    public func matches(_ query: FilterQuery) -> Bool {
        query.matchesEverything || query.matches(filterSubject)
    }

    /// The events of the body that `query` matches on their own (with the record's metadata).
    public func events(matching query: FilterQuery) -> [JSONValue] {
        events.filter { query.matches(CaptureRecordFilterSubject(record: self, event: $0)) }
    }
}
