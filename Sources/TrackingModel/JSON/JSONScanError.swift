/// Why `JSONScan` stopped, and where: what went wrong, not yet worded. `JSONParser` turns it into a
/// `JSONParseError` (line, column, a detailed sentence); `JSONPullReader` into a `JSONReadError`.
struct JSONScanError: Error {
    /// What is wrong with a UTF-8 sequence.
    enum UTF8Problem: Hashable {
        /// An overlong encoding of a three- or four-byte sequence.
        case overlong
        /// A UTF-16 surrogate encoded in UTF-8.
        case surrogate
        /// A sequence above U+10FFFF.
        case aboveMaximum
        /// The lead byte is not one, or the sequence is cut short (worded from the lead byte).
        case badLead
    }

    enum Kind: Hashable {
        /// `offset` is the opening quote.
        case unterminatedString
        /// A raw control character inside a string; `offset` is that byte.
        case controlCharacter
        /// A backslash followed by something that is not an escape; `offset` is the backslash.
        case invalidEscape
        /// `\u` without four hex digits; `offset` is the backslash.
        case invalidUnicodeEscape
        /// `\uD800`-`\uDBFF` without a low surrogate after it; `offset` is the backslash.
        case loneHighSurrogate
        /// `\uDC00`-`\uDFFF` without a high surrogate before it; `offset` is the backslash.
        case loneLowSurrogate
        /// `offset` is the sequence's first byte.
        case invalidUTF8(UTF8Problem)
        /// No digit where the integer part starts (after `-`, or at the end).
        case digitAfterMinus
        /// `offset` is the zero.
        case leadingZero
        case digitAfterPoint
        case digitInExponent
    }

    var kind: Kind
    var offset: Int

    @inline(__always)
    init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }
}
