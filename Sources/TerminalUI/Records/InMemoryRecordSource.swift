import CaptureLog

/// A record source over records kept in memory: for tests and previews.
public actor InMemoryRecordSource: RecordSource {
    private var records: [CaptureRecord]
    private var continuations: [AsyncStream<RecordSourceEvent>.Continuation] = []

    public init(_ records: [CaptureRecord] = []) {
        self.records = records
    }

    public func count() -> Int { records.count }

    public func record(at index: Int) throws -> CaptureRecord {
        guard records.indices.contains(index) else { throw RecordSourceError.outOfRange(index: index, count: records.count) }
        return records[index]
    }

    /// Appends records, numbering them after the last one, and tells followers.
    public func append(_ newRecords: [CaptureRecord]) {
        for var record in newRecords {
            record.sequence = (records.last?.sequence ?? 0) + 1
            records.append(record)
        }
        for continuation in continuations { continuation.yield(.available(count: records.count)) }
    }

    public nonisolated func updates() -> AsyncStream<RecordSourceEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: RecordSourceEvent.self, bufferingPolicy: .bufferingNewest(1))
        Task { await self.register(continuation) }
        return stream
    }

    private func register(_ continuation: AsyncStream<RecordSourceEvent>.Continuation) {
        continuation.yield(.available(count: records.count))
        continuations.append(continuation)
    }
}

/// Why a record source could not answer.
public enum RecordSourceError: Error, Sendable, Hashable {
    case outOfRange(index: Int, count: Int)
}
