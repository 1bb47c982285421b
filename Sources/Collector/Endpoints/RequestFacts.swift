import CaptureLog
import Foundation
import TrackingModel

/// What the collector knows about one request once its body is read.
struct RequestFacts: Sendable {
    var time: Date
    var start: ContinuousClock.Instant
    var method: String
    var path: String
    /// The endpoint `path` addresses.
    var endpoint: CollectorEndpoint
    var query: QueryParameters
    /// As received, in order (Host first); secrets are fingerprinted by the log, not here.
    var headers: [CaptureRecord.HeaderField]
    var body: CollectedBody
    var contentType: String?
    var origin: String?
    /// The credential of an `Authorization: Bearer` header.
    var bearer: String?

    /// The source key: the `token` parameter, or the Bearer credential when no token is given.
    var sourceKey: String? { query.nonEmpty("token") ?? bearer }

    /// Milliseconds since the request arrived.
    var elapsedMilliseconds: Double {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// The headers to send upstream: all but the hop-by-hop ones.
    var forwardableHeaders: [CaptureRecord.HeaderField] {
        let hopByHop = ["host", "content-length", "connection", "keep-alive", "transfer-encoding", "te", "upgrade", "expect"]
        return headers.filter { field in !hopByHop.contains { field.name.equalsIgnoringASCIICase($0) } }
    }

    /// What is ambiguous in how the request names its site and key: a parameter the endpoint
    /// `reads` given more than once with different values (the first one is read), and a `token`
    /// parameter that differs from the Bearer key (the API uses the token). Keys are shown as
    /// fingerprints only.
    func addressingFindings(reads names: [String]) -> [Finding] {
        var findings: [Finding] = []
        for name in names {
            var distinct: [String] = []
            for value in query.values(name) where !distinct.contains(value) { distinct.append(value) }
            guard distinct.count > 1 else { continue }
            let shown = distinct.map { SecretFingerprint.secretQueryParameters.contains(name) ? SecretFingerprint.fingerprint($0) : "\"\($0)\"" }
            findings.append(Finding(
                severity: .warning, code: CollectorFindingCode.repeatedParameter, path: "$",
                message: "The query gives \(name) \(distinct.count) different values (\(shown.joined(separator: ", "))); trackscope read the first, and the API documents no choice.",
                hint: "Send \(name) once."
            ))
        }
        if let token = query.nonEmpty("token"), let bearer, !bearer.isEmpty, bearer != token {
            findings.append(Finding(
                severity: .warning, code: CollectorFindingCode.conflictingSourceKeys, path: "$",
                message: "The token parameter (\(SecretFingerprint.fingerprint(token))) and the Authorization header (\(SecretFingerprint.fingerprint(bearer))) carry different keys; the API uses the token and ignores the header.",
                hint: "Send the key once: as token=, or as Authorization: Bearer."
            ))
        }
        return findings
    }

    /// What is wrong with how the body is sent: a Content-Type other than `expected`, a
    /// compressed body. Each endpoint that reads a body checks both.
    func bodyFormatFindings(expected contentTypes: [String]) -> [Finding] {
        // Appended one by one: no array at all for a body sent as it should be (the usual case).
        var findings: [Finding] = []
        if let finding = contentTypeFinding(expected: contentTypes) { findings.append(finding) }
        if let finding = compressionFinding { findings.append(finding) }
        return findings
    }

    /// The media types of a JSON body, and of a JSON Lines body (the Product API's), as
    /// `bodyFormatFindings` takes them (built once, not on every request).
    static let jsonBody = ["application/json"]
    static let jsonLinesBody = ["application/x-ndjson", "application/ndjson", "application/jsonl"]

    /// A finding when the body is compressed: a `Content-Encoding` other than `identity`, or a
    /// body that starts with gzip's signature. The API documents no compressed bodies, and the
    /// collector reads the bytes as they came, so a parse error would otherwise be a riddle.
    private var compressionFinding: Finding? {
        let encoding = headers.last { $0.name.equalsIgnoringASCIICase("content-encoding") }?.value.trimmingHTTPWhitespace()
        let gzipSignature = body.bytes.count >= 2 && body.bytes[0] == 0x1F && body.bytes[1] == 0x8B
        if let encoding, !encoding.isEmpty, !encoding.equalsIgnoringASCIICase("identity") {
            return Finding(
                severity: .error, code: CollectorFindingCode.compressedBody, path: "$",
                message: "The body is sent with Content-Encoding: \(encoding); the tracking API documents no compressed bodies, and trackscope reads the bytes as they came.",
                hint: "Send the JSON uncompressed, without a Content-Encoding header."
            )
        }
        if gzipSignature {
            return Finding(
                severity: .error, code: CollectorFindingCode.compressedBody, path: "$",
                message: "The body starts with gzip's signature (1F 8B): it is compressed, with no Content-Encoding header to say so.",
                hint: "Send the JSON uncompressed."
            )
        }
        return nil
    }

    /// A finding when the Content-Type is not `expected` (the body is read anyway).
    private func contentTypeFinding(expected: [String]) -> Finding? {
        if let contentType {
            // Up to the parameters: by bytes when the value is ASCII (walking it by characters
            // costs more than the rest of the check), else by characters, where a combining mark
            // after `;` makes one character of the two.
            let mediaType = contentType.utf8.allSatisfy { $0 < 0x80 }
                ? contentType[..<(contentType.utf8.firstIndex(of: UInt8(ascii: ";")) ?? contentType.endIndex)].trimmingHTTPWhitespace()
                : contentType.prefix { $0 != ";" }.trimmingHTTPWhitespace()
            if expected.contains(where: { mediaType.equalsIgnoringASCIICase($0) }) { return nil }
        }
        let given = contentType.map { "Content-Type is \($0)" } ?? "There is no Content-Type header"
        return Finding(
            severity: .warning, code: CollectorFindingCode.wrongContentType, path: "$",
            message: "\(given); the endpoint requires \(expected[0]). trackscope read the body anyway.",
            hint: "Send Content-Type: \(expected[0])."
        )
    }
}

/// One record to append for a request: a batch request gives one per event.
struct RecordDraft: Sendable {
    var siteId: String?
    var body: [UInt8]
    var dialect: Dialect?
    var findings: [Finding]
    /// The event's name, for the statistics.
    var eventName: String?
    /// The body's summary, when it was read from the parsed body (`CaptureRecord.knownBodySummary`).
    var bodySummary: EventBodySummary?
}
