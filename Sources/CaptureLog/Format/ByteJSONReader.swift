import Foundation
import TrackingModel

/// Why a line of the capture log (or an imported file) could not be read.
public struct CaptureDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Byte offset within the decoded text.
    public var offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) (at byte \(offset))" }
}

/// A small, strict JSON reader over raw bytes, used for the capture log's own lines and for
/// imported files. It reads straight into the fields it is asked for (no intermediate tree), or
/// into an order-preserving `JSONValue` when a whole value is wanted.
struct ByteJSONReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    var index: Int = 0
    var depth: Int = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have a nil base address; point at a harmless static byte instead.
        self.base = buffer.baseAddress ?? ByteJSONReader.emptyBase
        self.end = buffer.count
    }

    nonisolated(unsafe) private static let emptyBase: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    static let maximumDepth = 512

    var isAtEnd: Bool { index >= end }

    func fail(_ message: String) -> CaptureDecodeError {
        CaptureDecodeError(message, offset: index)
    }

    mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, without consuming it.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < end ? base[index] : nil
    }

    mutating func expect(_ byte: UInt8) throws(CaptureDecodeError) {
        skipWhitespace()
        guard index < end, base[index] == byte else {
            throw fail("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        index += 1
    }

    /// Consumes `byte` when it is next; says whether it did.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if index < end, base[index] == byte {
            index += 1
            return true
        }
        return false
    }

    // MARK: Objects and arrays

    /// Reads an object, calling `body` with each key; `body` must read the member's value. A key
    /// without escapes is handed over in place (no copy); the key is valid during the call only.
    mutating func readObject(_ body: (inout ByteJSONReader, ByteJSONKey) throws(CaptureDecodeError) -> Void) throws(CaptureDecodeError) {
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        while true {
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: "\"") else { throw fail("expected a string") }
            let scan = plainRunEnd(from: index + 1)
            if scan < end, base[scan] == UInt8(ascii: "\"") {
                let key = ByteJSONKey(bytes: UnsafeBufferPointer(start: base + index + 1, count: scan - index - 1))
                index = scan + 1
                try expect(UInt8(ascii: ":"))
                try body(&self, key)
            } else {
                let decoded = try readStringBytes()
                try expect(UInt8(ascii: ":"))
                try decoded.withUnsafeBufferPointer { (buffer) throws(CaptureDecodeError) in
                    try body(&self, ByteJSONKey(bytes: buffer))
                }
            }
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    /// Reads an array, calling `body` for each element; `body` must read the element.
    mutating func readArray(_ body: (inout ByteJSONReader) throws(CaptureDecodeError) -> Void) throws(CaptureDecodeError) {
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        while true {
            try body(&self)
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    // MARK: Scalars

    /// From `start` inside a string, the offset of the first quote, backslash or control
    /// character (or the end of the input).
    private func plainRunEnd(from start: Int) -> Int {
        var j = start
        while j < end {
            let byte = base[j]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            j += 1
        }
        return j
    }

    /// Reads a string and returns its bytes with escapes resolved (exact: `\u0000` gives a zero byte).
    mutating func readStringBytes() throws(CaptureDecodeError) -> [UInt8] {
        skipWhitespace()
        guard index < end, base[index] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        index += 1
        let start = index
        // Fast path: no escapes. (A control character is refused by the loop below.)
        index = plainRunEnd(from: start)
        if index < end, base[index] == UInt8(ascii: "\"") {
            let bytes = Array(UnsafeBufferPointer(start: base + start, count: index - start))
            index += 1
            return bytes
        }
        var bytes = Array(UnsafeBufferPointer(start: base + start, count: index - start))
        bytes.reserveCapacity(index - start + 64)
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return bytes
            }
            if byte < 0x20 { throw fail("control character in string") }
            if byte != UInt8(ascii: "\\") {
                // Copy the run up to the next quote or backslash in one go.
                let runStart = index
                index = plainRunEnd(from: index + 1)
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                continue
            }
            index += 1
            guard index < end else { break }
            let escape = base[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try readHex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 1 < end, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                        throw fail("lone surrogate in string")
                    }
                    index += 2
                    let low = try readHex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("lone surrogate in string")
                }
                appendUTF8(scalar, to: &bytes)
            default:
                throw fail("invalid escape")
            }
        }
        throw fail("unterminated string")
    }

    mutating func readString() throws(CaptureDecodeError) -> String {
        let bytes = try readStringBytes()
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func readHex4() throws(CaptureDecodeError) -> UInt32 {
        guard index + 4 <= end else { throw fail("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = base[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | (scalar >> 6)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | (scalar >> 12)))
            bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (scalar >> 18)))
            bytes.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Reads a number and returns its literal text, checked against the JSON grammar.
    mutating func readNumberLiteral() throws(CaptureDecodeError) -> String {
        skipWhitespace()
        let start = index
        if index < end, base[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < end, base[index] >= UInt8(ascii: "0"), base[index] <= UInt8(ascii: "9") { index += 1 }
        guard index > digitsStart else { throw fail("expected a number") }
        if index - digitsStart > 1, base[digitsStart] == UInt8(ascii: "0") { throw fail("leading zero in number") }
        if index < end, base[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < end, base[index] >= UInt8(ascii: "0"), base[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > fractionStart else { throw fail("expected digits after '.'") }
        }
        if index < end, base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            while index < end, base[index] >= UInt8(ascii: "0"), base[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > exponentStart else { throw fail("expected exponent digits") }
        }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
    }

    mutating func readInt() throws(CaptureDecodeError) -> Int64 {
        skipWhitespace()
        var negative = false
        if index < end, base[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let start = index
        var value: Int64 = 0
        while index < end, base[index] >= UInt8(ascii: "0"), base[index] <= UInt8(ascii: "9") {
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(Int64(base[index] - UInt8(ascii: "0")))
            if overflow1 || overflow2 { throw fail("integer out of range") }
            value = added
            index += 1
        }
        guard index > start else { throw fail("expected an integer") }
        return negative ? -value : value
    }

    mutating func readDouble() throws(CaptureDecodeError) -> Double {
        let literal = try readNumberLiteral()
        guard let value = Double(literal) else { throw fail("invalid number") }
        return value
    }

    mutating func readBool() throws(CaptureDecodeError) -> Bool {
        if consumeWord("true") { return true }
        if consumeWord("false") { return false }
        throw fail("expected true or false")
    }

    /// Consumes `null` when it is next; says whether it did.
    mutating func consumeNull() -> Bool { consumeWord("null") }

    private mutating func consumeWord(_ word: StaticString) -> Bool {
        skipWhitespace()
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let pointer = word.utf8Start
        for offset in 0..<count where base[index + offset] != pointer[offset] { return false }
        index += count
        return true
    }

    // MARK: Whole values

    /// Reads any value into an order-preserving `JSONValue`.
    mutating func readValue() throws(CaptureDecodeError) -> JSONValue {
        guard let byte = peek() else { throw fail("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"):
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw fail("nesting too deep") }
            var members: [JSONObject.Member] = []
            try readObject { (reader: inout ByteJSONReader, key: ByteJSONKey) throws(CaptureDecodeError) in
                members.append(JSONObject.Member(key: key.string, value: try reader.readValue()))
            }
            return .object(JSONObject(members))
        case UInt8(ascii: "["):
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw fail("nesting too deep") }
            var elements: [JSONValue] = []
            try readArray { (reader: inout ByteJSONReader) throws(CaptureDecodeError) in
                elements.append(try reader.readValue())
            }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try readBool())
        case UInt8(ascii: "n"):
            guard consumeNull() else { throw fail("invalid literal") }
            return .null
        default:
            return .number(JSONNumber(validatedLiteral: try readNumberLiteral()))
        }
    }

    /// Skips any value without building it.
    mutating func skipValue() throws(CaptureDecodeError) {
        guard let byte = peek() else { throw fail("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"):
            try readObject { (reader: inout ByteJSONReader, _: ByteJSONKey) throws(CaptureDecodeError) in try reader.skipValue() }
        case UInt8(ascii: "["):
            try readArray { (reader: inout ByteJSONReader) throws(CaptureDecodeError) in try reader.skipValue() }
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool()
        case UInt8(ascii: "n"):
            guard consumeNull() else { throw fail("invalid literal") }
        default:
            _ = try readNumberLiteral()
        }
    }

    /// Skips a string without building it (escapes are stepped over, not checked in detail).
    mutating func skipString() throws(CaptureDecodeError) {
        index += 1
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") { index += 1; return }
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte < 0x20 { throw fail("control character in string") }
            index += 1
        }
        throw fail("unterminated string")
    }

    /// Parses a whole document: one value and nothing but whitespace after it.
    static func parseDocument(_ bytes: [UInt8]) throws(CaptureDecodeError) -> JSONValue {
        do {
            return try bytes.withUnsafeBufferPointer { buffer throws(CaptureDecodeError) in
                var reader = ByteJSONReader(buffer)
                let value = try reader.readValue()
                reader.skipWhitespace()
                guard reader.isAtEnd else { throw reader.fail("unexpected text after the value") }
                return value
            }
        }
    }
}

/// An object member's key as `ByteJSONReader.readObject` read it (escapes decoded). It points into
/// the reader's input or a temporary buffer: valid only during the callback it is given to.
struct ByteJSONKey {
    let bytes: UnsafeBufferPointer<UInt8>

    /// Whether the key is exactly `name`.
    func matches(_ name: StaticString) -> Bool {
        guard name.utf8CodeUnitCount == bytes.count else { return false }
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return true }
        return memcmp(start, name.utf8Start, bytes.count) == 0
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
