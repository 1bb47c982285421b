import Foundation

/// One product of a Product API upload (`POST /v2/{siteId}/products/bulk`, NDJSON: one product a
/// line). A product needs `id` (a string of 1 to 50 characters), `name` and `price`.
public struct ProductPayload: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var price: Double?
    /// Every member as sent.
    public var raw: JSONObject

    /// Reads a product; nil when it is not an object with a string or number `id`.
    public init?(_ value: JSONValue) {
        guard case .object(let object) = value, let id = object["id"]?.scalarTextIfScalar else { return nil }
        self.id = id
        name = object["name"]?.stringValue
        price = object["price"]?.numberValue?.doubleValue
        raw = object
    }

    /// The recommended maximum of lines in one upload.
    public static let recommendedMaximumLines = 1000

    /// Codes specific to Product API uploads (the others are `EventValidator.Code`'s).
    public enum Code {
        public static let unknownField = "unknown-product-field"
        public static let duplicateId = "duplicate-product-id"
        public static let tooManyLines = "too-many-lines"
        public static let emptyUpload = "empty-upload"
    }

    /// Checks one product: required id, name and price; id a string of 1 to 50 characters; types
    /// (numbers for prices and dimensions, arrays of strings for tags and colors, an object for
    /// custom); enumerations (condition, availability, gender); currency; unknown fields.
    public static func validate(_ value: JSONValue) -> [Finding] {
        var run = EventValidator.Run(dialect: .v2, now: Date())
        guard case .object(let product) = value else {
            run.report(.error, EventValidator.Code.notAnObject, .root, "A product must be a JSON object, found \(value.typeName).")
            return run.findings
        }
        guard let spec = SpecCatalogue.object(named: "product") else { return [] }
        run.checkObject(product, table: spec.table, path: .root, requireFields: true, suggest: true)
        if let id = product["id"] {
            switch id {
            case .string(let text) where text.count > 50:
                run.report(.error, EventValidator.Code.invalidProductId, "id",
                           "A product id has 1 to 50 characters, this one has \(text.count).")
            case .number(let number):
                run.report(.error, EventValidator.Code.invalidType, "id", "A product id must be a string, found number.",
                           hint: "Send \"\(number.literal)\".")
            default:
                break
            }
        }
        let reported = Set(run.findings.map(\.path))
        for member in product.members where spec.field(named: member.key) == nil && !reported.contains(member.key) {
            run.report(.warning, Code.unknownField, JSONPath([.key(member.key)]),
                       "\"\(member.key)\" is not a product field of the Product API.",
                       hint: "Put your own attributes in custom.")
        }
        return run.findings
    }

    /// Splits an NDJSON upload into lines (blank lines skipped; `\r\n` accepted), parses and
    /// validates each on its own: a broken line does not stop the others. Findings carry the line
    /// number in the upload; a repeated id is reported on its later lines.
    public static func parseLines(_ bytes: [UInt8]) -> [ProductLine] {
        var lines: [ProductLine] = []
        var seen: [String: Int] = [:]
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var contentEnd = end
            if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            defer { start = end + 1 }
            let range = start..<contentEnd
            if bytes[range].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let lineBytes = Array(bytes[range])
            do {
                let document = try JSONParser.parse(lineBytes)
                var findings = validate(document.value) + document.warnings.map(\.finding)
                for index in findings.indices {
                    findings[index].line = lineNumber
                    let path = JSONPath(parsing: findings[index].path)
                    findings[index].column = JSONLocator.position(of: path, in: lineBytes)?.column ?? findings[index].column
                }
                let product = ProductPayload(document.value)
                if let id = product?.id {
                    if let first = seen[id] {
                        findings.append(Finding(severity: .warning, code: Code.duplicateId, path: "id",
                                                message: "Product \"\(id)\" already appeared on line \(first); the later line wins.",
                                                line: lineNumber, column: JSONLocator.position(of: "id", in: lineBytes)?.column))
                    } else {
                        seen[id] = lineNumber
                    }
                }
                lines.append(ProductLine(lineNumber: lineNumber, byteRange: range, value: document.value, product: product,
                                         parseError: nil, findings: findings))
            } catch {
                var finding = error.finding
                finding.line = lineNumber
                lines.append(ProductLine(lineNumber: lineNumber, byteRange: range, value: nil, product: nil,
                                         parseError: error, findings: [finding]))
            }
        }
        return lines
    }

    /// Findings about an upload as a whole: empty, or more lines than recommended.
    public static func uploadFindings(_ lines: [ProductLine]) -> [Finding] {
        if lines.isEmpty {
            return [Finding(severity: .error, code: Code.emptyUpload, path: "$", message: "The upload holds no product.")]
        }
        if lines.count > recommendedMaximumLines {
            return [Finding(severity: .warning, code: Code.tooManyLines, path: "$",
                            message: "\(lines.count) products in one upload; the vendor recommends at most \(recommendedMaximumLines).",
                            hint: "Split the upload.")]
        }
        return []
    }
}

/// One line of a Product API upload.
public struct ProductLine: Sendable, Hashable {
    /// The 1-based line number in the upload.
    public var lineNumber: Int
    public var byteRange: Range<Int>
    /// The parsed line, nil when it is not valid JSON.
    public var value: JSONValue?
    public var product: ProductPayload?
    public var parseError: JSONParseError?
    /// Parse error or validation findings, with the line number of the upload.
    public var findings: [Finding]

    /// True when the API would accept the line.
    public var isAccepted: Bool { !findings.contains { $0.severity == .error } }
}
