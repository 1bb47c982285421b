import CaptureLog
import Foundation
import TrackingModel

/// What the forwarder is doing, for `/_trackscope/stats`.
public struct ForwardingState: Sendable, Hashable {
    public var target: String
    /// Requests waiting to be sent.
    public var queued = 0
    /// Requests being sent now.
    public var inFlight = 0
    /// Requests waiting out a backoff before their next attempt.
    public var retrying = 0
    /// Requests the upstream accepted (2xx).
    public var sent = 0
    /// Requests given up on (a 4xx, or every attempt failed).
    public var failed = 0
    /// Requests not queued because the queue was full.
    public var dropped = 0
    /// Requests abandoned at shutdown.
    public var abandoned = 0
    /// Exchanges attempted in all (each is a sent record).
    public var attempts = 0
    public var capacity: Int

    public init(target: String, capacity: Int) {
        self.target = target
        self.capacity = capacity
    }
}

/// The bounded queue of accepted requests waiting to go upstream, and its workers. A slow or failing
/// upstream never delays the collector's answers: requests are queued after they are recorded, and
/// every exchange becomes a `sent` record linked to the received one by `sourceSequence`.
public actor ForwardingQueue {
    struct Item: Sendable {
        var request: UpstreamRequest
        var sourceSequence: UInt64
        var siteId: String?
        var dialect: Dialect?
    }

    private let configuration: ForwardingConfiguration
    private let forwarder: any UpstreamForwarder
    private let sink: any CaptureSink
    private let onRecord: @Sendable (CaptureRecord) -> Void
    private var items: [Item] = []
    private var head = 0
    private var waiters: [CheckedContinuation<Item?, Never>] = []
    private var isClosed = false
    private var state: ForwardingState

    init(configuration: ForwardingConfiguration, forwarder: any UpstreamForwarder, sink: any CaptureSink,
         onRecord: @escaping @Sendable (CaptureRecord) -> Void) {
        self.configuration = configuration
        self.forwarder = forwarder
        self.sink = sink
        self.onRecord = onRecord
        self.state = ForwardingState(target: forwarder.targetDescription, capacity: configuration.queueCapacity)
    }

    /// The current state.
    public var snapshot: ForwardingState { state }

    /// Queues a request; false (and counted as dropped) when the queue is full or closed.
    @discardableResult
    func enqueue(_ item: Item) -> Bool {
        guard !isClosed, items.count - head < configuration.queueCapacity else {
            state.dropped += 1
            return false
        }
        if !waiters.isEmpty {
            state.inFlight += 1
            waiters.removeFirst().resume(returning: item)
            return true
        }
        items.append(item)
        state.queued += 1
        return true
    }

    /// The next request for a worker; nil once the queue is closed and empty.
    private func next() async -> Item? {
        if head < items.count {
            let item = items[head]
            head += 1
            if head > 1024, head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            state.queued -= 1
            state.inFlight += 1
            return item
        }
        if isClosed { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Stops taking requests; the workers finish what is queued, then stop.
    func close() {
        isClosed = true
        for waiter in waiters { waiter.resume(returning: nil) }
        waiters = []
    }

    /// Counts what is left in the queue as abandoned (after the drain timeout).
    func abandonRemaining() {
        let left = items.count - head
        state.abandoned += left
        state.queued -= left
        items = []
        head = 0
    }

    private func update(_ change: (inout ForwardingState) -> Void) {
        change(&state)
    }

    /// Runs the workers until the queue is closed and drained (or the task is cancelled).
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, configuration.concurrency) {
                group.addTask { await self.work() }
            }
        }
    }

    private func work() async {
        while !Task.isCancelled, let item = await next() {
            await process(item)
        }
    }

    private nonisolated func process(_ item: Item) async {
        var attempt = 1
        while true {
            let time = Date()
            let exchange = await forwarder.forward(item.request)
            await update { $0.attempts += 1 }
            await record(exchange, item: item, time: time, attempt: attempt)
            if exchange.isSuccess {
                await update { $0.sent += 1; $0.inFlight -= 1 }
                return
            }
            if !exchange.isRetryable || attempt >= configuration.maximumAttempts {
                await update { $0.failed += 1; $0.inFlight -= 1 }
                return
            }
            await update { $0.retrying += 1; $0.inFlight -= 1 }
            let backoff = Self.backoff(attempt: attempt, initial: configuration.initialBackoff, maximum: configuration.maximumBackoff)
            do {
                try await Task.sleep(for: backoff)
            } catch {
                await update { $0.retrying -= 1; $0.abandoned += 1 }
                return
            }
            await update { $0.retrying -= 1; $0.inFlight += 1 }
            attempt += 1
        }
    }

    /// The wait before retry number `attempt`: `initial` doubled per earlier retry, capped.
    static func backoff(attempt: Int, initial: Duration, maximum: Duration) -> Duration {
        var wait = initial
        for _ in 1..<max(1, attempt) {
            wait *= 2
            if wait >= maximum { return maximum }
        }
        return min(wait, maximum)
    }

    private nonisolated func record(_ exchange: UpstreamExchange, item: Item, time: Date, attempt: Int) async {
        var findings: [Finding] = []
        if let failure = exchange.failure {
            findings.append(Finding(severity: .error, code: CollectorFindingCode.upstreamError, path: "$",
                                    message: "Attempt \(attempt): no answer from \(exchange.url): \(failure)"))
        } else if let response = exchange.response, !(200..<300).contains(response.status) {
            findings.append(Finding(severity: response.status >= 500 ? .error : .warning, code: CollectorFindingCode.upstreamStatus, path: "$",
                                    message: "Attempt \(attempt): the upstream answered \(response.status)."))
        }
        let record = CaptureRecord(
            time: time, direction: .sent, method: item.request.method, path: exchange.path, query: exchange.query,
            siteId: item.siteId, requestHeaders: exchange.headers, requestBody: item.request.body,
            response: exchange.response, dialect: item.dialect, findings: findings,
            targetURL: exchange.url, sourceSequence: item.sourceSequence
        )
        if let stored = try? await sink.append(record) {
            onRecord(stored)
        }
    }
}
