/// The current rate of new records: the record count at each of the last ticks (the loop sends
/// about ten a second, `AppRunner.tickInterval`), so that no clock is read in TerminalUI.
public struct TrafficRate: Sendable, Hashable {
    /// Ticks a second, as the loop sends them.
    public static let ticksPerSecond = 10
    /// The window the rate is measured over, in ticks (three seconds).
    public static let window = 30

    /// The record count at each recent tick, oldest first.
    public private(set) var counts: [Int] = []

    public init() {}

    /// Notes the record count at a tick.
    public mutating func tick(count: Int) {
        counts.append(count)
        if counts.count > Self.window + 1 { counts.removeFirst(counts.count - Self.window - 1) }
    }

    /// Records a second over the window (or over the ticks seen so far); nil before two ticks.
    public var recordsPerSecond: Double? {
        guard let first = counts.first, let last = counts.last, counts.count > 1 else { return nil }
        let seconds = Double(counts.count - 1) / Double(Self.ticksPerSecond)
        return Double(max(0, last - first)) / seconds
    }
}
