extension SourcePosition {
    /// The line and column of byte `offset` in `bytes`.
    ///
    /// Lines end at LF, CRLF or a lone CR. Columns count Unicode scalars (bytes that are not UTF-8
    /// continuation bytes) from the start of the line, 1-based. A leading UTF-8 byte-order mark
    /// takes offsets 0-2 but no column: line 1, column 1 is the first byte after it.
    static func locating(offset: Int, in bytes: UnsafeRawBufferPointer) -> SourcePosition {
        let count = bytes.count
        guard let raw = bytes.baseAddress, count > 0 else {
            return SourcePosition(offset: offset, line: 1, column: 1)
        }
        let p = raw.assumingMemoryBound(to: UInt8.self)
        let bom = count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
        let end = Swift.min(Swift.max(offset, 0), count)
        var line = 1
        var lineStart = bom
        var k = bom
        while k < end {
            let c = p[k]
            if c == 0x0A {
                line += 1
                lineStart = k + 1
            } else if c == 0x0D, !(k + 1 < count && p[k + 1] == 0x0A) {
                line += 1
                lineStart = k + 1
            }
            k += 1
        }
        var column = 1
        if lineStart < end {
            for index in lineStart..<end where p[index] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourcePosition(offset: offset, line: line, column: column)
    }

    /// The line and column of byte `offset` in `bytes` (see the buffer form for the rules).
    static func locating(offset: Int, in bytes: [UInt8]) -> SourcePosition {
        bytes.withUnsafeBytes { locating(offset: offset, in: $0) }
    }
}
