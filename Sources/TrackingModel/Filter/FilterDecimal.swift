/// An exact decimal number for filter comparisons: `22.5` equals `22.50` and `2.25e1`, and an
/// 18-digit id compares exactly (no rounding through `Double`).
public struct FilterDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text it was read from.
    public let literal: String
    private let isNegative: Bool
    /// Significant digits (0...9), without leading or trailing zeros; empty for zero.
    private let digits: [UInt8]
    /// The value is `0.d1d2d3... × 10^exponent`.
    private let exponent: Int

    /// Reads a JSON number literal (`-12`, `22.50`, `1e3`); nil for anything else, including
    /// leading zeros, a leading `+`, or surrounding spaces.
    public init?(_ text: String) {
        let utf8 = text.utf8
        guard let first = utf8.first, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else { return nil }
        guard let parsed = utf8.withContiguousStorageIfAvailable({ FilterDecimal.parse($0) }) ?? FilterDecimal.parse(Array(utf8)) else {
            return nil
        }
        self.literal = text
        self.isNegative = parsed.negative
        self.digits = parsed.digits
        self.exponent = parsed.exponent
    }

    /// An integer, exactly.
    public init(_ value: Int) {
        self.init(String(value))!
    }

    /// An unsigned integer, exactly.
    public init(_ value: UInt64) {
        self.init(String(value))!
    }

    public var description: String { literal }

    public var isZero: Bool { digits.isEmpty }

    private static func parse<C: Collection>(_ bytes: C) -> (negative: Bool, digits: [UInt8], exponent: Int)?
    where C.Element == UInt8, C.Index == Int {
        var index = bytes.startIndex
        let end = bytes.endIndex
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var negative = false
        if index < end, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var all: [UInt8] = []
        all.reserveCapacity(bytes.count)
        guard index < end, isDigit(bytes[index]) else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            all.append(0)
            index += 1
            if index < end, isDigit(bytes[index]) { return nil }
        } else {
            while index < end, isDigit(bytes[index]) {
                all.append(bytes[index] - 0x30)
                index += 1
            }
        }
        var point = all.count
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end, isDigit(bytes[index]) else { return nil }
            while index < end, isDigit(bytes[index]) {
                all.append(bytes[index] - 0x30)
                index += 1
            }
        }
        var exponentValue = 0
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < end, isDigit(bytes[index]) else { return nil }
            while index < end, isDigit(bytes[index]) {
                // Clamp: beyond a billion the exact exponent no longer changes any comparison
                // a filter can make.
                if exponentValue < 1_000_000_000 {
                    exponentValue = exponentValue * 10 + Int(bytes[index] - 0x30)
                }
                index += 1
            }
            if exponentNegative { exponentValue = -exponentValue }
        }
        guard index == end else { return nil }
        var leading = 0
        while leading < all.count, all[leading] == 0 { leading += 1 }
        if leading == all.count { return (false, [], 0) }
        var trailing = all.count
        while trailing > leading, all[trailing - 1] == 0 { trailing -= 1 }
        point -= leading
        return (negative, Array(all[leading..<trailing]), point + exponentValue)
    }

    public static func == (lhs: FilterDecimal, rhs: FilterDecimal) -> Bool {
        lhs.isNegative == rhs.isNegative && lhs.exponent == rhs.exponent && lhs.digits == rhs.digits
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(isNegative)
        hasher.combine(exponent)
        hasher.combine(digits)
    }

    public static func < (lhs: FilterDecimal, rhs: FilterDecimal) -> Bool {
        if lhs.isNegative != rhs.isNegative {
            return lhs.isNegative
        }
        let magnitude = compareMagnitude(lhs, rhs)
        return lhs.isNegative ? magnitude > 0 : magnitude < 0
    }

    /// -1, 0 or 1 as |lhs| is smaller than, equal to or larger than |rhs|.
    private static func compareMagnitude(_ lhs: FilterDecimal, _ rhs: FilterDecimal) -> Int {
        if lhs.isZero || rhs.isZero {
            return lhs.isZero ? (rhs.isZero ? 0 : -1) : 1
        }
        if lhs.exponent != rhs.exponent { return lhs.exponent < rhs.exponent ? -1 : 1 }
        for (left, right) in zip(lhs.digits, rhs.digits) where left != right {
            return left < right ? -1 : 1
        }
        if lhs.digits.count == rhs.digits.count { return 0 }
        return lhs.digits.count < rhs.digits.count ? -1 : 1
    }
}
