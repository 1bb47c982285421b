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
        count(direction: record.direction, path: record.path, dialect: record.dialect, status: record.response?.status,
              eventName: eventName, findings: record.findings.lazy.map { ($0.severity, $0.code) })
    }

    /// Counts one record from its summary (its first event name is the one counted).
    public mutating func add(_ summary: CaptureRecordSummary) {
        count(direction: summary.direction, path: summary.path, dialect: summary.dialect, status: summary.status,
              eventName: summary.eventNames.first, findings: summary.findings.lazy.map { ($0.severity, $0.code) })
    }

    private mutating func count(
        direction: CaptureRecord.Direction, path: String, dialect: Dialect?, status: Int?, eventName: String?,
        findings: some Sequence<(Finding.Severity, String)>
    ) {
        records += 1
        switch direction {
        case .received:
            received += 1
            if path.hasPrefix("/events") || (path.hasPrefix("/v2/") && path.hasSuffix("/events")) {
                byEvent[eventName ?? "(none)", default: 0] += 1
            }
            byDialect[dialect?.rawValue ?? "none", default: 0] += 1
        case .sent:
            sent += 1
        }
        byStatus[status.map { String($0) } ?? "none", default: 0] += 1
        var worst: Finding.Severity?
        for (severity, code) in findings {
            if worst.map({ severity > $0 }) ?? true { worst = severity }
            byFindingCode[code, default: 0] += 1
        }
        bySeverity[worst?.rawValue ?? "none", default: 0] += 1
    }
}

/// The live statistics: updated as records are appended, rebuilt from the log on start.
final class CollectorStatistics: @unchecked Sendable {
    private let lock = NSLock()
    private var stats = CollectorStats()

    func add(_ record: CaptureRecord, eventName: String?) {
        lock.withLock { stats.add(record, eventName: eventName) }
    }

    func add(_ summary: CaptureRecordSummary) {
        lock.withLock { stats.add(summary) }
    }

    func snapshot() -> CollectorStats {
        lock.withLock { stats }
    }

    func reset() {
        lock.withLock { stats = CollectorStats() }
    }
}
