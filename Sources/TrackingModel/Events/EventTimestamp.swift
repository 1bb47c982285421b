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
            } else if let ms = ISOTime.milliseconds(parsing: Array(bytes)) {
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
}
