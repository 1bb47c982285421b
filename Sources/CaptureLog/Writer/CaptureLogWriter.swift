import Dispatch
import Foundation
import Synchronization

/// The one writer of a capture log. Appends from any number of tasks are batched (group commit):
/// while one batch is being written and synced, the next one gathers; each batch goes to disk with
/// one write and (with `.fsync`) one fdatasync, and only then do its appends return.
///
/// The appending task does the per-record work itself (fingerprinting secrets, encoding the line),
/// so that it runs on every core; the I/O queue only numbers, writes and syncs. Secrets are
/// fingerprinted on every append, whatever the caller passes. Sequence numbers are assigned when
/// the batch is written, under an exclusive file lock, continuing from the last record in the
/// file: several processes may append to the same log.
public final class CaptureLogWriter: Sendable {
    public let url: URL
    public let durability: Durability
    public let maximumSize: Int?
    /// What opening found and repaired (a torn last line left by a crash), to report once.
    public let openingWarnings: [String]
    /// The sequence the next record would get when the log was opened: every record this writer
    /// appends gets this one or a later one, every record already in the log an earlier one.
    public let sequenceAtOpening: UInt64

    /// Records waiting for the next batch: their encoded lines and who waits for their numbers.
    private struct Pending {
        var lines: [[UInt8]]
        var waiter: CheckedContinuation<UInt64, any Error>
    }

    private struct State {
        var pending: [Pending] = []
        var flushing = false
        var closed = false
        var drainedWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Touched only on `queue`.
    private let file: CaptureLogFile
    private let queue = DispatchQueue(label: "trackscope.capture-log.writer")
    private let state = Mutex(State())

    /// Opens (creating when missing: file 0600, new folders 0700) the log at `url` for appending.
    /// - Parameters:
    ///   - maximumSize: rotate when the live file would grow past this many bytes.
    ///   - maximumSegments: how many rotated segments to keep (`capture.1.jsonl` ...).
    public init(url: URL, durability: Durability = .fsync, maximumSize: Int? = nil, maximumSegments: Int = 5) throws {
        self.url = url
        self.durability = durability
        self.maximumSize = maximumSize
        let file = try CaptureLogFile(path: url.path, maximumSize: maximumSize, maximumSegments: maximumSegments)
        self.file = file
        self.openingWarnings = file.warnings
        self.sequenceAtOpening = file.nextSequence
    }

    /// Appends `record` (its sequence is assigned, secrets fingerprinted) and returns it as stored,
    /// once it is durable according to `durability`.
    @discardableResult
    public func append(_ record: CaptureRecord) async throws -> CaptureRecord {
        try await append(contentsOf: [record])[0]
    }

    /// Appends `records` in one batch, numbered contiguously and in order; returns them as stored,
    /// once they are durable according to `durability`. The collector gives a batch request's events
    /// this way, so they wait for one sync rather than one each.
    public func append(contentsOf records: [CaptureRecord]) async throws -> [CaptureRecord] {
        try await append(Self.prepare(records))
    }

    /// Records made ready for `append(_:)`: secrets fingerprinted and lines encoded, all but the
    /// sequence number. This is the per-record work of an append; a caller with many records
    /// prepares batches on several tasks at once and appends them in the order it wants.
    public struct PreparedRecords: Sendable {
        fileprivate var records: [CaptureRecord]
        fileprivate var lines: [[UInt8]]

        public var count: Int { records.count }

        /// The same records in batches of at most `size` (at least 1), in order.
        public func batches(ofAtMost size: Int) -> [PreparedRecords] {
            let size = max(1, size)
            return stride(from: 0, to: records.count, by: size).map { start in
                let end = min(start + size, records.count)
                return PreparedRecords(records: Array(records[start..<end]), lines: Array(lines[start..<end]))
            }
        }
    }

    /// Fingerprints the secrets of `records` and encodes their lines, on the calling task.
    public static func prepare(_ records: [CaptureRecord]) -> PreparedRecords {
        let stored = records.map(SecretFingerprint.record)
        return PreparedRecords(records: stored, lines: stored.map { $0.encodedLineAfterSequence() })
    }

    /// Appends prepared records in one batch, numbered contiguously and in order; returns them as
    /// stored, once they are durable according to `durability`.
    public func append(_ prepared: consuming PreparedRecords) async throws -> [CaptureRecord] {
        guard prepared.count > 0 else { return [] }
        // Moved out, not copied: the records are numbered in place, and the writer recycles the
        // lines' buffers once they are written (`LineBufferPool`).
        var stored = prepared.records
        var lines = prepared.lines
        prepared = PreparedRecords(records: [], lines: [])
        let first = try await withCheckedThrowingContinuation { waiter in
            enqueue(Pending(lines: lines, waiter: waiter))
            lines = []
        }
        for index in stored.indices { stored[index].sequence = first + UInt64(index) }
        return stored
    }

    private func enqueue(_ entry: Pending) {
        enum Next { case refuse, wait, startFlushing }
        let next: Next = state.withLock { state in
            if state.closed { return .refuse }
            state.pending.append(entry)
            if state.flushing { return .wait }
            state.flushing = true
            return .startFlushing
        }
        switch next {
        case .refuse: entry.waiter.resume(throwing: CaptureLogError.closed)
        case .wait: break
        case .startFlushing: queue.async { self.drain() }
        }
    }

    /// On `queue`: writes batches until nobody waits, then lets a waiting `close` go on.
    private func drain() {
        let sync = durability == .fsync
        while true {
            var (batch, closeWaiters) = state.withLock { state in
                guard state.pending.isEmpty else {
                    defer { state.pending = [] }
                    return (state.pending, [CheckedContinuation<Void, Never>]())
                }
                state.flushing = false
                defer { state.drainedWaiters = [] }
                return ([], state.drainedWaiters)
            }
            if batch.isEmpty {
                for waiter in closeWaiters { waiter.resume() }
                return
            }
            var lines = batch.flatMap(\.lines)
            let waiters = batch.map { ($0.waiter, $0.lines.count) }
            batch = []
            do {
                var first = try file.append(encoded: lines, sync: sync)
                for (waiter, count) in waiters {
                    waiter.resume(returning: first)
                    first += UInt64(count)
                }
            } catch {
                for (waiter, _) in waiters { waiter.resume(throwing: error) }
            }
            LineBufferPool.shared.recycle(&lines)
        }
    }

    /// Waits for every pending append, then closes the file. Later appends throw.
    public func close() async throws {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let mustWait = state.withLock { state in
                state.closed = true
                if state.flushing { state.drainedWaiters.append(waiter) }
                return state.flushing
            }
            if !mustWait { waiter.resume() }
        }
        let file = self.file
        queue.sync { file.closeFile() }
    }
}
