import Foundation

/// An event timestamp as it was sent, and what it means. The rule is an integer of milliseconds
/// since 1970; the vendor's own examples also use a string of milliseconds and ISO-8601, and a
/// common mistake is seconds. The original form is kept so validation can say which one it was.
public struct EventTimestamp: Sendable, Hashable {
    /// How the timestamp was written.
    public enum Form: String, Sendable, Hashable, CaseIterable {
        /// `1639044446636`: the rule.
        case integerMilliseconds
        /// `"1639044446636"`: common in the vendor's examples; accepted.
        case stringMilliseconds
        /// `1639044446` (at most 10 digits before any fraction): seconds, not milliseconds.
        case integerSeconds
        /// `"1639044446"`.
        case stringSeconds
        /// `"2015-12-12T19:11:01.249Z"`, with or without fractional seconds and zone.
        case iso8601
        /// Anything else: not understood.
        case invalid
    }

    /// The value exactly as sent.
    public let original: JSONValue
    public let form: Form
    /// Milliseconds since 1970-01-01T00:00:00Z, when understood.
    public let milliseconds: Int64?

    public init(_ value: JSONValue) {
        original = value
        switch value {
        case .number(let number):
            (form, milliseconds) = Self.parseNumeric(number.literal.utf8, isString: false)
        case .string(let text):
            let bytes = text.utf8
            if let first = bytes.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"),
               !bytes.contains(UInt8(ascii: "-")), !bytes.contains(UInt8(ascii: ":")) {
                (form, milliseconds) = Self.parseNumeric(bytes, isString: true)
            } else if let ms = Self.parseISO8601(Array(bytes)) {
                (form, milliseconds) = (.iso8601, ms)
            } else {
                (form, milliseconds) = (.invalid, nil)
            }
        default:
            (form, milliseconds) = (.invalid, nil)
        }
    }

    /// A timestamp in the rule's form (integer milliseconds).
    public init(milliseconds: Int64) {
        self.init(.number(JSONNumber(validatedLiteral: String(milliseconds))))
    }

    /// The moment, when understood.
    public var date: Date? {
        milliseconds.map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    /// True for the forms that are read as seconds.
    public var isSeconds: Bool { form == .integerSeconds || form == .stringSeconds }

    // MARK: - Parsing

    /// Digits with an optional fraction (`1639044446.636`). Up to 10 integer digits means seconds.
    private static func parseNumeric(_ bytes: String.UTF8View, isString: Bool) -> (Form, Int64?) {
        var integerPart: Int64 = 0
        var integerDigits = 0
        var fraction: Double = 0
        var fractionScale: Double = 1
        var inFraction = false
        var fractionDigits = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if inFraction {
                    fractionScale /= 10
                    fraction += Double(digit) * fractionScale
                    fractionDigits += 1
                } else {
                    if integerDigits >= 18 { return (.invalid, nil) }
                    integerPart = integerPart * 10 + digit
                    integerDigits += 1
                }
            case UInt8(ascii: "."):
                if inFraction { return (.invalid, nil) }
                inFraction = true
            default:
                return (.invalid, nil)
            }
        }
        if integerDigits == 0 || (inFraction && fractionDigits == 0) { return (.invalid, nil) }
        if integerDigits <= 10 {
            let ms = integerPart * 1000 + Int64((fraction * 1000).rounded(.down))
            return (isString ? .stringSeconds : .integerSeconds, ms)
        }
        // Milliseconds with a fraction are not a form anyone sends on purpose.
        if inFraction { return (.invalid, nil) }
        return (isString ? .stringMilliseconds : .integerMilliseconds, integerPart)
    }

    /// `YYYY-MM-DD[Thh:mm[:ss[.fff…]]][Z|±hh[:mm]]`, hand-parsed (no formatter on the hot path).
    /// A missing zone is read as UTC.
    static func parseISO8601(_ b: [UInt8]) -> Int64? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in i..<(i + count) {
                let byte = b[k]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            i += count
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard i < b.count, b[i] == character.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2) else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var hour = 0, minute = 0, second = 0
        var millis = 0
        var offsetMinutes = 0
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
            i += 1
            guard let h = number(2), expect(":"), let m = number(2) else { return nil }
            hour = h
            minute = m
            if i < b.count, b[i] == UInt8(ascii: ":") {
                i += 1
                guard let s = number(2) else { return nil }
                second = s
                if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                    i += 1
                    var digits = 0
                    var scale = 100
                    while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
                        millis += Int(b[i] - UInt8(ascii: "0")) * scale
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
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = number(2), oh <= 23 else { return nil }
                    var om = 0
                    if i < b.count {
                        _ = expect(":")
                        guard let m = number(2), m <= 59 else { return nil }
                        om = m
                    }
                    offsetMinutes = sign * (oh * 60 + om)
                } else {
                    return nil
                }
            }
            if i != b.count { return nil }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
