import CaptureLog

/// The finding codes the collector itself adds to records (the model adds the payload's own).
/// They are stable: filters and CI scripts match on them.
public enum CollectorFindingCode {
    public static let missingSourceKey = "missing-source-key"
    public static let unknownSourceKey = "unknown-source-key"
    public static let wrongContentType = "wrong-content-type"
    public static let compressedBody = "compressed-body"
    public static let missingSiteId = "missing-site-id"
    public static let requestTooLarge = "request-too-large"
    public static let eventTooLarge = "event-too-large"
    public static let bodyTruncated = "body-truncated"
    public static let batchMember = CaptureRecord.batchMemberCode
    public static let unknownEndpoint = "unknown-endpoint"
    public static let methodNotAllowed = "method-not-allowed"
    public static let requestAborted = "request-aborted"
    public static let malformedHTTP = "malformed-http"
    public static let headersTooLarge = "headers-too-large"
    public static let upstreamError = "upstream-error"
    public static let upstreamStatus = "upstream-status"
    public static let forwardQueueFull = "forward-queue-full"
    public static let missingParameter = "missing-parameter"
    public static let repeatedParameter = "repeated-parameter"
    public static let conflictingSourceKeys = "conflicting-source-keys"
    public static let tooManyLines = "too-many-lines"
}
