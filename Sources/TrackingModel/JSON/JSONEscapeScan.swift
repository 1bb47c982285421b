/// What writing some UTF-8 bytes as a JSON string takes, found in one pass over them eight bytes
/// at a time: how many bytes the escapes add, and whether every byte is ASCII (so that the capture
/// log, which writes a body as text only when it is valid UTF-8, validates only the others).
public struct JSONEscapeScan: Sendable {
    /// How many more bytes the escaped text takes than the text.
    public let extraBytes: Int
    /// Whether every byte is below 0x80.
    public let isASCII: Bool
    /// How many bytes were scanned (checked when the scan is used).
    let count: Int

    /// Scans `utf8` for the escapes `JSONWriter` writes (see there).
    public init(_ utf8: UnsafeBufferPointer<UInt8>) {
        count = utf8.count
        guard let source = utf8.baseAddress else {
            extraBytes = 0
            isASCII = true
            return
        }
        var extra = 0
        var allBits: UInt64 = 0
        var wordStart = 0
        while wordStart < count {
            let word = ByteWord.load(source, at: wordStart, count: count)
            allBits |= word
            var found = ByteWord.bytesToEscape(in: word)
            while found != 0 {
                let index = wordStart + ByteWord.firstByte(found)
                found &= found &- 1
                extra += Self.extraBytes(escaping: utf8, at: index)
            }
            wordStart += 8
        }
        extraBytes = extra
        isASCII = allBits & ByteWord.highBits == 0
    }

    /// How many bytes the escape of the byte at `index` adds: `\"` `\\` `\n` `\r` `\t` one,
    /// `\u00XX` five, `\u2028` and `\u2029` three (for their three bytes), any other 0xE2 none.
    @inline(__always)
    static func extraBytes(escaping utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch utf8[index] {
        case 0x22, 0x5C, 0x0A, 0x0D, 0x09: 1
        case 0xE2: isLineOrParagraphSeparator(utf8, at: index) ? 3 : 0
        default: 5
        }
    }

    /// Whether U+2028 or U+2029 (E2 80 A8, E2 80 A9) starts at `index`.
    @inline(__always)
    static func isLineOrParagraphSeparator(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        utf8[index] == 0xE2 && index + 2 < utf8.count && utf8[index + 1] == 0x80
            && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9)
    }
}
