import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Targets that fail in each way a real one can, for the sender's tests.
enum TestServers {
    /// A fresh folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trackscope-sender-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
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

/// A loopback socket that listens and never accepts: connections complete in the kernel's
/// backlog, requests are taken in, and no answer ever comes (a target that hangs).
final class SilentListener: @unchecked Sendable {
    private var fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            Glibc.close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}
