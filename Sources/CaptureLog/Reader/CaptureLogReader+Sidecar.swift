import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The sidecar index `<log>.idx`: the record offsets of a log as of a given size, so a huge log
/// opens without scanning it. It is trusted only when the inode, the header line and the last
/// indexed line still match; the reader then scans only what was appended since.
extension CaptureLogReader {
    static let sidecarMagic: [UInt8] = Array("TSIDX001".utf8)

    /// The sidecar index path of a log.
    public static func sidecarPath(of path: String) -> String { path + ".idx" }

    func loadSidecarLocked(size: UInt64) -> Bool {
        let sidecar = Self.sidecarPath(of: path)
        guard let sidecarFD = try? POSIX.open(sidecar, O_RDONLY) else { return false }
        defer { close(sidecarFD) }
        guard let info = try? POSIX.fstat(sidecarFD, path: sidecar) else { return false }
        let total = Int(info.st_size)
        let fixed = 8 + 5 * 8
        guard total >= fixed, let head = try? POSIX.readBytes(sidecarFD, offset: 0, count: fixed, path: sidecar),
              head.count == fixed, Array(head[0..<8]) == Self.sidecarMagic else { return false }
        func word(_ index: Int) -> UInt64 {
            head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8 + index * 8, as: UInt64.self) }
        }
        let storedInode = word(0), storedSize = word(1), storedCount = Int(word(2)), storedCorrupt = Int(word(3)), headerLength = Int(word(4))
        guard storedInode == inode, storedSize <= size, storedSize >= headerEnd,
              headerLength == headerLine.count,
              total == fixed + headerLength + storedCount * 12 else { return false }
        guard let storedHeader = try? POSIX.readBytes(sidecarFD, offset: UInt64(fixed), count: headerLength, path: sidecar),
              storedHeader == headerLine else { return false }
        var loadedStarts = [UInt64](repeating: 0, count: storedCount)
        var loadedLengths = [UInt32](repeating: 0, count: storedCount)
        let startsOK = loadedStarts.withUnsafeMutableBytes { buffer in
            buffer.isEmpty || (try? POSIX.pread(sidecarFD, buffer.baseAddress!, buffer.count, UInt64(fixed + headerLength), path: sidecar)) == buffer.count
        }
        let lengthsOK = loadedLengths.withUnsafeMutableBytes { buffer in
            buffer.isEmpty || (try? POSIX.pread(sidecarFD, buffer.baseAddress!, buffer.count, UInt64(fixed + headerLength + storedCount * 8), path: sidecar)) == buffer.count
        }
        guard startsOK, lengthsOK else { return false }
        // The log must still hold the same lines: the byte before storedSize is a newline, and the
        // last indexed record is still a record ending in a newline.
        if storedSize > headerEnd {
            guard let last = try? POSIX.readBytes(fd, offset: storedSize - 1, count: 1, path: path), last == [0x0A] else { return false }
        }
        if let lastStart = loadedStarts.last, let lastLength = loadedLengths.last {
            let end = lastStart + UInt64(lastLength)
            guard end < storedSize,
                  let prefix = try? POSIX.readBytes(fd, offset: lastStart, count: 7, path: path), prefix == Self.recordPrefixBytes,
                  let newline = try? POSIX.readBytes(fd, offset: end, count: 1, path: path), newline == [0x0A],
                  lastStart == headerEnd || (try? POSIX.readBytes(fd, offset: lastStart - 1, count: 1, path: path)) == [0x0A]
            else { return false }
        }
        starts = loadedStarts
        lengths = loadedLengths
        _corruptLines = storedCorrupt
        _indexedSize = storedSize
        return true
    }

    func writeSidecarLocked() {
        let sidecar = Self.sidecarPath(of: path)
        let temporary = sidecar + ".tmp.\(getpid())"
        guard let out = try? POSIX.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600) else { return }
        var head: [UInt8] = Self.sidecarMagic
        for value in [inode, _indexedSize, UInt64(starts.count), UInt64(_corruptLines), UInt64(headerLine.count)] {
            withUnsafeBytes(of: value.littleEndian) { head.append(contentsOf: $0) }
        }
        head.append(contentsOf: headerLine)
        var ok = true
        head.withUnsafeBytes { ok = ok && (try? POSIX.writeAll(out, $0, path: temporary)) != nil }
        starts.withUnsafeBytes { ok = ok && (try? POSIX.writeAll(out, $0, path: temporary)) != nil }
        lengths.withUnsafeBytes { ok = ok && (try? POSIX.writeAll(out, $0, path: temporary)) != nil }
        close(out)
        if !ok || rename(temporary, sidecar) != 0 {
            unlink(temporary)
        }
    }

    static let recordPrefixBytes: [UInt8] = Array("{\"seq\":".utf8)
}
