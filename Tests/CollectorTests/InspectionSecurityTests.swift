import CaptureLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrackingModel
@testable import Collector

/// The inspection API is the user's own: attacks from a web page in the user's browser (a foreign
/// `Origin`, a cross-origin reset, DNS rebinding) and from the network (beyond loopback, without
/// the token) are refused; the tracking endpoints stay open to pages under development.
@Suite struct InspectionSecurityTests {
    typealias Support = CollectorTestSupport

    static let allowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
    static let allowCredentials = HTTPField.Name("Access-Control-Allow-Credentials")!
    static let allowMethods = HTTPField.Name("Access-Control-Allow-Methods")!
    static let evil = "https://evil.example"

    /// A collector on 127.0.0.1:8080 (router tests do not listen: the port is the configured one).
    static let loopback = CollectorConfiguration(host: "127.0.0.1", port: 8080)

    /// Posts one event, so that the log has something to read or lose.
    static func postEvent(_ client: any TestClientProtocol) async throws {
        try await client.execute(uri: "/events?tc_s=1", method: .post, headers: Support.json,
                                 body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
            #expect(response.status == .ok)
        }
    }

    static func hasNoCORS(_ response: TestResponse) -> Bool {
        response.headers.allSatisfy { !$0.name.canonicalName.hasPrefix("access-control-") }
    }

