import TrackingModel

/// A Product API body (NDJSON, one product per line) read line by line, each line validated on its
/// own, and what the 207 answer says of the rejected ones.
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

    /// Splits and validates `bytes` with the model's Product API rules (`ProductPayload.parseLines`):
    /// one finding list a line, a broken line never stops the others.
    init(_ bytes: [UInt8]) {
        lines = ProductPayload.parseLines(bytes).map { line in
            Line(number: line.lineNumber, product: line.value?.objectValue,
                 id: line.product?.id ?? line.value?["id"]?.scalarText, findings: line.findings)
        }
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
            return JSONValue.compactObject([
                ("code", .string(code)),
                ("detail", .string(group.detail)),
                ("meta", JSONValue.compactObject([
                    ("error_count", JSONValue.integer(group.lines.count)),
                    ("line_numbers", .array(group.lines.map(JSONValue.integer))),
                    ("ids", .array(group.ids.map(JSONValue.string))),
                ])),
            ])
        }
    }
}
