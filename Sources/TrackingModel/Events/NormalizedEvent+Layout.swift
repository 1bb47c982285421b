extension NormalizedEvent {
    /// Where each piece of an event lives in a dialect. Validation reports findings at these paths
    /// and the normalised view reads from them.
    public struct Layout: Sendable, Hashable {
        /// The event name (`event` or `event_name`).
        public let name: JSONPath
        public let eventId: JSONPath
        public let timestamp: JSONPath
        /// The object holding the event's own properties (`properties`, or the root in v2).
        public let data: JSONPath
        public let user: JSONPath
        public let device: JSONPath
        public let page: JSONPath
        /// The v2 `context`, nil in the older dialects.
        public let context: JSONPath?

        public static let legacy = Layout(
            name: ["event"], eventId: ["eventId"], timestamp: ["eventTimestamp"], data: ["properties"],
            user: ["properties", "user"], device: ["device"], page: ["page"], context: nil)
        public static let v1 = Layout(
            name: ["event_name"], eventId: ["event_id"], timestamp: ["event_timestamp"], data: ["properties"],
            user: ["properties", "user"], device: ["device"], page: ["page"], context: nil)
        public static let v2 = Layout(
            name: ["event_name"], eventId: ["context", "event_id"], timestamp: ["context", "event_timestamp"],
            data: [], user: ["user"], device: ["context", "device"], page: ["context", "page"], context: ["context"])

        /// The layout of `dialect`; an unknown payload is read with the current (v2) layout.
        public static func of(_ dialect: Dialect) -> Layout {
            switch dialect {
            case .legacy: .legacy
            case .v1: .v1
            case .v2, .unknown: .v2
            }
        }

        private init(
            name: [String], eventId: [String], timestamp: [String], data: [String], user: [String],
            device: [String], page: [String], context: [String]?
        ) {
            func path(_ keys: [String]) -> JSONPath { JSONPath(keys.map { .key($0) }) }
            self.name = path(name)
            self.eventId = path(eventId)
            self.timestamp = path(timestamp)
            self.data = path(data)
            self.user = path(user)
            self.device = path(device)
            self.page = path(page)
            self.context = context.map(path)
        }
    }
}
