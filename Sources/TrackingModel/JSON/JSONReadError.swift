/// Why `JSONPullReader` could not read its input, and where (a byte offset: the pull reader works
/// on lines and sub-ranges, where a line and column would mean little).
public struct JSONReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// As `JSONParseError.code`: `invalid-json`, `invalid-utf8` or `too-deep`.
    public var code: String
    /// A short sentence, such as "control character in string".
    public var message: String
    /// The byte offset of the problem within the reader's input.
    public var offset: Int

    public init(code: String = "invalid-json", message: String, offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// `message (at byte N)`.
    public var description: String { "\(message) (at byte \(offset))" }
}
