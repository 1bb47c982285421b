extension SourcePosition {
    /// The line and column of byte `offset` in `bytes`, by the rules of `SourcePositionCounter`
    /// (lines end at LF, CRLF or a lone CR; a leading byte-order mark takes no column).
    static func locating(offset: Int, in bytes: UnsafeRawBufferPointer) -> SourcePosition {
        var counter = SourcePositionCounter()
        return counter.advance(to: offset, in: bytes)
    }

    /// The line and column of byte `offset` in `bytes` (see the buffer form for the rules).
    static func locating(offset: Int, in bytes: [UInt8]) -> SourcePosition {
        bytes.withUnsafeBytes { locating(offset: offset, in: $0) }
    }
}
