import Foundation

/// One event as a `FilterSubject`: its JSON value, plus what the caller knows about it (dialect,
/// findings, the raw text it was read from).
///
/// Field lookups are dialect-independent: a path is looked up in the event as sent, and when
/// nothing is there, in the event rewritten into the v2 shape (`NormalizedEvent.v2Value`). So
/// `user.id:42` matches a legacy or v1 event whose id is at `properties.user.id`, and
/// `context.event_id:x` matches a legacy `eventId`. `event:` matches the normalised name.
///
/// Cheap to create: the dialect, the normalised view and the folded text are computed on first
/// use, once.
public struct EventFilterSubject: FilterSubject, Sendable {
    /// The event as sent.
    public let event: JSONValue
    public let findings: [Finding]
    private let cache: Cache

    /// - Parameters:
    ///   - event: the event value.
    ///   - dialect: its dialect, when already known (detected otherwise).
    ///   - findings: its validation findings (for `sev:` and `code:`).
    ///   - rawText: the text it was parsed from, which free-text terms search; without it they
    ///     search the event's keys and scalar values.
    public init(event: JSONValue, dialect: Dialect? = nil, findings: [Finding] = [], rawText: String? = nil) {
        self.event = event
        self.findings = findings
        self.cache = Cache(event: event, dialect: dialect, rawText: rawText)
    }

    /// The same, with the raw text as UTF-8 bytes (invalid sequences are repaired).
    public init(event: JSONValue, dialect: Dialect? = nil, findings: [Finding] = [], rawBytes: [UInt8]) {
        self.init(event: event, dialect: dialect, findings: findings, rawText: String(decoding: rawBytes, as: UTF8.self))
    }

    /// The dialect given, or detected.
    public var dialect: Dialect { cache.dialect }

    public func filterValues(at path: JSONPath) -> [JSONValue] {
        let values = event.filterValues(at: path)
        if !values.isEmpty { return values }
        return cache.normalizedValues(at: path)
    }

    public var filterEventName: String? { cache.name }
    public var filterDialect: Dialect? { cache.dialect }
    public var filterFindings: [Finding] { findings }

    public func filterContainsText(_ lowercasedNeedle: String) -> Bool {
        cache.containsText(lowercasedNeedle)
    }
}

extension EventFilterSubject {
    /// What is derived from the event, computed on first use.
    private final class Cache: @unchecked Sendable {
        private let event: JSONValue
        private let givenDialect: Dialect?
        private let rawText: String?
        private let lock = NSLock()
        private var detectedDialect: Dialect?
        private var v2Value: JSONValue?
        private var gatheredText: String?
        private var folded: [UInt8]?

        init(event: JSONValue, dialect: Dialect?, rawText: String?) {
            self.event = event
            self.givenDialect = dialect
            self.rawText = rawText
        }

        var dialect: Dialect {
            if let givenDialect { return givenDialect }
            lock.lock()
            defer { lock.unlock() }
            if let detectedDialect { return detectedDialect }
            let detected = DialectDetector.detect(event)
            detectedDialect = detected
            return detected
        }

        /// `NormalizedEvent.name`, read directly by the same rule (`EventBody.name(of:)`;
        /// building the whole normalised view costs microseconds).
        var name: String? { EventBody.name(of: event) }

        /// The values at `path` in `NormalizedEvent.v2Value`, for a path missing from the event.
        ///
        /// A v2 event (or an unknown one without `properties`) differs from its v2 value only by
        /// a root `event_id` / `event_timestamp` moved into `context`, so for those the rewrite
        /// happens only for a `context` path of an event with such a root key. Older dialects are
        /// rewritten (once).
        func normalizedValues(at path: JSONPath) -> [JSONValue] {
            let dialect = self.dialect
            if dialect == .v2 || (dialect == .unknown && event["properties"] == nil) {
                guard path.components.first == .key("context"),
                      event["event_id"] != nil || event["event_timestamp"] != nil
                else { return [] }
            }
            lock.lock()
            defer { lock.unlock() }
            if v2Value == nil {
                v2Value = NormalizedEvent(event, dialect: dialect).v2Value
            }
            return v2Value!.filterValues(at: path)
        }

        func containsText(_ needle: String) -> Bool {
            var needle = needle
            return needle.withUTF8 { needleBytes in
                if FilterText.isASCII(needleBytes) {
                    // Search the raw bytes, folding on the fly: no copy of the text.
                    var text = rawText ?? gathered
                    return text.withUTF8 { FilterText.containsASCIINeedle($0, needleBytes) }
                }
                return foldedText.withUnsafeBufferPointer { FilterText.contains($0, needleBytes) }
            }
        }

        private var gathered: String {
            lock.lock()
            defer { lock.unlock() }
            if let gatheredText { return gatheredText }
            var text = ""
            Self.appendText(of: event, to: &text)
            gatheredText = text
            return text
        }

        private var foldedText: [UInt8] {
            let text = rawText ?? gathered
            lock.lock()
            defer { lock.unlock() }
            if let folded { return folded }
            let result = FilterText.foldedBytes(text)
            folded = result
            return result
        }

        /// Keys and scalar values, one per line.
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
}
