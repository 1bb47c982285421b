/// The endpoints the collector serves, recognised from a request path.
public enum CollectorEndpoint: Sendable, Hashable {
    /// `POST /v2/{siteId}/events`: the product brief's (legacy) endpoint, one event.
    case legacyEvent(siteId: String)
    /// `POST /events?tc_s={siteId}`: one event.
    case event
    /// `POST /events/batch?tc_s={siteId}`: `{"batch":[...]}`.
    case batch
    /// `GET`, `PUT`, `DELETE /engage/user/?site=&user_id=&token=`.
    case user
    /// `POST /v2/{siteId}/products/bulk`: NDJSON products.
    case productBulk(siteId: String)
    /// `/_trackscope/{name}`: the inspection API (not recorded).
    case inspection(name: String)
    /// Anything else (recorded, answered 404).
    case unknown

    /// The endpoint `path` (without query) addresses.
    public static func match(path: String) -> CollectorEndpoint {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if path.hasPrefix("/_trackscope/") || path == "/_trackscope" {
            return .inspection(name: parts.count > 1 ? String(parts[1]) : "")
        }
        if parts.last == "" { parts.removeLast() }
        switch parts.count {
        case 1 where parts[0] == "events":
            return .event
        case 2 where parts[0] == "events" && parts[1] == "batch":
            return .batch
        case 2 where parts[0] == "engage" && parts[1] == "user":
            return .user
        case 3 where parts[0] == "v2" && parts[2] == "events":
            return .legacyEvent(siteId: siteId(parts[1]))
        case 4 where parts[0] == "v2" && parts[2] == "products" && parts[3] == "bulk":
            return .productBulk(siteId: siteId(parts[1]))
        default:
            return .unknown
        }
    }

    /// The site id of a path segment, percent-decoded as a query parameter is (`12%33` is `123`);
    /// a segment that does not decode is kept as it came.
    private static func siteId(_ segment: Substring) -> String {
        let raw = String(segment)
        guard raw.contains("%") else { return raw }
        return raw.removingPercentEncoding ?? raw
    }

    /// Whether `path` is the User API's.
    public static func isUserPath(_ path: String) -> Bool {
        match(path: path) == .user
    }

    /// The methods the endpoint answers (OPTIONS preflights aside).
    public var allowedMethods: [String] {
        switch self {
        case .legacyEvent, .event, .batch, .productBulk: ["POST"]
        case .user: ["GET", "PUT", "DELETE"]
        case .inspection(let name): name == "reset" ? ["POST"] : ["GET"]
        case .unknown: []
        }
    }

    /// Whether the endpoint carries tracking events (answered 200 unless too large or invalid).
    public var isEventEndpoint: Bool {
        switch self {
        case .legacyEvent, .event, .batch: true
        default: false
        }
    }
}
