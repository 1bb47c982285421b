import TrackingModel
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The collector as a Hummingbird application. Programs run it through `CollectorRunner` (the one
/// way to run and stop it, for `trackscope collect` and the terminal UI); tests drive
/// `makeApplication()` with HummingbirdTesting. Build the core and `rebuildFromLog()` first.
public struct CollectorServer: Sendable {
    public let core: CollectorCore

    public init(core: CollectorCore) {
        self.core = core
    }

    /// The application. `onListening` is called with the bound port once the server listens.
    public func makeApplication(onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        -> Application<CollectorResponder> {
        let core = self.core
        let counter = ConnectionCounter(limit: core.configuration.maximumConnections)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [
                ConnectionGuardHandler(counter: counter, connections: core.connections,
                                       requestTimeout: TimeAmount(core.configuration.requestTimeout)) { problem, remote in
                    await core.recordMalformed(problem, remote: remote)
                },
            ],
            idleTimeout: TimeAmount(core.configuration.idleTimeout),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: RequestLimits.headerBytes,
                                            maxHeaderListSize: RequestLimits.headerBytes)
        )
        return Application(
            responder: CollectorResponder(core: core),
            server: .http1(configuration: http1),
            configuration: ApplicationConfiguration(
                address: .hostname(core.configuration.host, port: core.configuration.port),
                serverName: "trackscope"
            ),
            services: [CollectorService(core: core)],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                if port > 0 { core.listeningPort.store(port, ordering: .relaxed) }
                await onListening(port)
            },
            logger: core.logger
        )
    }
}

/// Runs beside the server: the forwarding workers while serving; on shutdown (after the server
/// has answered its last request) drains the forwarding queue for a while, then closes the log.
struct CollectorService: Service {
    let core: CollectorCore

    func run() async throws {
        if let forwarding = core.forwarding {
            let workers = Task { await forwarding.run() }
            try? await gracefulShutdown()
            await forwarding.close()
            let drain = core.configuration.forwarding?.drainTimeout ?? .seconds(5)
            let drained = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    await workers.value
                    return true
                }
                group.addTask {
                    try? await Task.sleep(for: drain)
                    workers.cancel()
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            if !drained { await forwarding.abandonRemaining() }
        } else {
            try? await gracefulShutdown()
        }
        await core.forwarder?.shutdown()
        try await core.log.close()
    }
}
