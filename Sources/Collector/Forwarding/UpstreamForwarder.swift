/// Sends one request on to the real endpoint. The collector owns the queue, the retries and the
/// records; an implementation only performs one HTTP exchange. Sender's `HTTPForwarder` is the one
/// `--forward` uses: the Collector makes it one (`HTTPForwarder+UpstreamForwarder.swift`), because
/// the Collector may use the Sender and not the other way round (the Sender also serves `send` and
/// `replay`, which need no server); tests give fakes.
public protocol UpstreamForwarder: Sendable {
    /// Where requests go, for messages (`https://collect.commander1.com`).
    var targetDescription: String { get }
    /// Performs one exchange. Never throws: a transport failure is reported in the exchange.
    func forward(_ request: UpstreamRequest) async -> UpstreamExchange
    /// Releases connections; called once when the collector stops.
    func shutdown() async
}
