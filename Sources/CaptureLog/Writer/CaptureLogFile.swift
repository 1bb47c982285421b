import Foundation
import TrackingModel
#if canImport(Glibc)
import Glibc
#endif

/// The writer's side of the file: open, recover, append batches under an exclusive lock, rotate.
/// Used by one flush at a time (the writer guarantees it), from its dedicated I/O queue.
final class CaptureLogFile: @unchecked Sendable {
    let path: String
    let maximumSize: Int?
    let maximumSegments: Int
    private var fd: Int32 = -1
    private var inode: UInt64 = 0
    /// The size the file had after our last write (or recovery), to notice other writers.
    private var knownSize: Int64 = 0
    private(set) var nextSequence: UInt64 = 1
    private(set) var warnings: [String] = []
    /// The storage of the last batch's bytes, reused by the next batch: a batch of a few records
    /// is larger than what malloc serves from its fast per-thread cache, and the collector writes
    /// hundreds a second. Not kept past `keptBatchCapacity` (an import writes large batches).
    private var spareBatchBuffer: [UInt8] = []
    static let keptBatchCapacity = 1 << 20

    init(path: String, maximumSize: Int?, maximumSegments: Int) throws(CaptureLogError) {
        self.path = path
        self.maximumSize = maximumSize
        self.maximumSegments = max(1, maximumSegments)
        try POSIX.makeDirectories(NSStringPath(path).parent)
        try openLive()
        try POSIX.lock(fd, path: path)
        defer { POSIX.unlock(fd) }
        try recover()
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    func closeFile() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    private func openLive() throws(CaptureLogError) {
        if fd >= 0 { Glibc.close(fd) }
        fd = try POSIX.open(path, O_RDWR | O_CREAT | O_APPEND, 0o600)
        let info = try POSIX.fstat(fd, path: path)
        if info.st_mode & 0o077 != 0 { _ = fchmod(fd, 0o600) }
        inode = UInt64(info.st_ino)
    }

    /// Brings the file to a clean state under the lock: a header first, no torn last line, and
    /// the next sequence number after the last record (of this file or the previous segment).
    /// A file that is not a capture log is refused before anything in it is touched.
    private func recover() throws(CaptureLogError) {
        var size = Int64(try POSIX.fstat(fd, path: path).st_size)
        if size > 0 {
            try checkIsCaptureLog()
            // A torn tail: bytes after the last newline. Remove them so the next record starts on a
            // fresh line and the garbage is never glued to it.
            let lastNewline = try findLastNewline(before: size)
            if lastNewline + 1 < size {
                let torn = size - (lastNewline + 1)
                guard ftruncate(fd, off_t(lastNewline + 1)) == 0 else {
                    throw .io(operation: "truncate", path: path, errno: errno)
                }
                try POSIX.sync(fd, path: path)
                warnings.append("\(path): removed a torn last line (\(torn) bytes, an interrupted write)")
                size = lastNewline + 1
            }
        }
        if size == 0 {
            let header = CaptureLogHeader().line
            try POSIX.writeAll(fd, header, path: path)
            try POSIX.sync(fd, path: path)
            POSIX.fsyncDirectory(NSStringPath(path).parent)
            size = Int64(header.count)
        }
        knownSize = size
        nextSequence = (try lastSequence(in: fd, size: size) ?? previousSegmentLastSequence() ?? 0) + 1
    }

    /// Throws unless the file starts with a capture log header line, or is nothing but the
    /// beginning of one (trackscope stopped while writing the header of a new file: repairable).
    private func checkIsCaptureLog() throws(CaptureLogError) {
        let (firstLine, complete) = try readFirstLine()
        if !complete {
            let marker = Array(#"{"format":""#.utf8) + Array(CaptureLogFormat.name.utf8) + [UInt8(ascii: "\"")]
            if marker.starts(with: firstLine) || firstLine.starts(with: marker) { return }
            throw .notACaptureLog("\(path) does not start with a capture log header line (it has no complete line at all); trackscope leaves it as it is")
        }
        do {
            _ = try CaptureLogHeader.parse(firstLine)
        } catch .notACaptureLog(let reason) {
            throw .notACaptureLog("\(path): \(reason); trackscope leaves it as it is")
        }
    }

    /// The first line of the file (without its newline), and whether a newline ended it.
    private func readFirstLine() throws(CaptureLogError) -> (bytes: [UInt8], complete: Bool) {
        var bytes: [UInt8] = []
        var offset: UInt64 = 0
        while true {
            let chunk = try POSIX.readBytes(fd, offset: offset, count: 4096, path: path)
            if chunk.isEmpty { return (bytes, false) }
            if let newline = chunk.firstIndex(of: 0x0A) {
                bytes.append(contentsOf: chunk[..<newline])
                return (bytes, true)
            }
            bytes.append(contentsOf: chunk)
            offset += UInt64(chunk.count)
            if bytes.count > 1 << 20 { return (bytes, false) }
        }
    }

    /// The offset of the last newline before `size`, or -1.
    private func findLastNewline(before size: Int64) throws(CaptureLogError) -> Int64 {
        var end = size
        while end > 0 {
            let start = max(0, end - 65536)
            let chunk = try POSIX.readBytes(fd, offset: UInt64(start), count: Int(end - start), path: path)
            if let index = chunk.lastIndex(of: 0x0A) { return start + Int64(index) }
            end = start
        }
        return -1
    }

    /// The sequence of the last decodable record in the file, scanning back from the end.
    private func lastSequence(in fd: Int32, size: Int64) throws(CaptureLogError) -> UInt64? {
        var end = size
        var carry: [UInt8] = []
        while end > 0 {
            let start = max(0, end - 65536)
            var chunk = try POSIX.readBytes(fd, offset: UInt64(start), count: Int(end - start), path: path)
            chunk.append(contentsOf: carry)
            // Lines in this chunk, last first; the first (possibly partial) line is carried over.
            var lineEnd = chunk.count
            while let newline = chunk[..<lineEnd].lastIndex(of: 0x0A) {
                if newline + 1 < lineEnd, let sequence = Self.sequence(ofLine: Array(chunk[(newline + 1)..<lineEnd])) {
                    return sequence
                }
                lineEnd = newline
            }
            if start == 0 {
                return lineEnd > 0 ? Self.sequence(ofLine: Array(chunk[..<lineEnd])) : nil
            }
            carry = Array(chunk[..<lineEnd])
            end = start
        }
        return nil
    }

    static func sequence(ofLine line: [UInt8]) -> UInt64? {
        guard line.first == UInt8(ascii: "{"), !line.starts(with: Array("{\"format\"".utf8)) else { return nil }
        return try? CaptureRecord.decode(line: line).sequence
    }

    private func previousSegmentLastSequence() -> UInt64? {
        let previous = CaptureLogSegments.path(of: path, segment: 1)
        guard let segmentFD = try? POSIX.open(previous, O_RDONLY) else { return nil }
        defer { Glibc.close(segmentFD) }
        guard let info = try? POSIX.fstat(segmentFD, path: previous) else { return nil }
        return (try? lastSequence(in: segmentFD, size: Int64(info.st_size))) ?? nil
    }

    /// Appends records encoded by `CaptureRecord.encodedLineAfterSequence()`, numbering them from
    /// the file's next sequence, as one write, synced when `sync` is set; returns the first number
    /// given (the others follow it in order).
    func append(encoded tails: [[UInt8]], sync: Bool) throws(CaptureLogError) -> UInt64 {
        guard fd >= 0 else { throw .closed }
        try POSIX.lock(fd, path: path)
        defer { POSIX.unlock(fd) }
        // Another process may have rotated or replaced the file, or appended to it.
        if let current = POSIX.statPath(path), UInt64(current.st_ino) == inode {
            let size = Int64(try POSIX.fstat(fd, path: path).st_size)
            if size != knownSize { try recover() }
        } else {
            try reopenLive()
        }
        let first = nextSequence
        // Swapped in, so that the writer holds the only reference and appends without copying.
        var writer = JSONWriter(appendingTo: [])
        swap(&writer.bytes, &spareBatchBuffer)
        writer.bytes.removeAll(keepingCapacity: true)
        writer.bytes.reserveCapacity(tails.reduce(0) { $0 + $1.count + 24 })
        defer {
            if writer.bytes.capacity <= Self.keptBatchCapacity { spareBatchBuffer = writer.bytes }
        }
        for (index, tail) in tails.enumerated() {
            writer.raw("{")
            writer.key("seq"); writer.int(first + UInt64(index)); writer.comma()
            writer.bytes.append(contentsOf: tail)
            writer.bytes.append(0x0A)
        }
        if let maximumSize, knownSize + Int64(writer.bytes.count) > Int64(maximumSize),
           knownSize > Int64(CaptureLogHeader().line.count) {
            try rotate()
        }
        let before = knownSize
        do {
            try POSIX.writeAll(fd, writer.bytes, path: path)
            if sync { try POSIX.sync(fd, path: path) }
        } catch {
            // Never leave half a batch behind: cut back to where it started.
            _ = ftruncate(fd, off_t(before))
            throw error
        }
        knownSize = before + Int64(writer.bytes.count)
        nextSequence = first + UInt64(tails.count)
        return first
    }

    private func reopenLive() throws(CaptureLogError) {
        POSIX.unlock(fd)
        try openLive()
        try POSIX.lock(fd, path: path)
        try recover()
    }

    /// Shifts `capture.N.jsonl` up by one (dropping the oldest beyond `maximumSegments`), moves
    /// the live file to `capture.1.jsonl` and starts a fresh live file with a header.
    private func rotate() throws(CaptureLogError) {
        let oldest = CaptureLogSegments.path(of: path, segment: maximumSegments)
        _ = unlink(oldest)
        if maximumSegments > 1 {
            for number in stride(from: maximumSegments - 1, through: 1, by: -1) {
                _ = rename(CaptureLogSegments.path(of: path, segment: number), CaptureLogSegments.path(of: path, segment: number + 1))
            }
        }
        guard rename(path, CaptureLogSegments.path(of: path, segment: 1)) == 0 else {
            throw .io(operation: "rotate", path: path, errno: errno)
        }
        let keep = nextSequence
        let oldFD = fd
        fd = -1
        try openLive()
        POSIX.unlock(oldFD)
        Glibc.close(oldFD)
        try POSIX.lock(fd, path: path)
        let header = CaptureLogHeader().line
        try POSIX.writeAll(fd, header, path: path)
        POSIX.fsyncDirectory(NSStringPath(path).parent)
        knownSize = Int64(header.count)
        nextSequence = keep
    }
}
