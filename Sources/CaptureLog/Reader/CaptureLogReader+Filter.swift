import Foundation
import TrackingModel

/// How far a filter scan has gone.
public struct CaptureLogScanProgress: Sendable, Hashable {
    public var bytesScanned: UInt64
    public var totalBytes: UInt64
    public var matches: Int

    public init(bytesScanned: UInt64, totalBytes: UInt64, matches: Int) {
        self.bytesScanned = bytesScanned
        self.totalBytes = totalBytes
        self.matches = matches
    }

    /// From 0 to 1.
    public var fraction: Double { totalBytes == 0 ? 1 : Double(bytesScanned) / Double(totalBytes) }
}

/// What a filter scan saw.
public struct CaptureLogScanSummary: Sendable, Hashable {
    /// Records decoded and matched against the query (the rest were ruled out by the byte
    /// pre-check or by their line's body summary).
    public var decoded: Int = 0
    public var matches: Int = 0
    /// Record lines that could not be decoded (skipped).
    public var corrupt: Int = 0

    public init() {}

    /// Adds what another scan saw.
    public mutating func add(_ other: CaptureLogScanSummary) {
        decoded += other.decoded
        matches += other.matches
        corrupt += other.corrupt
    }
}

extension CaptureLogReader {
    /// Streams through the log (up to what is indexed when the scan starts) and calls `onMatch`
    /// with every record `query` matches, in file order. Lines are ruled out by a byte pre-check
    /// (`query.requiredLiterals`, case-insensitive) before anything is decoded, then, when the
    /// query has `event:` or `user.id:` terms that must hold, by the line's `events` and `users`
    /// summaries (`FilterQuery.rulesOut`) before the record is decoded. Checks for task
    /// cancellation between chunks (throws `CancellationError`); `progress` is called after each
    /// chunk (every few MB).
    @discardableResult
    public func scan(
        matching query: FilterQuery,
        progress: ((CaptureLogScanProgress) -> Void)? = nil,
        onMatch: (CaptureRecord) throws -> Void
    ) throws -> CaptureLogScanSummary {
        let version = header?.version ?? CaptureLogFormat.currentVersion
        var summary = CaptureLogScanSummary()

        // Each chunk is cut into one part per core at line ends; each part is pre-checked
        // (`LinePreCheck`: the longest literal searched across the part, the others within a
        // hit's line) and its candidate lines decoded and matched on its own core. The outcomes
        // are then reported in file order.
        let literals = LinePreCheck(query).literals
        let checksSummary = query.canBeRuledOutByBodySummary
        try forEachChunk { bytes, usable, scanned, total in
            let parts = Self.lineAlignedParts(of: bytes, usable: usable)
            let outcomes = Self.inParallel(parts.count) { part -> [LineOutcome] in
                let range = parts[part]
                let candidates = literals.isEmpty
                    ? Self.lines(of: bytes, in: range)
                    : Self.candidateLines(of: bytes, in: range, literals: literals)
                return candidates.map { line in
                    Self.outcome(of: UnsafeBufferPointer(start: bytes + line.lowerBound, count: line.count), version: version,
                                 query: query, checkingSummary: checksSummary)
                }
            }
            for outcome in outcomes.joined() {
                switch outcome {
                case .corrupt:
                    summary.corrupt += 1
                case .skipped, .ruledOut:
                    break
                case .rejected:
                    summary.decoded += 1
                case .matched(let record):
                    summary.decoded += 1
                    summary.matches += 1
                    try onMatch(record)
                }
            }
            progress?(CaptureLogScanProgress(bytesScanned: scanned, totalBytes: total, matches: summary.matches))
        }
        return summary
    }

    /// The lines of `range` that the byte pre-check keeps: those holding every literal (the first,
    /// the longest, searched across the range; the others within its line), and those whose body
    /// is base64 (their text cannot be pre-checked). Both searches run ahead in step.
    private static func candidateLines(of bytes: UnsafePointer<UInt8>, in range: Range<Int>, literals: [[UInt8]]) -> [Range<Int>] {
        let base64Marker = LinePreCheck.base64Marker
        let end = range.upperBound
        var candidates: [Range<Int>] = []
        var searchFrom = range.lowerBound
        var nextLiteral = literals[0].withUnsafeBufferPointer { FoldedSearch.find($0, in: bytes, from: searchFrom, end: end) }
        var nextBase64 = base64Marker.withUnsafeBufferPointer { Self.exactFind($0, in: bytes, from: searchFrom, end: end) }
        while true {
            let hit: Int
            let isBase64: Bool
            switch (nextLiteral, nextBase64) {
            case (nil, nil): hit = -1; isBase64 = false
            case (let literal?, nil): hit = literal; isBase64 = false
            case (nil, let marker?): hit = marker; isBase64 = true
            case (let literal?, let marker?): hit = min(literal, marker); isBase64 = marker <= literal
            }
            if hit < 0 { break }
            var lineStart = hit
            while lineStart > searchFrom, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            let lineEnd = Self.lineEnd(after: hit, in: bytes, usable: end)
            var candidate = true
            if !isBase64 {
                for literal in literals.dropFirst() where !FoldedSearch.contains(literal, in: bytes, from: lineStart, end: lineEnd) {
                    candidate = false
                    break
                }
            }
            if candidate {
                candidates.append(lineStart..<lineEnd)
            }
            searchFrom = lineEnd + 1
            if searchFrom >= end { break }
            if let literal = nextLiteral, literal < searchFrom {
                nextLiteral = literals[0].withUnsafeBufferPointer { FoldedSearch.find($0, in: bytes, from: searchFrom, end: end) }
            }
            if let marker = nextBase64, marker < searchFrom {
                nextBase64 = base64Marker.withUnsafeBufferPointer { Self.exactFind($0, in: bytes, from: searchFrom, end: end) }
            }
        }
        return candidates
    }

