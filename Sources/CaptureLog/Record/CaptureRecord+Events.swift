import TrackingModel

extension CaptureRecord {
    /// The request body parsed as JSON, or nil when it is not valid JSON.
    public var bodyJSON: JSONValue? {
        guard let first = requestBody.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return nil }
        return try? JSONParser.parseValue(requestBody)
    }

    /// The events the body carries: the body itself for one event, each element of a
    /// `{"batch":[...]}` body or of a top-level array; empty when the body is not JSON.
    public var events: [JSONValue] {
        guard let value = bodyJSON else { return [] }
        return Self.events(in: value)
    }

    static func events(in value: JSONValue) -> [JSONValue] {
        switch value {
        case .array(let elements):
            return elements
        case .object(let object):
            if case .array(let elements)? = object["batch"] { return elements }
            return [value]
        default:
            return []
        }
    }

    /// The event names found in the body (`event_name`, or the legacy `event`), in order.
    public var eventNames: [String] {
        events.compactMap { Self.eventName(of: $0) }
    }

    /// The name of one event: `event_name`, or the legacy `event`.
    public static func eventName(of event: JSONValue) -> String? {
        event["event_name"]?.stringValue ?? event["event"]?.stringValue
    }
}
