import Foundation

/// Appends JSON text to a byte buffer: the capture log's hand-written encoder (keys in a fixed
/// order, strings escaped so every record stays on one line).
struct ByteJSONWriter {
    var bytes: [UInt8]

    init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// `"key":` (the key must need no escaping).
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func comma() { bytes.append(UInt8(ascii: ",")) }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string(utf8: UnsafeBufferPointer(start: $0.baseAddress, count: $0.count)) }
    }

    /// Writes already valid UTF-8 bytes as a JSON string: `"`, `\` and every control character
    /// (and DEL) escaped, so the value never breaks the line. Measures the escaped length first,
    /// then copies the runs between escapes into place (bodies are JSON, full of quotes).
    mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        var extra = 0
        for byte in utf8 where Self.needsEscape(byte) {
            extra += Self.isShortEscape(byte) ? 1 : 5
        }
        bytes.append(UInt8(ascii: "\""))
        if extra == 0 {
            bytes.append(contentsOf: utf8)
        } else if let source = utf8.baseAddress {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: utf8.count + extra))
            bytes.withUnsafeMutableBufferPointer { buffer in
                var out = buffer.baseAddress! + start
                var runStart = 0
                for index in 0..<utf8.count {
                    let byte = source[index]
                    guard Self.needsEscape(byte) else { continue }
                    let run = index - runStart
                    if run > 0 {
                        out.update(from: source + runStart, count: run)
                        out += run
                    }
                    runStart = index + 1
                    out[0] = 0x5C
                    switch byte {
                    case 0x0A: out[1] = UInt8(ascii: "n"); out += 2
                    case 0x0D: out[1] = UInt8(ascii: "r"); out += 2
                    case 0x09: out[1] = UInt8(ascii: "t"); out += 2
                    case 0x22, 0x5C: out[1] = byte; out += 2
                    default:
                        out[1] = UInt8(ascii: "u")
                        out[2] = UInt8(ascii: "0")
                        out[3] = UInt8(ascii: "0")
                        out[4] = Self.hexDigit(byte >> 4)
                        out[5] = Self.hexDigit(byte & 0xF)
                        out += 6
                    }
                }
                if utf8.count > runStart {
                    out.update(from: source + runStart, count: utf8.count - runStart)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"`, `\`, control characters and DEL.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
    }

    /// Escaped in two bytes (`\"`, `\\`, `\n`, `\r`, `\t`) rather than six (`\u00XX`).
    @inline(__always)
    private static func isShortEscape(_ byte: UInt8) -> Bool {
        byte == 0x22 || byte == 0x5C || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    mutating func int<I: BinaryInteger>(_ value: I) {
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

    /// A finite double in its shortest form (integers without a fraction).
    mutating func double(_ value: Double) {
        guard value.isFinite else { raw("0"); return }
        if value == value.rounded(), abs(value) < 1e15 {
            int(Int64(value))
        } else {
            raw(String(value))
        }
    }

    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
    mutating func null() { raw("null") }

    /// `[["name","value"],...]`
    mutating func headers(_ fields: [CaptureRecord.HeaderField]) {
        bytes.append(UInt8(ascii: "["))
        for (index, field) in fields.enumerated() {
            if index > 0 { comma() }
            bytes.append(UInt8(ascii: "["))
            string(field.name)
            comma()
            string(field.value)
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A body: `"<key>":"text"` when it is valid UTF-8, else `"<key>_base64":"..."`.
    mutating func body(_ body: [UInt8], key: StaticString, base64Key: StaticString) {
        let isText = body.withUnsafeBufferPointer { buffer -> Bool in
            // JSON bodies are nearly always ASCII: check that first, validate UTF-8 only otherwise.
            buffer.allSatisfy { $0 < 0x80 } || String(validating: buffer, as: UTF8.self) != nil
        }
        if isText {
            self.key(key)
            body.withUnsafeBufferPointer { string(utf8: $0) }
        } else {
            self.key(base64Key)
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: Data(body).base64EncodedData())
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
