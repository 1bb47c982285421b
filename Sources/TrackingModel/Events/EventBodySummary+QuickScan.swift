extension EventBodySummary {
    /// The summary of a body, as `init(reading:)` gives it (`userIdsCoverFilter` may be false
    /// where the full reading says true), read in one pass with `JSONPullReader` without building
    /// the JSON tree: the capture log writer calls it on every append.
    public static func quickScan(_ bytes: [UInt8]) -> EventBodySummary {
        bytes.withUnsafeBufferPointer { quickScan($0) }
    }

    /// The summary of a body held in `buffer` (see `quickScan(_:)` for `[UInt8]`).
    public static func quickScan(_ buffer: UnsafeBufferPointer<UInt8>) -> EventBodySummary {
        if buffer.allSatisfy(isWhitespace) {
            return EventBodySummary(eventNames: [], userIds: [], userIdsCoverFilter: true, noEventsReason: .emptyBody)
        }
        if let tally = documentEvents(buffer) ?? jsonLinesEvents(buffer) {
            return tally.summary
        }
        return EventBodySummary(eventNames: [], userIds: [], userIdsCoverFilter: true, noEventsReason: .invalidJSON)
    }

    /// The summary `quickScan(_:)` gives for any text the parser reads as `value` (a document:
    /// not JSON Lines), read from the value instead of the text: for a caller that has parsed the
    /// body anyway (the collector). The same scan as the bytes', over `JSONValueReader`. Nil
    /// should the value reader fail (the scan asks each value only for what it peeked it to
    /// be): the caller then scans the bytes.
    public static func quickScan(document value: JSONValue) -> EventBodySummary? {
        var reader = JSONValueReader(value)
        return try? documentTally(&reader).summary
    }

    /// The events of a body that is one document (a byte-order mark may start it); nil when it
    /// is not one.
    private static func documentEvents(_ buffer: UnsafeBufferPointer<UInt8>) -> EventTally? {
        do throws(JSONReadError) {
            var reader = JSONPullReader(buffer)
            skipByteOrderMark(&reader)
            let tally = try documentTally(&reader)
            reader.skipWhitespace()
            guard reader.isAtEnd else { return nil }
            return tally
        } catch {
            return nil
        }
    }

    /// The events of the document's value at `reader`: an array's elements, a batch's events, or
    /// the value itself.
    private static func documentTally<Reader: EventValueReader>(_ reader: inout Reader) throws(JSONReadError) -> EventTally {
        var tally = EventTally()
        switch reader.peek() {
        case UInt8(ascii: "[")?:
            try reader.readArray { (reader: inout Reader) throws(JSONReadError) in
                tally.add(try readEvent(&reader))
            }
        case UInt8(ascii: "{")?:
            let top = try readTopObject(&reader)
            if !top.hasOwnName, let batch = top.batch {
                for event in batch { tally.add(event) }
            } else {
                tally.add(top.event)
            }
        default:
            try reader.skipValue()
            tally.add(EventFacts(name: nil, userId: nil, coversFilter: true))
        }
        return tally
    }

    /// The events of a JSON Lines body (`EventBody.isJSONLines`: at least two non-blank lines,
    /// every one a document, the first an object); nil when it is not one.
    private static func jsonLinesEvents(_ buffer: UnsafeBufferPointer<UInt8>) -> EventTally? {
        // A body whose first character is not `{` is not JSON Lines: no need to split it.
        var first = JSONPullReader(buffer)
        first.skipWhitespace()
        skipByteOrderMark(&first)
        guard first.peek() == UInt8(ascii: "{") else { return nil }
        let lines = EventBody.nonBlankLines(buffer)
        guard lines.count >= 2 else { return nil }
        var tally = EventTally()
        for (index, line) in lines.enumerated() {
            do throws(JSONReadError) {
                var reader = JSONPullReader(UnsafeBufferPointer(rebasing: buffer[line]))
                skipByteOrderMark(&reader)
                if index == 0, reader.peek() != UInt8(ascii: "{") { return nil }
                tally.add(try readEvent(&reader))
                reader.skipWhitespace()
                guard reader.isAtEnd else { return nil }
            } catch {
                return nil
            }
        }
        return tally
    }

    /// A top-level object: what it says as an event, whether it has a name key at all, and the
    /// events of its `batch` when that is an array (the last of repeated keys counts).
    private static func readTopObject<Reader: EventValueReader>(_ reader: inout Reader) throws(JSONReadError) -> (event: EventFacts, hasOwnName: Bool, batch: [EventFacts]?) {
        var scan = EventScan()
        var hasOwnName = false
        var batch: [EventFacts]?
        try reader.readObject { (reader: inout Reader, key: JSONPullKey) throws(JSONReadError) in
            if key.matches("batch") {
                if reader.peek() == UInt8(ascii: "[") {
                    var list: [EventFacts] = []
                    try reader.readArray { (reader: inout Reader) throws(JSONReadError) in
                        list.append(try readEvent(&reader))
                    }
                    batch = list
                } else {
                    batch = nil
                    try reader.skipValue()
                }
                return
            }
            if key.matches("event_name") || key.matches("event") { hasOwnName = true }
            try scan.read(key, &reader)
        }
        return (scan.facts, hasOwnName, batch)
    }

    /// Reads one value (an event) and says what it is called and whose it is.
    private static func readEvent<Reader: EventValueReader>(_ reader: inout Reader) throws(JSONReadError) -> EventFacts {
        guard reader.peek() == UInt8(ascii: "{") else {
            // An array event fans out under the filter language's key steps (`user.id` reads
            // each element's): not a shape the summary speaks for.
            let isArray = reader.peek() == UInt8(ascii: "[")
            try reader.skipValue()
            return EventFacts(name: nil, userId: nil, coversFilter: !isArray)
        }
        var scan = EventScan()
        try reader.readObject { (reader: inout Reader, key: JSONPullKey) throws(JSONReadError) in
            try scan.read(key, &reader)
        }
        return scan.facts
    }

    /// A UTF-8 byte-order mark at the reader's offset is stepped over, as `JSONParser` does at the
    /// start of its input.
    private static func skipByteOrderMark(_ reader: inout JSONPullReader) {
        let o = reader.offset
        if o + 3 <= reader.end, reader.byte(at: o) == 0xEF, reader.byte(at: o + 1) == 0xBB, reader.byte(at: o + 2) == 0xBF {
            reader.offset = o + 3
        }
    }
}