    @Test func aForeignOriginGetsNoCORSHeaderAndA403() async throws {
        try await Support.withCollector(Self.loopback, log: MemoryCollectorLog()) { client, _ in
            try await Self.postEvent(client)
            for path in ["/_trackscope/events", "/_trackscope/stats", "/_trackscope/health"] {
                try await client.execute(uri: path, method: .get, headers: Support.headers([("Origin", Self.evil)])) { response in
                    #expect(response.status == .forbidden, "\(path)")
                    #expect(Self.hasNoCORS(response), "\(path)")
                    let answer = try Support.json(response.body)
                    #expect(answer["error"] == "foreign-origin")
                    #expect(answer["records"] == nil)
                }
            }
            // Another port of this machine is another origin too (a dev server on :3000).
            try await client.execute(uri: "/_trackscope/events", method: .get,
                                     headers: Support.headers([("Origin", "http://localhost:3000")])) { response in
                #expect(response.status == .forbidden)
                #expect(Self.hasNoCORS(response))
            }
            try await client.execute(uri: "/_trackscope/events", method: .get,
                                     headers: Support.headers([("Origin", "null")])) { response in
                #expect(response.status == .forbidden)
            }
            // Its own origins may; still without CORS headers.
            for origin in ["http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080"] {
                try await client.execute(uri: "/_trackscope/events", method: .get, headers: Support.headers([("Origin", origin)])) { response in
                    #expect(response.status == .ok, "\(origin)")
                    #expect(Self.hasNoCORS(response), "\(origin)")
                }
            }
            // Without an Origin (curl, scripts): answered, no CORS headers.
            try await client.execute(uri: "/_trackscope/events", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.hasNoCORS(response))
                let answer = try Support.json(response.body)
                #expect(answer["count"] == 1)
            }
        }
    }

    @Test func aPreflightToTheInspectionAPIGetsNoCORSAllowance() async throws {
        try await Support.withCollector(Self.loopback, log: MemoryCollectorLog()) { client, _ in
            let preflight = Support.headers([
                ("Origin", Self.evil),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ])
            for path in ["/_trackscope/reset", "/_trackscope/events"] {
                try await client.execute(uri: path, method: .options, headers: preflight) { response in
                    #expect(response.status == .forbidden, "\(path)")
                    #expect(Self.hasNoCORS(response), "\(path)")
                }
            }
            try await client.execute(uri: "/_trackscope/reset", method: .options) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(Self.hasNoCORS(response))
            }
        }
    }

    @Test func aCrossOriginResetChangesNothing() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(Self.loopback, log: log) { client, core in
            try await Self.postEvent(client)
            // A form or fetch in no-cors mode: text/plain needs no preflight.
            let simple = Support.headers([("Origin", Self.evil), ("Content-Type", "text/plain")])
            try await client.execute(uri: "/_trackscope/reset", method: .post, headers: simple, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .forbidden)
                #expect(Self.hasNoCORS(response))
                let answer = try Support.json(response.body)
                #expect(answer["error"] == "foreign-origin")
            }
            // Browsers that say where a request comes from, without an Origin.
            for site in ["cross-site", "same-site"] {
                try await client.execute(uri: "/_trackscope/reset", method: .post,
                                         headers: Support.headers([("Sec-Fetch-Site", site), ("Content-Type", "text/plain")])) { response in
                    #expect(response.status == .forbidden, "\(site)")
                    let answer = try Support.json(response.body)
                    #expect(answer["error"] == "cross-site-request")
                }
            }
            // A link or an image: GET never resets.
            try await client.execute(uri: "/_trackscope/reset", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
            }
            #expect(core.stats.records == 1)
        }
        #expect(await log.records.count == 1)
        #expect(await log.archived.isEmpty)
    }

    @Test func theUsersOwnResetStillWorks() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(Self.loopback, log: log) { client, _ in
            try await Self.postEvent(client)
            // curl, and the user typing the address (Sec-Fetch-Site: none).
            try await client.execute(uri: "/_trackscope/reset", method: .post,
                                     headers: Support.headers([("Sec-Fetch-Site", "none")])) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(await log.records.isEmpty)
        #expect(await log.archived.count == 1)
    }

    /// DNS rebinding: the attacker's name resolves to 127.0.0.1, the browser sends it in `Host`.
    @Test func aForeignHostIsRefused() async throws {
        try await Support.withCollector(setup: .live) { client, _ in
            let port = try #require(client.port)
            func status(host: String?) async throws -> String {
                let connection = try RawConnection(port: port)
                let hostLine = host.map { "Host: \($0)\r\n" } ?? ""
                connection.send("GET /_trackscope/stats HTTP/1.1\r\n\(hostLine)Connection: close\r\n\r\n")
                let (text, _) = await connection.receive()
                return String(text.prefix(12))
            }
            for host in ["attacker.example", "attacker.example:\(port)", "127.0.0.1.nip.io:\(port)", "localhost:\(port + 1)",
                         "localhost.:\(port)", "127.0.0.1:\(port)@evil"] {
                #expect(try await status(host: host) == "HTTP/1.1 421", "\(host)")
            }
            for host in ["127.0.0.1", "127.0.0.1:\(port)", "localhost:\(port)", "LocalHost", "[::1]:\(port)", "[::1]"] {
                #expect(try await status(host: host) == "HTTP/1.1 200", "\(host)")
            }
            // The tracking endpoints answer whatever the Host (an app may post through any name).
            let connection = try RawConnection(port: port)
            connection.send("POST /events?tc_s=1 HTTP/1.1\r\nHost: attacker.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
            #expect(await connection.receive().text.hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test func aForeignHostAnswerSaysWhy() async throws {
        try await Support.withCollector(setup: .live) { client, _ in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port)
            connection.send("GET /_trackscope/events HTTP/1.1\r\nHost: rebound.example:\(port)\r\nConnection: close\r\n\r\n")
            let (text, _) = await connection.receive()
            #expect(text.contains(#""error":"foreign-host""#))
            #expect(!text.lowercased().contains("access-control-"))
        }
    }

    @Test func beyondLoopbackTheInspectionAPIRequiresTheToken() async throws {
        // Router tests do not listen, so the configured address is only what the collector is told.
        let configuration = CollectorConfiguration(host: "0.0.0.0", port: 8080)
        try await Support.withCollector(configuration, log: MemoryCollectorLog()) { client, core in
            let token = try #require(core.inspectionToken)
            #expect(token.value.count == 32)
            try await Self.postEvent(client)
            try await client.execute(uri: "/_trackscope/events", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                let answer = try Support.json(response.body)
                #expect(answer["error"] == "inspection-token-required")
            }
            for wrong in ["Bearer nope", "Bearer " + String(token.value.dropLast()), "Basic " + token.value, token.value] {
                try await client.execute(uri: "/_trackscope/events", method: .get, headers: Support.headers([("Authorization", wrong)])) { response in
                    #expect(response.status == .unauthorized, "\(wrong)")
                }
            }
            try await client.execute(uri: "/_trackscope/reset", method: .post) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/_trackscope/events", method: .get,
                                     headers: Support.headers([("Authorization", "Bearer \(token.value)")])) { response in
                #expect(response.status == .ok)
                let answer = try Support.json(response.body)
                #expect(answer["count"] == 1)
            }
            try await client.execute(uri: "/_trackscope/stats", method: .get,
                                     headers: Support.headers([("Authorization", "bearer  \(token.value) ")])) { response in
                #expect(response.status == .ok)
            }
            // The tracking endpoints need no inspection token.
            try await Self.postEvent(client)
        }
    }

    @Test func aGivenTokenIsRequiredOnLoopbackToo() async throws {
        var configuration = Self.loopback
        configuration.inspectionToken = InspectionToken("from-the-environment")
        try await Support.withCollector(configuration, log: MemoryCollectorLog()) { client, core in
            #expect(core.inspectionToken?.value == "from-the-environment")
            try await client.execute(uri: "/_trackscope/health", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/_trackscope/health", method: .get,
                                     headers: Support.headers([("Authorization", "Bearer from-the-environment")])) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
    func onLoopbackNoTokenIsAsked(host: String) {
        let core = CollectorCore(configuration: CollectorConfiguration(host: host, port: 0), log: MemoryCollectorLog())
        #expect(core.inspectionToken == nil)
    }

    @Test(arguments: ["0.0.0.0", "::", "192.168.1.20", "devbox.lan"])
    func beyondLoopbackATokenIsGenerated(host: String) {
        let core = CollectorCore(configuration: CollectorConfiguration(host: host, port: 0), log: MemoryCollectorLog())
        #expect(core.inspectionToken != nil)
    }

    /// A page under development posts events and reads the answers, from any origin.
    @Test func theTrackingEndpointsKeepTheirCORS() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(Self.loopback, log: log) { client, _ in
            let preflight = Support.headers([
                ("Origin", Self.evil),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ])
            for path in ["/events?tc_s=1", "/events/batch?tc_s=1", "/v2/1/events", "/v2/1/products/bulk"] {
                try await client.execute(uri: path, method: .options, headers: preflight) { response in
                    #expect(response.status == .noContent, "\(path)")
                    #expect(response.headers[Self.allowOrigin] == Self.evil, "\(path)")
                    #expect(response.headers[Self.allowMethods]?.contains("POST") == true, "\(path)")
                }
            }
            let post = Support.headers([("Origin", Self.evil), ("Content-Type", "application/json")])
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: post,
                                     body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[Self.allowOrigin] == Self.evil)
                #expect(response.headers[HTTPField.Name("Access-Control-Expose-Headers")!]?.contains("X-Trackscope-Findings") == true)
            }
        }
        #expect(await log.records.count == 1)
    }

    /// The User API answers with the people it stores (personal data): a web page of another
    /// origin gets no allowance to call it or to read its answers.
    @Test func theUserAPIIsClosedToWebPages() async throws {
        try await Support.withCollector(Self.loopback) { client, _ in
            let json = Support.headers([("Content-Type", "application/json")])
            let person = ByteBuffer(bytes: Array(#"{"person":{"id":"7","email":"ada@example.com"}}"#.utf8))
            try await client.execute(uri: "/engage/user/?site=1&user_id=7", method: .put, headers: json, body: person) { response in
                #expect(response.status == .ok)
            }
            let preflight = Support.headers([("Origin", Self.evil), ("Access-Control-Request-Method", "GET")])
            try await client.execute(uri: "/engage/user/?site=1&user_id=7", method: .options, headers: preflight) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[Self.allowOrigin] == nil)
                #expect(response.headers[Self.allowMethods] == nil)
            }
            let read = Support.headers([("Origin", Self.evil)])
            try await client.execute(uri: "/engage/user/?site=1&user_id=7", method: .get, headers: read) { response in
                #expect(response.status == .ok)
                #expect(response.headers[Self.allowOrigin] == nil)
                #expect(response.headers[Self.allowCredentials] == nil)
            }
        }
    }
}
