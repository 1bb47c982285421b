/// What a list row and a filter's quick check need to know about a request body: its event names,
/// the users its events are about, and why it has no named event when it has none.
///
/// `quickScan(_:)` reads it in one pass with `JSONPullReader`, without building the JSON tree (the
/// capture log writer derives a line's `events` and `users` summaries with it on every append);
/// `init(reading:)` derives it from the body read in full (`EventBody`, `NormalizedEvent`), the
/// reference the quick scan is tested and fuzzed against.
public struct EventBodySummary: Sendable, Hashable {
    /// Why a body has no named event.
    public enum NoEventsReason: String, Sendable, Hashable, CaseIterable {
        /// Nothing but whitespace (or nothing at all).
        case emptyBody = "empty"
        /// Neither one JSON document nor JSON Lines (`EventBody.read` refuses it).
        case invalidJSON = "invalid"
        /// JSON without events: `[]`, `{"batch":[]}`.
        case noEvents = "none"
        /// Events, none of them named.
        case noEventName = "unnamed"
    }

    /// The names of the events that have one, in order (`EventBody.eventNames`).
    public var eventNames: [String]
    /// The users the events are about: each event's `NormalizedEvent.user.id` (strings as sent,
    /// numbers as their literal), once each, in order of first appearance.
    public var userIds: [String]
    /// Whether `userIds` holds every value the filter language finds at `user.id` in the events
    /// (`EventFilterSubject`), so that a summary that lacks Y rules out `user.id:Y`. False when an
    /// event holds a user id that the normalised view does not read, or reads elsewhere: an array
    /// or boolean id, a `user` that is an array, a repeated `user` key, a root `user` beside the
    /// `properties.user` of a legacy or v1 event, an event that is an array.
    public var userIdsCoverFilter: Bool
    /// Why there is no event name; nil exactly when `eventNames` is not empty.
    public var noEventsReason: NoEventsReason?

    public init(eventNames: [String], userIds: [String], userIdsCoverFilter: Bool, noEventsReason: NoEventsReason?) {
        self.eventNames = eventNames
        self.userIds = userIds
        self.userIdsCoverFilter = userIdsCoverFilter
        self.noEventsReason = noEventsReason
    }

    /// The summary of `bytes` read in full: `EventBody.read` for the events and their names,
    /// `NormalizedEvent` for each user id. `userIdsCoverFilter` is exact here (the filter
    /// language's own values at `user.id` are compared), where the quick scan may say false when
    /// unsure.
    public init(reading bytes: [UInt8]) {
        if bytes.allSatisfy(Self.isWhitespace) {
            self.init(eventNames: [], userIds: [], userIdsCoverFilter: true, noEventsReason: .emptyBody)
            return
        }
        guard let body = try? EventBody.read(bytes) else {
            self.init(eventNames: [], userIds: [], userIdsCoverFilter: true, noEventsReason: .invalidJSON)
            return
        }
        let events = body.events
        var userIds: [String] = []
        var covers = true
        let userIdPath: JSONPath = "user.id"
        for event in events {
            let id = NormalizedEvent(event).user?.id
            if let id, !userIds.contains(id) { userIds.append(id) }
            let filterValues = EventFilterSubject(event: event).filterValues(at: userIdPath)
            if !filterValues.allSatisfy({ $0.filterScalarTexts.allSatisfy { $0 == id } }) { covers = false }
        }
        let names = body.eventNames
        self.init(eventNames: names, userIds: userIds, userIdsCoverFilter: covers,
                  noEventsReason: !names.isEmpty ? nil : events.isEmpty ? .noEvents : .noEventName)
    }

    /// Space, tab, line feed, carriage return: what an empty body may hold.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

extension JSONValue {
    /// The texts the filter language compares for this value: a scalar's text, an array's
    /// scalars (nested arrays too), nothing for null and objects.
    var filterScalarTexts: [String] {
        switch self {
        case .null, .object: []
        case .bool(let flag): [flag ? "true" : "false"]
        case .number(let number): [number.literal]
        case .string(let text): [text]
        case .array(let elements): elements.flatMap(\.filterScalarTexts)
        }
    }
}
