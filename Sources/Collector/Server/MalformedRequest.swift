import NIOHTTP1
import TrackingModel

/// What the collector answers and records when a connection sends something it cannot read as an
/// HTTP/1.1 request: headers too large (431), or anything else that breaks the parser (400).
struct MalformedRequest: Sendable {
    let status: Int
    let code: String
    /// Why, in words: the end of "The request is not valid HTTP/1.1 (...)".
    let reason: String

    init(_ error: any Error) {
        if let parserError = error as? HTTPParserError, parserError == .headerOverflow {
            status = 431
            code = CollectorFindingCode.headersTooLarge
            reason = "its headers are larger than \(RequestLimits.headerBytes / 1024) KB (\(RequestLimits.headerBytes) bytes), the most trackscope reads"
        } else {
            status = 400
            code = CollectorFindingCode.malformedHTTP
            reason = String(describing: error)
        }
    }

    /// The answer: `{"error": code, "message": ...}`.
    var answer: CollectorAnswer {
        .error(status, code: code, message: "The request is not valid HTTP/1.1 (\(reason)).")
    }

    /// The record's finding.
    var finding: Finding {
        Finding(severity: .error, code: code, path: "$",
                message: "The connection sent bytes that are not an HTTP/1.1 request (\(reason)); it was answered \(status) and closed.")
    }
}
