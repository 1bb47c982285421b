import Foundation

/// Times as the UI shows them, in a given zone.
enum TimeText {
    /// `HH:MM:SS.mmm`.
    static func clock(_ date: Date, in zone: TimeZone) -> String {
        let parts = components(date, zone)
        return "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)).\(three(parts.millisecond))"
    }

    /// `YYYY-MM-DD HH:MM:SS.mmm ZONE`.
    static func full(_ date: Date, in zone: TimeZone) -> String {
        let parts = components(date, zone)
        let zoneName = ["UTC", "GMT"].contains(zone.identifier) ? "UTC" : zone.abbreviation(for: date) ?? zone.identifier
        return "\(parts.year)-\(two(parts.month))-\(two(parts.day)) \(clock(date, in: zone)) \(zoneName)"
    }

    private struct Parts {
        var year, month, day, hour, minute, second, millisecond: Int
    }

    private static func components(_ date: Date, _ zone: TimeZone) -> Parts {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // Whole milliseconds first, so that 26.123 stored as 26.12299... still reads .123.
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let millisecond = Int(((totalMilliseconds % 1000) + 1000) % 1000)
        let seconds = Double((totalMilliseconds - Int64(millisecond)) / 1000)
        let whole = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        return Parts(year: whole.year ?? 0, month: whole.month ?? 0, day: whole.day ?? 0, hour: whole.hour ?? 0,
                     minute: whole.minute ?? 0, second: whole.second ?? 0, millisecond: millisecond)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func three(_ value: Int) -> String { value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)" }
}
