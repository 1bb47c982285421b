import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import TestSupport

/// Targets that fail in each way a real one can, for the sender's tests.
enum TestServers {
    /// A fresh folder, removed with the test process's others.
    static func temporaryFolder() throws -> URL {
        TestFolder.make("sender")
    }

    /// A loopback port nothing listens on (bound, read, closed): connecting is refused.
    static func closedPort() throws -> Int {
        let listener = try SilentListener()
        let port = listener.port
        listener.close()
        return port
    }

    /// Runs `body` with the port of a Hummingbird server that answers every event request with
    /// `status` and counts them.
    static func withAnswering<Value: Sendable>(
        _ status: HTTPResponse.Status, _ body: @Sendable (_ port: Int, _ requests: Counter) async throws -> Value
    ) async throws -> Value {
        let counter = Counter()
        let router = Router()
        let answer: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            counter.increment()
            return Response(status: status, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"boom"}"#)))
        }
        router.post("/events", use: answer)
        router.post("/events/batch", use: answer)
        router.post("/v2/:site/events", use: answer)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in try await body(client.port!, counter) }
    }

    /// A thread-safe count.
    final class Counter: Sendable {
        private let value = Mutex(0)
        func increment() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }
}
