import Foundation
import TrackingModel

/// How far a filter scan has gone.
public struct CaptureLogScanProgress: Sendable, Hashable {
    public var bytesScanned: UInt64
    public var totalBytes: UInt64
    public var matches: Int

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
        lock.lock()
        let fd = self.fd
        let start = headerEnd
        let end = _indexedSize
        let version = _header?.version ?? CaptureLogFormat.currentVersion
        lock.unlock()
        var summary = CaptureLogScanSummary()
        guard fd >= 0, end > start else { return summary }

        // The longest literal is searched across the whole chunk; the others within a hit's line.
        let literals = query.requiredLiterals.map { Array($0.utf8) }.sorted { $0.count > $1.count }
        let base64Marker: [UInt8] = Array("\"body_base64\":\"".utf8)
        let total = end - start

        var chunkSize = 8 << 20
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var position = start

        func handle(line: UnsafeBufferPointer<UInt8>, offset: UInt64) throws {
            let record: CaptureRecord
            do {
                record = try CaptureRecord.decode(line: line, version: version)
            } catch {
                if line.count > 0, !CaptureLogHeader.looksLikeHeader(line) { summary.corrupt += 1 }
                return
            }
            summary.decoded += 1
            if query.matchesEverything || query.matches(CaptureRecordFilterSubject(record: record)) {
                summary.matches += 1
                try onMatch(record)
            }
        }

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
            if literals.isEmpty {
                var lineStart = 0
                while lineStart < usable {
                    let lineEnd = lineEnd(after: lineStart, in: bytes, usable: usable)
                    try handle(line: UnsafeBufferPointer(start: bytes + lineStart, count: lineEnd - lineStart), offset: position + UInt64(lineStart))
                    lineStart = lineEnd + 1
                }
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
                        try handle(line: UnsafeBufferPointer(start: bytes + lineStart, count: lineEnd - lineStart), offset: position + UInt64(lineStart))
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
            position += UInt64(usable)
            progress?(CaptureLogScanProgress(bytesScanned: position - start, totalBytes: total, matches: summary.matches))
        }
        return summary
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
