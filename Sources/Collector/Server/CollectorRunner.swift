import Logging
import ServiceLifecycle
import UnixSignals

/// The one way to run the collector and stop it: `trackscope collect` runs it until a signal,
/// the terminal UI runs it inside itself. Start it, learn the port it listens on, and stop it
/// gracefully, with every acknowledged record on disk.
public actor CollectorRunner {
    /// Why the collector did not start listening.
    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    private let server: CollectorServer
    private var group: ServiceGroup?
    private var running: Task<Void, any Error>?

    public init(core: CollectorCore) {
        self.server = CollectorServer(core: core)
    }

    /// Starts serving and returns the bound port once the server listens; throws `StartFailure`
    /// when it cannot (the port is taken, the address is wrong).
    ///
    /// - Parameter stopOnSignals: SIGINT and SIGTERM stop it gracefully (for `collect`; a program
    ///   that handles signals itself, like the terminal UI, calls `stop()` instead).
    public func start(stopOnSignals: Bool = false) async throws -> Int {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = server.makeApplication { port in continuation.yield(port) }
        let signals: [UnixSignal] = stopOnSignals ? [.sigterm, .sigint] : []
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: signals,
                                                      logger: server.core.logger))
        self.group = group
        let running = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        self.running = running
        for await port in ports {
            return port
        }
        // The stream ended without a port: the server stopped before it listened.
        do {
            try await running.value
        } catch {
            let configuration = server.core.configuration
            let listening = ListenFailure(error, host: configuration.host, port: configuration.port)
            throw StartFailure(description: listening?.description ?? "\(error)")
        }
        throw StartFailure(description: "the server stopped before it listened")
    }

    /// Waits until the collector has stopped (a signal, or `stop()`), and the log is closed;
    /// rethrows what made it stop when that was a failure.
    public func waitUntilStopped() async throws {
        try await running?.value
    }

    /// Stops accepting requests, lets the ones in flight finish, and closes the log.
    public func stop() async {
        await group?.triggerGracefulShutdown()
        _ = try? await running?.value
        group = nil
        running = nil
    }
}
