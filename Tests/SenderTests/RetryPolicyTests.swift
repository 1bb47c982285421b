import Testing
@testable import Sender

@Suite struct RetryPolicyTests {
    @Test func delaysDoubleAndAreCapped() {
        let policy = RetryPolicy(retries: 10)
        #expect(policy.delay(beforeRetry: 1) == .milliseconds(100))
        #expect(policy.delay(beforeRetry: 2) == .milliseconds(200))
        #expect(policy.delay(beforeRetry: 3) == .milliseconds(400))
        #expect(policy.delay(beforeRetry: 7) == .milliseconds(5000))
        #expect(policy.delay(beforeRetry: 60) == .seconds(5))
    }

    @Test func onlyFailuresServerErrorsAndTooManyRequestsAreRetried() {
        #expect(RetryPolicy.isRetryable(status: nil))
        #expect(RetryPolicy.isRetryable(status: 500))
        #expect(RetryPolicy.isRetryable(status: 503))
        #expect(RetryPolicy.isRetryable(status: 429))
        #expect(!RetryPolicy.isRetryable(status: 200))
        #expect(!RetryPolicy.isRetryable(status: 400))
        #expect(!RetryPolicy.isRetryable(status: 401))
        #expect(RetryPolicy(retries: -3).retries == 0)
    }
}
