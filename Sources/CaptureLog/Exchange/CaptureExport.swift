import Foundation
import TrackingModel

/// Turns capture records into formats other tools read: curl command lines, HAR 1.2, and plain
/// events as JSON Lines (for jq).
public enum CaptureExport {
    /// The environment variable that exported curl commands read the source key from.
    public static let keyVariable = "TRACKSCOPE_SOURCE_KEY"

    // MARK: Events

    /// Each event of each record's body, compact, one a line (newline included).
    public static func eventLines(_ record: CaptureRecord, matching query: FilterQuery? = nil) -> [UInt8] {
        var output: [UInt8] = []
        let events = query.map { record.events(matching: $0) } ?? record.events
        for event in events {
            JSONPrinter.appendCompact(event, to: &output)
            output.append(0x0A)
        }
        return output
    }

    // MARK: curl

    /// A curl command that sends `record` again. The key never appears: a fingerprinted
    /// `Authorization` header or `token` parameter becomes `$TRACKSCOPE_SOURCE_KEY` (or the
    /// variable `keyVariable` names: `replay --dry-run` uses its `--key-env`). Received records are
    /// addressed to `baseURL`; sent records to their target URL.
    public static func curl(_ record: CaptureRecord, baseURL: String = "http://localhost:8080",
                            keyVariable: String = CaptureExport.keyVariable) -> String {
        var url: String
        if let target = record.targetURL {
            url = target
        } else {
            url = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            url += record.path
            if !record.query.isEmpty { url += "?" + record.query }
        }
        let doubleQuotedWithKey = { (text: String) in doubleQuoted(text, keyVariable: keyVariable) }
        var parts = ["curl", "-X", record.method, doubleQuotedWithKey(keyedURL(url))]
        for field in record.requestHeaders {
            if field.name.equalsIgnoringASCIICase("content-length") || field.name.equalsIgnoringASCIICase("host") { continue }
            if SecretFingerprint.isSecretHeader(field.name) {
                let value = SecretFingerprint.headerValue(name: field.name, value: field.value)
                let scheme = value.split(separator: " ").count > 1 ? String(value.split(separator: " ")[0]) + " " : ""
                parts += ["-H", doubleQuotedWithKey("\(field.name): \(scheme)\u{0}KEY\u{0}")]
            } else {
                parts += ["-H", singleQuoted("\(field.name): \(field.value)")]
            }
        }
        let body = record.requestBodyToResend
        if !body.isEmpty {
            if let text = String(validating: body, as: UTF8.self),
               !text.unicodeScalars.contains(where: { TerminalSafeText.isControl($0) && $0 != "\n" && $0 != "\t" }) {
                parts += ["--data-raw", singleQuoted(text)]
            } else {
                // Bytes that are not text, or that would act on the terminal the command is
                // printed on (an escape sequence): piped from printf, byte for byte.
                let escaped = body.map { String(format: "\\%03o", $0) }.joined()
                return "printf '\(escaped)' | " + parts.joined(separator: " ") + " --data-binary @-"
            }
        }
        return parts.joined(separator: " ")
    }

