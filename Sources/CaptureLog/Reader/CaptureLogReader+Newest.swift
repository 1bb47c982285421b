import Foundation
import TrackingModel

extension CaptureLogReader {
    /// The newest records `query` matches, newest first, at most `limit`. Reads the log backwards
    /// in blocks of whole lines (one read of up to `blockBytes` each), rules lines out with the
    /// query's byte pre-check before decoding them, and skips lines that do not decode. Covers what
    /// is indexed when it starts; `refresh()` first to include what was appended since. Throws
    /// `CancellationError` as soon as `isCancelled` says so (it is asked before each block).
    public func newestRecords(matching query: FilterQuery, limit: Int, blockBytes: Int = 4 << 20,
                              isCancelled: () -> Bool = { false }) throws -> [CaptureRecord] {
        guard limit > 0 else { return [] }
        let preCheck = LinePreCheck(query)
        var found: [CaptureRecord] = []
        var buffer: [UInt8] = []
        var high = count
        while high > 0, found.count < limit {
            if isCancelled() { throw CancellationError() }
            guard let block = lock.withLock({ blockLocked(endingBefore: high, maximumBytes: blockBytes) }) else { break }
            if buffer.count < block.byteCount { buffer = [UInt8](repeating: 0, count: block.byteCount) }
            let reachedLimit = try buffer.withUnsafeMutableBufferPointer { buffer -> Bool in
                let base = buffer.baseAddress!
                let read = try POSIX.pread(block.fd, base, block.byteCount, block.fileOffset, path: path)
                for line in block.lines.reversed() where line.upperBound <= read {
                    guard preCheck.mayMatch(base, from: line.lowerBound, end: line.upperBound),
                          let record = try? CaptureRecord.decode(line: UnsafeBufferPointer(rebasing: buffer[line]), version: block.version),
                          record.matches(query)
                    else { continue }
                    found.append(record)
                    if found.count == limit { return true }
                }
                return false
            }
            if reachedLimit { break }
            high = block.firstIndex
        }
        return found
    }

    /// Consecutive indexed lines read with one `pread`.
    private struct LineBlock {
        let fd: Int32
        let version: Int
        let firstIndex: Int
        let fileOffset: UInt64
        let byteCount: Int
        /// Each line's bytes, relative to `fileOffset`, oldest first.
        let lines: [Range<Int>]
    }

    /// Under `lock`: the lines just before index `high`, as many as fit in `maximumBytes` (always
    /// at least one). Nil when the index no longer reaches there (the file was replaced).
    private func blockLocked(endingBefore high: Int, maximumBytes: Int) -> LineBlock? {
        let high = min(high, starts.count)
        guard high > 0 else { return nil }
        let end = starts[high - 1] + UInt64(lengths[high - 1])
        var low = high - 1
        while low > 0, end - starts[low - 1] <= UInt64(maximumBytes) { low -= 1 }
        let offset = starts[low]
        let lines = (low..<high).map { index in
            let start = Int(starts[index] - offset)
            return start..<(start + Int(lengths[index]))
        }
        return LineBlock(fd: fd, version: _header?.version ?? CaptureLogFormat.currentVersion, firstIndex: low,
                         fileOffset: offset, byteCount: Int(end - offset), lines: lines)
    }
}
