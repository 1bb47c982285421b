import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// The inspector enriches what it shows from what the embedded collector learnt: the Product API's
/// catalogue beside an event's items, and the device read from its user agent.
@Suite(.serialized) struct InspectorCatalogueEndToEndTests {
    let log = TestFolder.make("cat").appendingPathComponent("capture.jsonl")

    @Test func anItemShowsItsCatalogueProductAndTheDeviceItsUserAgent() async throws {
        let session = try TmuxSession(
            command: "'\(TrackscopeProcess.binaryURL.path)' ui --log '\(log.path)' --port 0" + TmuxSession.exitMarker,
            width: 120, height: 40, environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8"]
        )
        let header = try await session.waitFor("collecting on http://127.0.0.1:")[0]
        let port = try #require(header.split(separator: ":").last.flatMap { Int($0) }, "no port in the header: \(header)")

        let products = #"{"id":"p-1","name":"Mug (blue)","price":16.5,"currency":"EUR"}"# + "\n"
        #expect(try await Self.post(products, path: "/v2/1234/products/bulk", port: port, contentType: "application/x-ndjson") == 202)
        let event = #"{"event_name":"purchase","context":{"event_id":"e-1","device":{"user_agent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"}},"id":"o-1","value":16.5,"currency":"EUR","items":[{"id":"i-1","quantity":1,"product":{"id":"p-1","name":"Mug","price":16.5}}]}"#
        #expect(try await Self.post(event, path: "/v2/1234/events", port: port, contentType: "application/json") == 200)

        try await session.waitForScreen("both records listed") { $0.first?.contains("2 records — following") == true }
        try session.send("G", "Enter")
        try await session.waitFor("[1 Tree]")
        try session.send("*")
        let screen = try await session.waitFor("catalogue: Mug (blue), 16.5 EUR")
        #expect(screen.contains { $0.contains("▾ [0]  Mug  catalogue: Mug (blue), 16.5 EUR") })
        #expect(screen.contains { $0.contains("▾ Device  Safari 17 on iOS 17.1, mobile") })
        try session.send("q", "q")
        #expect(try await session.waitForExitMarker() == 0)
    }

    /// Posts `body` to `path` on loopback with a source key; returns the status.
    static func post(_ body: String, path: String, port: Int, contentType: String) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer test-source-key", forHTTPHeaderField: "Authorization")
        request.httpBody = Data(body.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? -1
    }
}
