import Foundation
import TrackingModel

extension CaptureRecord {
    /// The record as one line of the capture log (format version 1), newline included. Keys come
    /// in a fixed order; the body's summaries are derived here in one quick pass
    /// (`EventBodySummary.quickScan`): `events` (the event names, when there are some), `users`
    /// (the events' user ids, `[]` when none; left out when the filter language could find a
    /// user id the summary does not hold, and then the line is read from its body as one written
    /// before `users` existed) and `no_events` (why there is no event name, when there is none).
    /// Readers of version 1 skip keys they do not know, so older trackscopes read these lines.
    public func encodedLine() -> [UInt8] {
        var writer = JSONWriter(capacity: estimatedLineLength)
        encode(into: &writer)
        writer.bytes.append(0x0A)
        return writer.bytes
    }

    func encode(into writer: inout JSONWriter) {
        writer.raw("{")
        writer.key("seq"); writer.int(sequence); writer.comma()
        encodeAfterSequence(into: &writer)
    }

    /// The line without its opening `{"seq":N,` and without the newline. The writer encodes this
    /// part on the appending task, before the sequence number is known (it is assigned when the
    /// batch is written), and puts the two together in the file.
    func encodedLineAfterSequence() -> [UInt8] {
        var writer = JSONWriter(appendingTo: LineBufferPool.shared.take(capacity: estimatedLineLength))
        encodeAfterSequence(into: &writer)
        return writer.bytes
    }

