import CaptureLog
import Foundation
import TrackingModel

/// One request `send` makes: where it goes (the key in its place, in clear: this value is never
/// written anywhere), what it carries, and what it is about.
public struct EventRequest: Sendable, Hashable {
    /// What the body holds.
    public enum Kind: String, Sendable, Hashable {
        /// One event.
        case event
        /// `{"batch":[event, ...]}`.
        case batch
    }

    public var kind: Kind
    public var method: String
    /// The target's base URL, without a trailing `/`.
    public var baseURL: String
    public var path: String
    /// The query without `?`; holds the key in clear when it goes in `token=`.
    public var query: String
    /// The headers sent; holds the key in clear when it goes in `Authorization: Bearer`.
    public var headers: [CaptureRecord.HeaderField]
    public var body: [UInt8]
    public var siteId: String
    /// The dialect of the events in the body (nil when a batch mixes dialects).
    public var dialect: Dialect?
    /// How many events the body carries.
    public var eventCount: Int

    public init(
        kind: Kind, method: String = "POST", baseURL: String, path: String, query: String,
        headers: [CaptureRecord.HeaderField], body: [UInt8], siteId: String, dialect: Dialect?, eventCount: Int
    ) {
        self.kind = kind
        self.method = method
        self.baseURL = baseURL
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.siteId = siteId
        self.dialect = dialect
        self.eventCount = eventCount
    }

    /// The full URL, key included when it goes in the query: for the HTTP client only.
    public var url: String { baseURL + path + (query.isEmpty ? "" : "?" + query) }

    /// The URL with the key fingerprinted: what is printed and recorded.
    public var safeURL: String { SecretFingerprint.url(url) }

    /// The `sent` record of this request (keys fingerprinted), with the answer or the failure.
    /// The capture log's writer fingerprints again whatever it is given; this never relies on it.
    public func record(
        time: Date, response: CaptureRecord.Response?, findings: [Finding], sourceSequence: UInt64? = nil
    ) -> CaptureRecord {
        CaptureRecord(
            time: time,
            direction: .sent,
            method: method,
            path: path,
            query: SecretFingerprint.query(query),
            siteId: siteId,
            requestHeaders: SecretFingerprint.headers(headers),
            requestBody: body,
            response: response,
            dialect: dialect,
            findings: findings,
            targetURL: safeURL,
            sourceSequence: sourceSequence
        )
    }
}
