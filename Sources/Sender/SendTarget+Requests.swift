import CaptureLog
import Foundation
import TrackingModel

extension SendTarget {
    /// Reads `--to`: a base URL (`http://127.0.0.1:8080`, `https://collect.commander1.com`), or
    /// the URL of an event endpoint (`https://collect.commander1.com/events?tc_s=29`,
    /// `http://127.0.0.1:8080/v2/29/events`), whose endpoint path is dropped and whose site is
    /// returned. Only `http` and `https` URLs with a host are taken.
    public static func reading(_ text: String, keyEnvironmentVariable: String? = nil)
        throws(SendTargetError) -> (target: SendTarget, siteId: String?) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            throw SendTargetError("\(text) is not an http:// or https:// URL with a host")
        }
        var path = components.percentEncodedPath
        var siteId: String? = nil
        // The endpoint is the path's tail (`/events`, `/events/batch`, `/v2/SITE/events`), after
        // any prefix of the target's own (a proxy's `/collect`).
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        for length in [3, 2, 1] where parts.count >= length {
            let endpoint = CollectorEndpoint.match(path: "/" + parts.suffix(length).joined(separator: "/"))
            let matches: Bool
            switch endpoint {
            case .legacyEvent: matches = length == 3
            case .batch: matches = length == 2
            case .event: matches = length == 1
            default: matches = false
            }
            guard matches else { continue }
            siteId = endpoint.siteId(query: QueryParameters(components.percentEncodedQuery ?? ""))
            path = parts.isEmpty ? "" : "/" + parts.dropLast(length).joined(separator: "/")
            break
        }
        while path.hasSuffix("/") { path.removeLast() }
        var base = "\(scheme)://\(components.percentEncodedHost ?? host)"
        if let port = components.port { base += ":\(port)" }
        return (SendTarget(baseURL: base + path, keyEnvironmentVariable: keyEnvironmentVariable), siteId)
    }

    /// The request that delivers `body` for `siteId`, by the dialect's rules (tracking-api.md):
    /// - v2, v1 (and unknown): `POST {base}/events?tc_s=SITE&token=KEY`;
    /// - legacy: `POST {base}/v2/SITE/events` with `Authorization: Bearer KEY`;
    /// - a batch, whatever its events' dialect: `POST {base}/events/batch?tc_s=SITE&token=KEY`
    ///   (the batch endpoint is the current API's).
    /// Without a key, none is sent.
    public func request(
        body: [UInt8], kind: EventRequest.Kind, dialect: Dialect?, siteId: String, sourceKey: String?,
        eventCount: Int = 1, userAgent: String = "trackscope"
    ) -> EventRequest {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        var headers = [
            CaptureRecord.HeaderField(name: "Content-Type", value: "application/json"),
            CaptureRecord.HeaderField(name: "User-Agent", value: userAgent),
        ]
        let path: String
        var query = ""
        if kind == .event && dialect == .legacy {
            path = "/v2/\(Self.encoded(siteId, allowing: .urlPathSegmentAllowed))/events"
            if let sourceKey { headers.append(.init(name: "Authorization", value: "Bearer \(sourceKey)")) }
        } else {
            path = kind == .batch ? "/events/batch" : "/events"
            query = "tc_s=" + Self.encoded(siteId, allowing: .urlQueryValueAllowed)
            if let sourceKey { query += "&token=" + Self.encoded(sourceKey, allowing: .urlQueryValueAllowed) }
        }
        return EventRequest(kind: kind, baseURL: base, path: path, query: query, headers: headers, body: body,
                            siteId: siteId, dialect: dialect, eventCount: eventCount)
    }

    private static func encoded(_ text: String, allowing allowed: CharacterSet) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// Why a target URL cannot be used.
public struct SendTargetError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension CharacterSet {
    /// Characters left as they are in one path segment (no `/`).
    static let urlPathSegmentAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/;?#")
        return set
    }()
}
