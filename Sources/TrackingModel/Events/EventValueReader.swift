/// What the body summary's scan (`EventBodySummary.quickScan`) reads events with, one value at a
/// time: `JSONPullReader` over the bytes, or `JSONValueReader` over a value the parser already
/// built. Both read the same JSON alike, so the summary's rule is written once, for both.
protocol EventValueReader {
    /// The first byte of the next value as JSON writes it: `{`, `[`, `"`, `-` or a digit, `t`,
    /// `f`, `n`; nil when there is none.
    mutating func peek() -> UInt8?
    /// Reads an object, calling `body` with each member's key (escapes decoded) and a reader at
    /// its value, which `body` reads or skips; repeated keys come each time, in order.
    mutating func readObject(_ body: (inout Self, JSONPullKey) throws(JSONReadError) -> Void) throws(JSONReadError)
    /// Reads an array, calling `body` with a reader at each element, which `body` reads or skips.
    mutating func readArray(_ body: (inout Self) throws(JSONReadError) -> Void) throws(JSONReadError)
    /// Reads a string (escapes decoded).
    mutating func readString() throws(JSONReadError) -> String
    /// Reads a number as its literal text.
    mutating func readNumberLiteral() throws(JSONReadError) -> String
    /// Steps over the next value.
    mutating func skipValue() throws(JSONReadError)
}

extension JSONPullReader: EventValueReader {}
