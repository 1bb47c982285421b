import CaptureLog
import Foundation
import TrackingModel

/// A capture log as the `log` commands read it: its kept rotated segments, oldest first, then the
/// live file. Records come in sequence order, each once: a segment renamed by a rotation while the
/// files are opened is not read twice.
struct LogFiles {
    /// The readers, oldest first; the live file's is the last.
    let readers: [CaptureLogReader]

    var live: CaptureLogReader { readers[readers.count - 1] }
    var segmentCount: Int { readers.count - 1 }

    /// Opens the log at `location` and its segments, printing their warnings (corrupt lines, a torn
    /// tail, a segment that cannot be read and is left out) once on stderr; exits when the live
    /// file cannot be read.
    static func open(_ location: LogLocationOptions) -> LogFiles {
        let log: SegmentedCaptureLogReader
        do {
            log = try SegmentedCaptureLogReader(url: location.url)
        } catch {
            LogCommand.fail("cannot open \(location.url.path): \(error)")
        }
        for warning in log.warnings { LogCommand.standardError("warning: \(warning)") }
        return LogFiles(readers: log.files)
    }

    /// `CaptureLogReader.scan` over every file in turn; progress counts the bytes of all of them.
    /// (The summary's counts include any record read twice and passed over.)
    @discardableResult
    func scan(matching query: FilterQuery, progress: ((CaptureLogScanProgress) -> Void)? = nil,
              onMatch: (CaptureRecord) throws -> Void) throws -> CaptureLogScanSummary {
        let total = readers.reduce(UInt64(0)) { $0 + $1.indexedSize }
        var done: UInt64 = 0
        var summary = CaptureLogScanSummary()
        var last: UInt64 = 0
        for reader in readers {
            let found = summary.matches
            let part = try reader.scan(matching: query, progress: progress.map { report in
                { step in report(CaptureLogScanProgress(bytesScanned: done + step.bytesScanned, totalBytes: total, matches: found + step.matches)) }
            }) { record in
                guard record.sequence > last else { return }
                last = record.sequence
                try onMatch(record)
            }
            summary.add(part)
            done += reader.indexedSize
        }
        return summary
    }

    /// `CaptureLogReader.scanSummaries` over every file in turn. (The summary's counts include any
    /// record read twice and passed over.)
    @discardableResult
    func scanSummaries(_ body: (CaptureRecordSummary) throws -> Void) throws -> CaptureLogScanSummary {
        var summary = CaptureLogScanSummary()
        var last: UInt64 = 0
        for reader in readers {
            let part = try reader.scanSummaries { found, _ in
                guard found.sequence > last else { return }
                last = found.sequence
                try body(found)
            }
            summary.add(part)
        }
        return summary
    }

    /// The record with sequence `sequence`, from whichever file holds it.
    func record(sequence: UInt64) throws -> CaptureRecord? {
        for reader in readers.reversed() {
            if let index = reader.index(ofSequence: sequence) { return try reader.record(at: index) }
        }
        return nil
    }
}
