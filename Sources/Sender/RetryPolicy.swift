/// When and how soon `Sender` tries a request again: after a failure to get an answer
/// (connection refused, time-out), a 5xx or a 429; never after another answer. The wait doubles
/// from `baseDelay` at each retry, up to `maximumDelay`.
public struct RetryPolicy: Sendable, Hashable {
    /// How many times to try again after the first attempt.
    public var retries: Int
    public var baseDelay: Duration
    public var maximumDelay: Duration

    public init(retries: Int = 0, baseDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(5)) {
        self.retries = max(retries, 0)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// The wait before retry number `retry` (1 for the first retry): `baseDelay × 2^(retry-1)`,
    /// capped at `maximumDelay`.
    public func delay(beforeRetry retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let delay = baseDelay * (1 << exponent)
        return min(delay, maximumDelay)
    }

    /// Whether an attempt that got `status` (nil: no answer at all) is worth repeating.
    public static func isRetryable(status: Int?) -> Bool {
        guard let status else { return true }
        return status >= 500 || status == 429
    }
}
