import Foundation

/// One event as a `FilterSubject`: its JSON value, plus what the caller knows about it (dialect,
/// findings, the raw text it was read from).
///
/// Field lookups are dialect-independent: a path is looked up in the event as sent, and when
/// nothing is there, in the event rewritten into the v2 shape (`NormalizedEvent.v2Value`). So
/// `user.id:42` matches a legacy or v1 event whose id is at `properties.user.id`, and
/// `context.event_id:x` matches a legacy `eventId`. `event:` matches the normalised name.
public struct EventFilterSubject: FilterSubject, Sendable {
    /// The event as sent.
    public let event: JSONValue
    public let dialect: Dialect
    public let findings: [Finding]
    /// The folded text free-text terms search: the raw text when given, else the event's keys
    /// and scalar values, one per line.
    private let foldedText: [UInt8]
    private let normalized: LazyNormalized

    /// - Parameters:
    ///   - event: the event value.
    ///   - dialect: its dialect, when already known (detected otherwise).
    ///   - findings: its validation findings (for `sev:` and `code:`).
    ///   - rawText: the text it was parsed from (for free-text terms).
    public init(event: JSONValue, dialect: Dialect? = nil, findings: [Finding] = [], rawText: String? = nil) {
        self.event = event
        let dialect = dialect ?? DialectDetector.detect(event)
        self.dialect = dialect
        self.findings = findings
        if let rawText {
            foldedText = FilterText.foldedBytes(rawText)
        } else {
            var text = ""
            Self.appendText(of: event, to: &text)
            foldedText = FilterText.foldedBytes(text)
        }
        normalized = LazyNormalized(event: event, dialect: dialect)
    }

    /// The same, with the raw text as UTF-8 bytes (invalid sequences are repaired).
    public init(event: JSONValue, dialect: Dialect? = nil, findings: [Finding] = [], rawBytes: [UInt8]) {
        self.init(event: event, dialect: dialect, findings: findings, rawText: String(decoding: rawBytes, as: UTF8.self))
    }

    public func filterValues(at path: JSONPath) -> [JSONValue] {
        let values = event.filterValues(at: path)
        if !values.isEmpty { return values }
        return normalized.v2Value.filterValues(at: path)
    }

    public var filterEventName: String? { normalized.name }
    public var filterDialect: Dialect? { dialect }
    public var filterFindings: [Finding] { findings }

    public func filterContainsText(_ lowercasedNeedle: String) -> Bool {
        FilterText.contains(foldedText, Array(lowercasedNeedle.utf8))
    }

    private static func appendText(of value: JSONValue, to text: inout String) {
        switch value {
        case .null, .bool, .number, .string:
            if let scalar = value.scalarText {
                text += scalar
                text += "\n"
            }
        case .array(let elements):
            for element in elements { appendText(of: element, to: &text) }
        case .object(let object):
            for member in object.members {
                text += member.key
                text += "\n"
                appendText(of: member.value, to: &text)
            }
        }
    }
}

/// The normalised view of an event, computed on first use (most queries never need it).
private final class LazyNormalized: @unchecked Sendable {
    private let event: JSONValue
    private let dialect: Dialect
    private let lock = NSLock()
    private var cached: (name: String?, v2Value: JSONValue)?

    init(event: JSONValue, dialect: Dialect) {
        self.event = event
        self.dialect = dialect
    }

    private var value: (name: String?, v2Value: JSONValue) {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let normalized = NormalizedEvent(event, dialect: dialect)
        let result = (normalized.name, normalized.v2Value)
        cached = result
        return result
    }

    var name: String? { value.name }
    var v2Value: JSONValue { value.v2Value }
}
