import CaptureLog
import Foundation
import TrackingModel

/// The capture log as the collector uses it: append (durable before it returns), read back, and
/// start afresh on `/_trackscope/reset`. `FileCollectorLog` is the real one; `MemoryCollectorLog`
/// serves tests and previews.
public protocol CollectorLog: CaptureSink {
    /// The file records go to, for messages; nil for a log kept in memory.
    nonisolated var fileURL: URL? { get }
    /// Records already in the log when it was opened have sequences below this one; records
    /// appended through it, this one or above.
    nonisolated var sequenceAtOpening: UInt64 { get }
    /// Calls `body` with the summary of every record of the current log, oldest first, one at a
    /// time (a file log calls it from the thread it reads on), with the whole record beside the
    /// summaries `fullRecordWhen` picks.
    func forEachSummary(fullRecordWhen wantsRecord: @escaping @Sendable (CaptureRecordSummary) -> Bool,
                        _ body: @escaping @Sendable (CaptureRecordSummary, CaptureRecord?) -> Void) async throws
    /// The newest records `query` matches, newest first, at most `limit`. A file log stops reading
    /// (`CancellationError`) when the calling task is cancelled.
    func newestRecords(limit: Int, matching query: FilterQuery) async throws -> [CaptureRecord]
    /// Keeps the current log aside (a file is renamed with a timestamp) and starts an empty one.
    /// Returns where the old log went, when it went somewhere.
    func reset() async throws -> URL?
    /// Makes everything appended durable and releases the file.
    func close() async throws
}

/// A capture log kept in memory: for tests, previews and the terminal UI's demo mode.
public actor MemoryCollectorLog: CollectorLog {
    public private(set) var records: [CaptureRecord] = []
    /// The logs set aside by `reset`, oldest first.
    public private(set) var archived: [[CaptureRecord]] = []
    private var nextSequence: UInt64 = 1
    private var isClosed = false
    public nonisolated let sequenceAtOpening: UInt64

    public init(records: [CaptureRecord] = []) {
        self.records = records
        self.nextSequence = (records.map(\.sequence).max() ?? 0) + 1
        self.sequenceAtOpening = nextSequence
    }

    public nonisolated var fileURL: URL? { nil }

    public func append(_ record: CaptureRecord) async throws -> CaptureRecord {
        try await append(contentsOf: [record])[0]
    }

    public func append(contentsOf records: [CaptureRecord]) async throws -> [CaptureRecord] {
        guard !isClosed else { throw CollectorLogError.closed }
        let stored = records.enumerated().map { index, record in
            var stored = SecretFingerprint.record(record)
            stored.sequence = nextSequence + UInt64(index)
            return stored
        }
        nextSequence += UInt64(records.count)
        self.records.append(contentsOf: stored)
        return stored
    }

    public func forEachSummary(fullRecordWhen wantsRecord: @escaping @Sendable (CaptureRecordSummary) -> Bool,
                               _ body: @escaping @Sendable (CaptureRecordSummary, CaptureRecord?) -> Void) async throws {
        for record in records {
            let summary = CaptureRecordSummary(record)
            body(summary, wantsRecord(summary) ? record : nil)
        }
    }

    public func newestRecords(limit: Int, matching query: FilterQuery) async throws -> [CaptureRecord] {
        var found: [CaptureRecord] = []
        guard limit > 0 else { return found }
        for record in records.reversed() where record.matches(query) {
            found.append(record)
            if found.count >= limit { break }
        }
        return found
    }

    public func reset() async throws -> URL? {
        archived.append(records)
        records = []
        nextSequence = 1
        return nil
    }

    public func close() async throws {
        isClosed = true
    }
}

/// Why the collector's log refused a record.
public enum CollectorLogError: Error, Sendable, Hashable, CustomStringConvertible {
    case closed

    public var description: String {
        switch self {
        case .closed: "the capture log is closed"
        }
    }
}
