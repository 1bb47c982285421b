import Foundation

/// What `trackscope replay` changes in each event before sending it again: fresh event ids,
/// timestamps moved, a `test_code`, another dialect. A pure value: `apply` takes the clock and the
/// id generator as arguments. The site (`--site`) is not part of the body in any dialect; it is
/// kept here so that one value describes the whole replay, and the request builder reads it.
///
/// Every change is made in the event's own dialect, in place: an id keeps its key, a timestamp
/// keeps its form (integer milliseconds stay integer milliseconds, a string of milliseconds stays a
/// string, seconds stay seconds, ISO-8601 stays ISO-8601). A field that is absent stays absent,
/// except `test_code`, which is added. With nothing to change, the body is not touched at all.
public struct ReplayTransform: Sendable, Hashable {
    /// How timestamps move.
    public enum TimeShift: Sendable, Hashable {
        /// Every event's timestamp becomes the moment its request is sent.
        case toNow
        /// Every timestamp moves by this many milliseconds (negative: earlier).
        case by(milliseconds: Int64)

        /// Reads `now`, or a signed offset with a unit: `+2h`, `-30m`, `+90s`, `+1d`, `-500ms`
        /// (the sign is required, so `2h` is refused as ambiguous).
        public init?(parsing text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased() == "now" {
                self = .toNow
                return
            }
            guard let sign = trimmed.first, sign == "+" || sign == "-" else { return nil }
            let rest = trimmed.dropFirst()
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            let unit = rest.dropFirst(digits.count).lowercased()
            guard !digits.isEmpty, digits.count <= 12, let amount = Int64(digits) else { return nil }
            let scale: Int64
            switch unit {
            case "ms": scale = 1
            case "s": scale = 1000
            case "m": scale = 60_000
            case "h": scale = 3_600_000
            case "d": scale = 86_400_000
            default: return nil
            }
            self = .by(milliseconds: (sign == "-" ? -amount : amount) * scale)
        }
    }

    /// Replace every event id with a new one.
    public var freshIds: Bool
    /// Move every timestamp.
    public var timeShift: TimeShift?
    /// Add (or replace) `test_code`: at the root in v2, in `properties` in legacy and v1.
    public var testCode: String?
    /// Send for this site instead of the recorded one (not in the body).
    public var siteId: String?
    /// Convert every event to this dialect first (`DialectConverter`).
    public var dialect: Dialect?

    public init(freshIds: Bool = false, timeShift: TimeShift? = nil, testCode: String? = nil,
                siteId: String? = nil, dialect: Dialect? = nil) {
        self.freshIds = freshIds
        self.timeShift = timeShift
        self.testCode = testCode
        self.siteId = siteId
        self.dialect = dialect
    }

    /// True when the body is sent exactly as recorded.
    public var leavesBodyAlone: Bool {
        !freshIds && timeShift == nil && testCode == nil && dialect == nil
    }

    /// The body to send for a recorded `body`: with nothing to change, or when the body is not
    /// JSON, the bytes as they are; otherwise every event (each member of `{"batch":[...]}` too)
    /// transformed and the whole printed compact. Also returns the dialect of the events sent
    /// (nil when a batch mixes dialects or the body is not JSON).
    /// - Parameters:
    ///   - nowMilliseconds: the sending time, for `.toNow`.
    ///   - newId: makes one fresh event id.
    public func apply(toBody body: [UInt8], nowMilliseconds: Int64, newId: () -> String)
        -> (body: [UInt8], dialect: Dialect?) {
        guard !leavesBodyAlone, let document = try? JSONParser.parseValue(body) else {
            return (body, nil)
        }
        if case .object(var root) = document, EventBody.isBatch(root), case .array(let events)? = root[EventBody.batchKey] {
            var dialects = Set<Dialect>()
            let changed = events.map { event -> JSONValue in
                let (value, dialect) = apply(toEvent: event, nowMilliseconds: nowMilliseconds, newId: newId)
                dialects.insert(dialect)
                return value
            }
            root[EventBody.batchKey] = .array(changed)
            return (JSONPrinter.compactBytes(.object(root)), dialects.count == 1 ? dialects.first : nil)
        }
        let (value, dialect) = apply(toEvent: document, nowMilliseconds: nowMilliseconds, newId: newId)
        return (JSONPrinter.compactBytes(value), dialect)
    }

    /// One event transformed: converted first when `dialect` is set, then every other change in
    /// the resulting dialect. Returns the event and its dialect.
    public func apply(toEvent event: JSONValue, nowMilliseconds: Int64, newId: () -> String)
        -> (value: JSONValue, dialect: Dialect) {
        guard case .object = event else { return (event, DialectDetector.detect(event)) }
        var value = event
        var dialect = DialectDetector.detect(value)
        if let target = self.dialect, target != .unknown, target != dialect {
            value = DialectConverter.convert(value, from: dialect, to: target).value
            dialect = target
        }
        let layout = NormalizedEvent.Layout.of(dialect)
        if freshIds {
            for path in Self.places(layout.eventId, rootKey: "event_id", in: value, dialect: dialect) {
                try? JSONEdit.set(path, .string(newId())).apply(to: &value)
            }
        }
        if let timeShift {
            for path in Self.places(layout.timestamp, rootKey: "event_timestamp", in: value, dialect: dialect) {
                guard let old = value[path], let moved = Self.shifted(old, by: timeShift, now: nowMilliseconds) else { continue }
                try? JSONEdit.set(path, moved).apply(to: &value)
            }
        }
        if let testCode {
            let path = (dialect == .legacy || dialect == .v1)
                ? JSONPath([.key("properties"), .key("test_code")]) : JSONPath([.key("test_code")])
            try? JSONEdit.set(path, .string(testCode)).apply(to: &value)
        }
        return (value, dialect)
    }

    /// Where the id (or timestamp) of `value` is: the dialect's place, and in v2 also the root,
    /// where the vendor's batch example puts them. Only places that exist.
    private static func places(_ path: JSONPath, rootKey: String, in value: JSONValue, dialect: Dialect) -> [JSONPath] {
        var found: [JSONPath] = []
        if value[path] != nil { found.append(path) }
        let root = JSONPath([.key(rootKey)])
        if path != root, dialect == .v2 || dialect == .unknown, value[root] != nil { found.append(root) }
        return found
    }

    /// `value` moved by `shift`, in its own form; nil when it is not a timestamp trackscope reads.
    static func shifted(_ value: JSONValue, by shift: TimeShift, now: Int64) -> JSONValue? {
        let timestamp = EventTimestamp(value)
        guard let old = timestamp.milliseconds else { return nil }
        let new: Int64
        switch shift {
        case .toNow: new = now
        case .by(let offset): new = old + offset
        }
        switch timestamp.form {
        case .integerMilliseconds: return .number(JSONNumber(validatedLiteral: String(new)))
        case .stringMilliseconds: return .string(String(new))
        case .integerSeconds: return .number(JSONNumber(validatedLiteral: String(new / 1000)))
        case .stringSeconds: return .string(String(new / 1000))
        case .iso8601: return .string(ISOTime.string(milliseconds: new))
        case .invalid: return nil
        }
    }
}
