/// When each request of a replay is due, counted from the start of the replay. Pure: the replayer
/// asks it for a due time and sleeps on its own clock, so the arithmetic is tested without one.
///
/// A rate schedules request `n` (from 0) at `n / rate`, measured from the start rather than from
/// the previous request: a late request does not push the next ones back, so the long-run rate is
/// exact (a token bucket of one token refilled every `1 / rate`, whose refills are never lost).
public enum ReplayPacing: Sendable, Hashable {
    /// As fast as the concurrency allows.
    case unpaced
    /// At most `perSecond` requests a second on the long run.
    case rate(perSecond: Double)
    /// With the recorded gaps between requests, divided by `speed` (2: twice as fast).
    case asRecorded(speed: Double)

    /// The offset from the replay's start at which request `index` is due. `recordedOffset` is the
    /// time between the first replayed record and this one, as recorded.
    public func dueOffset(index: Int, recordedOffset: Duration) -> Duration {
        switch self {
        case .unpaced:
            return .zero
        case .rate(let perSecond):
            guard perSecond > 0 else { return .zero }
            // Whole nanoseconds from the exact quotient: no error accumulates over many requests.
            let nanoseconds = (Double(index) * 1e9 / perSecond).rounded()
            return .nanoseconds(Int64(min(nanoseconds, Double(Int64.max))))
        case .asRecorded(let speed):
            guard speed > 0, recordedOffset > .zero else { return .zero }
            return recordedOffset / speed
        }
    }

    /// How long to wait, `elapsed` after the start, before sending request `index`: zero when it
    /// is already due.
    public func delay(index: Int, recordedOffset: Duration, elapsed: Duration) -> Duration {
        let due = dueOffset(index: index, recordedOffset: recordedOffset)
        return due > elapsed ? due - elapsed : .zero
    }

    /// Reads `--rate`: `50/s`, `50`, `300/m` (a minute), `1000/h`; nil when it is not a positive rate.
    public static func rate(parsing text: String) -> ReplayPacing? {
        let parts = text.split(separator: "/", maxSplits: 1).map { String($0) }
        guard let first = parts.first, let count = Double(first), count > 0, count.isFinite else { return nil }
        let per: Double
        switch parts.count == 2 ? parts[1].lowercased() : "s" {
        case "s", "sec", "second": per = 1
        case "m", "min", "minute": per = 60
        case "h", "hour": per = 3600
        default: return nil
        }
        return .rate(perSecond: count / per)
    }

    /// Reads `--speed`: `10x`, `10`, `0.5x`; nil when it is not a positive factor.
    public static func speed(parsing text: String) -> Double? {
        var trimmed = text.lowercased()
        if trimmed.hasSuffix("x") { trimmed.removeLast() }
        guard let factor = Double(trimmed), factor > 0, factor.isFinite else { return nil }
        return factor
    }
}
