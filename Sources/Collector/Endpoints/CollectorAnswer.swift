import TrackingModel

/// The answer the collector gives to one request: computed first, recorded with the request, then sent.
struct CollectorAnswer: Sendable {
    var status: Int
    var body: [UInt8]
    var contentType: String = "application/json"

    init(status: Int, body: [UInt8], contentType: String = "application/json") {
        self.status = status
        self.body = body
        self.contentType = contentType
    }

    init(status: Int, json: JSONValue) {
        self.init(status: status, body: JSONPrinter.compactBytes(json))
    }

    /// `{"error": code, "message": message, ...extra}`.
    static func error(_ status: Int, code: String, message: String, _ extra: [(String, JSONValue?)] = []) -> CollectorAnswer {
        CollectorAnswer(status: status, json: JSONValue.compactObject([("error", .string(code)), ("message", .string(message))] + extra))
    }

    /// 400 for a body larger than `limit` bytes.
    static func tooLarge(code: String = CollectorFindingCode.requestTooLarge, what: String, size: Int, limit: Int,
                         _ extra: [(String, JSONValue?)] = []) -> CollectorAnswer {
        .error(400, code: code, message: "\(what) is \(size) bytes; the limit is \(limit) bytes (\(limit / 1024) KB, 1 KB = 1024 bytes).",
               extra + [("limit", JSONValue.integer(limit)), ("size", JSONValue.integer(size)), ("unit", "bytes")])
    }

    /// 400 for a body that is not JSON: the parse error, with its line and column.
    static func invalidJSON(_ finding: Finding) -> CollectorAnswer {
        .error(400, code: finding.code, message: finding.message, [
            ("line", finding.line.map(JSONValue.integer)),
            ("column", finding.column.map(JSONValue.integer)),
        ])
    }

    /// The 200 of the event endpoints: how many events, and the findings summary:
    /// `{"status":"ok","events":1,"findings":{"errors":0,"warnings":1,"info":2}}`, written
    /// straight to bytes (every accepted request is answered with one) rather than built as a
    /// `JSONValue` and printed: the same text.
    static func accepted(events: Int, summary: FindingSummary) -> CollectorAnswer {
        var writer = JSONWriter(capacity: 96)
        writer.raw("{")
        writer.key("status"); writer.string("ok"); writer.comma()
        writer.key("events"); writer.int(events); writer.comma()
        writer.key("findings"); writer.raw("{")
        writer.key("errors"); writer.int(summary.errors); writer.comma()
        writer.key("warnings"); writer.int(summary.warnings); writer.comma()
        writer.key("info"); writer.int(summary.info)
        writer.raw("}}")
        return CollectorAnswer(status: 200, body: writer.bytes)
    }
}

/// How many findings of each severity: the `X-Trackscope-Findings` header.
struct FindingSummary: Sendable, Hashable {
    var errors = 0
    var warnings = 0
    var info = 0

    init() {}

    init(_ findings: [Finding]) {
        add(findings)
    }

    mutating func add(_ findings: [Finding]) {
        for finding in findings {
            switch finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: info += 1
            }
        }
    }

    /// `errors=1; warnings=2; info=0`, written straight into the string's storage (one
    /// allocation; the interpolation took two, on every request).
    var headerValue: String {
        String(unsafeUninitializedCapacity: 96) { text in
            var count = 0
            func put(_ literal: StaticString) {
                for byte in UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount) {
                    text[count] = byte
                    count += 1
                }
            }
            func put(_ number: Int) {
                for byte in String(number).utf8 {
                    text[count] = byte
                    count += 1
                }
            }
            put("errors="); put(errors)
            put("; warnings="); put(warnings)
            put("; info="); put(info)
            return count
        }
    }
}
