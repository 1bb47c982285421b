import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
@testable import Sender

/// `Sender(connectionsPerHost:)`: a replay at concurrency N keeps N connections to its target, so
/// that N requests are in flight at once (the HTTP client's default is 8).
@Suite struct SenderConnectionPoolTests {
    /// How many requests a server holds at once, and the most it held.
    final class InFlight: Sendable {
        private let state = Mutex((now: 0, most: 0))
        func enter() { state.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
        func leave() { state.withLock { $0.now -= 1 } }
        var now: Int { state.withLock { $0.now } }
        var most: Int { state.withLock { $0.most } }
    }

    /// Sends `count` requests at once through a sender keeping `connections` connections, to a
    /// server that holds each request until `count` are in flight (or 3 s pass); returns the most
    /// it held at once.
    static func mostInFlight(count: Int, connections: Int) async throws -> Int {
        let inFlight = InFlight()
        let router = Router()
        router.post("/events") { _, _ -> Response in
            inFlight.enter()
            defer { inFlight.leave() }
            let deadline = ContinuousClock.now + .seconds(3)
            while inFlight.now < count, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            return Response(status: .ok)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            let sender = Sender(log: nil, connectionsPerHost: connections)
            let target = SendTarget(baseURL: "http://127.0.0.1:\(client.port!)")
            let request = target.request(body: Array(#"{"event_name":"page_view"}"#.utf8), kind: .event, dialect: .v2, siteId: "7", sourceKey: nil)
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<count {
                    group.addTask { _ = await sender.send(request) }
                }
            }
            await sender.shutdown()
            return inFlight.most
        }
    }

    @Test func aPoolAsLargeAsTheConcurrencyHasEveryRequestInFlightAtOnce() async throws {
        #expect(try await Self.mostInFlight(count: 12, connections: 12) == 12)
    }

    @Test func theDefaultPoolHoldsTheRestBack() async throws {
        #expect(try await Self.mostInFlight(count: 12, connections: 8) == 8)
    }
}