/// What the summary keeps of one event.
private struct EventFacts {
    var name: String?
    /// `NormalizedEvent.user.id`.
    var userId: String?
    /// Whether the filter language's values at `user.id` are at most `userId`.
    var coversFilter: Bool
}

/// The events of a body as they are read, in order.
private struct EventTally {
    var names: [String] = []
    var userIds: [String] = []
    var coversFilter = true
    var count = 0

    mutating func add(_ event: EventFacts) {
        count += 1
        if let name = event.name { names.append(name) }
        if let id = event.userId, !userIds.contains(id) { userIds.append(id) }
        if !event.coversFilter { coversFilter = false }
    }

    var summary: EventBodySummary {
        EventBodySummary(eventNames: names, userIds: userIds, userIdsCoverFilter: coversFilter,
                         noEventsReason: !names.isEmpty ? nil : count == 0 ? .noEvents : .noEventName)
    }
}

/// One event object read member by member: its name (`EventBody.name(of:)`), the evidence
/// `DialectDetector` weighs, and where its user may be, so that its `NormalizedEvent.user.id` and
/// the filter language's `user.id` values come out without the JSON tree. With repeated keys the
/// last one counts, as in `JSONObject`.
private struct EventScan {
    /// What a `user` member holds.
    enum UserSlot: Equatable {
        case absent
        case object(IdSlot)
        case array
        /// A string, number, boolean or null: no user.
        case other
    }

    /// What a user's `id` member holds.
    enum IdSlot: Equatable {
        case absent
        /// A string as sent, or a number's literal: `NormalizedEvent.User.id`.
        case text(String)
        /// Null or an object: no id, and no value for the filter either.
        case nothing
        /// A boolean or an array: no id, but values for the filter.
        case other
    }

    var name: String?
    var legacyName: String?
    var legacyScore = 0
    var v1Score = 0
    var v2Score = 0
    var hasProperties = false
    var rootUserCount = 0
    var rootUser = UserSlot.absent
    /// The `user` of the last `properties` member, when that is an object.
    var propertiesUserCount = 0
    var propertiesUser = UserSlot.absent
    var propertiesIsObject = false

