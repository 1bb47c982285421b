/// One event read the same way whatever its dialect: where the name, id, timestamp, user, device,
/// page and properties are, so views and filters need not know the three shapes.
public struct NormalizedEvent: Sendable, Hashable {
    /// The payload as sent.
    public let source: JSONValue
    public let dialect: Dialect
    /// The event's name, by the one rule of `EventBody.name(of:)`: `event_name` when it is a
    /// string, else the legacy `event`.
    public let name: String?
    /// The event id (strings as sent, numbers as their literal).
    public let eventId: String?
    public let timestamp: EventTimestamp?
    public let user: User?
    public let device: Device?
    public let page: Page?
    /// The event's own properties: legacy/v1 `properties` without `user`; v2's root without
    /// `event_name`, `user`, `context` and misplaced metadata (`event_id`, `event_timestamp`).
    public let properties: JSONObject
    /// The entries of `properties.items` that are objects.
    public let items: [Item]

    /// Reads `value`, detecting its dialect.
    public init(_ value: JSONValue) {
        self.init(value, dialect: DialectDetector.detect(value))
    }

    /// Reads `value` as `dialect` (an unknown payload is read with every dialect's places).
    public init(_ value: JSONValue, dialect: Dialect) {
        source = value
        self.dialect = dialect
        let root = value.objectValue ?? JSONObject()
        func first(_ paths: [JSONPath]) -> JSONValue? {
            for path in paths { if let found = value[path] { return found } }
            return nil
        }
        let idValue: JSONValue?
        let timestampValue: JSONValue?
        let userValue: JSONValue?
        let deviceValue: JSONValue?
        let pageValue: JSONValue?
        var properties: JSONObject
        switch dialect {
        case .legacy, .v1:
            let layout = Layout.of(dialect)
            idValue = value[layout.eventId]
            timestampValue = value[layout.timestamp]
            userValue = value[layout.user]
            deviceValue = value[layout.device]
            pageValue = value[layout.page]
            properties = root["properties"]?.objectValue ?? JSONObject()
            properties.members.removeAll { $0.key == "user" }
        case .v2:
            idValue = value[Layout.v2.eventId] ?? root["event_id"]
            timestampValue = value[Layout.v2.timestamp] ?? root["event_timestamp"]
            userValue = root["user"]
            deviceValue = value[Layout.v2.device]
            pageValue = value[Layout.v2.page]
            properties = JSONObject(root.members.filter { !Self.isV2Metadata($0.key) })
        case .unknown:
            idValue = first(["event_id", "eventId", "context.event_id"])
            timestampValue = first(["event_timestamp", "eventTimestamp", "context.event_timestamp"])
            userValue = first(["user", "properties.user"])
            deviceValue = first(["context.device", "device"])
            pageValue = first(["context.page", "page"])
            if let inner = root["properties"]?.objectValue {
                properties = inner
                properties.members.removeAll { $0.key == "user" }
            } else {
                properties = JSONObject(root.members.filter { !Self.unknownMetadataKeys.contains($0.key) })
            }
        }
        name = EventBody.name(of: value)
        eventId = idValue?.scalarTextIfScalar
        timestamp = timestampValue.map(EventTimestamp.init)
        user = userValue?.objectValue.map(User.init)
        device = deviceValue?.objectValue.map(Device.init)
        page = pageValue?.objectValue.map(Page.init)
        self.properties = properties
        items = properties["items"]?.arrayValue?.compactMap { $0.objectValue.map(Item.init) } ?? []
    }

    /// The v2 root keys that are not event properties.
    static func isV2Metadata(_ key: String) -> Bool {
        switch key {
        case "event_name", "user", "context", "event_id", "event_timestamp": true
        default: false
        }
    }
    static let unknownMetadataKeys: Set<String> = [
        "event", "event_name", "eventId", "event_id", "eventTimestamp", "event_timestamp", "user", "context",
        "device", "page", "properties",
    ]
}
