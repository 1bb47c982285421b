import CaptureLog

/// One request sent to a real endpoint: what was actually sent, and the answer, or why none came.
public struct SentExchange: Sendable, Hashable {
    /// The full URL the request went to.
    public var url: String
    public var path: String
    /// The query actually sent (its token may be the upstream key; a log fingerprints it).
    public var query: String
    /// The headers actually sent (the Authorization may be the upstream key; a log fingerprints it).
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

    /// Whether the target accepted the request.
    public var isSuccess: Bool {
        guard let response else { return false }
        return (200..<300).contains(response.status)
    }
}
