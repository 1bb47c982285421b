import TrackingModel

/// A Product API body (NDJSON, one product per line) read line by line, each line validated on its own.
struct ProductLines: Sendable {
    struct Line: Sendable {
        /// 1-based line number in the body.
        var number: Int
        var product: JSONObject?
        var id: String?
        var findings: [Finding]
        /// Whether the line is accepted (parsed, an object, no error finding).
        var isAccepted: Bool { product != nil && !findings.contains { $0.severity == .error } }
    }

    var lines: [Line]

    var accepted: [Line] { lines.filter(\.isAccepted) }
    var rejected: [Line] { lines.filter { !$0.isAccepted } }
    var findings: [Finding] { lines.flatMap(\.findings) }

    static let conditions: Set<String> = ["new", "refurbished", "used"]
    static let availabilities: Set<String> = ["in_stock", "available", "pre_order", "out_of_stock"]
    static let genders: Set<String> = ["male", "female", "unisex"]

    /// Splits `bytes` on newlines (a CR before LF is dropped) and validates every non-blank line.
    init(_ bytes: [UInt8]) {
        var lines: [Line] = []
        var number = 0
        var start = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x0A {
                number += 1
                var end = index
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                let slice = Array(bytes[start..<end])
                if slice.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                    lines.append(Self.line(slice, number: number))
                }
                start = index + 1
            }
            index += 1
        }
        self.lines = lines
    }

    static func line(_ bytes: [UInt8], number: Int) -> Line {
        let value: JSONValue
        do {
            value = try JSONParser.parseValue(bytes)
        } catch {
            var finding = error.finding
            finding.line = number
            finding.message = "Line \(number): \(finding.message)"
            return Line(number: number, product: nil, id: nil, findings: [finding])
        }
        guard case .object(let object) = value else {
            return Line(number: number, product: nil, id: nil, findings: [
                Finding(severity: .error, code: "invalid-product", path: "$",
                        message: "Line \(number) is \(value.typeName), not a product object.", line: number, column: 1),
            ])
        }
        var findings: [Finding] = []
        func add(_ severity: Finding.Severity, _ code: String, _ path: String, _ message: String, hint: String? = nil) {
            findings.append(Finding(severity: severity, code: code, path: path, message: "Line \(number): \(message)",
                                    hint: hint, line: number, column: 1))
        }
        var id: String?
        switch object["id"] {
        case .string(let text)?:
            id = text
            if text.isEmpty || text.count > 50 {
                add(.error, "invalid-value", "id", "the product id must be 1 to 50 characters; it is \(text.count).")
            }
        case .number(let number)?:
            id = number.literal
            add(.warning, "wrong-type", "id", "the product id is a number; the API expects a string.", hint: "Send \"id\":\"\(number.literal)\".")
        case nil:
            add(.error, "missing-required-field", "id", "the product has no id.")
        case let other?:
            add(.error, "wrong-type", "id", "the product id is \(other.typeName); it must be a string.")
        }
        switch object["name"] {
        case .string(let text)? where !text.isEmpty: break
        case nil: add(.error, "missing-required-field", "name", "the product has no name.")
        default: add(.error, "wrong-type", "name", "the product name must be a non-empty string.")
        }
        switch object["price"] {
        case .number?: break
        case nil: add(.error, "missing-required-field", "price", "the product has no price.")
        case .string(let text)? where Double(text) != nil:
            add(.warning, "wrong-type", "price", "the price is a string; the API expects a number.", hint: "Send \"price\":\(text).")
        default: add(.error, "wrong-type", "price", "the price must be a number.")
        }
        for (key, allowed) in [("condition", conditions), ("availability", availabilities), ("gender", genders)] {
            if let value = object[key] {
                if let text = value.stringValue, allowed.contains(text) { continue }
                add(.warning, "invalid-value", key, "\(key) is \(value.scalarText ?? value.typeName); expected one of \(allowed.sorted().joined(separator: ", ")).")
            }
        }
        return Line(number: number, product: object, id: id, findings: findings)
    }

    /// The 207 body's `errors`: rejected lines grouped by the code of their first error.
    var errorGroups: [JSONValue] {
        var order: [String] = []
        var groups: [String: (detail: String, lines: [Int], ids: [String])] = [:]
        for line in rejected {
            let first = line.findings.first { $0.severity == .error }
            let code = first?.code ?? "invalid-product"
            if groups[code] == nil {
                order.append(code)
                groups[code] = (first?.message ?? "rejected", [], [])
            }
            groups[code]?.lines.append(line.number)
            if let id = line.id { groups[code]?.ids.append(id) }
        }
        return order.map { code in
            let group = groups[code]!
            return AnswerJSON.object([
                ("code", .string(code)),
                ("detail", .string(group.detail)),
                ("meta", AnswerJSON.object([
                    ("error_count", AnswerJSON.int(group.lines.count)),
                    ("line_numbers", .array(group.lines.map(AnswerJSON.int))),
                    ("ids", .array(group.ids.map(JSONValue.string))),
                ])),
            ])
        }
    }
}
