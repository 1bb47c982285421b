import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Appends lines to a file and tells each caller once its line is on disk, with group commit: one
/// writer thread takes every line waiting, writes them with one `write` and one `fdatasync` (the
/// sync the capture log uses), then wakes their callers. No parsing, no record format: the floor
/// of every durable capture sink.
final class LineRecorder: @unchecked Sendable {
    struct OpenFailure: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String { "cannot open \(path): \(String(cString: strerror(code)))" }
    }

    struct WriteFailure: Error {
        let code: Int32
    }

    private struct Waiting {
        let line: [UInt8]
        let done: CheckedContinuation<Void, any Error>
    }

    private let fd: Int32
    /// Guards `waiting`; the writer thread sleeps on it while nothing waits.
    private let condition = NSCondition()
    private var waiting: [Waiting] = []

    /// Opens (creating, 0600) `path` for appending and starts the writer thread.
    init(path: String) throws {
        fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OpenFailure(path: path, code: errno) }
        let thread = Thread { [self] in writeForever() }
        thread.name = "line-recorder"
        thread.start()
    }

    /// The body as one line: its line breaks become spaces (JSON means the same; nothing is parsed),
    /// padded with spaces to `length` bytes when it is shorter (to write as much as another sink).
    static func line(of body: some Collection<UInt8>, paddedTo length: Int = 0) -> [UInt8] {
        var line = [UInt8]()
        line.reserveCapacity(max(body.count, length) + 1)
        for byte in body { line.append(byte == 0x0A || byte == 0x0D ? 0x20 : byte) }
        if line.count < length { line.append(contentsOf: repeatElement(0x20, count: length - line.count)) }
        line.append(0x0A)
        return line
    }

    /// Returns once `line` is written and synced.
    func record(_ line: [UInt8]) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            condition.lock()
            waiting.append(Waiting(line: line, done: done))
            condition.signal()
            condition.unlock()
        }
    }

    private func writeForever() {
        var bytes = [UInt8]()
        while true {
            condition.lock()
            while waiting.isEmpty { condition.wait() }
            let batch = waiting
            waiting = []
            condition.unlock()

            bytes.removeAll(keepingCapacity: true)
            for entry in batch { bytes.append(contentsOf: entry.line) }
            let failure = bytes.withUnsafeBytes { buffer -> Int32? in
                var written = 0
                while written < buffer.count {
                    let result = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    written += result
                }
                return fdatasync(fd) == 0 ? nil : errno
            }
            for entry in batch {
                if let failure { entry.done.resume(throwing: WriteFailure(code: failure)) } else { entry.done.resume() }
            }
        }
    }
}
