import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a capture log: opening builds an index of record offsets (a fast newline scan, or the
/// sidecar index `<log>.idx` when it is still valid, extended over what was appended since), and
/// records are decoded only when asked for. Memory stays at 12 bytes a record.
///
/// Lines that are not records (a corrupt line in the middle) are counted and skipped; an
/// unterminated last line (a write in progress, or a torn write after a crash) is not indexed and
/// is reported in `warnings`.
public final class CaptureLogReader: @unchecked Sendable {
    public let url: URL
    /// The path given (the live file; segments have their own readers).
    public var path: String { url.path }

    let lock = NSLock()
    var fd: Int32 = -1
    var inode: UInt64 = 0
    var _header: CaptureLogHeader?
    var headerEnd: UInt64 = 0
    var headerLine: [UInt8] = []
    var starts: [UInt64] = []
    var lengths: [UInt32] = []
    var _indexedSize: UInt64 = 0
    var _corruptLines = 0
    var _corruptOffsets: [UInt64] = []
    var _tornTailBytes = 0
    var _usedSidecar = false
    private let useSidecar: Bool

    /// Opens the log at `url`. A missing or empty file is an empty log. Throws for a file that is
    /// not a capture log, or one written in a newer format version.
    public init(url: URL, useSidecar: Bool = true) throws {
        self.url = url
        self.useSidecar = useSidecar
        lock.lock()
        defer { lock.unlock() }
        try openLocked()
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    // MARK: What is known

    /// The header line, or nil for an empty file.
    public var header: CaptureLogHeader? { lock.withLock { _header } }
    /// How many records are indexed.
    public var count: Int { lock.withLock { starts.count } }
    /// Lines in the middle of the file that are not records.
    public var corruptLineCount: Int { lock.withLock { _corruptLines } }
    /// Bytes after the last newline (an unfinished or torn last line), not indexed.
    public var tornTailBytes: Int { lock.withLock { _tornTailBytes } }
    /// The size of the file up to the end of its last complete line.
    public var indexedSize: UInt64 { lock.withLock { _indexedSize } }
    /// Whether opening reused a sidecar index.
    public var usedSidecarIndex: Bool { lock.withLock { _usedSidecar } }

    /// What a user should be told once: corrupt lines skipped, a torn last line skipped.
    public var warnings: [String] {
        lock.withLock {
            var result: [String] = []
            if _corruptLines > 0 {
                let offsets = _corruptOffsets.prefix(3).map { "byte \($0)" }.joined(separator: ", ")
                result.append("\(path): skipped \(_corruptLines) corrupt line\(_corruptLines == 1 ? "" : "s") (\(offsets)\(_corruptLines > 3 ? ", ..." : ""))")
            }
            if _tornTailBytes > 0 {
                result.append("\(path): skipped an incomplete last line (\(_tornTailBytes) bytes: a write in progress, or torn by a crash)")
            }
            return result
        }
    }

    /// The raw line of record `index` (without its newline).
    public func rawLine(at index: Int) throws -> [UInt8] {
        lock.lock()
        guard starts.indices.contains(index) else {
            lock.unlock()
            throw CaptureLogError.noSuchRecord(index)
        }
        let (fd, start, length) = (self.fd, starts[index], Int(lengths[index]))
        lock.unlock()
        return try POSIX.readBytes(fd, offset: start, count: length, path: path)
    }

    /// The byte offset of record `index` in the file.
    public func offset(at index: Int) throws -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        guard starts.indices.contains(index) else { throw CaptureLogError.noSuchRecord(index) }
        return starts[index]
    }

    /// Record `index` (0-based, in file order), decoded now.
    public func record(at index: Int) throws -> CaptureRecord {
        let line = try rawLine(at: index)
        do {
            return try CaptureRecord.decode(line: line, version: header?.version ?? CaptureLogFormat.currentVersion)
        } catch {
            throw CaptureLogError.corruptLine(offset: try offset(at: index), reason: error.message)
        }
    }

    /// The summary of record `index` (what counting needs, without decoding its bodies).
    public func summary(at index: Int) throws -> CaptureRecordSummary {
        let line = try rawLine(at: index)
        do {
            return try CaptureRecordSummary.decode(line: line)
        } catch {
            throw CaptureLogError.corruptLine(offset: try offset(at: index), reason: error.message)
        }
    }

    /// Records `range`, decoded now; undecodable lines are skipped.
    public func records(in range: Range<Int>) -> [CaptureRecord] {
        range.compactMap { try? record(at: $0) }
    }

    /// The index of the record with sequence `sequence` (binary search: sequences increase).
    public func index(ofSequence sequence: UInt64) -> Int? {
        var low = 0
        var high = count - 1
        while low <= high {
            let middle = (low + high) / 2
            guard let found = try? record(at: middle).sequence else {
                // A corrupt indexed line: fall back to a linear scan.
                return (0..<count).first { (try? record(at: $0).sequence) == sequence }
            }
            if found == sequence { return middle }
            if found < sequence { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    // MARK: Opening and growing

    /// What `refresh()` found.
    public enum Change: Sendable, Hashable {
        case unchanged
        /// New records, at these indices.
        case appended(Range<Int>)
        /// The file was replaced or truncated: the index was rebuilt from the start.
        case reset(reason: String)
    }

    /// Looks at the file again: indexes lines appended since, or rebuilds the index when the
    /// file was replaced (another inode) or truncated.
    @discardableResult
    public func refresh() throws -> Change {
        lock.lock()
        defer { lock.unlock() }
        do {
            guard let info = POSIX.statPath(path) else {
                if fd >= 0, !starts.isEmpty || _header != nil {
                    resetLocked()
                    return .reset(reason: "the log was removed")
                }
                return .unchanged
            }
            if fd < 0 || UInt64(info.st_ino) != inode {
                let wasOpen = fd >= 0 && _header != nil
                resetLocked()
                try openLocked()
                if wasOpen { return .reset(reason: "the log file was replaced") }
                return starts.isEmpty ? .unchanged : .appended(0..<starts.count)
            }
            let size = UInt64(info.st_size)
            if size < _indexedSize {
                resetLocked()
                try openLocked()
                return .reset(reason: "the log file was truncated")
            }
            if size == _indexedSize + UInt64(_tornTailBytes) { return .unchanged }
            let before = starts.count
            if _header == nil {
                resetLocked()
                try openLocked()
            } else {
                try scanLocked(from: _indexedSize, size: size)
            }
            return starts.count > before ? .appended(before..<starts.count) : .unchanged
        }
    }

    private func resetLocked() {
        if fd >= 0 { close(fd) }
        fd = -1
        _header = nil
        headerEnd = 0
        headerLine = []
        starts = []
        lengths = []
        _indexedSize = 0
        _corruptLines = 0
        _corruptOffsets = []
        _tornTailBytes = 0
        _usedSidecar = false
    }

    private func openLocked() throws(CaptureLogError) {
        do {
            fd = try POSIX.open(path, O_RDONLY)
        } catch {
            if case .io(_, _, let code) = error, code == ENOENT { return }
            throw error
        }
        let info = try POSIX.fstat(fd, path: path)
        inode = UInt64(info.st_ino)
        let size = UInt64(info.st_size)
        guard size > 0 else { return }
        // The header line.
        var first = try POSIX.readBytes(fd, offset: 0, count: Int(min(size, 4096)), path: path)
        guard let newline = first.firstIndex(of: 0x0A) else {
            if first.count < 4096 {
                // Only a partial header so far.
                _tornTailBytes = first.count
                return
            }
            throw .notACaptureLog("the first line is not a capture log header")
        }
        first.removeSubrange(newline...)
        _header = try CaptureLogHeader.parse(first)
        headerLine = first
        headerEnd = UInt64(newline + 1)
        _indexedSize = headerEnd
        if useSidecar, loadSidecarLocked(size: size) {
            _usedSidecar = true
        }
        let scanFrom = _indexedSize
        try scanLocked(from: _indexedSize, size: size)
        if useSidecar, size - scanFrom > 8 << 20 || (!_usedSidecar && starts.count >= 10_000) {
            writeSidecarLocked()
        }
    }

    /// Indexes complete lines from `offset` to `size`.
    private func scanLocked(from offset: UInt64, size: UInt64) throws(CaptureLogError) {
        var chunkSize = 4 << 20
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var position = offset
        _tornTailBytes = 0
        let expected = Int((size - offset) / 700) + 16
        starts.reserveCapacity(starts.count + expected)
        lengths.reserveCapacity(lengths.count + expected)
        while position < size {
            let wanted = Int(min(UInt64(chunkSize), size - position))
            let read = try POSIX.pread(fd, buffer, wanted, position, path: path)
            if read == 0 { break }
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            var lineStart = 0
            while lineStart < read, let found = memchr(bytes + lineStart, 0x0A, read - lineStart) {
                let lineEnd = bytes.distance(to: found.assumingMemoryBound(to: UInt8.self))
                indexLine(bytes + lineStart, length: lineEnd - lineStart, offset: position + UInt64(lineStart))
                lineStart = lineEnd + 1
            }
            if lineStart == 0 {
                if read < wanted || position + UInt64(read) >= size {
                    // The rest is an unterminated tail.
                    _tornTailBytes = read
                    break
                }
                // A line longer than the buffer: grow and read again.
                buffer.deallocate()
                chunkSize *= 2
                buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
                continue
            }
            position += UInt64(lineStart)
            if read < wanted { break }
        }
        _indexedSize = position
        if position < size, _tornTailBytes == 0 { _tornTailBytes = Int(size - position) }
    }

    @inline(__always)
    private func indexLine(_ line: UnsafePointer<UInt8>, length: Int, offset: UInt64) {
        // A record starts with {"seq": and ends with }; anything else is corrupt (or a stray header).
        if length >= 9, line[length - 1] == UInt8(ascii: "}"), memcmp(line, Self.recordPrefix, 7) == 0 {
            starts.append(offset)
            lengths.append(UInt32(clamping: length))
            return
        }
        if length == 0 { return }
        if CaptureLogHeader.looksLikeHeader(UnsafeBufferPointer(start: line, count: length)) { return }
        _corruptLines += 1
        if _corruptOffsets.count < 16 { _corruptOffsets.append(offset) }
    }

    private static let recordPrefix: [UInt8] = Array("{\"seq\":".utf8)
}
