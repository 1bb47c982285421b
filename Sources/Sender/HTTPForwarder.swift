import AsyncHTTPClient
import CaptureLog
import Foundation
import NIOCore
import NIOHTTP1
import TrackingModel

/// Sends one request to a real endpoint with AsyncHTTPClient, one exchange at a time: what
/// `trackscope collect --forward` uses (the Collector adopts it as its `UpstreamForwarder`, and
/// owns the queue, the retries and the records).
///
/// The upstream key, when given, replaces the client's: in the `token` query parameter when the
/// request used one, otherwise in `Authorization: Bearer`. Without a key the client's own goes on.
public struct HTTPForwarder: Sendable {
    /// The base URL requests go to: the received path and query are appended to it.
    public let baseURL: String
    private let sourceKey: String?
    private let timeout: Duration
    private let maximumResponseBytes: Int
    private let client: HTTPClient

    /// - Parameters:
    ///   - baseURL: `https://collect.commander1.com` (a trailing `/` is dropped).
    ///   - sourceKey: the upstream key (from `--forward-key-env`), or nil to pass the client's on.
    ///   - timeout: how long one exchange may take in all.
    public init(baseURL: String, sourceKey: String?, timeout: Duration = .seconds(10),
                maximumResponseBytes: Int = 1 << 20, client: HTTPClient = .shared) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.sourceKey = sourceKey.flatMap { $0.isEmpty ? nil : $0 }
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
        self.client = client
    }

    /// Sends one request and waits for the whole answer. Never throws.
    public func send(method: String, path: String, query: String, headers: [CaptureRecord.HeaderField],
                     body: [UInt8]) async -> SentExchange {
        let (sentQuery, sentHeaders) = Self.applyKey(sourceKey, query: query, headers: headers)
        let url = baseURL + path + (sentQuery.isEmpty ? "" : "?" + sentQuery)
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for header in sentHeaders { request.headers.add(name: header.name, value: header.value) }
        if !body.isEmpty || method == "POST" || method == "PUT" {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let start = ContinuousClock.now
        do {
            let response = try await client.execute(request, timeout: TimeAmount(timeout))
            let bytes = try await response.body.collect(upTo: maximumResponseBytes)
            let elapsed = ContinuousClock.now - start
            let latency = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            let answer = CaptureRecord.Response(
                status: Int(response.status.code),
                headers: response.headers.map { CaptureRecord.HeaderField(name: $0.name, value: $0.value) },
                body: Array(bytes.readableBytesView),
                latencyMilliseconds: latency
            )
            return SentExchange(url: url, path: path, query: sentQuery, headers: sentHeaders, response: answer, failure: nil)
        } catch {
            return SentExchange(url: url, path: path, query: sentQuery, headers: sentHeaders, response: nil, failure: String(describing: error))
        }
    }

    /// Where requests go, for messages.
    public var targetDescription: String { baseURL }

    /// The query and headers with `key` put where the client's key was (nothing changes without a key).
    public static func applyKey(_ key: String?, query: String, headers: [CaptureRecord.HeaderField])
        -> (query: String, headers: [CaptureRecord.HeaderField]) {
        guard let key else { return (query, headers) }
        var parts = query.isEmpty ? [] : query.split(separator: "&", omittingEmptySubsequences: false).map(String.init)
        var replaced = false
        for index in parts.indices where parts[index] == "token" || parts[index].hasPrefix("token=") {
            let encoded = key.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? key
            parts[index] = "token=" + encoded
            replaced = true
        }
        if replaced { return (parts.joined(separator: "&"), headers) }
        var fields = headers.filter { !$0.name.equalsIgnoringASCIICase("authorization") }
        fields.append(CaptureRecord.HeaderField(name: "Authorization", value: "Bearer \(key)"))
        return (query, fields)
    }

    /// Nothing to release with the shared client; kept for a client owned by the forwarder.
    public func shutdown() async {}
}

extension CharacterSet {
    /// Characters left as they are in a query parameter's value.
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()
}
