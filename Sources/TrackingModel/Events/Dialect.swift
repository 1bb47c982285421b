/// The shape of a tracking payload. The API changed shape twice, and real traffic carries all three.
public enum Dialect: String, Sendable, Hashable, Codable, CaseIterable {
    /// The product brief's format (before 2022): `event`, `eventId`, `eventTimestamp`, `properties`,
    /// root `device{userAgent, ip, cookies}`.
    case legacy
    /// The 1.0 format (removed Dec 2023): `event_name`, `event_id`, `event_timestamp` and
    /// `properties` at the root.
    case v1
    /// The current format: event data at the root, metadata in `context`.
    case v2
    /// Not recognisably any of them.
    case unknown
}
