/// Prints `JSONValue`s back to JSON text: members in their order (duplicates included), numbers as
/// their exact literal, strings escaped (`"` `\` and control characters, plus U+2028 and U+2029 so
/// the text is also valid JavaScript; other non-ASCII characters stay as UTF-8).
///
/// `JSONParser.parse(JSONPrinter.compact(v)).value == v` for every value.
public enum JSONPrinter {
    /// The value on one line, without spaces: `{"a":[1,2]}`.
    public static func compact(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        appendCompact(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the compact form of `value` to `output` (for hot paths that build byte buffers).
    public static func appendCompact(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .number(let number):
            output.append(contentsOf: number.literal.utf8)
        case .string(let text):
            appendQuoted(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                appendCompact(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                appendQuoted(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                appendCompact(member.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// The value indented like JavaScript's `JSON.stringify(value, null, indent)`: one member or
    /// element per line, `": "` after keys, empty `{}` and `[]` on one line, no final newline.
    /// An indent of 0 or less gives the compact form.
    public static func pretty(_ value: JSONValue, indent: Int = 2) -> String {
        guard indent > 0 else { return compact(value) }
        var output: [UInt8] = []
        output.reserveCapacity(512)
        appendPretty(value, level: 0, indent: Swift.min(indent, 10), to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func appendPretty(_ value: JSONValue, level: Int, indent: Int, to output: inout [UInt8]) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                output.append(contentsOf: first ? [0x0A] : [UInt8(ascii: ","), 0x0A])
                first = false
                appendSpaces((level + 1) * indent, to: &output)
                appendPretty(element, level: level + 1, indent: indent, to: &output)
            }
            output.append(0x0A)
            appendSpaces(level * indent, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            output.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                output.append(contentsOf: first ? [0x0A] : [UInt8(ascii: ","), 0x0A])
                first = false
                appendSpaces((level + 1) * indent, to: &output)
                appendQuoted(member.key, to: &output)
                output.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
                appendPretty(member.value, level: level + 1, indent: indent, to: &output)
            }
            output.append(0x0A)
            appendSpaces(level * indent, to: &output)
            output.append(UInt8(ascii: "}"))
        default:
            appendCompact(value, to: &output)
        }
    }

    private static func appendSpaces(_ count: Int, to output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// Appends `text` as a JSON string literal, quotes included.
    public static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            appendEscaped(bytes, to: &output)
        }
        if done == nil {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { appendEscaped($0, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The string as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// True when one of the eight bytes is a control character, `"`, `\` or 0xE2 (the lead byte
    /// of U+2028 and U+2029).
    @inline(__always)
    private static func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let e2 = word ^ (ones &* 0xE2)
        let found = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
            | ((e2 &- ones) & ~e2) | ((word &- ones &* 0x20) & ~word)
        return found & highs != 0
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let count = bytes.count
        var runStart = 0
        var k = 0
        let base = bytes.baseAddress
        while k < count {
            // Skip eight plain bytes at a time.
            if let base {
                while k &+ 8 <= count {
                    let word = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                    if needsAttention(word) { break }
                    k &+= 8
                }
                if k >= count { break }
            }
            let c = bytes[k]
            if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0xE2 {
                k += 1
                continue
            }
            if c == 0xE2 {
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                guard k + 2 < count, bytes[k + 1] == 0x80, bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9 else {
                    k += 1
                    continue
                }
            }
            if k > runStart {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<k]))
            }
            switch c {
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0xE2:
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x32, 0x30, 0x32])
                output.append(bytes[k + 2] == 0xA8 ? 0x38 : 0x39)
                k += 3
                runStart = k
                continue
            default:
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                output.append(hexDigits[Int(c >> 4)])
                output.append(hexDigits[Int(c & 0xF)])
            }
            k += 1
            runStart = k
        }
        if count > runStart {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
    }
}
