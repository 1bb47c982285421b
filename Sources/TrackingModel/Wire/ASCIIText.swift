/// Text helpers for protocol tokens (header names and values, schemes, media types) that work on
/// UTF-8 bytes: the collector calls them on every request, where Foundation's `trimmingCharacters`
/// and `lowercased()` cost more than the rest of the header handling together.
extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace).
    @inlinable
    public func trimmingHTTPWhitespace() -> Substring {
        let text = Substring(self)
        let utf8 = text.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, Self.isHTTPWhitespace(utf8[start]) { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard Self.isHTTPWhitespace(utf8[before]) else { break }
            end = before
        }
        return text[start..<end]
    }

    /// Whether the text equals `other` when ASCII letters are compared without case. Texts of
    /// different lengths are told apart without reading them (header names are looked up this
    /// way, one candidate after another).
    @inlinable
    public func equalsIgnoringASCIICase<Other: StringProtocol>(_ other: Other) -> Bool {
        let own = utf8, others = other.utf8
        guard own.count == others.count else { return false }
        // Native strings are contiguous: compared as two buffers, without the views' iterators.
        let contiguous: Bool?? = own.withContiguousStorageIfAvailable { ownBytes in
            others.withContiguousStorageIfAvailable { otherBytes in
                Self.bytesEqualIgnoringASCIICase(ownBytes, otherBytes)
            }
        }
        if let contiguous, let contiguous { return contiguous }
        return own.elementsEqual(others) { Self.lowercasedASCII($0) == Self.lowercasedASCII($1) }
    }

    /// Whether two buffers of the same length hold the same bytes, ASCII letters compared without case.
    @inlinable
    static func bytesEqualIgnoringASCIICase(_ one: UnsafeBufferPointer<UInt8>, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in one.indices where lowercasedASCII(one[index]) != lowercasedASCII(other[index]) {
            return false
        }
        return true
    }

    /// Whether the text starts with `prefix` when ASCII letters are compared without case.
    @inlinable
    public func hasPrefixIgnoringASCIICase<Other: StringProtocol>(_ prefix: Other) -> Bool {
        var own = utf8.makeIterator()
        for byte in prefix.utf8 {
            guard let next = own.next(), Self.lowercasedASCII(next) == Self.lowercasedASCII(byte) else { return false }
        }
        return true
    }

    @inlinable
    static func isHTTPWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    @inlinable
    static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