    /// A little more than the line usually takes, so that the writer does not grow (and copy
    /// what it wrote) on the way: the bodies and an allowance for their escapes, the headers, the
    /// findings' texts, and room for the keys and the short fields.
    var estimatedLineLength: Int {
        func bodyLength(_ body: [UInt8]) -> Int { body.count + body.count / 4 }
        func headersLength(_ headers: [HeaderField]) -> Int {
            headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 8 }
        }
        var length = 512 + bodyLength(requestBody) + headersLength(requestHeaders)
        if let response {
            length += bodyLength(response.body) + headersLength(response.headers)
        }
        for finding in findings {
            length += finding.code.utf8.count + finding.path.utf8.count + finding.message.utf8.count
                + (finding.hint?.utf8.count ?? 0) + 96
        }
        return length
    }

    /// Everything after `{"seq":N,` up to the closing brace: `seq` is always the first key.
    func encodeAfterSequence(into writer: inout JSONWriter) {
        let milliseconds = ISOTime.milliseconds(time)
        writer.key("time"); writer.time(milliseconds: milliseconds); writer.comma()
        writer.key("ts_ms"); writer.int(milliseconds); writer.comma()
        writer.member("direction", direction.rawValue); writer.comma()
        writer.member("method", method); writer.comma()
        writer.member("path", path); writer.comma()
        writer.member("query", query)
        if let siteId {
            writer.comma(); writer.member("site", siteId)
        }
        let summary = quickBodySummary
        if !summary.eventNames.isEmpty {
            writer.comma(); writer.key("events"); writer.strings(summary.eventNames)
        }
        // `users` marks a line whose body summary is whole: a line without it is read from its body.
        if summary.userIdsCoverFilter {
            writer.comma(); writer.key("users"); writer.strings(summary.userIds)
        }
        if let reason = summary.noEventsReason {
            writer.comma(); writer.member("no_events", reason.rawValue)
        }
        writer.comma(); writer.key("request_headers"); writer.headers(requestHeaders)
        writer.comma(); writer.body(requestBody, key: "body", base64Key: "body_base64")
        if let response {
            writer.comma(); writer.key("response"); writer.raw("{")
            writer.key("status"); writer.int(response.status); writer.comma()
            writer.key("latency_ms"); writer.double(response.latencyMilliseconds); writer.comma()
            writer.key("headers"); writer.headers(response.headers); writer.comma()
            writer.body(response.body, key: "body", base64Key: "body_base64")
            writer.raw("}")
        }
        if let dialect {
            writer.comma(); writer.member("dialect", dialect.rawValue)
        }
        writer.comma(); writer.key("findings"); writer.raw("[")
        for (index, finding) in findings.enumerated() {
            if index > 0 { writer.comma() }
            writer.finding(finding)
        }
        writer.raw("]")
        if let targetURL {
            writer.comma(); writer.member("target_url", targetURL)
        }
        if let sourceSequence {
            writer.comma(); writer.key("source_seq"); writer.int(sourceSequence)
        }
        writer.raw("}")
    }

    /// Decodes one record line (with or without its newline) of format `version`.
    public static func decode(line: UnsafeBufferPointer<UInt8>, version: Int = CaptureLogFormat.currentVersion) throws(CaptureDecodeError) -> CaptureRecord {
        var record = CaptureRecord(sequence: 0, time: Date(timeIntervalSince1970: 0), direction: .received, method: "", path: "")
        var sawSequence = false
        do throws(JSONReadError) {
            try JSONPullReader.read(line) { (reader: inout JSONPullReader) throws(JSONReadError) in
                try reader.readObject { (reader: inout JSONPullReader, key: JSONPullKey) throws(JSONReadError) in
                    switch LineKey(key) {
                    case .seq:
                        record.sequence = try reader.readSequence()
                        sawSequence = true
                    case .tsMs: record.time = ISOTime.date(milliseconds: try reader.readInt())
                    case .direction: record.direction = try reader.readDirection()
                    case .method: record.method = try reader.readString()
                    case .path: record.path = try reader.readString()
                    case .query: record.query = try reader.readString()
                    case .site: record.siteId = reader.consumeNull() ? nil : try reader.readString()
                    case .requestHeaders: record.requestHeaders = try reader.readHeaders()
                    case .body: record.requestBody = try reader.readStringBytes()
                    case .bodyBase64: record.requestBody = try reader.readBase64()
                    case .response: record.response = try reader.readResponse()
                    case .dialect:
                        let text = try reader.readString()
                        record.dialect = Dialect(rawValue: text) ?? .unknown
                    case .findings:
                        var findings: [Finding] = []
                        try reader.readArray { (reader: inout JSONPullReader) throws(JSONReadError) in
                            findings.append(try Finding(reading: &reader))
                        }
                        record.findings = findings
                    case .targetURL: record.targetURL = reader.consumeNull() ? nil : try reader.readString()
                    case .sourceSeq: record.sourceSequence = reader.consumeNull() ? nil : UInt64(clamping: try reader.readInt())
                    // Not kept (they come from the body), but checked as the summary reads them.
                    case .events, .users:
                        try reader.readArray { (reader: inout JSONPullReader) throws(JSONReadError) in try reader.skipString() }
                    case .noEvents: try reader.skipString()
                    case .other: try reader.skipValue()
                    }
                }
            }
        } catch {
            throw CaptureDecodeError(error)
        }
        guard sawSequence else { throw CaptureDecodeError("record has no seq", offset: 0) }
        return record
    }

    public static func decode(line: [UInt8], version: Int = CaptureLogFormat.currentVersion) throws(CaptureDecodeError) -> CaptureRecord {
        do {
            return try line.withUnsafeBufferPointer { buffer throws(CaptureDecodeError) in
                try decode(line: buffer, version: version)
            }
        }
    }
}

/// The keys of a record line, recognised without building a String.
enum LineKey {
    case seq, tsMs, direction, method, path, query, site, events, users, noEvents, requestHeaders, body, bodyBase64
    case response, dialect, findings, targetURL, sourceSeq, other

