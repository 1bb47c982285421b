/// Appends JSON text to a byte buffer: trackscope's one JSON writer. The capture log's line
/// encoder, the collector's answers and `JSONPrinter` all write through it, so strings are escaped
/// the same way everywhere:
///
/// - `"` and `\` as `\"` and `\\`; line feed, carriage return and tab as `\n`, `\r`, `\t`;
/// - every other control character (U+0000 to U+001F) and DEL (U+007F) as `\u00XX`;
/// - U+2028 and U+2029 as `\u2028` and `\u2029` (so the text is also valid JavaScript);
/// - everything else as its UTF-8 bytes.
///
/// The output never holds a raw control character, so a value never breaks a line of JSON Lines.
public struct JSONWriter {
    /// The text written so far.
    public var bytes: [UInt8]

    /// A writer with room for `capacity` bytes before it must grow.
    @inlinable
    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// A writer that appends to `bytes`.
    @inlinable
    public init(appendingTo bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Appends text as it is (it must be valid JSON where it goes). One byte (a bracket, a
    /// brace, a quote) is appended as a byte, not as a buffer.
    @inlinable @inline(__always)
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { utf8 in
            if utf8.count == 1 {
                bytes.append(utf8[0])
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }

    /// Appends text as it is (it must be valid JSON where it goes). Disfavoured, so that a literal
    /// goes to `raw(_: StaticString)`.
    @inlinable @_disfavoredOverload
    public mutating func raw(_ text: String) {
        // Its UTF-8 in one copy where it is contiguous (always, for a native string).
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if done == nil { bytes.append(contentsOf: text.utf8) }
    }

    /// `"key":` for a key that needs no escaping (a literal of the caller's schema).
    @inlinable @inline(__always)
    public mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// `"key":`, escaped.
    @inlinable
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    @inlinable @inline(__always)
    public mutating func comma() { bytes.append(UInt8(ascii: ",")) }

    // MARK: - Strings

    /// `text` as a JSON string, quotes included.
    @inlinable
    public mutating func string(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { string(utf8: $0) }
        if done == nil {
            var text = text
            text.withUTF8 { string(utf8: $0) }
        }
    }

    /// Valid UTF-8 bytes as a JSON string, quotes included. A short string with nothing to escape
    /// is copied in one pass (`appendShortPlainString`); others take two, eight bytes at a time:
    /// one measures the escapes (`JSONEscapeScan`), the other copies the runs between them into
    /// place (log bodies are JSON, full of quotes).
    public mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        if appendShortPlainString(utf8) { return }
        string(utf8: utf8, scan: JSONEscapeScan(utf8))
    }

    /// `"name":` and `text` as a JSON string: `key(name)` then `string(text)`, a short value in
    /// one piece with its key.
    @inlinable
    public mutating func member(_ name: StaticString, _ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { member(name, utf8: $0) }
        if done == nil {
            key(name)
            string(text)
        }
    }

    /// `"name":` and valid UTF-8 bytes as a JSON string (see `member(_:_:)`).
    public mutating func member(_ name: StaticString, utf8: UnsafeBufferPointer<UInt8>) {
        if name.withUTF8Buffer({ appendShortPlainString(utf8, key: $0) }) { return }
        key(name)
        string(utf8: utf8, scan: JSONEscapeScan(utf8))
    }

    /// The longest string, and the longest key before it, that `appendShortPlainString` takes.
    private static let shortStringLength = 32
    private static let shortKeyLength = 24

    /// A short string with nothing to escape (most names and values are), after its `"key":` when
    /// there is one, is put together on the stack and appended in one piece (each append to the
    /// array costs more than copying a few words): the string is tested and copied eight bytes at
    /// a time. False, with nothing written, when it is too long or holds a byte to escape (or that
    /// may be one).
    private mutating func appendShortPlainString(_ utf8: UnsafeBufferPointer<UInt8>,
                                                 key: UnsafeBufferPointer<UInt8>? = nil) -> Bool {
        let count = utf8.count
        let keyCount = key?.count ?? 0
        guard count <= Self.shortStringLength, keyCount <= Self.shortKeyLength else { return false }
        // `"key":` (27 bytes at most), the quoted string (34), and room for the last word's
        // bytes stored past the end (7).
        return withUnsafeTemporaryAllocation(byteCount: 80, alignment: 8) { buffer in
            let staged = buffer.baseAddress!
            var end = 0
            if let key {
                staged.storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
                var offset = 0
                while offset < keyCount, let start = key.baseAddress {
                    let word = ByteWord.load(start, at: offset, count: keyCount)
                    staged.storeBytes(of: word.littleEndian, toByteOffset: 1 + offset, as: UInt64.self)
                    offset += 8
                }
                staged.storeBytes(of: UInt8(ascii: "\""), toByteOffset: 1 + keyCount, as: UInt8.self)
                staged.storeBytes(of: UInt8(ascii: ":"), toByteOffset: 2 + keyCount, as: UInt8.self)
                end = keyCount + 3
            }
            staged.storeBytes(of: UInt8(ascii: "\""), toByteOffset: end, as: UInt8.self)
            if count > 0, let source = utf8.baseAddress {
                var offset = 0
                while offset < count {
                    let word = ByteWord.load(source, at: offset, count: count)
                    if ByteWord.bytesToEscape(in: word) != 0 { return false }
                    staged.storeBytes(of: word.littleEndian, toByteOffset: end + 1 + offset, as: UInt64.self)
                    offset += 8
                }
            }
            staged.storeBytes(of: UInt8(ascii: "\""), toByteOffset: end + 1 + count, as: UInt8.self)
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: staged, count: end + count + 2))
            return true
        }
    }

