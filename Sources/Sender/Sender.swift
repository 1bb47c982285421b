import AsyncHTTPClient
import CaptureLog
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import TrackingModel

/// Delivers `EventRequest`s with one HTTP client (its connections are reused from one request to
/// the next), retries by a `RetryPolicy`, and appends every attempt to the capture log as a `sent`
/// record: target, request (keys fingerprinted), answer (status, headers, body, latency) or the
/// failure, dialect and findings. Nothing here throws: a refused connection, a time-out or a log
/// that cannot be written is an outcome to report, never a crash.
///
/// Not an actor: nothing it holds changes but the shut-down flag (behind a lock), so requests in
/// flight build, record and finish on every core at once rather than one at a time.
///
/// Call `shutdown()` when done: it closes the client's connections.
public final class Sender: Sendable {
    private let client: HTTPClient
    private let log: CaptureLogWriter?
    private let timeout: Duration
    private let retryPolicy: RetryPolicy
    private let maximumResponseBytes: Int
    private let pause: @Sendable (Duration) async -> Void
    private let shutDown = Mutex(false)
    private var isShutDown: Bool { shutDown.withLock { $0 } }

    /// The most one attempt waits for a connection (less when `timeout` is shorter).
    public static let connectTimeout: Duration = .seconds(2)

    /// - Parameters:
    ///   - log: where `sent` records go (nil: nowhere, for tests of the wire alone).
    ///   - timeout: how long one attempt may take in all, connection included.
    ///   - retryPolicy: when to try again.
    ///   - connectionsPerHost: how many connections the client keeps open to one host; a replay
    ///     passes its concurrency, so that every request in flight has its own connection.
    ///   - pause: how to wait between attempts (tests pass a recorder).
    public init(
        log: CaptureLogWriter?, timeout: Duration = .seconds(10), retryPolicy: RetryPolicy = RetryPolicy(),
        maximumResponseBytes: Int = 1 << 20, connectionsPerHost: Int = 8,
        pause: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        // The client keeps retrying a refused connection until its connect timeout
        // (async-http-client issue #743), so that timeout is kept short: a collector that is not
        // running is reported within `connectTimeout`, not after the whole `timeout`.
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(min(timeout, Self.connectTimeout)), read: TimeAmount(timeout))
        )
        configuration.decompression = .disabled
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(connectionsPerHost, 1))
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.log = log
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.maximumResponseBytes = maximumResponseBytes
        self.pause = pause
    }

    /// Sends `request` until it succeeds, gets an answer not worth repeating, or the retries run
    /// out; every attempt is recorded with `findings` (the body's validation findings) and, when
    /// it failed, a `send-failed` or `send-refused` finding. `onAttempt` hears of each attempt as
    /// it ends, before any wait. `onLastExchange` is called once, when the last attempt's exchange
    /// has ended and before it is recorded: the request no longer needs the target (a replay
    /// starts the next one while this one is written). Returns the attempts in order, once all are
    /// recorded. `sourceSequence` (replay) is the record the request sends again: each `sent`
    /// record names it. A cancelled task is not retried.
    public func send(
        _ request: EventRequest, findings: [Finding] = [], sourceSequence: UInt64? = nil,
        onAttempt: @Sendable (SendAttempt, _ nextDelay: Duration?) -> Void = { _, _ in },
        onLastExchange: @Sendable () -> Void = {}
    ) async -> [SendAttempt] {
        var attempts: [SendAttempt] = []
        var number = 1
        while true {
            var attempt = await exchange(request, number: number)
            let canRetry = !attempt.succeeded && attempt.isRetryable && number <= retryPolicy.retries && !isShutDown
                && !Task.isCancelled
            if !canRetry { onLastExchange() }
            await record(&attempt, findings: findings, sourceSequence: sourceSequence)
            attempts.append(attempt)
            let delay = canRetry ? retryPolicy.delay(beforeRetry: number) : nil
            onAttempt(attempt, delay)
            guard let delay else { return attempts }
            await pause(delay)
            number += 1
        }
    }

    /// Closes the client's connections. Later sends fail without trying.
    public func shutdown() async {
        let wasShutDown = shutDown.withLock { state in
            defer { state = true }
            return state
        }
        guard !wasShutDown else { return }
        try? await client.shutdown()
    }

    // MARK: - One attempt

    private func exchange(_ request: EventRequest, number: Int) async -> SendAttempt {
        let start = ContinuousClock.now
        guard !isShutDown else {
            return SendAttempt(request: request, number: number, response: nil,
                               failure: "the sender was shut down", latencyMilliseconds: 0)
        }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        do {
            let response = try await client.execute(outgoing, timeout: TimeAmount(timeout))
            let bytes = try await response.body.collect(upTo: maximumResponseBytes)
            let answer = CaptureRecord.Response(
                status: Int(response.status.code),
                headers: response.headers.map { CaptureRecord.HeaderField(name: $0.name, value: $0.value) },
                body: Array(bytes.readableBytesView),
                latencyMilliseconds: Self.milliseconds(since: start)
            )
            return SendAttempt(request: request, number: number, response: answer, failure: nil,
                               latencyMilliseconds: answer.latencyMilliseconds)
        } catch {
            return SendAttempt(request: request, number: number, response: nil,
                               failure: Self.describe(error, timeout: timeout),
                               latencyMilliseconds: Self.milliseconds(since: start))
        }
    }

    /// Appends the attempt's `sent` record; a log that cannot take it is noted on the attempt.
    private func record(_ attempt: inout SendAttempt, findings: [Finding], sourceSequence: UInt64?) async {
        guard let log else { return }
        var all = findings
        if let failure = attempt.failure {
            all.append(Finding(severity: .error, code: SendFindingCode.sendFailed, path: "$",
                               message: "No answer from \(attempt.request.safeURL): \(failure) (attempt \(attempt.number))."))
        } else if let response = attempt.response, !attempt.succeeded {
            all.append(Finding(severity: .error, code: SendFindingCode.sendRefused, path: "$",
                               message: "\(attempt.request.safeURL) answered \(response.status) (attempt \(attempt.number))."))
        }
        let record = attempt.request.record(
            time: Date(timeIntervalSinceNow: -attempt.latencyMilliseconds / 1000),
            response: attempt.response, findings: all, sourceSequence: sourceSequence)
        do {
            attempt.record = try await log.append(record)
        } catch {
            attempt.logFailure = String(describing: error)
        }
    }

    // MARK: - Helpers

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// A failure in words a person reads: `connection refused`, `no answer within 10 s`.
    static func describe(_ error: any Error, timeout: Duration) -> String {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let limit = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return "no answer within \(limit) s (timed out)"
            case .remoteConnectionClosed:
                return "the target closed the connection without answering"
            default:
                break
            }
        }
        if error is CancellationError || (error as? HTTPClientError) == .cancelled {
            return "cancelled (the run was interrupted)"
        }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        return text
    }
}
