import TrackingModel

/// Pretty-prints a JSON value as styled lines: keys, strings, numbers and literals each in their
/// role, members in source order, numbers exactly as written.
public enum JSONStyler {
    /// The value as indented lines (`indent` blanks per level).
    public static func lines(_ value: JSONValue, indent: Int = 2) -> [StyledLine] {
        var output: [StyledLine] = []
        var current = StyledLine()
        emit(value, level: 0, indent: indent, current: &current, output: &output)
        output.append(current)
        return output
    }

    private static func emit(_ value: JSONValue, level: Int, indent: Int, current: inout StyledLine, output: inout [StyledLine]) {
        switch value {
        case .null:
            current.append("null", role: .jsonLiteral)
        case .bool(let flag):
            current.append(flag ? "true" : "false", role: .jsonLiteral)
        case .number(let number):
            current.append(number.literal, role: .jsonNumber)
        case .string(let text):
            current.append(quoted(text), role: .jsonString)
        case .array(let elements):
            guard !elements.isEmpty else {
                current.append("[]")
                return
            }
            current.append("[")
            for (offset, element) in elements.enumerated() {
                output.append(current)
                current = StyledLine(String(repeating: " ", count: (level + 1) * indent))
                emit(element, level: level + 1, indent: indent, current: &current, output: &output)
                if offset < elements.count - 1 { current.append(",") }
            }
            output.append(current)
            current = StyledLine(String(repeating: " ", count: level * indent) + "]")
        case .object(let object):
            guard !object.isEmpty else {
                current.append("{}")
                return
            }
            current.append("{")
            for (offset, member) in object.members.enumerated() {
                output.append(current)
                current = StyledLine(String(repeating: " ", count: (level + 1) * indent))
                current.append(quoted(member.key), role: .jsonKey)
                current.append(": ")
                emit(member.value, level: level + 1, indent: indent, current: &current, output: &output)
                if offset < object.count - 1 { current.append(",") }
            }
            output.append(current)
            current = StyledLine(String(repeating: " ", count: level * indent) + "}")
        }
    }

    /// `text` as a JSON string literal. Besides what JSON requires, DEL, C1 controls, line and
    /// paragraph separators and bidirectional overrides are escaped too, so that what is on
    /// screen is exactly what the payload holds.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
                    || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
                    let hex = String(value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
