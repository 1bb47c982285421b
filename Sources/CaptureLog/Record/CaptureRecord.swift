import Foundation
import TrackingModel

/// One HTTP exchange that trackscope received or sent: a line of the capture log.
public struct CaptureRecord: Sendable, Hashable {
    /// Whether trackscope received the request (as the collector) or sent it (send, replay, forward).
    public enum Direction: String, Sendable, Hashable, Codable {
        case received
        case sent
    }

    /// The answer given (received records) or received (sent records).
    public struct Response: Sendable, Hashable {
        public var status: Int
        public var headers: [HeaderField]
        public var body: [UInt8]
        /// Milliseconds from request to answer.
        public var latencyMilliseconds: Double

        public init(status: Int, headers: [HeaderField] = [], body: [UInt8] = [], latencyMilliseconds: Double = 0) {
            self.status = status
            self.headers = headers
            self.body = body
            self.latencyMilliseconds = latencyMilliseconds
        }
    }

    /// One header line, in the order received. Secret values are already fingerprinted.
    public struct HeaderField: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Unique and increasing within a log; assigned by the writer when the record is appended.
    public var sequence: UInt64
    public var time: Date
    public var direction: Direction
    public var method: String
    public var path: String
    /// The query string without the leading `?`, secrets fingerprinted.
    public var query: String
    public var siteId: String?
    public var requestHeaders: [HeaderField]
    /// The request body exactly as it came, byte for byte (even when not JSON, not UTF-8).
    public var requestBody: [UInt8] {
        didSet { bodySummaryCache = BodySummaryCache() }
    }
    public var response: Response?
    public var dialect: Dialect?
    public var findings: [Finding]
    /// For sent records: where the request went.
    public var targetURL: String?
    /// For sent records: the record this one replays or forwards.
    public var sourceSequence: UInt64?

    public init(
        sequence: UInt64 = 0,
        time: Date = Date(),
        direction: Direction,
        method: String,
        path: String,
        query: String = "",
        siteId: String? = nil,
        requestHeaders: [HeaderField] = [],
        requestBody: [UInt8] = [],
        response: Response? = nil,
        dialect: Dialect? = nil,
        findings: [Finding] = [],
        targetURL: String? = nil,
        sourceSequence: UInt64? = nil
    ) {
        self.sequence = sequence
        self.time = time
        self.direction = direction
        self.method = method
        self.path = path
        self.query = query
        self.siteId = siteId
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.response = response
        self.dialect = dialect
        self.findings = findings
        self.targetURL = targetURL
        self.sourceSequence = sourceSequence
    }

    /// `quickBodySummary` worked out ahead by whoever built the record from a body it parsed
    /// anyway (`EventBodySummary.quickScan(document:)`, which says what the scan of the bytes
    /// says), so that encoding the line does not read the body again. It is no part of the
    /// record's value (records equal but for it are equal), and it is forgotten when
    /// `requestBody` changes.
    public var knownBodySummary: EventBodySummary? {
        get { bodySummaryCache.summary }
        set { bodySummaryCache = BodySummaryCache(summary: newValue) }
    }

    private var bodySummaryCache = BodySummaryCache()

    /// Holds `knownBodySummary` outside the record's equality and hash.
    private struct BodySummaryCache: Sendable, Hashable {
        var summary: EventBodySummary?

        static func == (_: BodySummaryCache, _: BodySummaryCache) -> Bool { true }
        func hash(into hasher: inout Hasher) {}
    }
}
