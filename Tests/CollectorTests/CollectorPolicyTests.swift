import CaptureLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrackingModel
@testable import Collector

/// Keys, --strict, CORS and the response headers.
@Suite struct CollectorPolicyTests {
    typealias Support = CollectorTestSupport

    static func configuration(strict: Bool = false, keys: [String] = ["good-key", "9=site-nine-key"]) -> CollectorConfiguration {
        CollectorConfiguration(port: 0, strict: strict, sourceKeys: SourceKeys(arguments: keys))
    }

    @Test func sourceKeysParseGlobalAndPerSite() {
        let keys = SourceKeys(arguments: ["k1", "42=k2"])
        #expect(keys.accepts(key: "k1", siteId: "1"))
        #expect(keys.accepts(key: "k2", siteId: "42"))
        #expect(!keys.accepts(key: "k2", siteId: "43"))
        #expect(keys.check(key: nil, siteId: "1")?.code == "missing-source-key")
        #expect(keys.check(key: "nope", siteId: "1")?.code == "unknown-source-key")
        #expect(keys.check(key: "nope", siteId: "1")?.message.contains("nope") == false)
        #expect(SourceKeys().check(key: nil, siteId: nil) == nil)
    }

    @Test func keysAreFindingsWithoutStrict() async throws {
        let log = MemoryCollectorLog()
        let body = ByteBuffer(bytes: try Support.fixture("v2-search.json"))
        try await Support.withCollector(Self.configuration(), log: log) { client, _ in
            for uri in ["/events?tc_s=1", "/events?tc_s=1&token=bad-key", "/events?tc_s=1&token=good-key", "/events?tc_s=9&token=site-nine-key", "/events?tc_s=8&token=site-nine-key"] {
                try await client.execute(uri: uri, method: .post, headers: Support.json, body: body) { response in
                    #expect(response.status == .ok)
                }
            }
            let bearer = Support.headers([("Content-Type", "application/json"), ("Authorization", "Bearer good-key")])
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: bearer, body: body) { response in
                #expect(response.status == .ok)
            }
        }
        let codes = try await Support.records(log).map { record in
            record.findings.first { $0.code.hasSuffix("source-key") }?.code
        }
        #expect(codes == ["missing-source-key", "unknown-source-key", nil, nil, "unknown-source-key", nil])
    }

    /// A site or key given twice, differently, is a warning naming what was read; keys appear as
    /// fingerprints only. The same value twice, or a token equal to the Bearer key, is no finding.
    @Test func repeatedParametersAndConflictingKeysAreFindings() async throws {
        let log = MemoryCollectorLog()
        let body = ByteBuffer(bytes: try Support.fixture("v2-search.json"))
        let bearer = Support.headers([("Content-Type", "application/json"), ("Authorization", "Bearer header-key")])
        try await Support.withCollector(log: log) { client, _ in
            for (uri, headers) in [
                ("/events?tc_s=12&tc_s=13", Support.json),
                ("/events?tc_s=12&tc_s=12", Support.json),
                ("/events/batch?tc_s=12&token=first-key&token=second-key", Support.json),
                ("/events?tc_s=12&token=query-key", bearer),
                ("/events?tc_s=12&token=header-key", bearer),
                ("/v2/12/events?tc_s=99", bearer),
                ("/engage/user/?site=12&site=13&user_id=u1&token=t", Support.json),
            ] {
                try await client.execute(uri: uri, method: uri.hasPrefix("/engage") ? .get : .post, headers: headers,
                                         body: uri.contains("batch") ? ByteBuffer(string: #"{"batch":[{"event_name":"a"}]}"#) : body) { response in
                    #expect(response.status == (uri.hasPrefix("/engage") ? .notFound : .ok))
                }
            }
        }
        let records = try await Support.records(log)
        let addressing = records.map { record in
            record.findings.filter { ["repeated-parameter", "conflicting-source-keys"].contains($0.code) }
        }
        #expect(addressing.map { $0.map(\.code) } == [
            ["repeated-parameter"], [], ["repeated-parameter"], ["conflicting-source-keys"], [], [], ["repeated-parameter"],
        ])
        #expect(addressing[0].first?.message.contains(#"tc_s 2 different values ("12", "13"); trackscope read the first"#) == true)
        #expect(records[0].siteId == "12")
        #expect(addressing[2].first?.message.contains(SecretFingerprint.fingerprint("first-key")) == true)
        #expect(addressing[3].first?.message.contains(SecretFingerprint.fingerprint("header-key")) == true)
        #expect(addressing[6].first?.message.contains("site 2 different values") == true)
        // No key in clear, anywhere in a finding.
        for key in ["first-key", "second-key", "query-key", "header-key"] {
            #expect(!records.flatMap(\.findings).contains { $0.message.contains(key) || ($0.hint ?? "").contains(key) })
        }
    }

    @Test func strictAnswers401ForKeysAnd400ForErrorFindings() async throws {
        let log = MemoryCollectorLog()
        let search = ByteBuffer(bytes: try Support.fixture("v2-search.json"))
        try await Support.withCollector(Self.configuration(strict: true), log: log) { client, _ in
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: Support.json, body: search) { response in
                #expect(response.status == .unauthorized)
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON["error"] == "missing-source-key")
            }
            try await client.execute(uri: "/events?tc_s=1&token=wrong", method: .post, headers: Support.json, body: search) { response in
                #expect(response.status == .unauthorized)
                let answerJSON = try Support.json(response.body)
                #expect(answerJSON["error"] == "unknown-source-key")
            }
            // No tc_s: an error finding, so --strict refuses it.
            try await client.execute(uri: "/events?token=good-key", method: .post, headers: Support.json, body: search) { response in
                #expect(response.status == .badRequest)
                let answer = try Support.json(response.body)
                #expect(answer["error"] == "invalid-event")
                #expect(answer["findings"]?.arrayValue?.contains { $0["code"] == "missing-site-id" } == true)
            }
        }
        let records = try await Support.records(log)
        #expect(records.map { $0.response?.status } == [401, 401, 400])
    }

    @Test func corsPreflightIsAnsweredAndAnswersAllowTheOrigin() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            let preflight = Support.headers([
                ("Origin", "http://localhost:3000"),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type, authorization"),
            ])
            try await client.execute(uri: "/events?tc_s=1", method: .options, headers: preflight) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[HTTPField.Name("Access-Control-Allow-Origin")!] == "http://localhost:3000")
                #expect(response.headers[HTTPField.Name("Access-Control-Allow-Methods")!]?.contains("POST") == true)
                #expect(response.headers[HTTPField.Name("Access-Control-Allow-Headers")!] == "content-type, authorization")
            }
            let post = Support.headers([("Origin", "http://localhost:3000"), ("Content-Type", "application/json")])
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: post, body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("Access-Control-Allow-Origin")!] == "http://localhost:3000")
                #expect(response.headers[HTTPField.Name("Access-Control-Expose-Headers")!]?.contains("X-Trackscope-Seq") == true)
            }
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: Support.json, body: ByteBuffer(string: "{}")) { response in
                #expect(response.headers[HTTPField.Name("Access-Control-Allow-Origin")!] == "*")
            }
        }
        // The preflight is not recorded; the two posts are.
        #expect(try await Support.records(log).count == 2)
    }

    /// Origin and Content-Type are read in the one pass over the request's fields, as the
    /// HTTPFields subscript reads them: a repeated field's values joined by ", ".
    @Test func repeatedOriginAndContentTypeAreReadJoined() async throws {
        let log = MemoryCollectorLog()
        try await Support.withCollector(log: log) { client, _ in
            let headers = Support.headers([
                ("Origin", "http://a.test"), ("Content-Type", "application/json"),
                ("Origin", "http://b.test"), ("Content-Type", "text/plain"),
            ])
            #expect(headers[.origin] == "http://a.test, http://b.test")
            try await client.execute(uri: "/events?tc_s=1", method: .post, headers: headers,
                                     body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[HTTPField.Name("Access-Control-Allow-Origin")!] == "http://a.test, http://b.test")
            }
        }
        let record = try #require(try await Support.records(log).first)
        let finding = try #require(record.findings.first { $0.code == CollectorFindingCode.wrongContentType })
        #expect(finding.message.hasPrefix("Content-Type is application/json, text/plain;"))
    }

    @Test func findingsHeaderCountsBySeverity() async throws {
        try await Support.withCollector(log: MemoryCollectorLog()) { client, _ in
            let headers = Support.headers([("Content-Type", "text/plain")])
            try await client.execute(uri: "/events", method: .post, headers: headers, body: ByteBuffer(bytes: try Support.fixture("v2-search.json"))) { response in
                let value = try #require(response.headers[HTTPField.Name("X-Trackscope-Findings")!])
                let parts = Dictionary(uniqueKeysWithValues: value.split(separator: ";").map { part -> (String, Int) in
                    let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=")
                    return (String(pair[0]), Int(pair[1]) ?? -1)
                })
                #expect(Set(parts.keys) == ["errors", "warnings", "info"])
                #expect((parts["errors"] ?? 0) >= 1) // missing tc_s
                #expect((parts["warnings"] ?? 0) >= 1) // text/plain
            }
        }
    }

    @Test func sequenceTextShowsRangesAndLists() {
        #expect(CollectorCore.sequenceText([5]) == "5")
        #expect(CollectorCore.sequenceText([5, 6, 7]) == "5-7")
        #expect(CollectorCore.sequenceText([5, 7, 8]) == "5,7,8")
    }

    @Test func endpointsAreRecognised() {
        #expect(CollectorEndpoint.match(path: "/v2/123/events") == .legacyEvent(siteId: "123"))
        #expect(CollectorEndpoint.match(path: "/events") == .event)
        #expect(CollectorEndpoint.match(path: "/events/batch") == .batch)
        #expect(CollectorEndpoint.match(path: "/engage/user/") == .user)
        #expect(CollectorEndpoint.match(path: "/engage/user") == .user)
        #expect(CollectorEndpoint.match(path: "/v2/9/products/bulk") == .productBulk(siteId: "9"))
        #expect(CollectorEndpoint.match(path: "/v2/12%33/events") == .legacyEvent(siteId: "123"))
        #expect(CollectorEndpoint.match(path: "/v2/my%20site/products/bulk") == .productBulk(siteId: "my site"))
        #expect(CollectorEndpoint.match(path: "/v2/50%25off/events") == .legacyEvent(siteId: "50%off"))
        #expect(CollectorEndpoint.match(path: "/v2/bad%zzid/events") == .legacyEvent(siteId: "bad%zzid"))
        #expect(CollectorEndpoint.match(path: "/_trackscope/stats") == .inspection(name: "stats"))
        #expect(CollectorEndpoint.match(path: "/v3/9/events") == .unknown)
    }

    /// ASCII paths are split on their bytes, others on their characters: for every path the
    /// endpoint is the one the character split gives.
    @Test(arguments: [
        "/v2/123/events", "//v2//123//events//", "/events", "events", "/events/", "/events/batch", "/events/batch/x",
        "/engage/user", "/engage/user/", "/v2/9/products/bulk", "/v2/9/conversions/bulk", "/v2/a%2Fb/events",
        "/_trackscope", "/_trackscope/", "/_trackscope/stats", "/_trackscope/records/7", "/", "", "///",
        "/v2/caf\u{E9}/events", "/v2/12/\u{301}/events", "/\u{301}events", "/v2/\u{1F600}/products/bulk",
    ])
    func endpointsOfAnyPathAreThoseOfTheCharacterSplit(path: String) {
        #expect(CollectorEndpoint.match(path: path) == Self.matchByCharacters(path))
    }

    /// The endpoint of `path` as read before the byte split: segments split on characters.
    static func matchByCharacters(_ path: String) -> CollectorEndpoint {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if path.hasPrefix("/_trackscope/") || path == "/_trackscope" {
            return .inspection(name: parts.count > 1 ? String(parts[1]) : "")
        }
        switch parts.count {
        case 1 where parts[0] == "events": return .event
        case 2 where parts[0] == "events" && parts[1] == "batch": return .batch
        case 2 where parts[0] == "engage" && parts[1] == "user": return .user
        case 3 where parts[0] == "v2" && parts[2] == "events": return .legacyEvent(siteId: PercentDecoding.pathSegment(parts[1]))
        case 4 where parts[0] == "v2" && parts[2] == "products" && parts[3] == "bulk":
            return .productBulk(siteId: PercentDecoding.pathSegment(parts[1]))
        case 4 where parts[0] == "v2" && parts[2] == "conversions" && parts[3] == "bulk":
            return .conversionBulk(siteId: PercentDecoding.pathSegment(parts[1]))
        default: return .unknown
        }
    }

    /// The 200 of the event endpoints, written straight to bytes, is the text its JSON value prints.
    @Test(arguments: [(1, 0, 1, 2), (0, 0, 0, 0), (12, 3, 10, 12), (500, 1234, 0, 99_999)])
    func theAcceptedAnswerIsItsJSONValuePrinted(events: Int, errors: Int, warnings: Int, info: Int) {
        var summary = FindingSummary()
        summary.errors = errors
        summary.warnings = warnings
        summary.info = info
        let value = JSONValue.compactObject([
            ("status", "ok"),
            ("events", JSONValue.integer(events)),
            ("findings", JSONValue.compactObject([
                ("errors", JSONValue.integer(errors)), ("warnings", JSONValue.integer(warnings)), ("info", JSONValue.integer(info)),
            ])),
        ])
        let answer = CollectorAnswer.accepted(events: events, summary: summary)
        #expect(answer.status == 200)
        #expect(answer.contentType == "application/json")
        #expect(answer.body == JSONPrinter.compactBytes(value))
    }

    /// The X-Trackscope-Findings value, written straight into a string, reads as the counts.
    @Test(arguments: [(0, 0, 0, "errors=0; warnings=0; info=0"), (0, 1, 2, "errors=0; warnings=1; info=2"),
                      (12, 3, 10, "errors=12; warnings=3; info=10"),
                      (Int.max, Int.min, 99_999, "errors=9223372036854775807; warnings=-9223372036854775808; info=99999")])
    func theFindingsHeaderNamesEachCount(errors: Int, warnings: Int, info: Int, expected: String) {
        var summary = FindingSummary()
        summary.errors = errors
        summary.warnings = warnings
        summary.info = info
        #expect(summary.headerValue == expected)
    }
}
