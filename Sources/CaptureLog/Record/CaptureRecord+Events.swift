import TrackingModel

extension CaptureRecord {
    /// The request body parsed as JSON, or nil when it is not valid JSON.
    public var bodyJSON: JSONValue? {
        guard let first = requestBody.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return nil }
        return try? JSONParser.parseValue(requestBody)
    }

    /// The events the body carries, by `EventBody`'s rule: the body itself for one event, each
    /// element of a `{"batch":[...]}` body or of a top-level array, each line of JSON Lines; empty
    /// when the body is not JSON.
    public var events: [JSONValue] {
        (try? EventBody.read(requestBody))?.events ?? []
    }

    /// The event names found in the body (`event_name`, or the legacy `event`), in order.
    public var eventNames: [String] {
        events.compactMap(EventBody.name(of:))
    }

    /// The name of one event: `event_name`, or the legacy `event` (`EventBody.name(of:)`).
    public static func eventName(of event: JSONValue) -> String? {
        EventBody.name(of: event)
    }
}
