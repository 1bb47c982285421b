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
        return cache.v2Value.filterValues(at: path)
    }

    public var filterEventName: String? { cache.name }
    public var filterDialect: Dialect? { cache.dialect }
    public var filterFindings: [Finding] { findings }

    public func filterContainsText(_ lowercasedNeedle: String) -> Bool {
        FilterText.contains(cache.foldedText, Array(lowercasedNeedle.utf8))
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
        private var normalized: (name: String?, v2Value: JSONValue)?
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
            return dialectLocked
        }

        private var dialectLocked: Dialect {
            if let givenDialect { return givenDialect }
            if let detectedDialect { return detectedDialect }
            let detected = DialectDetector.detect(event)
            detectedDialect = detected
            return detected
        }

        private var normalizedValue: (name: String?, v2Value: JSONValue) {
            lock.lock()
            defer { lock.unlock() }
            if let normalized { return normalized }
            let view = NormalizedEvent(event, dialect: dialectLocked)
            let result = (view.name, view.v2Value)
            normalized = result
            return result
        }

        var name: String? { normalizedValue.name }
        var v2Value: JSONValue { normalizedValue.v2Value }

        var foldedText: [UInt8] {
            lock.lock()
            defer { lock.unlock() }
            if let folded { return folded }
            let text: String
            if let rawText {
                text = rawText
            } else {
                var gathered = ""
                Self.appendText(of: event, to: &gathered)
                text = gathered
            }
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
