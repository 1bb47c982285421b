import Dispatch
import Foundation

/// The one writer of a capture log. Appends from any number of tasks are batched (group commit):
/// while one batch is being written and synced, the next one gathers; each batch goes to disk with
/// one write and (with `.fsync`) one fdatasync, and only then do its appends return.
///
/// Secrets are fingerprinted here, on every append, whatever the caller passes. Sequence numbers
/// are assigned when the batch is written, under an exclusive file lock, continuing from the last
/// record in the file: several processes may append to the same log.
public actor CaptureLogWriter {
    public nonisolated let url: URL
    public nonisolated let durability: Durability
    public nonisolated let maximumSize: Int?
    /// What opening found and repaired (a torn last line left by a crash), to report once.
    public nonisolated let openingWarnings: [String]

    private let file: CaptureLogFile
    private let queue = DispatchQueue(label: "trackscope.capture-log.writer")
    private var pending: [(record: CaptureRecord, waiter: CheckedContinuation<CaptureRecord, any Error>)] = []
    private var flushing = false
    private var closed = false
    private var drainedWaiters: [CheckedContinuation<Void, Never>] = []

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
    }

    /// Appends `record` (its sequence is assigned, secrets fingerprinted) and returns it as stored,
    /// once it is durable according to `durability`.
    @discardableResult
    public func append(_ record: CaptureRecord) async throws -> CaptureRecord {
        guard !closed else { throw CaptureLogError.closed }
        let cleaned = SecretFingerprint.record(record)
        return try await withCheckedThrowingContinuation { waiter in
            pending.append((cleaned, waiter))
            if !flushing {
                flushing = true
                Task { await self.drain() }
            }
        }
    }

    /// Appends several records as one batch; returns them as stored.
    public func append(contentsOf records: [CaptureRecord]) async throws -> [CaptureRecord] {
        try await withThrowingTaskGroup(of: (Int, CaptureRecord).self) { group in
            for (index, record) in records.enumerated() {
                group.addTask { (index, try await self.append(record)) }
            }
            var stored = records
            for try await (index, record) in group { stored[index] = record }
            return stored.sorted { $0.sequence < $1.sequence }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let records = batch.map(\.record)
            let file = self.file
            let sync = durability == .fsync
            let result: Result<[CaptureRecord], any Error> = await withCheckedContinuation { continuation in
                queue.async {
                    continuation.resume(returning: Result { try file.append(records, sync: sync) })
                }
            }
            switch result {
            case .success(let stored):
                for (index, entry) in batch.enumerated() { entry.waiter.resume(returning: stored[index]) }
            case .failure(let error):
                for entry in batch { entry.waiter.resume(throwing: error) }
            }
        }
        flushing = false
        let waiters = drainedWaiters
        drainedWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// Waits for every pending append, then closes the file. Later appends throw.
    public func close() async throws {
        closed = true
        if flushing {
            await withCheckedContinuation { drainedWaiters.append($0) }
        }
        let file = self.file
        queue.sync { file.closeFile() }
    }
}