    /// Valid UTF-8 bytes as a JSON string, quotes included, `scan` being their scan (for a caller
    /// that scans them first anyway, as the capture log does a body).
    package mutating func string(utf8: UnsafeBufferPointer<UInt8>, scan: JSONEscapeScan) {
        precondition(scan.count == utf8.count, "the scan is of other bytes")
        bytes.append(UInt8(ascii: "\""))
        if scan.extraBytes == 0 {
            bytes.append(contentsOf: utf8)
        } else {
            appendEscaped(utf8, escapedCount: utf8.count + scan.extraBytes)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `utf8` with its escapes, `escapedCount` bytes in all.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, escapedCount: Int) {
        guard let source = utf8.baseAddress else { return }
        let count = utf8.count
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: escapedCount))
        bytes.withUnsafeMutableBufferPointer { buffer in
            let first = buffer.baseAddress! + start
            var out = first
            var runStart = 0
            var wordStart = 0
            while wordStart < count {
                var found = ByteWord.bytesToEscape(in: ByteWord.load(source, at: wordStart, count: count))
                while found != 0 {
                    let index = wordStart + ByteWord.firstByte(found)
                    found &= found &- 1
                    let byte = source[index]
                    let isSeparator = byte == 0xE2 && JSONEscapeScan.isLineOrParagraphSeparator(utf8, at: index)
                    if byte == 0xE2 && !isSeparator { continue }
                    let run = index - runStart
                    if run <= 8 && runStart + 8 <= count && out - first + 8 <= escapedCount {
                        // A short run (JSON's keys and values between quotes) as one word: the
                        // bytes stored past it are written over by what follows.
                        let word = UnsafeRawPointer(source + runStart).loadUnaligned(as: UInt64.self)
                        UnsafeMutableRawPointer(out).storeBytes(of: word, as: UInt64.self)
                        out += run
                    } else if run > 0 {
                        out.update(from: source + runStart, count: run)
                        out += run
                    }
                    out[0] = UInt8(ascii: "\\")
                    switch byte {
                    case 0x0A: out[1] = UInt8(ascii: "n"); out += 2
                    case 0x0D: out[1] = UInt8(ascii: "r"); out += 2
                    case 0x09: out[1] = UInt8(ascii: "t"); out += 2
                    case 0x22, 0x5C: out[1] = byte; out += 2
                    case 0xE2:
                        // U+2028 or U+2029: its three bytes become `\u2028` or `\u2029`.
                        out[1] = UInt8(ascii: "u")
                        out[2] = UInt8(ascii: "2")
                        out[3] = UInt8(ascii: "0")
                        out[4] = UInt8(ascii: "2")
                        out[5] = source[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")
                        out += 6
                        runStart = index + 3
                        continue
                    default:
                        out[1] = UInt8(ascii: "u")
                        out[2] = UInt8(ascii: "0")
                        out[3] = UInt8(ascii: "0")
                        out[4] = Self.hexDigit(byte >> 4)
                        out[5] = Self.hexDigit(byte & 0xF)
                        out += 6
                    }
                    runStart = index + 1
                }
                wordStart += 8
            }
            if count > runStart {
                out.update(from: source + runStart, count: count - runStart)
                out += count - runStart
            }
            precondition(out - first == escapedCount, "the escapes are not the length measured")
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    // MARK: - Numbers and literals

    /// An integer.
    @inlinable
    public mutating func int<I: BinaryInteger>(_ value: I) {
        guard let value = Int64(exactly: value) else {
            bytes.append(contentsOf: String(value).utf8)
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The digits, written backwards into a small buffer (no String allocated per number).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value.magnitude
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// A finite double in its shortest form (integers without a fraction); not finite gives `0`.
    @inlinable
    public mutating func double(_ value: Double) {
        guard value.isFinite else { raw("0"); return }
        if value == value.rounded(), abs(value) < 1e15 {
            int(Int64(value))
        } else {
            raw(String(value))
        }
    }

    /// A number, exactly as its literal.
    @inlinable
    public mutating func number(_ value: JSONNumber) {
        bytes.append(contentsOf: value.literal.utf8)
    }

    @inlinable
    public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
    @inlinable
    public mutating func null() { raw("null") }

    // MARK: - Values

    /// `value` in compact form: members in their order (duplicates included), numbers as their
    /// literal, no spaces.
    @inlinable
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null:
            null()
        case .bool(let flag):
            bool(flag)
        case .number(let number):
            self.number(number)
        case .string(let text):
            string(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { comma() }
                first = false
                self.value(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { comma() }
                first = false
                key(member.key)
                self.value(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }
}
