import TrackingModel

/// The secret the inspection API asks for (`Authorization: Bearer TOKEN`): required when the
/// collector listens on an address other machines can reach, optional on loopback.
public struct InspectionToken: Sendable, Hashable {
    /// The token as it is sent.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// A fresh token of 128 random bits, as 32 lowercase hex digits (from the system's
    /// cryptographically secure generator).
    public static func generate() -> InspectionToken {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(32)
        for _ in 0..<2 {
            var word = generator.next() as UInt64
            for _ in 0..<16 {
                text.append(digits[Int(word & 0xF)])
                word >>= 4
            }
        }
        return InspectionToken(String(decoding: text, as: UTF8.self))
    }

    /// Whether `authorization` (an `Authorization` header, or nil) is `Bearer` with this token.
    /// The comparison takes the same time wherever the first difference is, so that the answer's
    /// timing does not tell how much of a guess was right.
    public func isPresented(in authorization: String?) -> Bool {
        guard let authorization else { return false }
        let field = authorization.trimmingHTTPWhitespace()
        guard field.utf8.count > 7, field.hasPrefixIgnoringASCIICase("bearer ") else { return false }
        let presented = field.dropFirst(7).trimmingHTTPWhitespace()
        return Self.constantTimeEqual(Array(presented.utf8), Array(value.utf8))
    }

    /// Equality of two byte strings in time that depends only on their lengths.
    static func constantTimeEqual(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt64(truncatingIfNeeded: given.count ^ expected.count)
        for index in expected.indices {
            // Compares against a byte of `given` at every position, even past its end.
            let other = given.isEmpty ? 0 : given[index % given.count]
            difference |= UInt64(other ^ expected[index])
        }
        return difference == 0
    }
}
