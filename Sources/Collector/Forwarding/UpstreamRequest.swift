import CaptureLog

/// A request as the collector received it, to be sent upstream.
public struct UpstreamRequest: Sendable, Hashable {
    public var method: String
    /// The path as received (`/events/batch`).
    public var path: String
    /// The query as received, without `?`.
    public var query: String
    /// The request headers as received, minus hop-by-hop ones (Host, Content-Length, Connection).
    public var headers: [CaptureRecord.HeaderField]
    public var body: [UInt8]

    public init(method: String, path: String, query: String, headers: [CaptureRecord.HeaderField], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}
