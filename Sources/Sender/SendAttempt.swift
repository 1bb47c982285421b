import CaptureLog
import TrackingModel

/// One try at delivering an `EventRequest`: the answer, or why none came, and its record.
public struct SendAttempt: Sendable {
    public var request: EventRequest
    /// 1 for the first try, 2 for the first retry, ...
    public var number: Int
    /// The answer, nil when none came.
    public var response: CaptureRecord.Response?
    /// Why no answer came (`connection refused`, `no answer within 10 s`), nil when one did.
    public var failure: String?
    /// From sending to the whole answer (or to the failure), in milliseconds.
    public var latencyMilliseconds: Double
    /// The `sent` record as the capture log stored it (with its sequence number), nil when no
    /// log was given or it could not take the record (then `logFailure` says why).
    public var record: CaptureRecord?
    public var logFailure: String?

    public init(
        request: EventRequest, number: Int, response: CaptureRecord.Response?, failure: String?,
        latencyMilliseconds: Double, record: CaptureRecord? = nil, logFailure: String? = nil
    ) {
        self.request = request
        self.number = number
        self.response = response
        self.failure = failure
        self.latencyMilliseconds = latencyMilliseconds
        self.record = record
        self.logFailure = logFailure
    }

    /// Whether the target took it: an answer in 2xx.
    public var succeeded: Bool {
        guard let response else { return false }
        return (200..<300).contains(response.status)
    }

    /// Whether trying again could help (no answer, a 5xx, a 429).
    public var isRetryable: Bool {
        RetryPolicy.isRetryable(status: response?.status)
    }
}
