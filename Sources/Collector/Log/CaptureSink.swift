import CaptureLog

/// Where the collector appends its records. `CaptureLogWriter` is the real one; tests may use a fake.
///
/// `append` must not return before the record is as durable as the sink promises: the collector
/// answers a request only after its record came back from here.
public protocol CaptureSink: Sendable {
    /// Appends `record` and returns it with its sequence number assigned.
    func append(_ record: CaptureRecord) async throws -> CaptureRecord
    /// Appends `records` together, numbered contiguously and in order (a batch request's events).
    func append(contentsOf records: [CaptureRecord]) async throws -> [CaptureRecord]
}

