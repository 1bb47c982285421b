#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the system calls the log uses, retrying on EINTR and throwing `CaptureLogError`.
enum POSIX {
    static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) throws(CaptureLogError) -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw .io(operation: "open", path: path, errno: errno) }
        }
    }

    static func fstat(_ fd: Int32, path: String) throws(CaptureLogError) -> Glibc.stat {
        var info = Glibc.stat()
        guard Glibc.fstat(fd, &info) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        return info
    }

    /// `stat`, or nil when the path does not exist.
    static func statPath(_ path: String) -> Glibc.stat? {
        var info = Glibc.stat()
        return lstatOrStat(path, &info) == 0 ? info : nil
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(CaptureLogError) {
        var written = 0
        while written < bytes.count {
            let result = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "write", path: path, errno: errno)
            }
            written += result
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(CaptureLogError) {
        let failure = bytes.withUnsafeBytes { buffer -> CaptureLogError? in
            do throws(CaptureLogError) { try writeAll(fd, buffer, path: path); return nil } catch { return error }
        }
        if let failure { throw failure }
    }

    /// Reads up to `count` bytes at `offset`; returns how many were read (short only at end of file).
    static func pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: UInt64, path: String) throws(CaptureLogError) -> Int {
        var total = 0
        while total < count {
            let result = Glibc.pread(fd, buffer + total, count - total, off_t(offset) + off_t(total))
            if result < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", path: path, errno: errno)
            }
            if result == 0 { break }
            total += result
        }
        return total
    }

    static func readBytes(_ fd: Int32, offset: UInt64, count: Int, path: String) throws(CaptureLogError) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let result = bytes.withUnsafeMutableBytes { buffer -> Result<Int, CaptureLogError> in
            do throws(CaptureLogError) { return .success(try pread(fd, buffer.baseAddress!, count, offset, path: path)) } catch { return .failure(error) }
        }
        let read = try result.get()
        if read < count { bytes.removeLast(count - read) }
        return bytes
    }

    static func sync(_ fd: Int32, path: String) throws(CaptureLogError) {
        #if os(Linux)
        let result = fdatasync(fd)
        #else
        let result = Glibc.fsync(fd)
        #endif
        guard result == 0 else { throw .io(operation: "fsync", path: path, errno: errno) }
    }

    static func lock(_ fd: Int32, path: String) throws(CaptureLogError) {
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw .io(operation: "lock", path: path, errno: errno) }
        }
    }

    static func unlock(_ fd: Int32) {
        _ = flock(fd, LOCK_UN)
    }

    /// Creates `path` and its missing parents with mode 0700 (existing folders are left as they are).
    static func makeDirectories(_ path: String) throws(CaptureLogError) {
        if statPath(path) != nil { return }
        let parent = NSStringPath(path).parent
        if parent != path, !parent.isEmpty { try makeDirectories(parent) }
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw .io(operation: "create folder", path: path, errno: errno)
        }
        _ = chmod(path, 0o700)
    }

    static func fsyncDirectory(_ path: String) {
        guard let fd = try? open(path, O_RDONLY | O_DIRECTORY) else { return }
        _ = Glibc.fsync(fd)
        close(fd)
    }
}

/// Path arithmetic on plain strings (no Foundation in the hot path).
struct NSStringPath {
    let path: String
    init(_ path: String) { self.path = path }

    var parent: String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }
}


/// `stat(2)` under a name that does not collide with the struct.
private func lstatOrStat(_ path: String, _ info: inout Glibc.stat) -> Int32 {
    stat(path, &info)
}
