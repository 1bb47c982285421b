import CaptureLog
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TrackingModel

/// What a hostile client sends: nesting 25 KB to 500 KB deep, opened and unclosed, objects and
/// arrays, to every endpoint. The collector answers each with a 400 (or the Product API's 207)
/// that says why, keeps serving, records every request; and everything that reads the log
/// afterwards (`log stats|show|filter|export`, the rebuild at start, the terminal UI) reads it.
@Suite(.serialized) struct HostileInputTests {
    typealias Collector = CollectCommandTests.RunningCollector

    struct Attack {
        let size: Int
        let opener: String
        let closed: Bool

        var body: Data {
            let closer = opener == "[" ? "]" : "}"
            let depth = closed ? size / (opener.utf8.count + closer.utf8.count) : size / opener.utf8.count
            var text = String(repeating: opener, count: depth)
            if closed { text += "1" + String(repeating: closer, count: depth) }
            return Data(text.utf8)
        }

        var name: String { "\(size / 1000) KB of \(opener) \(closed ? "closed" : "unclosed")" }
    }

    static let attacks: [Attack] = [25_000, 100_000, 250_000, 500_000].flatMap { size in
        ["[", #"{"a":"#].flatMap { opener in [false, true].map { Attack(size: size, opener: opener, closed: $0) } }
    }

    /// Each endpoint, how it is called, and the body size above which it answers "too large".
    static let endpoints: [(method: String, path: String, contentType: String, limit: Int)] = [
        ("POST", "/v2/42/events", "application/json", RequestLimits.requestBytes),
        ("POST", "/events?tc_s=42", "application/json", RequestLimits.requestBytes),
        ("POST", "/events/batch?tc_s=42", "application/json", RequestLimits.batchBytes),
        ("PUT", "/engage/user/?site=42&user_id=7", "application/json", RequestLimits.requestBytes),
        ("POST", "/v2/42/products/bulk", "application/x-ndjson", 5 << 20),
    ]

    static func send(_ method: String, _ url: String, body: Data, contentType: String) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
    }

    @Test func deepNestingToEveryEndpointIsRefusedRecordedAndReadBack() async throws {
        let collector = try Collector()
        let base = "http://127.0.0.1:\(try await collector.port())"
        var sent = 0
        for endpoint in Self.endpoints {
            for attack in Self.attacks {
                let body = attack.body
                let (status, answer) = try await Self.send(endpoint.method, base + endpoint.path, body: body, contentType: endpoint.contentType)
                sent += 1
                let what = "\(endpoint.method) \(endpoint.path) with \(attack.name)"
                let reason = body.count > endpoint.limit ? "too-large" : "too-deep"
                #expect(status == (endpoint.path.contains("products") && reason == "too-deep" ? 207 : 400), "\(what): \(status)")
                #expect(answer.contains(reason), "\(what): \(answer.prefix(300))")
            }
        }
        // Still serving, and every request is in the log.
        let event = Data(#"{"event_name":"page_view","page_type":"home","user":{"consent_categories":["1"]}}"#.utf8)
        let (status, _) = try await Self.send("POST", base + "/events?tc_s=42", body: event, contentType: "application/json")
        #expect(status == 200)
        #expect(try await collector.stop() == 0)
        let log = collector.log.path
        let stats = try await TrackscopeProcess.run(["log", "stats", "--log", log])
        #expect(stats.status == 0, "\(stats.standardError)")
        #expect(stats.standardOutput.contains("records:   \(sent + 1)"), "\(stats.standardOutput)")

        let filtered = try await TrackscopeProcess.run(["log", "filter", "status:400", "--log", log])
        #expect(filtered.status == 0, "\(filtered.standardError)")
        #expect(filtered.standardOutput.split(separator: "\n").count == sent - Self.attacks.count, "every request but the Product API's 207s")

        for sequence in [1, sent / 2, sent] {
            let show = try await TrackscopeProcess.run(["log", "show", "\(sequence)", "--log", log])
            #expect(show.status == 0, "log show \(sequence): \(show.standardError)")
        }
        for format in ["curl", "har", "events"] {
            let export = try await TrackscopeProcess.run(["log", "export", "--format", format, "--log", log])
            #expect(export.status == 0, "log export --format \(format): \(export.standardError)")
        }

        // The rebuild at start reads the whole log and counts every record.
        let again = try Collector(arguments: [], reusing: collector.log)
        let port = try await again.port()
        var health: JSONValue = .null
        for _ in 0..<200 {
            let (body, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/_trackscope/health")!)
            health = try JSONParser.parseValue(Array(body))
            if health["rebuilding"] == false { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(health["rebuildFailure"] == .null)
        #expect(health["records"]?.numberValue?.int64Value == Int64(sent + 1), "\(JSONPrinter.compact(health))")
        #expect(try await again.stop() == 0)

        // The terminal UI opens the log and a hostile record in it.
        let session = try TmuxSession(
            command: "'\(TrackscopeProcess.binaryURL.path)' ui --no-collect --log '\(log)'" + TmuxSession.exitMarker,
            width: 120, height: 30, environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8"])
        _ = try await session.waitFor("\(sent + 1) records")
        try session.send("g", "Enter")
        _ = try await session.waitFor("too-deep")
        try session.send("q", "q")
        #expect(try await session.waitForExitMarker() == 0)
    }
}
