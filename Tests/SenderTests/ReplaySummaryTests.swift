import CaptureLog
import Testing
@testable import Sender

@Suite struct ReplaySummaryTests {
    static let request = SendTarget(baseURL: "http://127.0.0.1:1")
        .request(body: Array("{}".utf8), kind: .event, dialect: .v2, siteId: "1", sourceKey: nil)

    static func answered(_ status: Int, milliseconds: Double, number: Int = 1) -> SendAttempt {
        SendAttempt(request: request, number: number, response: CaptureRecord.Response(status: status, latencyMilliseconds: milliseconds),
                    failure: nil, latencyMilliseconds: milliseconds)
    }

    static func unanswered(_ reason: String) -> SendAttempt {
        SendAttempt(request: request, number: 1, response: nil, failure: reason, latencyMilliseconds: 2)
    }

    @Test func countsAnswersByStatusFailuresAndPercentiles() throws {
        var summary = ReplaySummary(total: 103)
        for index in 1...100 { summary.add([Self.answered(200, milliseconds: Double(index))]) }
        summary.add([Self.answered(500, milliseconds: 5), Self.answered(500, milliseconds: 1000, number: 2)])
        summary.add([Self.unanswered("connection refused")])
        #expect(summary.done == 102)
        #expect(summary.accepted == 100)
        #expect(summary.failed == 2)
        #expect(summary.unanswered == 1)
        #expect(summary.attempts == 103)
        #expect(summary.statuses == [200: 100, 500: 1])
        #expect(summary.failures == ["connection refused": 1])
        let p50 = try #require(summary.latencyMilliseconds(atPercentile: 50))
        #expect(abs(p50 - 50) <= 0.1)
        let p99 = try #require(summary.latencyMilliseconds(atPercentile: 99))
        #expect(abs(p99 - 100) <= 0.1)
        let max = try #require(summary.maximumLatencyMilliseconds)
        #expect(abs(max - 1000) <= 1)
        #expect(summary.lines == [
            "replayed 102 of 103 requests (103 attempts): 100 accepted, 1 refused, 1 unanswered",
            "answers: 200 ×100, 500 ×1",
            "latency: p50 \(ReplaySummary.format(p50)) ms, p99 \(ReplaySummary.format(p99)) ms, max \(ReplaySummary.format(max)) ms",
            "no answer ×1: connection refused",
        ])
    }

    @Test func anInterruptedRunSaysWhatWasNotReplayed() {
        var summary = ReplaySummary(total: 5)
        summary.add([Self.answered(200, milliseconds: 1.25)])
        summary.interrupted = true
        #expect(summary.lines.first == "interrupted: replayed 1 of 5 requests (1 attempt): 1 accepted, 0 refused, 0 unanswered")
        #expect(summary.lines.last == "not replayed: 4 requests")
    }

    @Test func noLatencyBeforeAnyAnswer() {
        let summary = ReplaySummary(total: 1)
        #expect(summary.latencyMilliseconds(atPercentile: 50) == nil)
        #expect(summary.lines.count == 1)
    }
}
