import Foundation
import TrackingModel
#if canImport(Glibc)
import Glibc
#endif

/// `log import --format events` on every core: reads a JSON Lines file of events in chunks of whole
/// lines, turns each chunk into analysed, encoded records on its own task (the same records
/// `CaptureImport.events` gives), and appends the chunks to the log in file order, one batch each.
public struct EventLinesImport: Sendable {
    /// How far an import has gone.
    public struct Progress: Sendable, Hashable {
        public var bytesRead: UInt64
        /// The size of the input, when it is a regular file.
        public var totalBytes: UInt64?
        public var records: Int
    }

    /// What an import appended.
    public struct Outcome: Sendable, Hashable {
        public var records: Int
        /// The sequence numbers the records got, first and last.
        public var sequences: ClosedRange<UInt64>?
    }

    /// The endpoint each event is recorded as posted to.
    public var path = "/events"
    public var query = ""
    /// The time every record gets.
    public var time: Date
    /// About how many bytes of input each task takes (whole lines: a longer line makes a longer chunk).
    public var chunkBytes: Int
    /// How many chunks are prepared at once.
    public var concurrency: Int

    public init(time: Date = Date(), chunkBytes: Int = 1 << 20, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.time = time
        self.chunkBytes = max(1, chunkBytes)
        self.concurrency = max(1, concurrency)
    }

    /// Reads `fd` to its end and appends a record for every event line to `writer`, in order.
    /// With a maximum log size the records are appended one a batch, so the log rotates between
    /// records exactly as it would for single appends. `progress` is called after each chunk.
    public func run(reading fd: Int32, name: String, into writer: CaptureLogWriter,
                    progress: ((Progress) -> Void)? = nil) async throws -> Outcome {
        var reader = LineChunks(fd: fd, name: name, chunkBytes: chunkBytes)
        var info = Glibc.stat()
        let totalBytes: UInt64? = Glibc.fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? UInt64(info.st_size) : nil
        let path = self.path, query = self.query, time = self.time
        let siteId = CaptureImport.siteId(path: path, query: query)
        let oneByOne = writer.maximumSize != nil
        var outcome = Outcome(records: 0, sequences: nil)
        var bytesRead: UInt64 = 0

        try await withThrowingTaskGroup(of: (index: Int, bytes: Int, prepared: CaptureLogWriter.PreparedRecords).self) { group in
            var nextToRead = 0
            var nextToWrite = 0
            var inFlight = 0
            var atEnd = false
            var ready: [Int: (bytes: Int, prepared: CaptureLogWriter.PreparedRecords)] = [:]
            while true {
                while !atEnd, inFlight < concurrency + 1 {
                    guard let chunk = try reader.next() else {
                        atEnd = true
                        break
                    }
                    let index = nextToRead
                    group.addTask {
                        let records = chunk.split(separator: 0x0A, omittingEmptySubsequences: false).compactMap {
                            CaptureImport.eventRecord(line: $0, path: path, query: query, siteId: siteId, time: time)
                        }
                        return (index, chunk.count, CaptureLogWriter.prepare(records))
                    }
                    nextToRead += 1
                    inFlight += 1
                }
                guard let done = try await group.next() else { break }
                inFlight -= 1
                ready[done.index] = (done.bytes, done.prepared)
                while let next = ready.removeValue(forKey: nextToWrite) {
                    for batch in oneByOne ? next.prepared.batches(ofAtMost: 1) : [next.prepared] {
                        let stored = try await writer.append(batch)
                        guard let first = stored.first?.sequence, let last = stored.last?.sequence else { continue }
                        outcome.sequences = (outcome.sequences?.lowerBound ?? first)...last
                        outcome.records += stored.count
                    }
                    bytesRead += UInt64(next.bytes)
                    nextToWrite += 1
                    progress?(Progress(bytesRead: bytesRead, totalBytes: totalBytes, records: outcome.records))
                }
            }
        }
        return outcome
    }
}

/// Reads a file descriptor in chunks of whole lines (the last chunk may end without a newline).
private struct LineChunks {
    let fd: Int32
    let name: String
    let chunkBytes: Int
    /// Bytes read after the last newline of the previous chunk.
    private var carry: [UInt8] = []
    private var atEnd = false

    init(fd: Int32, name: String, chunkBytes: Int) {
        self.fd = fd
        self.name = name
        self.chunkBytes = chunkBytes
    }

    mutating func next() throws -> [UInt8]? {
        if atEnd { return nil }
        var buffer = carry
        carry = []
        while true {
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunkBytes))
            let read = try buffer.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) throws -> Int in
                while true {
                    let result = Glibc.read(fd, raw.baseAddress! + start, chunkBytes)
                    if result >= 0 { return result }
                    if errno != EINTR { throw CaptureLogError.io(operation: "read", path: name, errno: errno) }
                }
            }
            buffer.removeLast(chunkBytes - read)
            if read == 0 {
                atEnd = true
                return buffer.isEmpty ? nil : buffer
            }
            if let newline = buffer[start...].lastIndex(of: 0x0A) {
                carry = Array(buffer[(newline + 1)...])
                buffer.removeSubrange((newline + 1)...)
                return buffer
            }
        }
    }
}