    /// `0..<usable` cut at line ends into one part per core (one part for a small chunk).
    private static func lineAlignedParts(of bytes: UnsafePointer<UInt8>, usable: Int) -> [Range<Int>] {
        let count = min(ProcessInfo.processInfo.activeProcessorCount, max(1, usable / (256 << 10)))
        var parts: [Range<Int>] = []
        var start = 0
        for part in 1...count {
            guard start < usable else { break }
            var end = part == count ? usable : max(start, usable * part / count)
            if end < usable {
                end = Self.lineEnd(after: end, in: bytes, usable: usable) + 1
            }
            parts.append(start..<min(end, usable))
            start = end
        }
        return parts
    }

    /// Every record line's summary, in file order (up to what is indexed when the scan starts),
    /// decoded on every core: the fast way through a whole log (for counting: a line written
    /// before the `users` summary has its body left unread, and no user ids; see
    /// `CaptureRecordSummary.decode(line:readingUsersFromBody:)`). The records `fullRecordWhen`
    /// picks are also decoded whole and given beside their summary. Undecodable lines are skipped
    /// and counted. Checks for task cancellation between chunks.
    @discardableResult
    public func scanSummaries(
        fullRecordWhen wantsRecord: @escaping @Sendable (CaptureRecordSummary) -> Bool = { _ in false },
        _ body: (CaptureRecordSummary, CaptureRecord?) throws -> Void
    ) throws -> CaptureLogScanSummary {
        let version = header?.version ?? CaptureLogFormat.currentVersion
        var summary = CaptureLogScanSummary()
        try forEachChunk { bytes, usable, _, _ in
            let decoded = Self.decodeInParallel(Self.lines(of: bytes, in: 0..<usable), in: bytes) { line -> SummaryOutcome in
                guard let found = try? CaptureRecordSummary.decode(line: line, readingUsersFromBody: false) else {
                    return line.count > 0 && !CaptureLogHeader.looksLikeHeader(line) ? .corrupt : .skipped
                }
                return .decoded(found, wantsRecord(found) ? try? CaptureRecord.decode(line: line, version: version) : nil)
            }
            for outcome in decoded {
                switch outcome {
                case .corrupt: summary.corrupt += 1
                case .skipped: break
                case .decoded(let found, let record):
                    summary.decoded += 1
                    summary.matches += 1
                    try body(found, record)
                }
            }
        }
        return summary
    }

    /// What became of one line read for its summary.
    private enum SummaryOutcome {
        case corrupt, skipped
        case decoded(CaptureRecordSummary, CaptureRecord?)
    }

    /// Reads the indexed part of the log (as it is when called) in chunks of whole lines, a few MB
    /// each, and calls `body` with each chunk's bytes, how many of them are whole lines, the bytes
    /// scanned so far (this chunk included) and the total. Checks for task cancellation between
    /// chunks.
    private func forEachChunk(_ body: (UnsafePointer<UInt8>, Int, UInt64, UInt64) throws -> Void) throws {
        lock.lock()
        let fd = self.fd
        let start = headerEnd
        let end = _indexedSize
        lock.unlock()
        guard fd >= 0, end > start else { return }
        var chunkSize = 8 << 20
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var position = start
        while position < end {
            try Task.checkCancellation()
            let wanted = Int(min(UInt64(chunkSize), end - position))
            let read = try POSIX.pread(fd, buffer, wanted, position, path: path)
            if read == 0 { break }
            let bytes = UnsafePointer(buffer.assumingMemoryBound(to: UInt8.self))
            // Only whole lines: stop at the last newline of the chunk.
            var usable = read
            while usable > 0, bytes[usable - 1] != 0x0A { usable -= 1 }
            if usable == 0 {
                if read < wanted { break }
                buffer.deallocate()
                chunkSize *= 2
                buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
                continue
            }
            position += UInt64(usable)
            try body(bytes, usable, position - start, end - start)
        }
    }

