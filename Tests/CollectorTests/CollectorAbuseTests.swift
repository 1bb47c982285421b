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
}
