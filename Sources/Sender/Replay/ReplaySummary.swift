import Histogram

/// The counts of a replay as it goes, and its closing lines: requests sent, answers by status,
/// failures (no answer) by reason, latency percentiles from an HdrHistogram (microsecond
/// resolution, three significant digits).
public struct ReplaySummary: Sendable {
    /// Requests planned (the records selected).
    public var total: Int
    /// Requests finished (the last attempt ended), whatever the outcome.
    public private(set) var done = 0
    /// Requests whose last attempt got a 2xx.
    public private(set) var accepted = 0
    /// Attempts made, retries included.
    public private(set) var attempts = 0
    /// The final answer of each request that got one, by status.
    public private(set) var statuses: [Int: Int] = [:]
    /// Requests that got no answer at all, by the reason of their last attempt.
    public private(set) var failures: [String: Int] = [:]
    /// Attempts that could not be written to the capture log.
    public private(set) var logFailures: [String] = []
    /// True when the run was stopped (SIGINT) before every request was sent.
    public var interrupted = false
    /// The latency of every attempt that got an answer, in microseconds.
    public private(set) var latencies: Histogram<UInt64>

    public init(total: Int) {
        self.total = total
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000,
                                          numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        latencies = histogram
    }

    /// Counts one request's attempts (in order).
    public mutating func add(_ attempts: [SendAttempt]) {
        guard let last = attempts.last else { return }
        done += 1
        self.attempts += attempts.count
        for attempt in attempts where attempt.response != nil {
            _ = latencies.record(UInt64(max(attempt.latencyMilliseconds * 1000, 0).rounded()))
        }
        if let response = last.response {
            statuses[response.status, default: 0] += 1
            if last.succeeded { accepted += 1 }
        } else {
            failures[last.failure ?? "unknown failure", default: 0] += 1
        }
        logFailures += attempts.compactMap(\.logFailure)
    }

    /// Notes that the capture log could not take a record (or be closed).
    public mutating func noteLogFailure(_ failure: String) {
        logFailures.append(failure)
    }

    /// Requests refused (answered, not 2xx) or unanswered.
    public var failed: Int { done - accepted }

    /// Requests that got no answer.
    public var unanswered: Int { failures.values.reduce(0, +) }

    /// A latency percentile in milliseconds (nil before any answer).
    public func latencyMilliseconds(atPercentile percentile: Double) -> Double? {
        guard latencies.totalCount > 0 else { return nil }
        return Double(latencies.valueAtPercentile(percentile)) / 1000
    }

    /// The largest latency in milliseconds (nil before any answer).
    public var maximumLatencyMilliseconds: Double? {
        guard latencies.totalCount > 0 else { return nil }
        return Double(latencies.max) / 1000
    }

    /// The closing lines: what was sent, the answers by status, the latencies, the failures.
    public var lines: [String] {
        var lines: [String] = []
        let head = interrupted ? "interrupted: " : ""
        lines.append("\(head)replayed \(done) of \(total) request\(total == 1 ? "" : "s") (\(attempts) attempt\(attempts == 1 ? "" : "s")): \(accepted) accepted, \(failed - unanswered) refused, \(unanswered) unanswered")
        if !statuses.isEmpty {
            lines.append("answers: " + statuses.keys.sorted().map { "\($0) ×\(statuses[$0]!)" }.joined(separator: ", "))
        }
        if let p50 = latencyMilliseconds(atPercentile: 50), let p99 = latencyMilliseconds(atPercentile: 99),
           let max = maximumLatencyMilliseconds {
            lines.append("latency: p50 \(Self.format(p50)) ms, p99 \(Self.format(p99)) ms, max \(Self.format(max)) ms")
        }
        for reason in failures.keys.sorted() {
            lines.append("no answer ×\(failures[reason]!): \(reason)")
        }
        if interrupted, done < total {
            lines.append("not replayed: \(total - done) request\(total - done == 1 ? "" : "s")")
        }
        return lines
    }

    static func format(_ milliseconds: Double) -> String {
        let tenths = (milliseconds * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) + ".0" : String(tenths)
    }
}
