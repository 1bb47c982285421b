import CaptureLog
import Foundation
import TrackingModel

/// The collector's capture log on disk: appends go to a `CaptureLogWriter` (group commit, durable
/// before they return), reads to a `CaptureLogReader` (an index of line offsets, extended as the
/// file grows); `reset` renames the file with a timestamp and opens a fresh one. Reads run on a
/// `BackgroundWorker`, so that scanning a large log never holds up the answers to requests.
public final class FileCollectorLog: CollectorLog, @unchecked Sendable {
    public let url: URL
    public let durability: Durability
    private let lock = NSLock()
    private var writer: CaptureLogWriter
    /// Opened on first use, for the inspection API and the rebuild at start.
    private var reader: CaptureLogReader?
    let readerWorker = BackgroundWorker(name: "trackscope-scan")

    public nonisolated var fileURL: URL? { url }

    /// Opens (creating when missing) the log at `url`.
    public init(url: URL, durability: Durability = .fsync) throws {
        self.url = url
        self.durability = durability
        self.writer = try CaptureLogWriter(url: url, durability: durability)
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

    /// Every record in file order (undecodable lines skipped), read in large chunks and decoded
    /// on every core.
    public func forEachRecord(_ body: @escaping @Sendable (CaptureRecord) -> Void) async throws {
        try await readerWorker.run { [self] in
            _ = try currentReader().scan(matching: .all) { body($0) }
        }
    }

    /// Reads from the end of the file back, until `limit` records match; lines the query's byte
    /// pre-check rules out are not decoded.
    public func newestRecords(limit: Int, matching query: FilterQuery) async throws -> [CaptureRecord] {
        try await readerWorker.run { [self] in
            try currentReader().newestRecords(matching: query, limit: limit)
        }
    }

    /// The reader of the live file, brought up to date: it indexes only what was appended since
    /// the last call, and starts over when `reset` put a new file in place.
    private func currentReader() throws -> CaptureLogReader {
        let current = try lock.withLock {
            if let reader { return reader }
            let opened = try CaptureLogReader(url: url, useSidecar: false)
            reader = opened
            return opened
        }
        try current.refresh()
        return current
    }

    public func reset() async throws -> URL? {
        let archive = Self.archiveURL(for: url)
        let old: CaptureLogWriter = try lock.withLock {
            try FileManager.default.moveItem(at: url, to: archive)
            let old = writer
            writer = try CaptureLogWriter(url: url, durability: durability)
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
