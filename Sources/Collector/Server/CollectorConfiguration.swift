import TrackingModel

/// How `trackscope collect` (and the terminal UI's embedded collector) serves.
public struct CollectorConfiguration: Sendable {
    /// The address to bind; 127.0.0.1 by default so nothing outside the machine reaches it.
    public var host: String
    /// The port; 0 picks a free one (the server reports the one it got).
    public var port: Int
    /// `--strict`: answer 400 for events with error findings and 401 for missing or unknown keys.
    public var strict: Bool
    /// `--source-key`: when empty, keys are not checked.
    public var sourceKeys: SourceKeys
    /// A connection that sends nothing (no request, no body part) for this long is closed.
    public var idleTimeout: Duration
    /// A request whose body has not all arrived this long after its headers is given up and the
    /// connection closed (a client dripping its body would otherwise hold the connection forever).
    public var requestTimeout: Duration
    /// Connections above this many are answered 503 and closed.
    public var maximumConnections: Int
    /// Request bodies above this many bytes are logged truncated (the record says so); the request
    /// is still read to its end and answered.
    public var maximumLoggedBodyBytes: Int
    /// The largest Product API request body, in bytes (not documented by the vendor).
    public var productBulkBytes: Int
    /// The largest User API request body, in bytes (not documented by the vendor).
    public var userBytes: Int
    /// Product API requests above this many lines get a warning (the vendor recommends at most 1000).
    public var recommendedProductLines: Int
    /// Forwarding upstream (`--forward URL`); nil when not forwarding.
    public var forwarding: ForwardingConfiguration?
    /// The token the inspection API asks for (`--inspect-token-env`). Nil: none on loopback, and
    /// a generated one (`CollectorCore.inspectionToken`) on any other address.
    public var inspectionToken: InspectionToken?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        strict: Bool = false,
        sourceKeys: SourceKeys = SourceKeys(),
        idleTimeout: Duration = .seconds(30),
        requestTimeout: Duration = .seconds(30),
        maximumConnections: Int = 1024,
        maximumLoggedBodyBytes: Int = 1 << 20,
        productBulkBytes: Int = 5 << 20,
        userBytes: Int = RequestLimits.requestBytes,
        recommendedProductLines: Int = 1000,
        forwarding: ForwardingConfiguration? = nil,
        inspectionToken: InspectionToken? = nil
    ) {
        self.host = host
        self.port = port
        self.strict = strict
        self.sourceKeys = sourceKeys
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.maximumConnections = maximumConnections
        self.maximumLoggedBodyBytes = maximumLoggedBodyBytes
        self.productBulkBytes = productBulkBytes
        self.userBytes = userBytes
        self.recommendedProductLines = recommendedProductLines
        self.forwarding = forwarding
        self.inspectionToken = inspectionToken
    }
}

/// How accepted requests are sent on upstream.
public struct ForwardingConfiguration: Sendable {
    /// The most requests waiting to be sent; above it new ones are dropped (and counted).
    public var queueCapacity: Int
    /// How many requests are sent at once.
    public var concurrency: Int
    /// How many times one request is tried in all (a 5xx, 429 or a transport error is retried).
    public var maximumAttempts: Int
    /// The wait before the first retry; it doubles on every retry up to `maximumBackoff`.
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    /// On shutdown, how long the queue may keep sending before what is left is abandoned (the
    /// received records stay in the log either way).
    public var drainTimeout: Duration

    public init(
        queueCapacity: Int = 10_000,
        concurrency: Int = 4,
        maximumAttempts: Int = 5,
        initialBackoff: Duration = .milliseconds(200),
        maximumBackoff: Duration = .seconds(10),
        drainTimeout: Duration = .seconds(5)
    ) {
        self.queueCapacity = queueCapacity
        self.concurrency = concurrency
        self.maximumAttempts = maximumAttempts
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.drainTimeout = drainTimeout
    }
}
