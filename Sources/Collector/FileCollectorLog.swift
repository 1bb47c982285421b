import CaptureLog
import Foundation

/// The collector's capture log on disk: appends go to a `CaptureLogWriter` (group commit, durable
/// before they return); `reset` renames the file with a timestamp and opens a fresh one.
public final class FileCollectorLog: CollectorLog, @unchecked Sendable {
    public let url: URL
    public let durability: Durability
    private let lock = NSLock()
    private var writer: CaptureLogWriter

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

    public func forEachRecord(_ body: @Sendable (CaptureRecord) async throws -> Void) async throws {
        for record in try readRecords() { try await body(record) }
    }

    public func newestRecords(limit: Int, matching: @Sendable (CaptureRecord) -> Bool) async throws -> [CaptureRecord] {
        var found: [CaptureRecord] = []
        for line in try readLines().reversed() {
            guard let record = try? CaptureRecord.decode(line: line), matching(record) else { continue }
            found.append(record)
            if found.count >= limit { break }
        }
        return found
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

    /// The record lines of the file (the header line and blank or torn lines left out).
    private func readLines() throws -> [[UInt8]] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let data = try Data(contentsOf: url)
        var lines: [[UInt8]] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x0A {
                if index > start {
                    let line = Array(bytes[start..<index])
                    if !(line.starts(with: Array(#"{"format""#.utf8))) { lines.append(line) }
                }
                start = index + 1
            }
        }
        return lines
    }

    private func readRecords() throws -> [CaptureRecord] {
        try readLines().compactMap { try? CaptureRecord.decode(line: $0) }
    }
}
