import CaptureLog

/// Where the terminal UI reads records from: the capture log in the application, an in-memory
/// list in tests. Indexes are positions in the log, from 0.
public protocol RecordSource: Sendable {
    /// How many records there are now.
    func count() async throws -> Int
    /// The record at `index` (0 ..< count).
    func record(at index: Int) async throws -> CaptureRecord
    /// What happens to the source from now on: its record count as it grows, or why there are no
    /// records (the log does not exist yet, it cannot be read). The stream may skip intermediate
    /// counts: consumers only need the latest.
    func updates() -> AsyncStream<RecordSourceEvent>
    /// The summary of the record at `index`: what counting and a list row need (direction,
    /// findings, event names, user ids), read without decoding its bodies where the source can.
    func summary(at index: Int) async throws -> CaptureRecordSummary
}

extension RecordSource {
    public func summary(at index: Int) async throws -> CaptureRecordSummary {
        CaptureRecordSummary(try await record(at: index))
    }
}

/// A change of a record source, as the UI loop sees it.
public enum RecordSourceEvent: Sendable, Hashable {
    /// The source holds `count` records.
    case available(count: Int)
    /// The log was replaced, truncated or reset, or a rotation removed its oldest segment: what
    /// was read before no longer holds (`reason` says why, for the user). It now holds `count`
    /// records.
    case replaced(count: Int, reason: String)
    /// Nothing to read yet; `reason` says why ("waiting for records", "no log at PATH yet").
    case waiting(reason: String)
    /// The source cannot be read.
    case failed(message: String)
}
