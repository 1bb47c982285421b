import CaptureLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrackingModel
@testable import Collector

/// A live server under abuse: garbage instead of HTTP, too many connections, stalled clients.
@Suite struct CollectorAbuseTests {
    typealias Support = CollectorTestSupport

    @Test func malformedHTTPIsAnsweredLoggedAndTheServerKeepsServing() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log, setup: .live) { client, _ in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port)
            connection.send("THIS IS NOT HTTP\r\n\u{01}\u{02}\r\n\r\n")
            let (text, closed) = await connection.receive()
            #expect(text.hasPrefix("HTTP/1.1 400"))
            #expect(text.contains("malformed-http"))
            #expect(closed)
            // Still serving.
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: Support.json,
                                     body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                #expect(response.status == .ok)
            }
        }
        let records = try await Support.records(log)
        #expect(records.first?.findings.first?.code == "malformed-http")
        #expect(records.first?.response?.status == 400)
        #expect(records.last?.response?.status == 200)
    }

    /// Headers above 80 KB are answered 431 with a body that says so; the record holds the same
    /// answer (status and body) as the client got.
    @Test func headersTooLargeAreAnswered431AndRecordedWithTheAnswerGiven() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log, setup: .live) { client, _ in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port)
            let big = String(repeating: "a", count: RequestLimits.headerBytes + 1)
            connection.send("POST /events?tc_s=1 HTTP/1.1\r\nHost: localhost\r\nX-Big: \(big)\r\nContent-Length: 2\r\n\r\n{}")
            let (text, closed) = await connection.receive()
            #expect(text.hasPrefix("HTTP/1.1 431"))
            #expect(closed)
            let body = try #require(text.components(separatedBy: "\r\n\r\n").last)
            let answer = try JSONParser.parse(Array(body.utf8)).value
            #expect(answer["error"] == "headers-too-large")
            #expect(answer["message"]?.stringValue?.contains("larger than 80 KB (81920 bytes)") == true)
            let record = try #require(try await Support.records(log).first)
            #expect(record.response?.status == 431)
            #expect(record.response?.body == Array(body.utf8))
            #expect(record.findings.first?.code == "headers-too-large")
        }
    }

    @Test func connectionsAboveTheLimitAreRefusedWith503() async throws {
        let configuration = CollectorConfiguration(port: 0, maximumConnections: 3)
        try await Support.withCollector(configuration, setup: .live) { client, _ in
            let port = try #require(client.port)
            let health = "GET /_trackscope/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
            // The test client may hold a connection of its own: open five and keep them all open.
            var connections: [RawConnection] = []
            var answers: [String] = []
            for _ in 0..<5 {
                let connection = try RawConnection(port: port)
                connection.send(health)
                let (text, _) = await connection.receive(until: "}")
                answers.append(String(text.prefix(12)))
                connections.append(connection)
            }
            let accepted = answers.filter { $0 == "HTTP/1.1 200" }.count
            #expect(accepted >= 2 && accepted <= 3)
            #expect(answers.prefix(accepted).allSatisfy { $0 == "HTTP/1.1 200" })
            #expect(answers.dropFirst(accepted).allSatisfy { $0 == "HTTP/1.1 503" })
            // An accepted connection still works.
            connections[0].send(health)
            #expect(await connections[0].receive(until: "}").text.hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test func stalledClientsAreDisconnected() async throws {
        let configuration = CollectorConfiguration(port: 0, idleTimeout: .seconds(1))
        try await Support.withCollector(configuration, setup: .live) { client, _ in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port, receiveTimeoutSeconds: 10)
            connection.send("POST /events?tc_s=1 HTTP/1.1\r\nHost: localhost\r\n")
            let (_, closed) = await connection.receive()
            #expect(closed)
        }
    }

    @Test func aClientThatGoesAwayMidBodyIsRecorded() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log, setup: .live) { client, _ in
            let port = try #require(client.port)
            do {
                let connection = try RawConnection(port: port)
                connection.send("POST /events?tc_s=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{\"event_name\":")
                try await Task.sleep(for: .milliseconds(200))
            }
            // The connection is closed (deinit); wait for the record.
            for _ in 0..<50 where try await Support.records(log).isEmpty {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let record = try #require(try await Support.records(log).first)
        #expect(record.findings.first?.code == "request-aborted")
        #expect(record.response == nil)
    }

    /// A body dripped a byte at a time never lets the idle timeout fire; the request timeout cuts
    /// it off, the request is recorded as aborted with the reason, and the server keeps serving.
    @Test func aBodyThatTricklesInIsCutOffAtTheRequestTimeout() async throws {
        let log = MemoryCollectorLog()
        let configuration = CollectorConfiguration(port: 0, idleTimeout: .seconds(10), requestTimeout: .milliseconds(800))
        try await Support.withCollector(configuration, log: log, setup: .live) { client, _ in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port, receiveTimeoutSeconds: 5)
            let (text, closed) = await Self.sendTricklingRequest(on: connection, every: .milliseconds(200))
            #expect(closed, "the connection was still open while the body trickled in: \(text)")

            // A whole request on a new connection is served as usual.
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: Support.json,
                                     body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                #expect(response.status == .ok)
            }
        }
        let records = try await Support.records(log)
        let aborted = try #require(records.first { $0.findings.first?.code == "request-aborted" })
        #expect(aborted.findings.first?.message.contains("request timeout: the body was still arriving 800 ms after the headers") == true)
        #expect(aborted.response == nil)
        #expect(records.contains { $0.response?.status == 200 })
    }

    /// The deadline covers one request, from its head to its end: a keep-alive connection that
    /// waits longer than the request timeout between requests is still served.
    @Test func theRequestTimeoutDoesNotCutAnIdleKeepAliveConnection() async throws {
        let configuration = CollectorConfiguration(port: 0, idleTimeout: .seconds(10), requestTimeout: .milliseconds(300))
        try await Support.withCollector(configuration, setup: .live) { client, _ in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port)
            let health = "GET /_trackscope/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
            connection.send(health)
            #expect(await connection.receive(until: "}").text.hasPrefix("HTTP/1.1 200"))
            try await Task.sleep(for: .milliseconds(800))
            connection.send(health)
            #expect(await connection.receive(until: "}").text.hasPrefix("HTTP/1.1 200"))
        }
    }

    /// Sends the head of a request whose 100-byte body then trickles in a byte every `interval`
    /// (40 at most), and reads until the server closes the connection (or the read times out).
    static func sendTricklingRequest(on connection: RawConnection, every interval: Duration) async -> (text: String, closed: Bool) {
        connection.send("POST /events?tc_s=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{")
        let drip = Task {
            for _ in 0..<40 where !Task.isCancelled {
                connection.send(" ")
                try? await Task.sleep(for: interval)
            }
        }
        defer { drip.cancel() }
        return await connection.receive()
    }

    /// On a keep-alive connection each request has its own deadline, counted from its own head:
    /// a body that trickles in after a quick request is cut off a whole request timeout after its
    /// head, not at the deadline the earlier request would have had.
    @Test func eachRequestOfAKeepAliveConnectionHasItsOwnDeadline() async throws {
        let log = MemoryCollectorLog()
        let configuration = CollectorConfiguration(port: 0, idleTimeout: .seconds(10), requestTimeout: .milliseconds(600))
        try await Support.withCollector(configuration, log: log, setup: .live) { client, _ in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port, receiveTimeoutSeconds: 5)
            let body = #"{"event_name":"page_view"}"#
            connection.send("POST /events?tc_s=1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            #expect(await connection.receive(until: "}}").text.hasPrefix("HTTP/1.1 200"))
            try await Task.sleep(for: .milliseconds(400))
            let head = ContinuousClock.now
            let (text, closed) = await Self.sendTricklingRequest(on: connection, every: .milliseconds(100))
            let cutAfter = ContinuousClock.now - head
            #expect(closed, "the connection was still open while the body trickled in: \(text)")
            #expect(cutAfter >= .milliseconds(550), "cut \(cutAfter) after the second request's head")
            #expect(cutAfter < .seconds(3))
        }
        let records = try await Support.records(log)
        #expect(records.filter { $0.response?.status == 200 }.count == 1)
        let aborted = try #require(records.first { $0.findings.first?.code == "request-aborted" })
        #expect(aborted.findings.first?.message.contains("request timeout: the body was still arriving 600 ms after the headers") == true)
    }

    /// A client that sends `Expect: 100-continue` (PHP's curl does for bodies above 1 KB) waits
    /// for `100 Continue` before it sends the body; it gets it at once, then the answer.
    @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log, setup: .live) { client, _ in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port, receiveTimeoutSeconds: 3)
            let body = #"{"event_name":"page_view"}"#
            connection.send("POST /events?tc_s=1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nExpect: 100-Continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
            let interim = await connection.receive(until: "\r\n\r\n").text
            #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
            connection.send(body)
            let answer = await connection.receive(until: "}}").text
            #expect(answer.hasPrefix("HTTP/1.1 200"))
        }
        #expect(try await Support.records(log).first?.requestBody == Array(#"{"event_name":"page_view"}"#.utf8))
    }

    /// `collect` and the terminal UI say why the collector did not start, in words a user can act on.
    @Test func aCollectorOnATakenPortSaysSo() async throws {
        let first = CollectorRunner(core: CollectorCore(configuration: CollectorConfiguration(port: 0), log: MemoryCollectorLog()))
        let port = try await first.start()
        let second = CollectorRunner(core: CollectorCore(configuration: CollectorConfiguration(port: port), log: MemoryCollectorLog()))
        do {
            _ = try await second.start()
            Issue.record("a second collector started on taken port \(port)")
            await second.stop()
        } catch let failure as CollectorRunner.StartFailure {
            #expect(failure.description == "127.0.0.1:\(port) is already in use (another trackscope, or another server); choose another --port, or --port 0 for a free one.")
        }
        await first.stop()
    }
}
