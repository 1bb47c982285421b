/// Sends one request on to the real endpoint. The collector owns the queue, the retries and the
/// records; an implementation only performs one HTTP exchange (`HTTPForwarder` in Sender). It lives
/// here, beside the record it becomes, so that Collector and Sender share it without knowing each other.
public protocol UpstreamForwarder: Sendable {
    /// Where requests go, for messages (`https://collect.commander1.com`).
    var targetDescription: String { get }
    /// Performs one exchange. Never throws: a transport failure is reported in the exchange.
    func forward(_ request: UpstreamRequest) async -> UpstreamExchange
    /// Releases connections; called once when the collector stops.
    func shutdown() async
}

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

/// What happened when a request was sent upstream: what was actually sent, and the answer or error.
public struct UpstreamExchange: Sendable, Hashable {
    /// The full URL the request went to.
    public var url: String
    public var path: String
    /// The query actually sent (its token may be the upstream key; the log fingerprints it).
    public var query: String
    /// The headers actually sent (the Authorization may be the upstream key; the log fingerprints it).
    public var headers: [CaptureRecord.HeaderField]
    /// The answer, when one came.
    public var response: CaptureRecord.Response?
    /// Why no answer came (connection refused, timeout, ...), when none did.
    public var failure: String?

    public init(
        url: String, path: String, query: String, headers: [CaptureRecord.HeaderField],
        response: CaptureRecord.Response?, failure: String?
    ) {
        self.url = url
        self.path = path
        self.query = query
        self.headers = headers
        self.response = response
        self.failure = failure
    }

    /// Whether trying again could help: no answer, a 5xx, or 429.
    public var isRetryable: Bool {
        guard let response else { return true }
        return response.status >= 500 || response.status == 429
    }

    /// Whether the upstream accepted the request.
    public var isSuccess: Bool {
        guard let response else { return false }
        return (200..<300).contains(response.status)
    }
}
