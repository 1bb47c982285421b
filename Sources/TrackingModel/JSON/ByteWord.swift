/// Eight bytes at a time, as one `UInt64` (SWAR: SIMD within a register): trackscope's one home for
/// testing a word for the bytes it looks for instead of testing each byte (the JSON writer's
/// escapes, the readers' string runs, line counting, the log's folded search).
///
/// A byte of the word is found when the high bit of its byte is set in the mask returned; the
/// test is exact byte by byte (no carry crosses into the next byte), so every set bit stands for
/// one byte. The first byte in memory is the lowest byte of the word.
///
/// Everything here is `@inlinable`: the log's folded search (in CaptureLog) calls these in its
/// innermost loop, and a call across modules is not inlined otherwise (it took half of
/// `log filter`'s time). The masks are computed constants for the same reason (a stored `let`
/// is read through its accessor from another module). The enum itself is public, its members
/// package: with the enum `package`, this compiler still called them across modules.
public enum ByteWord {
    @inlinable public static var ones: UInt64 { 0x0101_0101_0101_0101 }
    @inlinable public static var lowBits: UInt64 { 0x7F7F_7F7F_7F7F_7F7F }
    @inlinable public static var highBits: UInt64 { 0x8080_8080_8080_8080 }

    /// The bytes of `word` equal to `byte`.
    @inlinable @inline(__always)
    package static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        // A byte's low seven bits plus 0x7F set its high bit unless they are all zero.
        return ~(((difference & lowBits) &+ lowBits) | difference) & highBits
    }

    /// The bytes of `word` below `bound` (at most 0x80).
    @inlinable @inline(__always)
    package static func bytes(of word: UInt64, below bound: UInt8) -> UInt64 {
        ~(((word & lowBits) &+ ones &* UInt64(0x80 - bound)) | word) & highBits
    }

    /// The eight bytes at `offset` of `base`, which holds `count` bytes; those past `count` read
    /// as spaces (a byte no test here looks for). Reads no byte outside `base`'s `count`.
    @inlinable @inline(__always)
    package static func load(_ base: UnsafePointer<UInt8>, at offset: Int, count: Int) -> UInt64 {
        let remaining = count - offset
        if remaining >= 8 { return word(at: base + offset) }
        let spaces: UInt64 = 0x2020_2020_2020_2020 << (8 * remaining)
        if count >= 8 {
            // The last eight bytes, without those before `offset`.
            return word(at: base + count - 8) >> (8 * (8 - remaining)) | spaces
        }
        // A text shorter than a word: its bytes four, two and one at a time (bytes copied to
        // memory and read back as a word would stall the load).
        var word: UInt64 = 0
        var shift: UInt64 = 0
        var next = UnsafeRawPointer(base + offset)
        if remaining & 4 != 0 {
            word = UInt64(UInt32(littleEndian: next.loadUnaligned(as: UInt32.self)))
            next += 4
            shift = 32
        }
        if remaining & 2 != 0 {
            word |= UInt64(UInt16(littleEndian: next.loadUnaligned(as: UInt16.self))) << shift
            next += 2
            shift += 16
        }
        if remaining & 1 != 0 {
            word |= UInt64(next.load(as: UInt8.self)) << shift
        }
        return word | spaces
    }

    /// The eight bytes at `address`, the first in the lowest byte.
    @inlinable @inline(__always)
    package static func word(at address: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(address).loadUnaligned(as: UInt64.self))
    }

    /// The bytes of `word` that a JSON string escapes, or may (`"`, `\`, the controls, DEL, and
    /// 0xE2, the lead byte of U+2028 and U+2029, which the caller looks at more closely).
    @inline(__always)
    static func bytesToEscape(in word: UInt64) -> UInt64 {
        // Each test adds to a byte's low seven bits (at most 0x7F, so nothing carries into the
        // next byte) a number that sets their eighth bit unless the byte is the one looked for.
        let low = word & lowBits
        let notControl = low &+ ones &* (0x80 - 0x20)
        let notQuote = (low ^ ones &* 0x22) &+ lowBits
        let notBackslash = (low ^ ones &* 0x5C) &+ lowBits
        let notDelete = (low ^ ones &* 0x7F) &+ lowBits
        // ASCII bytes (eighth bit clear in `word`) that fail one of those tests.
        let ascii = ~(notControl & notQuote & notBackslash & notDelete | word) & highBits
        // 0xE2: its low seven bits are 0x62, and its eighth bit is set.
        let lead = ~((low ^ ones &* 0x62) &+ lowBits | (word ^ ones &* 0xE2)) & highBits
        return ascii | lead
    }

    /// The offset in the word of the lowest byte set in `mask`.
    @inlinable @inline(__always)
    package static func firstByte(_ mask: UInt64) -> Int { mask.trailingZeroBitCount / 8 }
}
