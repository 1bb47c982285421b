/// Counts lines and columns up to byte offsets, forward only, so that many positions in one text
/// cost one pass. Every line:column trackscope reports comes from here, with the parser's rules:
/// lines end at LF, CRLF or a lone CR; columns count Unicode scalars (bytes that are not UTF-8
/// continuation bytes), 1-based; a leading UTF-8 byte-order mark takes offsets 0-2 but no column.
public struct SourcePositionCounter: Sendable {
    private var offset = 0
    private var line = 1
    private var column = 1

    public init() {}

    /// The position of byte `target` of `bytes`. Targets should ascend; a smaller one starts over.
    public mutating func advance(to target: Int, in bytes: UnsafeRawBufferPointer) -> SourcePosition {
        let end = Swift.min(Swift.max(target, 0), bytes.count)
        if end < offset { self = SourcePositionCounter() }
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return SourcePosition(offset: target, line: 1, column: 1)
        }
        let p = base.assumingMemoryBound(to: UInt8.self)
        if offset == 0, bytes.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF {
            guard end >= 3 else { return SourcePosition(offset: target, line: 1, column: 1) }
            offset = 3
        }
        while offset < end {
            // Eight bytes at a time: the line moves by the line feeds, the column by the bytes
            // that start a scalar (all but the continuation bytes, 0b10xxxxxx) after the last
            // one. Words with a carriage return (CRLF or a lone CR) go byte by byte.
            var stop = end
            if end &- offset >= 8 {
                let word = ByteWord.word(at: p + offset)
                if ByteWord.bytes(of: word, equalTo: 0x0D) == 0 {
                    let feeds = ByteWord.bytes(of: word, equalTo: 0x0A)
                    if feeds == 0 {
                        column &+= 8 &- Self.continuationCount(word)
                    } else {
                        // Bytes are in little-endian order: the last line feed is the highest.
                        let last = (63 &- feeds.leadingZeroBitCount) / 8
                        let after = last == 7 ? 0 : word >> (8 &* (last &+ 1))
                        line &+= Self.count(feeds)
                        column = 1 &+ (7 &- last) &- Self.continuationCount(after)
                    }
                    offset &+= 8
                    continue
                }
                stop = offset &+ 8
            }
            while offset < stop {
                let byte = p[offset]
                if byte == 0x0A || (byte == 0x0D && !(offset + 1 < bytes.count && p[offset + 1] == 0x0A)) {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                offset += 1
            }
        }
        return SourcePosition(offset: target, line: line, column: column)
    }

    /// How many bytes of `word` are UTF-8 continuation bytes. The bit count takes a dozen
    /// instructions where the CPU is not assumed to count bits: ASCII words skip it.
    @inline(__always)
    private static func continuationCount(_ word: UInt64) -> Int {
        if word & ByteWord.highBits == 0 { return 0 }
        return (word & ~(word << 1) & ByteWord.highBits).nonzeroBitCount
    }

    /// How many bytes a mask of `ByteWord` marks; a lone one (the usual line feed) without the
    /// bit count.
    @inline(__always)
    private static func count(_ mask: UInt64) -> Int {
        mask & (mask &- 1) == 0 ? 1 : mask.nonzeroBitCount
    }

    /// The position of byte `target` of `bytes` (see the buffer form).
    public mutating func advance(to target: Int, in bytes: [UInt8]) -> SourcePosition {
        bytes.withUnsafeBytes { advance(to: target, in: $0) }
    }
}
