import Foundation

/// What following a log reports.
public enum CaptureLogFollowEvent: Sendable, Hashable {
    /// A record appended (by this process or another one writing the same file).
    case record(CaptureRecord)
    /// The file was replaced, truncated or removed; records that follow start again from its beginning.
    case reset(reason: String)
}

extension CaptureLogReader {
    /// Follows the log: yields records as they are appended (polling the file every
    /// `pollInterval`, so a record shows within about that long), and a `.reset` when the file is
    /// replaced or truncated underneath, after which it reads the new file from its start.
    /// - Parameter startIndex: the first record to yield; `nil` yields only records added from now on.
    public func follow(from startIndex: Int? = nil, pollInterval: Duration = .milliseconds(25)) -> AsyncStream<CaptureLogFollowEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: CaptureLogFollowEvent.self, bufferingPolicy: .unbounded)
        let task = Task { [self] in
            var next = startIndex ?? count
            while !Task.isCancelled {
                do {
                    if case .reset(let reason) = try refresh() {
                        continuation.yield(.reset(reason: reason))
                        next = 0
                    }
                } catch {
                    // A file being replaced can fail to open for a moment; try again next round.
                }
                let end = count
                while next < end, !Task.isCancelled {
                    if let record = try? record(at: next) { continuation.yield(.record(record)) }
                    next += 1
                }
                try? await Task.sleep(for: pollInterval)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
