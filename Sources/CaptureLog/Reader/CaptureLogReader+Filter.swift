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
    /// Records decoded and matched against the query (the rest were ruled out by the byte pre-check).
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
    /// (`query.requiredLiterals`, case-insensitive) before anything is decoded. Checks for task
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

        // The longest literal is searched across the whole chunk; the others within a hit's line.
        let literals = LinePreCheck(query).literals
        let base64Marker = LinePreCheck.base64Marker

        // Candidate lines of a chunk (those the byte pre-check keeps) are decoded and matched on
        // every core, then reported in file order.
        func handle(candidates: [Range<Int>], in bytes: UnsafePointer<UInt8>) throws {
            let outcomes = Self.decodeInParallel(candidates, in: bytes) { line in
                Self.outcome(of: line, version: version, query: query)
            }
            for outcome in outcomes {
                switch outcome {
                case .corrupt:
                    summary.corrupt += 1
                case .skipped:
                    break
                case .rejected:
                    summary.decoded += 1
                case .matched(let record):
                    summary.decoded += 1
                    summary.matches += 1
                    try onMatch(record)
                }
            }
        }

        try forEachChunk { bytes, usable, scanned, total in
            var candidates: [Range<Int>] = []
            if literals.isEmpty {
                candidates = lines(of: bytes, usable: usable)
            } else {
                // Candidate lines: those holding the primary literal, and those whose body is
                // base64 (their text cannot be pre-checked). Both searches run ahead in step.
                var searchFrom = 0
                var nextLiteral = literals[0].withUnsafeBufferPointer { FoldedSearch.find($0, in: bytes, from: 0, end: usable) }
                var nextBase64 = base64Marker.withUnsafeBufferPointer { exactFind($0, in: bytes, from: 0, end: usable) }
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
                    let lineEnd = lineEnd(after: hit, in: bytes, usable: usable)
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
                    if searchFrom >= usable { break }
                    if let literal = nextLiteral, literal < searchFrom {
                        nextLiteral = literals[0].withUnsafeBufferPointer { FoldedSearch.find($0, in: bytes, from: searchFrom, end: usable) }
                    }
                    if let marker = nextBase64, marker < searchFrom {
                        nextBase64 = base64Marker.withUnsafeBufferPointer { exactFind($0, in: bytes, from: searchFrom, end: usable) }
                    }
                }
            }
            try handle(candidates: candidates, in: bytes)
            progress?(CaptureLogScanProgress(bytesScanned: scanned, totalBytes: total, matches: summary.matches))
        }
        return summary
    }

    /// Every record line's summary, in file order (up to what is indexed when the scan starts),
    /// decoded on every core: the fast way through a whole log. The records `fullRecordWhen`
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
            let decoded = Self.decodeInParallel(lines(of: bytes, usable: usable), in: bytes) { line -> SummaryOutcome in
                guard let found = try? CaptureRecordSummary.decode(line: line) else {
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

    /// The lines of the first `usable` bytes, without their newlines.
    private func lines(of bytes: UnsafePointer<UInt8>, usable: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = 0
        while lineStart < usable {
            let lineEnd = lineEnd(after: lineStart, in: bytes, usable: usable)
            lines.append(lineStart..<lineEnd)
            lineStart = lineEnd + 1
        }
        return lines
    }

    /// What became of one candidate line.
    private enum LineOutcome {
        case corrupt, skipped, rejected
        case matched(CaptureRecord)
    }

    private static func outcome(of line: UnsafeBufferPointer<UInt8>, version: Int, query: FilterQuery) -> LineOutcome {
        guard let record = try? CaptureRecord.decode(line: line, version: version) else {
            return line.count > 0 && !CaptureLogHeader.looksLikeHeader(line) ? .corrupt : .skipped
        }
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

    private func lineEnd(after index: Int, in bytes: UnsafePointer<UInt8>, usable: Int) -> Int {
        guard let found = memchr(bytes + index, 0x0A, usable - index) else { return usable }
        return bytes.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private func exactFind(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafePointer<UInt8>, from: Int, end: Int) -> Int? {
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
