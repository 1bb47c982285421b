/// The endpoints of the tracking API that the collector serves (and trackscope's own inspection
/// API), recognised from a request path by exact match: the one rule the collector, the capture
/// log's import and the UI use.
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
    /// `POST /v2/{siteId}/conversions/bulk`: the Conversion API, recognised (imports keep it) but
    /// not served (answered 404).
    case conversionBulk(siteId: String)
    /// `/_trackscope/{name}`: the inspection API (not recorded).
    case inspection(name: String)
    /// Anything else (recorded, answered 404).
    case unknown

    /// The endpoint `path` (without query) addresses.
    public static func match(path: String) -> CollectorEndpoint {
        // An ASCII path (nearly every one) is split on its bytes, which is the same split as on
        // characters and much cheaper; other paths are split on characters, where a combining
        // mark after `/` makes one character of the two.
        var parts = path.utf8.allSatisfy { $0 < 0x80 }
            ? path.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
            : path.split(separator: "/", omittingEmptySubsequences: true)
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
        case 4 where parts[0] == "v2" && parts[2] == "conversions" && parts[3] == "bulk":
            return .conversionBulk(siteId: siteId(parts[1]))
        default:
            return .unknown
        }
    }

    /// The site id of a path segment, percent-decoded (`12%33` is `123`).
    private static func siteId(_ segment: Substring) -> String {
        PercentDecoding.pathSegment(segment)
    }

    /// The site a request to this endpoint is for, where this endpoint reads it: the path of
    /// `/v2/{siteId}/...`, `tc_s` for the current event and batch endpoints, `site` for the User
    /// API; nil when it is not given (an empty parameter is not given). No other place counts:
    /// `site=` on an event path is not read by the real endpoint, so not here either.
    public func siteId(query: QueryParameters) -> String? {
        switch self {
        case .legacyEvent(let siteId), .productBulk(let siteId), .conversionBulk(let siteId): siteId
        case .event, .batch: query.nonEmpty("tc_s")
        case .user: query.nonEmpty("site")
        case .inspection, .unknown: nil
        }
    }

    /// Whether this is an endpoint of the tracking API (events, batch, User API, Product API), as
    /// opposed to trackscope's own inspection API or an unknown path.
    public var isTrackingEndpoint: Bool {
        switch self {
        case .inspection, .unknown: false
        default: true
        }
    }

    /// Whether `path` is the User API's.
    public static func isUserPath(_ path: String) -> Bool {
        match(path: path) == .user
    }

    /// The methods the endpoint answers (OPTIONS preflights aside).
    public var allowedMethods: [String] {
        switch self {
        case .legacyEvent, .event, .batch, .productBulk, .conversionBulk: ["POST"]
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