    /// The URL with the `token` value replaced by a marker for the key variable.
    private static func keyedURL(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            if let equals = part.firstIndex(of: "="), SecretFingerprint.secretQueryParameters.contains(String(part[..<equals])) {
                return "\(part[..<equals])=\u{0}KEY\u{0}"
            }
            return String(part)
        }
        return String(url[...question]) + query.joined(separator: "&")
    }

    /// Single-quoted for a POSIX shell (`'` written as `'\''`).
    static func singleQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Double-quoted, with the key marker as `${keyVariable}` and everything else literal.
    private static func doubleQuoted(_ text: String, keyVariable: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"", "\\", "$", "`": result += "\\\(character)"
            default: result.append(character)
            }
        }
        result += "\""
        return result.replacingOccurrences(of: "\u{0}KEY\u{0}", with: "${\(keyVariable)}")
    }

    // MARK: HAR

    /// A HAR 1.2 document of `records`. Bodies that are not UTF-8 go in `postData._base64` /
    /// `content.encoding: "base64"`; trackscope's own fields go in `_trackscope`.
    public static func har(_ records: [CaptureRecord], baseURL: String = "http://localhost:8080", creatorVersion: String = CaptureLogFormat.trackscopeVersion) -> JSONValue {
        let entries = records.map { harEntry($0, baseURL: baseURL) }
        return .object(JSONObject([
            .init(key: "log", value: .object(JSONObject([
                .init(key: "version", value: "1.2"),
                .init(key: "creator", value: ["name": "trackscope", "version": .string(creatorVersion)]),
                .init(key: "pages", value: []),
                .init(key: "entries", value: .array(entries)),
            ]))),
        ]))
    }

    private static func harHeaders(_ fields: [CaptureRecord.HeaderField]) -> JSONValue {
        .array(fields.map { ["name": .string($0.name), "value": .string($0.value)] })
    }

    private static func harEntry(_ record: CaptureRecord, baseURL: String) -> JSONValue {
        var url = record.targetURL ?? ((baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) + record.path)
        if record.targetURL == nil, !record.query.isEmpty { url += "?" + record.query }
        let queryString: [JSONValue] = QueryParameters(record.query).pairs.map { pair in
            ["name": .string(pair.name), "value": .string(pair.value)]
        }
        let mimeType = record.requestHeaders.first { $0.name.equalsIgnoringASCIICase("content-type") }?.value ?? "application/json"
        var request: [JSONObject.Member] = [
            .init(key: "method", value: .string(record.method)),
            .init(key: "url", value: .string(url)),
            .init(key: "httpVersion", value: "HTTP/1.1"),
            .init(key: "cookies", value: []),
            .init(key: "headers", value: harHeaders(record.requestHeaders)),
            .init(key: "queryString", value: .array(queryString)),
        ]
        let body = record.requestBodyToResend
        if !body.isEmpty || record.method == "POST" || record.method == "PUT" {
            var postData: [JSONObject.Member] = [.init(key: "mimeType", value: .string(mimeType))]
            if let text = String(validating: body, as: UTF8.self) {
                postData.append(.init(key: "text", value: .string(text)))
            } else {
                postData.append(.init(key: "text", value: ""))
                postData.append(.init(key: "_base64", value: .string(Data(body).base64EncodedString())))
                postData.append(.init(key: "comment", value: "body is not UTF-8: the exact bytes are in _base64"))
            }
            request.append(.init(key: "postData", value: .object(JSONObject(postData))))
        }
        request.append(.init(key: "headersSize", value: -1))
        request.append(.init(key: "bodySize", value: .number(JSONNumber(body.count))))

        let response = record.response ?? CaptureRecord.Response(status: 0)
        var content: [JSONObject.Member] = [
            .init(key: "size", value: .number(JSONNumber(response.body.count))),
            .init(key: "mimeType", value: .string(response.headers.first { $0.name.equalsIgnoringASCIICase("content-type") }?.value ?? "application/json")),
        ]
        if let text = String(validating: response.body, as: UTF8.self) {
            content.append(.init(key: "text", value: .string(text)))
        } else {
            content.append(.init(key: "text", value: .string(Data(response.body).base64EncodedString())))
            content.append(.init(key: "encoding", value: "base64"))
        }
        let latency = response.latencyMilliseconds
        var trackscope: [JSONObject.Member] = [
            .init(key: "seq", value: .number(JSONNumber(Int(record.sequence)))),
            .init(key: "direction", value: .string(record.direction.rawValue)),
        ]
        if let site = record.siteId { trackscope.append(.init(key: "site", value: .string(site))) }
        if let source = record.sourceSequence { trackscope.append(.init(key: "source_seq", value: .number(JSONNumber(Int(source))))) }
        return .object(JSONObject([
            .init(key: "startedDateTime", value: .string(ISOTime.string(milliseconds: ISOTime.milliseconds(record.time)))),
            .init(key: "time", value: .number(JSONNumber(latency))),
            .init(key: "request", value: .object(JSONObject(request))),
            .init(key: "response", value: .object(JSONObject([
                .init(key: "status", value: .number(JSONNumber(response.status))),
                .init(key: "statusText", value: .string(HTTPStatusText.text(for: response.status))),
                .init(key: "httpVersion", value: "HTTP/1.1"),
                .init(key: "cookies", value: []),
                .init(key: "headers", value: harHeaders(response.headers)),
                .init(key: "content", value: .object(JSONObject(content))),
                .init(key: "redirectURL", value: ""),
                .init(key: "headersSize", value: -1),
                .init(key: "bodySize", value: .number(JSONNumber(response.body.count))),
            ]))),
            .init(key: "cache", value: [:]),
            .init(key: "timings", value: ["send": 0, "wait": .number(JSONNumber(latency)), "receive": 0]),
            .init(key: "_trackscope", value: .object(JSONObject(trackscope))),
        ]))
    }
}

/// Reason phrases for HAR's `statusText`.
enum HTTPStatusText {
    static func text(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 207: "Multi-Status"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 413: "Payload Too Large"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: ""
        }
    }
}
