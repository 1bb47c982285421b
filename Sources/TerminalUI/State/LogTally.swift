import CaptureLog

/// The header's figures for the whole log: records received and sent, and those with errors or
/// warnings. Counted from the records' summaries a chunk at a time, as the log grows.
public struct LogTally: Sendable, Hashable {
    /// What a chunk of records adds.
    public struct Counts: Sendable, Hashable {
        public var received = 0
        public var sent = 0
        /// Records with at least one error finding.
        public var withErrors = 0
        /// Records with at least one warning finding (and no error).
        public var withWarnings = 0

        public init() {}

        /// Counts one record.
        public mutating func add(_ summary: CaptureRecordSummary) {
            if summary.direction == .received { received += 1 } else { sent += 1 }
            switch summary.worstSeverity {
            case .error?: withErrors += 1
            case .warning?: withWarnings += 1
            default: break
            }
        }

        mutating func add(_ other: Counts) {
            received += other.received
            sent += other.sent
            withErrors += other.withErrors
            withWarnings += other.withWarnings
        }
    }

    /// Records 0 ..< countedCount are counted.
    public private(set) var countedCount = 0
    public private(set) var counts = Counts()

    public init() {}

    /// The next records to count (nil when every record is counted).
    public func pendingRange(recordCount: Int, chunk: Int = 500) -> Range<Int>? {
        guard countedCount < recordCount else { return nil }
        return countedCount..<min(recordCount, countedCount + chunk)
    }

    /// Adds the counts of `range` when it is the next one (results of an older log are dropped).
    public mutating func add(_ chunk: Counts, range: Range<Int>) {
        guard range.lowerBound == countedCount else { return }
        counts.add(chunk)
        countedCount = range.upperBound
    }
}
