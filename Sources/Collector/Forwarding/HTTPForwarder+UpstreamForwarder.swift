import Sender

/// Sender's `HTTPForwarder` is the collector's `--forward`: the Collector adopts it here, so that
/// the Sender knows nothing of the Collector (the dependency goes one way, Collector to Sender).
extension HTTPForwarder: UpstreamForwarder {
    /// Sends a request the collector received on to `baseURL`.
    public func forward(_ request: UpstreamRequest) async -> UpstreamExchange {
        await send(method: request.method, path: request.path, query: request.query,
                   headers: request.headers, body: request.body)
    }
}
