import CaptureLog
import TerminalUI
import Foundation

/// The capture log as a record source: its kept rotated segments, then the live file. Records are
/// decoded when asked for, and the live file is watched for appended records and followed across
/// rotations. A log that does not exist yet is waited for, never created.
public final class CaptureLogRecordSource: RecordSource {
    public let url: URL
    private let reader: SegmentedCaptureLogReader
    private let pollInterval: Duration

    /// Opens the log at `url` (a missing file is an empty log). Throws for a file that is not a
    /// capture log.
    public init(url: URL, pollInterval: Duration = .milliseconds(100)) throws {
        self.url = url
        self.reader = try SegmentedCaptureLogReader(url: url)
        self.pollInterval = pollInterval
    }

    public func count() -> Int { reader.count }

    public func record(at index: Int) throws -> CaptureRecord {
        try reader.record(at: index)
    }

    public func summary(at index: Int) throws -> CaptureRecordSummary {
        try reader.summary(at: index)
    }

    /// Problems found when opening (corrupt lines skipped, a torn last line), to tell the user once.
    public var warnings: [String] { reader.warnings }

    public func updates() -> AsyncStream<RecordSourceEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: RecordSourceEvent.self, bufferingPolicy: .bufferingNewest(4))
        let task = Task { [reader, url, pollInterval] in
            var last: RecordSourceEvent?
            while !Task.isCancelled {
                var event: RecordSourceEvent
                do {
                    let change = try reader.refresh()
                    let count = reader.count
                    if case .reset(let reason) = change {
                        event = .replaced(count: count, reason: reason)
                    } else if count == 0, !FileManager.default.fileExists(atPath: url.path) {
                        event = .waiting(reason: "no log yet, waiting for records")
                    } else {
                        event = .available(count: count)
                    }
                } catch {
                    event = .failed(message: "\(error)")
                }
                if event != last {
                    continuation.yield(event)
                    last = event
                    if case .replaced(let count, _) = event { last = .available(count: count) }
                }
                try? await Task.sleep(for: pollInterval)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
