import Foundation

/// Appends JSON text to a byte buffer: the capture log's hand-written encoder (keys in a fixed
/// order, strings escaped so every record stays on one line).
struct ByteJSONWriter {
    var bytes: [UInt8]

    init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

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
    /// (and DEL) escaped, so the value never breaks the line.
    mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0x7F { continue }
            if index > runStart {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            }
            runStart = index + 1
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            default:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
            }
        }
        if utf8.count > runStart {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
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
            if buffer.isEmpty { return true }
            return String(validating: buffer, as: UTF8.self) != nil
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