    mutating func read<Reader: EventValueReader>(_ key: JSONPullKey, _ reader: inout Reader) throws(JSONReadError) {
        let isObject = reader.peek() == UInt8(ascii: "{")
        switch key.bytes.count {
        case 4 where key.matches("user"):
            rootUserCount += 1
            if isObject { v2Score += 1 }
            rootUser = try Self.readUser(&reader)
            return
        case 4 where key.matches("page"):
            if isObject { v1Score += 1 }
        case 5 where key.matches("event"):
            let isString = reader.peek() == UInt8(ascii: "\"")
            legacyScore += isString ? 4 : 1
            legacyName = isString ? try reader.readString() : nil
            if !isString { try reader.skipValue() }
            return
        case 6 where key.matches("device"):
            guard isObject else { break }
            try reader.readObject { (reader: inout Reader, key: JSONPullKey) throws(JSONReadError) in
                if key.matches("userAgent") || key.matches("cookies") {
                    legacyScore += 1
                } else if key.matches("user_agent") || key.matches("cookie") {
                    v1Score += 1
                }
                try reader.skipValue()
            }
            return
        case 7 where key.matches("context"):
            if isObject { v2Score += 4 }
        case 7 where key.matches("eventId"), 14 where key.matches("eventTimestamp"):
            legacyScore += 3
        case 8 where key.matches("event_id"):
            v1Score += 3
        case 10 where key.matches("event_name"):
            v1Score += 2
            v2Score += 2
            let isString = reader.peek() == UInt8(ascii: "\"")
            name = isString ? try reader.readString() : nil
            if !isString { try reader.skipValue() }
            return
        case 10 where key.matches("properties"):
            hasProperties = true
            propertiesIsObject = isObject
            propertiesUserCount = 0
            propertiesUser = .absent
            guard isObject else { break }
            legacyScore += 2
            v1Score += 2
            try reader.readObject { (reader: inout Reader, key: JSONPullKey) throws(JSONReadError) in
                if key.matches("user") {
                    propertiesUserCount += 1
                    propertiesUser = try Self.readUser(&reader)
                } else {
                    try reader.skipValue()
                }
            }
            return
        case 15 where key.matches("event_timestamp"):
            v1Score += 1
        default:
            break
        }
        try reader.skipValue()
    }

    private static func readUser<Reader: EventValueReader>(_ reader: inout Reader) throws(JSONReadError) -> UserSlot {
        switch reader.peek() {
        case UInt8(ascii: "{")?:
            var id = IdSlot.absent
            try reader.readObject { (reader: inout Reader, key: JSONPullKey) throws(JSONReadError) in
                if key.matches("id") { id = try readId(&reader) } else { try reader.skipValue() }
            }
            return .object(id)
        case UInt8(ascii: "[")?:
            try reader.skipValue()
            return .array
        default:
            try reader.skipValue()
            return .other
        }
    }

    private static func readId<Reader: EventValueReader>(_ reader: inout Reader) throws(JSONReadError) -> IdSlot {
        switch reader.peek() {
        case UInt8(ascii: "\"")?:
            return .text(try reader.readString())
        case UInt8(ascii: "-")?, (UInt8(ascii: "0")...UInt8(ascii: "9"))?:
            return .text(try reader.readNumberLiteral())
        case UInt8(ascii: "n")?, UInt8(ascii: "{")?:
            try reader.skipValue()
            return .nothing
        default:
            try reader.skipValue()
            return .other
        }
    }

    var facts: EventFacts {
        let dialect = DialectDetector.dialect(legacyScore: legacyScore, v1Score: v1Score, v2Score: v2Score)
        let userId: String?
        switch dialect {
        case .legacy, .v1: userId = Self.id(propertiesUser)
        case .v2: userId = Self.id(rootUser)
        case .unknown: userId = rootUserCount > 0 ? Self.id(rootUser) : Self.id(propertiesUser)
        }
        return EventFacts(name: name ?? legacyName, userId: userId, coversFilter: coversFilter(dialect: dialect, userId: userId))
    }

    private static func id(_ user: UserSlot) -> String? {
        if case .object(.text(let text)) = user { return text }
        return nil
    }

    /// Whether `EventFilterSubject`'s values at `user.id` are at most `userId`: those of the
    /// event as sent (the last root `user`), else those of its v2 rewrite (`DialectConverter`:
    /// the older dialects' `properties.user`, else the root `user`).
    private func coversFilter(dialect: Dialect, userId: String?) -> Bool {
        if rootUserCount > 1 || propertiesUserCount > 1 { return false }
        func covered(_ id: IdSlot) -> Bool {
            switch id {
            case .absent, .nothing: true
            case .text(let text): text == userId
            case .other: false
            }
        }
        switch rootUser {
        case .array: return false
        case .object(let id) where id != .absent: return covered(id)
        default: break
        }
        if dialect == .v2 || (dialect == .unknown && !hasProperties) { return true }
        switch propertiesIsObject && propertiesUserCount > 0 ? propertiesUser : rootUser {
        case .array: return false
        case .object(let id): return covered(id)
        case .absent, .other: return true
        }
    }
}
