import CaptureLog
import Foundation
import TrackingModel

/// Counts over the current capture log, for `/_trackscope/stats`.
public struct CollectorStats: Sendable, Hashable {
    /// Records in the log.
    public var records = 0
    public var received = 0
    public var sent = 0
    /// Received records by event name (`(none)` when the body names none).
    public var byEvent: [String: Int] = [:]
    /// Records by answer status (`none` when there was no answer: an upstream that never replied).
    public var byStatus: [String: Int] = [:]
    /// Records by their worst finding's severity (`none` when they have no finding).
    public var bySeverity: [String: Int] = [:]
    /// Received records by dialect (`none` when the body could not be read as an event).
    public var byDialect: [String: Int] = [:]
    /// Findings by code.
    public var byFindingCode: [String: Int] = [:]

    public init() {}

    /// Counts one record; `eventName` is the event it carries, when known.
    public mutating func add(_ record: CaptureRecord, eventName: String?) {
        records += 1
        switch record.direction {
        case .received:
            received += 1
            if record.path.hasPrefix("/events") || (record.path.hasPrefix("/v2/") && record.path.hasSuffix("/events")) {
                byEvent[eventName ?? "(none)", default: 0] += 1
            }
            byDialect[record.dialect?.rawValue ?? "none", default: 0] += 1
        case .sent:
            sent += 1
        }
        byStatus[record.response.map { String($0.status) } ?? "none", default: 0] += 1
        let worst = record.findings.map(\.severity).max()
        bySeverity[worst?.rawValue ?? "none", default: 0] += 1
        for finding in record.findings { byFindingCode[finding.code, default: 0] += 1 }
    }
}

/// The live statistics: updated as records are appended, rebuilt from the log on start.
final class CollectorStatistics: @unchecked Sendable {
    private let lock = NSLock()
    private var stats = CollectorStats()

    func add(_ record: CaptureRecord, eventName: String?) {
        lock.withLock { stats.add(record, eventName: eventName) }
    }

    func snapshot() -> CollectorStats {
        lock.withLock { stats }
    }

    func reset() {
        lock.withLock { stats = CollectorStats() }
    }
}
