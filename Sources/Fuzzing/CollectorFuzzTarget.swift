import CaptureLog
import Collector
import Foundation
import Hummingbird
import HummingbirdTesting
import TrackingModel

/// The collector's HTTP endpoints, through the in-process router: each input is posted as a body
/// to an endpoint (picked by the input's length), with a content type picked the same way. No
/// answer may be a 5xx, and after the run the collector still takes a valid event.
enum CollectorFuzzTarget {
    static let paths = ["/events?tc_s=1", "/events/batch?tc_s=1", "/v2/1/events", "/v2/1/products/bulk",
                        "/engage/user/?site=1&user_id=42", "/_trackscope/events?q=event:purchase", "/nowhere"]
    static let contentTypes = ["application/json", "text/plain", "application/x-ndjson", "application/json; charset=utf-8"]

    static let endpoints = FuzzTarget(name: "http-endpoints", seeds: FuzzSeeds.payloads + FuzzSeeds.logLines) { feed in
        let core = CollectorCore(configuration: CollectorConfiguration(port: 0), log: MemoryCollectorLog())
        let app = CollectorServer(core: core).makeApplication()
        var failures: [FuzzFailure] = []
        do {
            failures = try await app.test(.router) { client in
                var failures: [FuzzFailure] = []
                var count = 0
                while let input = feed.next() {
                    count += 1
                    let path = paths[input.count % paths.count]
                    let method: HTTPRequest.Method = path.hasPrefix("/engage") ? (count % 2 == 0 ? .put : .get) : .post
                    let headers: HTTPFields = [.contentType: contentTypes[(input.count / 7) % contentTypes.count]]
                    let status = try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(bytes: input)) { $0.status.code }
                    if status >= 500 { failures.append(FuzzFailure(input: input, message: "\(method) \(path) answered \(status)")) }
                }
                let event = Array(#"{"event_name":"page_view","page_type":"home"}"#.utf8)
                let after = try await client.execute(uri: "/events?tc_s=1", method: .post, headers: [.contentType: "application/json"],
                                                     body: ByteBuffer(bytes: event)) { $0.status.code }
                if after != 200 { failures.append(FuzzFailure(input: event, message: "a valid event after the run answered \(after)")) }
                return failures
            }
        } catch {
            failures.append(FuzzFailure(input: [], message: "the in-process router failed: \(error)"))
        }
        return failures
    }
}
