import CaptureLog
import Foundation
import Synchronization
import TrackingModel

/// Sends capture records again, in their order, through one `Sender`: at most `concurrency`
/// requests in flight (sent and not yet answered), each started when `pacing` says it is due.
/// Every attempt is recorded by the sender as a `sent` record naming its source record, and the
/// run returns once all are recorded; failures are counted, never thrown.
///
/// Cancelling the task that runs `run` stops it cleanly: no new request starts, the requests in
/// flight are cancelled (and recorded as such), and the summary so far is returned, marked
/// interrupted.
public struct Replayer: Sendable {
    public let sender: Sender
    public let pacing: ReplayPacing
    public let concurrency: Int
    /// The requests in flight when nobody says (`trackscope replay`, the inspector's form).
    public static let defaultConcurrency = 4
    /// The least time between two progress reports (the last request is always reported).
    public let progressInterval: Duration
    private let elapsedSinceStart: @Sendable (ContinuousClock.Instant) -> Duration
    private let sleep: @Sendable (Duration) async -> Void

    /// - Parameters:
    ///   - concurrency: the most requests in flight at once (at least 1).
    ///   - progressInterval: the least time between two progress reports: a report copies the
    ///     summary (its histogram too), so it is not made for every request of a fast replay.
    ///   - elapsed: the time since a start (tests pass their own clock).
    ///   - sleep: how to wait until a request is due (returns early when the task is cancelled).
    public init(
        sender: Sender, pacing: ReplayPacing = .unpaced, concurrency: Int = Replayer.defaultConcurrency,
        progressInterval: Duration = .milliseconds(100),
        elapsed: @escaping @Sendable (ContinuousClock.Instant) -> Duration = { ContinuousClock.now - $0 },
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        self.sender = sender
        self.pacing = pacing
        self.concurrency = max(concurrency, 1)
        self.progressInterval = progressInterval
        self.elapsedSinceStart = elapsed
        self.sleep = sleep
    }

    /// The request for one record and the findings its `sent` records carry; called when the
    /// request is due (so `--shift-time now` reads the time of sending).
    public typealias RequestBuilder = @Sendable (CaptureRecord) -> (request: EventRequest, findings: [Finding])

    /// Replays `records` in order. `progress` hears the summary and the time since the start when a
    /// request ends, at most once per `progressInterval`, and always after the last one.
    public func run(
        _ records: [CaptureRecord], request build: @escaping RequestBuilder,
        progress: @escaping @Sendable (ReplaySummary, Duration) -> Void = { _, _ in }
    ) async -> ReplaySummary {
        let state = SummaryBox(ReplaySummary(total: records.count))
        let start = ContinuousClock.now
        let first = records.first?.time
        let sender = self.sender
        let elapsed = self.elapsedSinceStart
        let interval = self.progressInterval
        // A request holds one of the `concurrency` slots while it is built and exchanged with the
        // target; its `sent` record is written after it has given the slot back, so that the target
        // always has `concurrency` requests to work on (the log's group commit waits for a sync).
        // Requests still being written are bounded too: at most `recordingBacklog` tasks in all.
        let (freedSlots, freeSlot) = AsyncStream.makeStream(of: Void.self)
        let recordingBacklog = concurrency * 4
        await withTaskGroup(of: Void.self) { group in
            var exchanging = 0
            var tasks = 0
            var freed = freedSlots.makeAsyncIterator()
            for (index, record) in records.enumerated() {
                if Task.isCancelled { break }
                let recorded = first.map { Duration.milliseconds(Int64((record.time.timeIntervalSince($0) * 1000).rounded())) } ?? .zero
                let wait = pacing.delay(index: index, recordedOffset: recorded, elapsed: elapsed(start))
                if wait > .zero {
                    await sleep(wait)
                    if Task.isCancelled { break }
                }
                if exchanging >= concurrency {
                    // Nil: the run was cancelled.
                    guard await freed.next() != nil else { break }
                    exchanging -= 1
                }
                if tasks >= recordingBacklog {
                    _ = await group.next()
                    tasks -= 1
                    if Task.isCancelled { break }
                }
                group.addTask {
                    let (request, findings) = build(record)
                    let attempts = await sender.send(request, findings: findings, sourceSequence: record.sequence,
                                                     onLastExchange: { freeSlot.yield() })
                    let now = elapsed(start)
                    if let summary = state.add(attempts, reportingAt: now, every: interval) {
                        progress(summary, now)
                    }
                }
                exchanging += 1
                tasks += 1
            }
            await group.waitForAll()
        }
        freeSlot.finish()
        var summary = state.value
        summary.interrupted = Task.isCancelled
        return summary
    }

    /// The summary, shared by the requests in flight, and when it was last reported.
    final class SummaryBox: Sendable {
        private struct State {
            var summary: ReplaySummary
            var lastReport: Duration?
        }

        private let state: Mutex<State>

        init(_ summary: ReplaySummary) { self.state = Mutex(State(summary: summary)) }

        /// Counts one request; returns the summary so far when a report is due at `now` (none
        /// made within `interval` before it, or this was the last request), nil otherwise.
        func add(_ attempts: [SendAttempt], reportingAt now: Duration, every interval: Duration) -> ReplaySummary? {
            state.withLock { state in
                state.summary.add(attempts)
                let isLast = state.summary.done >= state.summary.total
                if !isLast, let last = state.lastReport, now - last < interval { return nil }
                state.lastReport = now
                return state.summary
            }
        }

        var value: ReplaySummary { state.withLock { $0.summary } }
    }
}