    init(_ key: JSONPullKey) {
        switch key.bytes.count {
        case 3 where key.matches("seq"): self = .seq
        case 4 where key.matches("path"): self = .path
        case 4 where key.matches("site"): self = .site
        case 4 where key.matches("body"): self = .body
        case 5 where key.matches("ts_ms"): self = .tsMs
        case 5 where key.matches("query"): self = .query
        case 5 where key.matches("users"): self = .users
        case 6 where key.matches("method"): self = .method
        case 6 where key.matches("events"): self = .events
        case 7 where key.matches("dialect"): self = .dialect
        case 8 where key.matches("response"): self = .response
        case 8 where key.matches("findings"): self = .findings
        case 9 where key.matches("direction"): self = .direction
        case 9 where key.matches("no_events"): self = .noEvents
        case 10 where key.matches("target_url"): self = .targetURL
        case 10 where key.matches("source_seq"): self = .sourceSeq
        case 11 where key.matches("body_base64"): self = .bodyBase64
        case 15 where key.matches("request_headers"): self = .requestHeaders
        default: self = .other
        }
    }
}

extension JSONPullReader {
    /// A record's `seq`: an integer, not negative.
    mutating func readSequence() throws(JSONReadError) -> UInt64 {
        let value = try readInt()
        guard value >= 0 else { throw fail("negative sequence") }
        return UInt64(value)
    }

    mutating func readDirection() throws(JSONReadError) -> CaptureRecord.Direction {
        let text = try readString()
        guard let direction = CaptureRecord.Direction(rawValue: text) else { throw fail("unknown direction \(text)") }
        return direction
    }

    /// Header fields, `[["name","value"],...]`; checked as strictly but not kept (an empty
    /// array) unless `keeping`, for the summary reader.
    mutating func readHeaders(keeping: Bool = true) throws(JSONReadError) -> [CaptureRecord.HeaderField] {
        var fields: [CaptureRecord.HeaderField] = []
        try readArray { (reader: inout JSONPullReader) throws(JSONReadError) in
            try reader.expect(UInt8(ascii: "["))
            guard keeping else {
                try reader.skipString()
                try reader.expect(UInt8(ascii: ","))
                try reader.skipString()
                try reader.expect(UInt8(ascii: "]"))
                return
            }
            let name = try reader.readString()
            try reader.expect(UInt8(ascii: ","))
            let value = try reader.readString()
            try reader.expect(UInt8(ascii: "]"))
            fields.append(CaptureRecord.HeaderField(name: name, value: value))
        }
        return fields
    }

    /// An array of strings (a line's `events` and `users` summaries).
    mutating func readStrings() throws(JSONReadError) -> [String] {
        var strings: [String] = []
        try readArray { (reader: inout JSONPullReader) throws(JSONReadError) in
            strings.append(try reader.readString())
        }
        return strings
    }

    mutating func readBase64() throws(JSONReadError) -> [UInt8] {
        let text = try readStringBytes()
        guard let data = Data(base64Encoded: Data(text)) else { throw fail("invalid base64") }
        return [UInt8](data)
    }

    mutating func readResponse() throws(JSONReadError) -> CaptureRecord.Response? {
        if consumeNull() { return nil }
        var response = CaptureRecord.Response(status: 0)
        try readObject { (reader: inout JSONPullReader, key: JSONPullKey) throws(JSONReadError) in
            if key.matches("status") {
                response.status = Int(try reader.readInt())
            } else if key.matches("latency_ms") {
                response.latencyMilliseconds = try reader.readDouble()
            } else if key.matches("headers") {
                response.headers = try reader.readHeaders()
            } else if key.matches("body") {
                response.body = try reader.readStringBytes()
            } else if key.matches("body_base64") {
                response.body = try reader.readBase64()
            } else {
                try reader.skipValue()
            }
        }
        return response
    }
}

extension CaptureRecord {
    /// `eventNames`, read from the body's bytes without building the JSON tree (as the line's
    /// `events` summary is): for going through many records.
    public var quickEventNames: [String] { quickBodySummary.eventNames }

    /// The body's summary as the log writer derives the line's `events`, `users` and `no_events`
    /// from it: one quick pass over the body (`EventBodySummary.quickScan`), unless the record
    /// already knows it (`knownBodySummary`).
    public var quickBodySummary: EventBodySummary { knownBodySummary ?? EventBodySummary.quickScan(requestBody) }
}