    /// The lines of `range`, without their newlines.
    private static func lines(of bytes: UnsafePointer<UInt8>, in range: Range<Int>) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            let lineEnd = Self.lineEnd(after: lineStart, in: bytes, usable: range.upperBound)
            lines.append(lineStart..<lineEnd)
            lineStart = lineEnd + 1
        }
        return lines
    }

    /// One parallel run: the workers write disjoint slots of `results`, and what `work` reads stays
    /// valid and unchanged until every worker is done, which is what makes sharing it safe.
    private struct ParallelJob<Result>: @unchecked Sendable {
        let results: UnsafeMutablePointer<Result?>
        let work: (Int) -> Result
    }

    /// `work(0)`, ..., `work(count - 1)`, each on a core of its own when there are several; the
    /// results come back in order.
    private static func inParallel<Result>(_ count: Int, _ work: @escaping (Int) -> Result) -> [Result] {
        guard count > 1 else { return (0..<count).map(work) }
        let results = UnsafeMutablePointer<Result?>.allocate(capacity: count)
        results.initialize(repeating: nil, count: count)
        defer {
            results.deinitialize(count: count)
            results.deallocate()
        }
        let job = ParallelJob(results: results, work: work)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            job.results[index] = job.work(index)
        }
        return UnsafeBufferPointer(start: results, count: count).map { $0! }
    }

    /// What became of one candidate line.
    private enum LineOutcome {
        /// Not a record line: a damaged one, or the header and blank lines.
        case corrupt, skipped
        /// Ruled out by its summary, not decoded.
        case ruledOut
        case rejected
        case matched(CaptureRecord)
    }

    /// Decodes and matches one line; with `checkingSummary`, its summary first, which may rule it
    /// out. The summary reader accepts exactly the lines the full reader does, so a line counts
    /// as corrupt either way.
    private static func outcome(of line: UnsafeBufferPointer<UInt8>, version: Int, query: FilterQuery, checkingSummary: Bool) -> LineOutcome {
        let notARecord: LineOutcome = line.count > 0 && !CaptureLogHeader.looksLikeHeader(line) ? .corrupt : .skipped
        if checkingSummary {
            guard let summary = try? CaptureRecordSummary.decode(line: line) else { return notARecord }
            if query.rulesOut(summary.bodySummary) { return .ruledOut }
        }
        guard let record = try? CaptureRecord.decode(line: line, version: version) else { return notARecord }
        return record.matches(query) ? .matched(record) : .rejected
    }

    /// One parallel decode: the workers write disjoint slots of `results`, and `bytes` stays valid
    /// and unchanged until every worker is done, which is what makes sharing the pointers safe.
    private struct DecodeJob<Outcome>: @unchecked Sendable {
        let lines: [Range<Int>]
        let bytes: UnsafePointer<UInt8>
        let results: UnsafeMutablePointer<Outcome?>
        let transform: (UnsafeBufferPointer<UInt8>) -> Outcome

        func run(_ index: Int) {
            let range = lines[index]
            results[index] = transform(UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count))
        }
    }

    /// `transform` of each of `lines` of `bytes`, split over the processor's cores; the outcomes
    /// come back in the order of `lines`.
    private static func decodeInParallel<Outcome>(
        _ lines: [Range<Int>], in bytes: UnsafePointer<UInt8>, _ transform: @escaping (UnsafeBufferPointer<UInt8>) -> Outcome
    ) -> [Outcome] {
        // Small batches are not worth a thread hop.
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, lines.count / 32)
        guard workers > 1 else {
            return lines.map { transform(UnsafeBufferPointer(start: bytes + $0.lowerBound, count: $0.count)) }
        }
        let results = UnsafeMutablePointer<Outcome?>.allocate(capacity: lines.count)
        results.initialize(repeating: nil, count: lines.count)
        defer {
            results.deinitialize(count: lines.count)
            results.deallocate()
        }
        let job = DecodeJob(lines: lines, bytes: bytes, results: results, transform: transform)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let low = job.lines.count * worker / workers
            let high = job.lines.count * (worker + 1) / workers
            for index in low..<high { job.run(index) }
        }
        return UnsafeBufferPointer(start: results, count: lines.count).map { $0! }
    }

    private static func lineEnd(after index: Int, in bytes: UnsafePointer<UInt8>, usable: Int) -> Int {
        guard let found = memchr(bytes + index, 0x0A, usable - index) else { return usable }
        return bytes.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static func exactFind(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafePointer<UInt8>, from: Int, end: Int) -> Int? {
        guard end - from >= needle.count else { return nil }
        // The marker is lowercase ASCII, so a case-insensitive hit is a superset: still sound.
        return FoldedSearch.find(needle, in: haystack, from: from, end: end)
    }

    /// Every record `query` matches, collected (for small logs and tests).
    public func records(matching query: FilterQuery) throws -> [CaptureRecord] {
        var result: [CaptureRecord] = []
        try scan(matching: query) { result.append($0) }
        return result
    }
}
