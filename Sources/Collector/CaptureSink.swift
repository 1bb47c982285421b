import CaptureLog

/// Where the collector appends its records. `CaptureLogWriter` is the real one; tests may use a fake.
///
/// `append` must not return before the record is as durable as the sink promises: the collector
/// answers a request only after its record came back from here.
public protocol CaptureSink: Sendable {
    /// Appends `record` and returns it with its sequence number assigned.
    func append(_ record: CaptureRecord) async throws -> CaptureRecord
    /// Appends `records` in order, numbered contiguously where the sink can (a batch request's events).
    func append(contentsOf records: [CaptureRecord]) async throws -> [CaptureRecord]
}

extension CaptureSink {
    public func append(contentsOf records: [CaptureRecord]) async throws -> [CaptureRecord] {
        var stored: [CaptureRecord] = []
        stored.reserveCapacity(records.count)
        for record in records { stored.append(try await append(record)) }
        return stored
    }
}
