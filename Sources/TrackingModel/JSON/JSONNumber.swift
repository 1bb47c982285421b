import Foundation

/// A JSON number kept as its exact literal text, so an 18-digit id or `16.00` survives a round trip.
/// Conversions to Swift numbers are on demand and say when they would lose precision.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as written in the source (always a valid JSON number literal).
    public let literal: String

    /// Wraps a literal that is already known to be a valid JSON number (the parser's output).
    public init(validatedLiteral literal: String) {
        self.literal = literal
    }

    public init(_ value: Int) {
        self.literal = String(value)
    }

    public init(_ value: Double) {
        if value.isFinite, value == value.rounded(.towardZero), abs(value) < 1e15 {
            self.literal = String(Int64(value))
        } else {
            self.literal = "\(value)"
        }
    }

    public var description: String { literal }

    /// True when the literal has no fraction and no exponent.
    public var isInteger: Bool {
        !literal.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
    }

    /// The value as Int64 when the literal is an integer that fits; nil otherwise.
    public var int64Value: Int64? {
        isInteger ? Int64(literal) : nil
    }

    /// The nearest Double (may round for long literals; see `isExactlyRepresentable`).
    public var doubleValue: Double {
        Double(literal) ?? .nan
    }

    /// False when converting to Double would change the value (for example an 18-digit id).
    public var isExactlyRepresentable: Bool {
        if let integer = int64Value {
            return abs(integer) <= (1 << 53)
        }
        let double = doubleValue
        return double.isFinite
    }
}
