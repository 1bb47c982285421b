import Collector
import Sender

/// Wires the Sender's `HTTPForwarder` (AsyncHTTPClient) to the collector's `UpstreamForwarder`.
struct ForwarderAdapter: UpstreamForwarder {
    let forwarder: HTTPForwarder

    init(baseURL: String, sourceKey: String?) {
        forwarder = HTTPForwarder(baseURL: baseURL, sourceKey: sourceKey)
    }

    var targetDescription: String { forwarder.baseURL }

    func forward(_ request: UpstreamRequest) async -> UpstreamExchange {
        let exchange = await forwarder.send(method: request.method, path: request.path, query: request.query,
                                            headers: request.headers, body: request.body)
        return UpstreamExchange(url: exchange.url, path: exchange.path, query: exchange.query, headers: exchange.headers,
                                response: exchange.response, failure: exchange.failure)
    }

    func shutdown() async {
        await forwarder.shutdown()
    }
}
