import Foundation

/// ISO-8601 time, written and read by hand in one place: the capture log writes one timestamp per
/// record, event timestamps may be ISO-8601, HAR files carry them, and Foundation's formatters are
/// slow and not `Sendable`.
///
/// Written as UTC with milliseconds (`2026-11-26T18:07:32.123Z`). Read as
/// `YYYY-MM-DD[(T|t| )hh:mm[:ss[(.|,)fff…]]][Z|z|±hh[[:]mm]]`; a missing zone is UTC.
public enum ISOTime {
    /// Milliseconds since 1970-01-01T00:00:00Z of `date`, rounded.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date `milliseconds` after 1970-01-01T00:00:00Z.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `date` as `YYYY-MM-DDThh:mm:ss.fffZ`.
    public static func string(_ date: Date) -> String {
        string(milliseconds: milliseconds(date))
    }

    /// `milliseconds` since the epoch as `YYYY-MM-DDThh:mm:ss.fffZ`.
    public static func string(milliseconds: Int64) -> String {
        String(unsafeUninitializedCapacity: textLength) { buffer in
            write(milliseconds: milliseconds, to: buffer.baseAddress!)
            return textLength
        }
    }

    /// Appends `milliseconds` since the epoch as `YYYY-MM-DDThh:mm:ss.fffZ` to `bytes` (the
    /// capture log's one timestamp per record, without a String in between).
    public static func append(milliseconds: Int64, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: textLength) { buffer in
            write(milliseconds: milliseconds, to: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(buffer))
        }
    }

    /// The length of `YYYY-MM-DDThh:mm:ss.fffZ`.
    private static let textLength = 24

    /// Writes the `textLength` bytes of `YYYY-MM-DDThh:mm:ss.fffZ` at `out`.
    private static func write(milliseconds: Int64, to out: UnsafeMutablePointer<UInt8>) {
        var days = milliseconds / 86_400_000
        var rest = milliseconds % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let hour = rest / 3_600_000
        let minute = rest / 60_000 % 60
        let second = rest / 1000 % 60
        let milli = rest % 1000
        var position = 0
        // The last `width` digits of `value`, zero-padded.
        func put(_ value: Int64, _ width: Int) {
            var value = value
            for offset in stride(from: width - 1, through: 0, by: -1) {
                out[position + offset] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            position += width
        }
        func put(_ separator: Unicode.Scalar) {
            out[position] = UInt8(ascii: separator)
            position += 1
        }
        put(year, 4); put("-")
        put(month, 2); put("-")
        put(day, 2); put("T")
        put(hour, 2); put(":")
        put(minute, 2); put(":")
        put(second, 2); put(".")
        put(milli, 3); put("Z")
    }

    /// Milliseconds since the epoch of an ISO-8601 text; nil when it is not that shape or names a
    /// day or time that does not exist.
    public static func milliseconds(parsing text: String) -> Int64? {
        milliseconds(parsing: Array(text.utf8))
    }

    /// Milliseconds since the epoch of ISO-8601 bytes; nil when they are not that shape.
    public static func milliseconds(parsing b: [UInt8]) -> Int64? {
        var i = 0
        func number(_ count: Int) -> Int64? {
            guard i + count <= b.count else { return nil }
            var value: Int64 = 0
            for k in i..<(i + count) {
                let byte = b[k]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            i += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
              let day = number(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, millis: Int64 = 0, offsetMinutes: Int64 = 0
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
            i += 1
            guard let h = number(2), expect(UInt8(ascii: ":")), let m = number(2) else { return nil }
            hour = h
            minute = m
            if expect(UInt8(ascii: ":")) {
                guard let s = number(2) else { return nil }
                second = s
                if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                    i += 1
                    var digits = 0
                    var scale: Int64 = 100
                    while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
                        millis += Int64(b[i] - UInt8(ascii: "0")) * scale
                        scale /= 10
                        digits += 1
                        i += 1
                    }
                    if digits == 0 { return nil }
                }
            }
            guard hour <= 23, minute <= 59, second <= 60 else { return nil }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let offsetHours = number(2), offsetHours <= 23 else { return nil }
                    var offsetMinute: Int64 = 0
                    if i < b.count {
                        _ = expect(UInt8(ascii: ":"))
                        guard let m = number(2), m <= 59 else { return nil }
                        offsetMinute = m
                    }
                    offsetMinutes = sign * (offsetHours * 60 + offsetMinute)
                } else {
                    return nil
                }
            }
            if i != b.count { return nil }
        }
        let days = days(fromCivil: year, month, day)
        return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil).
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
