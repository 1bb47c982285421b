import TrackingModel

/// Compact JSON text for the collector's answers and the inspection API. Member order is kept.
enum AnswerJSON {
    /// `value` as compact UTF-8 JSON.
    static func encode(_ value: JSONValue) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        append(value, to: &bytes)
        return bytes
    }

    static func append(_ value: JSONValue, to bytes: inout [UInt8]) {
        switch value {
        case .null:
            bytes.append(contentsOf: "null".utf8)
        case .bool(let flag):
            bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            bytes.append(contentsOf: number.literal.utf8)
        case .string(let text):
            appendString(text, to: &bytes)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                append(element, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendString(member.key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                append(member.value, to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An object from `(key, value)` pairs, in order, leaving out nil values.
    static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(JSONObject(pairs.compactMap { key, value in value.map { JSONObject.Member(key: key, value: $0) } }))
    }

    /// A finding as JSON (the same keys as its Codable form).
    static func finding(_ finding: Finding) -> JSONValue {
        object([
            ("severity", .string(finding.severity.rawValue)),
            ("code", .string(finding.code)),
            ("path", .string(finding.path)),
            ("message", .string(finding.message)),
            ("hint", finding.hint.map(JSONValue.string)),
            ("line", finding.line.map { .number(JSONNumber($0)) }),
            ("column", finding.column.map { .number(JSONNumber($0)) }),
        ])
    }

    static func int(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
    static func int(_ value: UInt64) -> JSONValue { .number(JSONNumber(validatedLiteral: String(value))) }
}
