/// What can go wrong opening, reading or writing a capture log.
public enum CaptureLogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is not a trackscope capture log.
    case notACaptureLog(String)
    /// The log was written by a newer trackscope, in a format version this one cannot read.
    case unsupportedVersion(Int)
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// A record index past the end of the log.
    case noSuchRecord(Int)
    /// A record that was read before, in a rotated segment that has since been removed.
    case rotatedAway(Int)
    /// A line that could not be decoded as a record.
    case corruptLine(offset: UInt64, reason: String)
    /// The writer was used after `close()`.
    case closed

    public var description: String {
        switch self {
        case .notACaptureLog(let reason):
            return "not a trackscope capture log: \(reason)"
        case .unsupportedVersion(let version):
            return "this capture log is format version \(version), written by a newer trackscope; this trackscope reads versions 1 to \(CaptureLogFormat.currentVersion). Upgrade trackscope to read it."
        case .io(let operation, let path, let code):
            return "\(operation) \(path): \(String(cString: strerror(code)))"
        case .noSuchRecord(let index):
            return "no record at index \(index)"
        case .rotatedAway:
            return "it went with a rotated segment that has since been removed"
        case .corruptLine(let offset, let reason):
            return "corrupt line at byte \(offset): \(reason)"
        case .closed:
            return "the capture log writer is closed"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
