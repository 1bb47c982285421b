/// Prints `JSONValue`s back to JSON text: members in their order (duplicates included), numbers as
/// their exact literal, strings escaped as `JSONWriter` escapes them (`"` `\`, control characters
/// and DEL, plus U+2028 and U+2029 so the text is also valid JavaScript; other non-ASCII characters
/// stay as UTF-8).
///
/// `JSONParser.parse(JSONPrinter.compact(v)).value == v` for every value.
public enum JSONPrinter {
    /// The value on one line, without spaces: `{"a":[1,2]}`.
    public static func compact(_ value: JSONValue) -> String {
        var writer = JSONWriter(capacity: 256)
        writer.value(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The compact form as UTF-8 bytes (for answers written to the wire).
    public static func compactBytes(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.value(value)
        return writer.bytes
    }

    /// Appends the compact form of `value` to `output` (for hot paths that build byte buffers).
    public static func appendCompact(_ value: JSONValue, to output: inout [UInt8]) {
        var writer = JSONWriter(appendingTo: [])
        swap(&writer.bytes, &output)
        writer.value(value)
        swap(&writer.bytes, &output)
    }

    /// The value indented like JavaScript's `JSON.stringify(value, null, indent)`: one member or
    /// element per line, `": "` after keys, empty `{}` and `[]` on one line, no final newline.
    /// An indent of 0 or less gives the compact form.
    public static func pretty(_ value: JSONValue, indent: Int = 2) -> String {
        guard indent > 0 else { return compact(value) }
        var writer = JSONWriter(capacity: 512)
        appendPretty(value, level: 0, indent: Swift.min(indent, 10), to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private static func appendPretty(_ value: JSONValue, level: Int, indent: Int, to writer: inout JSONWriter) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            writer.raw("[")
            var first = true
            for element in elements {
                writer.raw(first ? "\n" : ",\n")
                first = false
                appendSpaces((level + 1) * indent, to: &writer)
                appendPretty(element, level: level + 1, indent: indent, to: &writer)
            }
            writer.raw("\n")
            appendSpaces(level * indent, to: &writer)
            writer.raw("]")
        case .object(let object) where !object.isEmpty:
            writer.raw("{")
            var first = true
            for member in object.members {
                writer.raw(first ? "\n" : ",\n")
                first = false
                appendSpaces((level + 1) * indent, to: &writer)
                writer.string(member.key)
                writer.raw(": ")
                appendPretty(member.value, level: level + 1, indent: indent, to: &writer)
            }
            writer.raw("\n")
            appendSpaces(level * indent, to: &writer)
            writer.raw("}")
        default:
            writer.value(value)
        }
    }

    private static func appendSpaces(_ count: Int, to writer: inout JSONWriter) {
        writer.bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// The string as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
