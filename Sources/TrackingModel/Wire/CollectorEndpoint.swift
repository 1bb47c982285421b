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
        if path.hasPrefix("/_trackscope/") || path == "/_trackscope" {
            let parts = segments(of: path)
            return .inspection(name: parts.count > 1 ? String(parts[1]) : "")
        }
        // An ASCII path (nearly every one) is matched on its bytes, without splitting it: the same
        // split as on characters, and much cheaper on every request.
        var path = path
        if let endpoint = path.withUTF8({ ASCIIPathSegments($0).map(match) }) {
            return endpoint
        }
        var parts = segments(of: path)
        if parts.last == "" { parts.removeLast() }
        return match(parts)
    }

    /// The `/`-separated segments of `path`, empty ones omitted; split on characters, where a
    /// combining mark after `/` makes one character of the two.
    private static func segments(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// The endpoint the segments of a path address.
    private static func match<Segments: PathSegments>(_ parts: Segments) -> CollectorEndpoint {
        switch parts.count {
        case 1 where parts.segment(0, is: "events"):
            return .event
        case 2 where parts.segment(0, is: "events") && parts.segment(1, is: "batch"):
            return .batch
        case 2 where parts.segment(0, is: "engage") && parts.segment(1, is: "user"):
            return .user
        case 3 where parts.segment(0, is: "v2") && parts.segment(2, is: "events"):
            return .legacyEvent(siteId: siteId(parts.text(of: 1)))
        case 4 where parts.segment(0, is: "v2") && parts.segment(2, is: "products") && parts.segment(3, is: "bulk"):
            return .productBulk(siteId: siteId(parts.text(of: 1)))
        case 4 where parts.segment(0, is: "v2") && parts.segment(2, is: "conversions") && parts.segment(3, is: "bulk"):
            return .conversionBulk(siteId: siteId(parts.text(of: 1)))
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

    /// Whether the endpoint answers `method` (one of `allowedMethods`).
    public func allows(method: String) -> Bool {
        allowedMethods.contains(method)
    }

    /// The methods the endpoint answers (OPTIONS preflights aside). The lists are built once:
    /// every request is checked against one.
    public var allowedMethods: [String] {
        switch self {
        case .legacyEvent, .event, .batch, .productBulk, .conversionBulk: Self.postOnly
        case .user: Self.userMethods
        case .inspection(let name): name == "reset" ? Self.postOnly : Self.getOnly
        case .unknown: []
        }
    }

    private static let postOnly = ["POST"]
    private static let getOnly = ["GET"]
    private static let userMethods = ["GET", "PUT", "DELETE"]

    /// Whether the endpoint carries tracking events (answered 200 unless too large or invalid).
    public var isEventEndpoint: Bool {
        switch self {
        case .legacyEvent, .event, .batch: true
        default: false
        }
    }
}

/// The segments of a path, as `CollectorEndpoint.match` reads them.
private protocol PathSegments {
    var count: Int { get }
    func segment(_ index: Int, is name: StaticString) -> Bool
    func text(of index: Int) -> Substring
}

extension Array: PathSegments where Element == Substring {
    func segment(_ index: Int, is name: StaticString) -> Bool {
        self[index].utf8.elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    func text(of index: Int) -> Substring { self[index] }
}

/// The non-empty segments of an ASCII path, read from its bytes: at most five (a longer path
/// addresses no endpoint, and `count` then says 5 or more), a trailing `/` ignored as the split on
/// characters ignores it.
private struct ASCIIPathSegments: PathSegments {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var ranges: (Range<Int>, Range<Int>, Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0, 0..<0, 0..<0)
    private(set) var count = 0

    /// Nil when `bytes` is not all ASCII.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var start = 0
        for index in 0...bytes.count {
            if index < bytes.count {
                let byte = bytes[index]
                guard byte < 0x80 else { return nil }
                guard byte == UInt8(ascii: "/") else { continue }
            }
            if index > start {
                if count < 5 { setRange(count, start..<index) }
                count += 1
            }
            start = index + 1
        }
    }

    private mutating func setRange(_ index: Int, _ range: Range<Int>) {
        switch index {
        case 0: ranges.0 = range
        case 1: ranges.1 = range
        case 2: ranges.2 = range
        case 3: ranges.3 = range
        default: ranges.4 = range
        }
    }

    private func range(_ index: Int) -> Range<Int> {
        switch index {
        case 0: ranges.0
        case 1: ranges.1
        case 2: ranges.2
        case 3: ranges.3
        default: ranges.4
        }
    }

    func segment(_ index: Int, is name: StaticString) -> Bool {
        let range = range(index)
        guard range.count == name.utf8CodeUnitCount else { return false }
        return bytes[range].elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    func text(of index: Int) -> Substring {
        Substring(decoding: UnsafeBufferPointer(rebasing: bytes[range(index)]), as: UTF8.self)
    }
}
