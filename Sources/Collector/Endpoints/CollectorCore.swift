import CaptureLog
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import TrackingModel

/// Everything one collector shares between its requests: configuration, the log, the User API
/// store, the product catalogue, the statistics and the forwarding queue.
public final class CollectorCore: Sendable {
    public let configuration: CollectorConfiguration
    public let log: any CollectorLog
    public let users: UserStore
    public let catalogue: ProductCatalogue
    let statistics: CollectorStatistics
    /// The forwarding queue, when `--forward` is given.
    public let forwarding: ForwardingQueue?
    let forwarder: (any UpstreamForwarder)?
    let logger: Logger
    let started: Date
    /// The open connections, to tell whether a request's client still waits for its answer.
    let connections = ClientConnections()
    /// Inspection queries stopped because their client went away before the answer.
    let abandonedQueries = Atomic<Int>(0)
    /// The token the inspection API asks for: the configuration's, or on an address beyond
    /// loopback without one, a token generated here (the caller prints it); nil on loopback
    /// without one.
    public let inspectionToken: InspectionToken?
    /// Who may use the inspection API.
    let inspectionAccess: InspectionAccess
    /// The port the server listens on: the configured one until it listens, then the one it got.
    let listeningPort: Atomic<Int>
    /// The rebuild from the log: its task once started (requests that need what it rebuilds wait
    /// for it), and where it stands.
    private let rebuild = Mutex<(task: Task<Void, any Error>?, state: RebuildState)>((nil, .notStarted))

    public init(configuration: CollectorConfiguration, log: any CollectorLog, forwarder: (any UpstreamForwarder)? = nil,
                logger: Logger = Logger(label: "trackscope.collector")) {
        self.configuration = configuration
        self.log = log
        self.users = UserStore()
        self.catalogue = ProductCatalogue()
        let statistics = CollectorStatistics()
        self.statistics = statistics
        self.forwarder = forwarder
        self.logger = logger
        self.started = Date()
        let address = ListenAddress(host: configuration.host)
        let token = configuration.inspectionToken ?? (address.isLoopback ? nil : InspectionToken.generate())
        self.inspectionToken = token
        self.inspectionAccess = InspectionAccess(address: address, token: token)
        self.listeningPort = Atomic(configuration.port)
        if let forwarder {
            self.forwarding = ForwardingQueue(
                configuration: configuration.forwarding ?? ForwardingConfiguration(), forwarder: forwarder, sink: log,
                onRecord: { statistics.add($0, eventName: nil) }
            )
        } else {
            self.forwarding = nil
        }
    }

    /// The statistics of the current log.
    public var stats: CollectorStats { statistics.snapshot() }

    /// Where rebuilding from the log stands.
    public enum RebuildState: Sendable, Hashable {
        case notStarted, running, done
        case failed(String)
    }

    public var rebuildState: RebuildState { rebuild.withLock { $0.state } }

    /// Rebuilds the User API store, the product catalogue and the statistics from the log, and
    /// waits for it.
    public func rebuildFromLog() async throws {
        startRebuildingFromLog()
        try await rebuilt()
    }

    /// Starts rebuilding the User API store, the product catalogue and the statistics from the
    /// records the log held when it was opened, in the background: the server can take events at
    /// once, while requests that read or change the stores or the statistics wait (`rebuilt()`).
    /// A large log takes seconds to read. Call it before serving.
    public func startRebuildingFromLog() {
        rebuild.withLock { rebuild in
            guard rebuild.task == nil else { return }
            rebuild.state = .running
            rebuild.task = Task {
                do {
                    try await rebuildStores()
                    self.rebuild.withLock { $0.state = .done }
                } catch {
                    logger.error("the users, products and statistics could not be rebuilt from the capture log: \(error)")
                    self.rebuild.withLock { $0.state = .failed("\(error)") }
                    throw error
                }
            }
        }
    }

    /// Waits for the rebuild, when one was started; throws what stopped it.
    func rebuilt() async throws {
        let task = rebuild.withLock { $0.task }
        try await task?.value
    }

    /// Nil once the stores are rebuilt (waiting for that first); the 503 to answer when they
    /// could not be.
    func storesUnavailable() async -> CollectorAnswer? {
        do {
            try await rebuilt()
            return nil
        } catch {
            return .error(503, code: "stores-unavailable",
                          message: "The users, products and statistics could not be rebuilt from the capture log: \(error)")
        }
    }

    /// The statistics from each record's summary as the log streams by, then the stores from the
    /// few records that can change them (those alone decoded whole), in log order. Records
    /// appended since the log was opened are counted as they are appended, not here.
    private func rebuildStores() async throws {
        let statistics = self.statistics
        let storeChanges = RecordList()
        let appendedSinceOpening = log.sequenceAtOpening
        try await log.forEachSummary(fullRecordWhen: Self.mayChangeStores) { summary, record in
            guard summary.sequence < appendedSinceOpening else { return }
            statistics.add(summary)
            if let record { storeChanges.append(record) }
        }
        for record in storeChanges.records {
            await users.apply(record)
            await catalogue.apply(record)
        }
    }

    /// A cheap superset of the records `UserStore.apply` and `ProductCatalogue.apply` act on, told
    /// by their summary: received User API `PUT`s and `DELETE`s, and received `POST`s to a
    /// `.../bulk` path.
    @Sendable static func mayChangeStores(_ record: CaptureRecordSummary) -> Bool {
        guard record.direction == .received else { return false }
        switch record.method {
        case "PUT", "DELETE": return true
        case "POST": return record.path.hasSuffix("/bulk") || record.path.hasSuffix("/bulk/")
        default: return false
        }
    }

