import CaptureLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Sender
import Testing
import TrackingModel
@testable import Collector

/// An upstream that never answers in time: it waits until cancelled.
struct StalledForwarder: UpstreamForwarder {
    var targetDescription: String { "http://stalled.invalid" }

    func forward(_ request: UpstreamRequest) async -> UpstreamExchange {
        try? await Task.sleep(for: .seconds(600))
        return UpstreamExchange(url: targetDescription + request.path, path: request.path, query: request.query,
                                headers: request.headers, response: nil, failure: "cancelled")
    }

    func shutdown() async {}
}

/// What the failing upstream saw.
actor UpstreamLedger {
    var requests: [(path: String, authorization: String?, body: [UInt8])] = []
    var failuresLeft: Int

    init(failures: Int) {
        failuresLeft = failures
    }

    /// Records a request; true when it should fail.
    func take(path: String, authorization: String?, body: [UInt8]) -> Bool {
        requests.append((path, authorization, body))
        if failuresLeft > 0 {
            failuresLeft -= 1
            return true
        }
        return false
    }
}

@Suite struct CollectorForwardingTests {
    typealias Support = CollectorTestSupport

    @Test func forwardsToAFailingUpstreamWithRetriesAndRecordsEveryExchange() async throws {
        let ledger = UpstreamLedger(failures: 2)
        let router = Router()
        router.post("**") { request, _ -> Response in
            var body: [UInt8] = []
            for try await buffer in request.body { body += buffer.readableBytesView }
            let fail = await ledger.take(path: request.uri.path, authorization: request.headers[.authorization], body: body)
            return Response(status: fail ? .internalServerError : .ok, body: .init(byteBuffer: ByteBuffer(string: fail ? "down" : "{}")))
        }
        let upstream = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let body = try Support.fixture("legacy-brief-corrected.json")
        let log = MemoryCollectorLog()
        try await upstream.test(.live) { upstreamClient in
            let port = try #require(upstreamClient.port)
            let forwarder = HTTPForwarder(baseURL: "http://127.0.0.1:\(port)/", sourceKey: "upstream-key")
            var configuration = CollectorConfiguration(port: 0)
            configuration.forwarding = ForwardingConfiguration(initialBackoff: .milliseconds(20), maximumBackoff: .milliseconds(100))
            try await Support.withCollector(configuration, log: log, forwarder: forwarder) { client, core in
                let headers = Support.headers([("Content-Type", "application/json"), ("Authorization", "Bearer local-key")])
                try await client.execute(uri: "/v2/1234/events", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
                    #expect(response.status == .ok)
                }
                let forwarding = try #require(core.forwarding)
                for _ in 0..<200 where await forwarding.snapshot.sent == 0 {
                    try await Task.sleep(for: .milliseconds(25))
                }
                let state = await forwarding.snapshot
                #expect(state.sent == 1)
                #expect(state.attempts == 3)
                #expect(state.failed == 0)
                #expect(state.queued == 0)
                try await client.execute(uri: "/_trackscope/stats", method: .get) { response in
                    let stats = try Support.json(response.body)
                    #expect(stats["forwarding"]?["sent"] == 1)
                    #expect(stats["forwarding"]?["attempts"] == 3)
                    #expect(stats["sent"] == 3)
                }
            }
            let seen = await ledger.requests
            #expect(seen.count == 3)
            #expect(seen.allSatisfy { $0.path == "/v2/1234/events" && $0.body == body })
            #expect(seen.allSatisfy { $0.authorization == "Bearer upstream-key" })
        }
        let records = try await Support.records(log)
        let received = records.filter { $0.direction == .received }
        let sent = records.filter { $0.direction == .sent }
        #expect(received.count == 1)
        #expect(sent.map { $0.response?.status } == [500, 500, 200])
        #expect(sent.allSatisfy { $0.sourceSequence == received[0].sequence })
        #expect(sent.allSatisfy { $0.targetURL?.hasSuffix("/v2/1234/events") == true })
        #expect(sent.allSatisfy { $0.requestBody == body })
        #expect(sent[0].findings.contains { $0.code == "upstream-status" })
        // The upstream key is never in the log in clear.
        #expect(sent.allSatisfy { record in record.requestHeaders.allSatisfy { !$0.value.contains("upstream-key") } })
    }

    @Test func anUnreachableUpstreamIsRetriedThenGivenUp() async throws {
        let log = MemoryCollectorLog()
        // Port 9 on loopback: nothing listens, connections are refused.
        let forwarder = HTTPForwarder(baseURL: "http://127.0.0.1:9", sourceKey: nil, timeout: .seconds(2))
        var configuration = CollectorConfiguration(port: 0)
        configuration.forwarding = ForwardingConfiguration(maximumAttempts: 2, initialBackoff: .milliseconds(10))
        try await Support.withCollector(configuration, log: log, forwarder: forwarder) { client, core in
            try await client.execute(uri: "/events?tc_s=1&token=abc", method: .post, headers: Support.json,
                                     body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                #expect(response.status == .ok)
            }
            let forwarding = try #require(core.forwarding)
            for _ in 0..<200 where await forwarding.snapshot.failed == 0 {
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(await forwarding.snapshot.failed == 1)
            #expect(await forwarding.snapshot.attempts == 2)
        }
        let sent = try await Support.records(log).filter { $0.direction == .sent }
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.response == nil && $0.findings.contains { $0.code == "upstream-error" } })
        #expect(sent.allSatisfy { $0.query.hasPrefix("tc_s=1&token=sha256:") })
    }

    @Test func aStalledUpstreamNeverDelaysAnswersAndTheQueueIsBounded() async throws {
        let log = MemoryCollectorLog()
        var configuration = CollectorConfiguration(port: 0)
        configuration.forwarding = ForwardingConfiguration(queueCapacity: 2, concurrency: 1, drainTimeout: .milliseconds(200))
        let body = ByteBuffer(bytes: try Support.fixture("v2-search.json"))
        try await Support.withCollector(configuration, log: log, forwarder: StalledForwarder()) { client, core in
            for _ in 0..<6 {
                try await client.execute(uri: "/events?tc_s=1", method: .post, headers: Support.json, body: body) { response in
                    #expect(response.status == .ok)
                }
            }
            let state = try #require(await core.forwarding?.snapshot)
            #expect(state.queued == 2)
            #expect(state.inFlight + state.queued + state.dropped == 6)
            #expect(state.dropped >= 3)
        }
        // Every request was recorded although nothing reached the upstream.
        let records = try await Support.records(log)
        #expect(records.filter { $0.direction == .received }.count == 6)
    }

    @Test func backoffDoublesUpToTheCap() {
        #expect(ForwardingQueue.backoff(attempt: 1, initial: .milliseconds(100), maximum: .seconds(1)) == .milliseconds(100))
        #expect(ForwardingQueue.backoff(attempt: 3, initial: .milliseconds(100), maximum: .seconds(1)) == .milliseconds(400))
        #expect(ForwardingQueue.backoff(attempt: 10, initial: .milliseconds(100), maximum: .seconds(1)) == .seconds(1))
    }
}
