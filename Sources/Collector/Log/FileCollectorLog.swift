import CaptureLog
import Foundation
import TrackingModel

/// The collector's capture log on disk: appends go to a `CaptureLogWriter` (group commit, durable
/// before they return; rotated past `maximumSize`), reads to a `CaptureLogReader` (an index of
/// line offsets, extended as the file grows) and to the rotated segments still kept; `reset`
/// renames the file and its segments with a timestamp and opens a fresh one. Reads run on a
/// `BackgroundWorker`, so that scanning a large log never holds up the answers to requests.
public final class FileCollectorLog: CollectorLog, @unchecked Sendable {
    public let url: URL
    public let durability: Durability
    /// Rotate the live file when it would grow past this many bytes (nil: never).
    public let maximumSize: Int?
    private let lock = NSLock()
    private var writer: CaptureLogWriter
    /// The live file and the kept segments, opened on first use, for the inspection API and the
    /// rebuild at start: each file is indexed once, and followed across rotations.
    private var reader: SegmentedCaptureLogReader?
    let readerWorker = BackgroundWorker(name: "trackscope-scan")

    public nonisolated var fileURL: URL? { url }
    public let sequenceAtOpening: UInt64

    /// Opens (creating when missing) the log at `url`.
    public init(url: URL, durability: Durability = .fsync, maximumSize: Int? = nil) throws {
        self.url = url
        self.durability = durability
        self.maximumSize = maximumSize
        let writer = try CaptureLogWriter(url: url, durability: durability, maximumSize: maximumSize)
        self.writer = writer
        self.sequenceAtOpening = writer.sequenceAtOpening
    }

    /// What opening found and repaired, to report once.
    public var openingWarnings: [String] { currentWriter.openingWarnings }

    private var currentWriter: CaptureLogWriter {
        lock.withLock { writer }
    }

    public func append(_ record: CaptureRecord) async throws -> CaptureRecord {
        try await currentWriter.append(record)
    }

    public func append(contentsOf records: [CaptureRecord]) async throws -> [CaptureRecord] {
        try await currentWriter.append(contentsOf: records)
    }

    /// The summary of every record of the kept segments, then of the live file, in order
    /// (undecodable lines skipped), read in large chunks and decoded on every core. Sequence
    /// numbers only increase: a file that a rotation renamed as it was opened is not read twice.
    public func forEachSummary(fullRecordWhen wantsRecord: @escaping @Sendable (CaptureRecordSummary) -> Bool,
                               _ body: @escaping @Sendable (CaptureRecordSummary, CaptureRecord?) -> Void) async throws {
        try await readerWorker.run { [self] _ in
            var last: UInt64 = 0
            for file in try currentFiles() {
                try file.scanSummaries(fullRecordWhen: wantsRecord) { summary, record in
                    guard summary.sequence > last else { return }
                    last = summary.sequence
                    body(summary, record)
                }
            }
        }
    }

    /// Reads from the end of the live file back, then into the kept segments, until `limit`
    /// records match; lines the query's byte pre-check rules out are not decoded. Only records
    /// older than those already read count, should a file renamed by a rotation be read twice.
    /// Cancelling the calling task stops the reading between two blocks of about 4 MB, or skips
    /// it when it has not started.
    public func newestRecords(limit: Int, matching query: FilterQuery) async throws -> [CaptureRecord] {
        try await readerWorker.run { [self] isCancelled in
            var found: [CaptureRecord] = []
            var oldestRead: UInt64?
            for file in try currentFiles().reversed() where found.count < limit {
                let older = try file.newestRecords(matching: query, limit: limit - found.count, isCancelled: isCancelled)
                found += older.filter { record in oldestRead.map { record.sequence < $0 } ?? true }
                if let first = try? file.record(at: 0).sequence { oldestRead = min(oldestRead ?? first, first) }
            }
            return found
        }
    }

    /// The readers of the kept segments, oldest first, then of the live file, brought up to date:
    /// what was appended since the last call is indexed, a rotation's renamed files keep their
    /// readers, and a `reset` is followed to the new file.
    private func currentFiles() throws -> [CaptureLogReader] {
        let log = try lock.withLock {
            if let reader { return reader }
            let opened = try SegmentedCaptureLogReader(url: url, useSidecar: false)
            reader = opened
            return opened
        }
        try log.refresh()
        // A segment that is not a capture log fails the read, as the live file would.
        if let problem = log.firstUnreadableSegment { throw problem }
        return log.files
    }

    public func reset() async throws -> URL? {
        let archive = Self.archiveURL(for: url)
        let old: CaptureLogWriter = try lock.withLock {
            // Rotated segments go with it: capture.2.jsonl becomes capture-STAMP.2.jsonl.
            for number in CaptureLogSegments.numbers(of: url) {
                try FileManager.default.moveItem(atPath: CaptureLogSegments.path(of: url.path, segment: number),
                                                 toPath: CaptureLogSegments.path(of: archive.path, segment: number))
            }
            try FileManager.default.moveItem(at: url, to: archive)
            let old = writer
            writer = try CaptureLogWriter(url: url, durability: durability, maximumSize: maximumSize)
            return old
        }
        // Appends that reached the old writer finish in the archived file (renaming keeps it open).
        try? await old.close()
        return archive
    }

    public func close() async throws {
        try await currentWriter.close()
    }

    /// `capture-20261126T181500Z.jsonl` beside `capture.jsonl` (`-2`, `-3`... when taken).
    static func archiveURL(for url: URL, date: Date = Date()) -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = formatter.string(from: date)
        let folder = url.deletingLastPathComponent()
        let ext = url.pathExtension
        let stem = url.deletingPathExtension().lastPathComponent
        var candidate = folder.appendingPathComponent("\(stem)-\(stamp)").appendingPathExtension(ext)
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = folder.appendingPathComponent("\(stem)-\(stamp)-\(counter)").appendingPathExtension(ext)
            counter += 1
        }
        return candidate
    }
}