    /// Records gathered from the thread a log is read on.
    private final class RecordList: Sendable {
        private let list = Mutex<[CaptureRecord]>([])
        func append(_ record: CaptureRecord) { list.withLock { $0.append(record) } }
        var records: [CaptureRecord] { list.withLock { $0 } }
    }

    /// Starts a fresh log (the old one is kept aside), and forgets what was derived from the old one.
    public func reset() async throws -> URL? {
        // A rebuild still running would count the old log into the fresh statistics.
        _ = try? await rebuilt()
        let archived = try await log.reset()
        statistics.reset()
        await users.removeAll()
        await catalogue.removeAll()
        // Empty stores match the fresh log, whatever became of the rebuild.
        rebuild.withLock { rebuild in
            if rebuild.task != nil { rebuild = (nil, .done) }
        }
        return archived
    }

    // MARK: Recording and answering

    /// Appends one record per draft (each carrying the answer, all in one batch of the log), then
    /// answers. When the log cannot take the records the request is answered 503: nothing is
    /// acknowledged that is not on disk.
    func finish(_ facts: RequestFacts, answer: CollectorAnswer, drafts: [RecordDraft],
                forward: Bool = false, afterRecording: (@Sendable () async -> Void)? = nil) async -> Response {
        var summary = FindingSummary()
        for draft in drafts { summary.add(draft.findings) }
        let latency = facts.elapsedMilliseconds
        let findingsHeader = summary.headerValue
        let responseHeaders = [
            CaptureRecord.HeaderField(name: "Content-Type", value: answer.contentType),
            CaptureRecord.HeaderField(name: "X-Trackscope-Findings", value: findingsHeader),
        ]
        let response = CaptureRecord.Response(status: answer.status, headers: responseHeaders, body: answer.body,
                                              latencyMilliseconds: latency)
        let records = drafts.map { draft in
            var record = CaptureRecord(
                time: facts.time, direction: .received, method: facts.method, path: facts.path,
                query: facts.query.raw, siteId: draft.siteId, requestHeaders: facts.headers,
                requestBody: draft.body, response: response, dialect: draft.dialect, findings: draft.findings
            )
            record.knownBodySummary = draft.bodySummary
            return record
        }
        let sequences: [UInt64]
        do {
            let stored = try await log.append(contentsOf: records)
            for (record, draft) in zip(stored, drafts) { statistics.add(record, eventName: draft.eventName) }
            sequences = stored.map(\.sequence)
        } catch {
            logger.error("capture log refused a record: \(error)")
            let failure = CollectorAnswer.error(503, code: "capture-log-unavailable",
                                                message: "The request could not be recorded: \(error). Nothing was acknowledged.")
            return makeResponse(failure, facts: facts, sequences: [], findingsHeader: findingsHeader)
        }
        if let afterRecording { await afterRecording() }
        if forward, let forwarding, let first = sequences.first {
            let request = UpstreamRequest(method: facts.method, path: facts.path, query: facts.query.raw,
                                          headers: facts.forwardableHeaders, body: facts.body.bytes)
            await forwarding.enqueue(.init(request: request, sourceSequence: first, siteId: drafts.first?.siteId,
                                           dialect: drafts.lazy.compactMap(\.dialect).first))
        }
        return makeResponse(answer, facts: facts, sequences: sequences, findingsHeader: findingsHeader)
    }

    /// The HTTP response for `answer`; `findingsHeader` is the `X-Trackscope-Findings` value
    /// (`FindingSummary.headerValue`, written once for the record and the response).
    func makeResponse(_ answer: CollectorAnswer, facts: RequestFacts, sequences: [UInt64], findingsHeader: String) -> Response {
        // Appended, not set through the subscript: each name comes once, so there is nothing to
        // look up or replace.
        var headers = HTTPFields()
        headers.reserveCapacity(8)
        headers.append(HTTPField(name: .contentType, value: answer.contentType))
        if !sequences.isEmpty {
            headers.append(HTTPField(name: Self.sequenceHeader, value: Self.sequenceText(sequences)))
        }
        headers.append(HTTPField(name: Self.findingsHeader, value: findingsHeader))
        if CORS.isOpen(facts.endpoint) { CORS.apply(to: &headers, origin: facts.origin) }
        return Response(status: .init(code: answer.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    static let sequenceHeader = HTTPField.Name("X-Trackscope-Seq")!
    static let findingsHeader = HTTPField.Name("X-Trackscope-Findings")!

    /// `7`, or for a batch `7-9`; sequences that are not contiguous are listed: `7,9,12`.
    static func sequenceText(_ sequences: [UInt64]) -> String {
        guard let first = sequences.first, let last = sequences.last else { return "" }
        if sequences.count == 1 { return String(first) }
        if last - first == UInt64(sequences.count - 1) { return "\(first)-\(last)" }
        return sequences.map(String.init).joined(separator: ",")
    }

    // MARK: Findings shared by every recorded endpoint

    /// The key finding for `facts` on `siteId` (nil when fine or keys are not checked).
    func keyFinding(_ facts: RequestFacts, siteId: String?) -> Finding? {
        configuration.sourceKeys.check(key: facts.sourceKey, siteId: siteId)
    }

    /// Under `--strict`, the 401 for a key finding.
    func strictKeyAnswer(_ finding: Finding?) -> CollectorAnswer? {
        guard configuration.strict, let finding else { return nil }
        return .error(401, code: finding.code, message: finding.message)
    }
}

