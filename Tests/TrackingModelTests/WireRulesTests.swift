import Foundation
import SeededRandom
import Testing
import TrackingModel

/// The wire rules that the collector, the capture log's import and export and the UI share: one
/// home each (TrackingModel/Wire), so these tests are the only place they are pinned down.
@Suite struct WireRulesTests {
    // MARK: Percent-decoding and query strings

    @Test(arguments: [
        ("a+b", "a b"), ("a%2Bb", "a+b"), ("12%33", "123"), ("caf%C3%A9", "café"),
        ("100%", "100%"), ("bad%zz", "bad%zz"), ("%FF", "%FF"), ("", ""),
    ])
    func queryComponents(raw: String, decoded: String) {
        #expect(PercentDecoding.queryComponent(raw) == decoded)
    }

    @Test func pathSegmentsKeepPlus() {
        #expect(PercentDecoding.pathSegment("a+b") == "a+b")
        #expect(PercentDecoding.pathSegment("my%20site") == "my site")
        #expect(PercentDecoding.pathSegment("bad%zz") == "bad%zz")
    }

    /// `%` and `+` are looked for among the bytes rather than with Foundation's string search:
    /// every text decodes as it did with the string search.
    @Test(arguments: [
        "a+b", "a%2Bb", "12%33", "caf%C3%A9", "100%", "bad%zz", "%FF", "", "plain", "1234", "my%20site+x",
        "%\u{301}", "+\u{301}", "a%41%\u{301}", "caf\u{E9}%20", "\u{1F600}+%2B",
    ])
    func decodingLooksForMarkersAmongTheBytes(text: String) {
        let plus = text.contains("+") ? text.replacingOccurrences(of: "+", with: " ") : text
        let query = plus.contains("%") ? plus.removingPercentEncoding ?? plus : plus
        #expect(PercentDecoding.queryComponent(text) == query)
        #expect(PercentDecoding.queryComponent(Substring(text)) == query)
        let segment = text.contains("%") ? text.removingPercentEncoding ?? text : text
        #expect(PercentDecoding.pathSegment(text) == segment)
    }

    @Test func queryParametersKeepOrderAndRepeats() {
        let query = QueryParameters("tc_s=1&x=a+b&x=c%26d&flag&=v&&token=")
        #expect(query.pairs.map(\.name) == ["tc_s", "x", "x", "flag", "", "token"])
        #expect(query["x"] == "a b")
        #expect(query.values("x") == ["a b", "c&d"])
        #expect(query["flag"] == "")
        #expect(query.nonEmpty("token") == nil)
        #expect(query.raw == "tc_s=1&x=a+b&x=c%26d&flag&=v&&token=")
    }

    // MARK: Endpoints and site ids

    @Test func endpointsMatchExactly() {
        #expect(CollectorEndpoint.match(path: "/events") == .event)
        #expect(CollectorEndpoint.match(path: "/events/") == .event)
        #expect(CollectorEndpoint.match(path: "/events/batch") == .batch)
        #expect(CollectorEndpoint.match(path: "/engage/user/") == .user)
        #expect(CollectorEndpoint.match(path: "/v2/29/events") == .legacyEvent(siteId: "29"))
        #expect(CollectorEndpoint.match(path: "/v2/29/products/bulk") == .productBulk(siteId: "29"))
        #expect(CollectorEndpoint.match(path: "/v2/29/conversions/bulk") == .conversionBulk(siteId: "29"))
        // A suffix is not enough: these are not the tracking API.
        for path in ["/proxy/events", "/api/v2/29/events", "/x/events/batch", "/a/engage/user", "/eventsx", "/v2/29/other"] {
            #expect(CollectorEndpoint.match(path: path) == .unknown, "\(path)")
            #expect(!CollectorEndpoint.match(path: path).isTrackingEndpoint, "\(path)")
        }
        #expect(!CollectorEndpoint.match(path: "/_trackscope/events").isTrackingEndpoint)
    }

    /// The match reads an ASCII path's bytes without splitting it; on random paths it must agree
    /// with the plain rule: split on characters, empty segments omitted, then compare.
    @Test func byteMatchAgreesWithTheSplitOnCharacters() {
        func reference(_ path: String) -> CollectorEndpoint {
            let parts = path.split(separator: "/").map(String.init)
            if path.hasPrefix("/_trackscope/") || path == "/_trackscope" {
                return .inspection(name: parts.count > 1 ? parts[1] : "")
            }
            switch parts.count {
            case 1 where parts[0] == "events": return .event
            case 2 where parts == ["events", "batch"]: return .batch
            case 2 where parts == ["engage", "user"]: return .user
            case 3 where parts[0] == "v2" && parts[2] == "events": return .legacyEvent(siteId: PercentDecoding.pathSegment(parts[1]))
            case 4 where parts[0] == "v2" && parts[2...] == ["products", "bulk"]: return .productBulk(siteId: PercentDecoding.pathSegment(parts[1]))
            case 4 where parts[0] == "v2" && parts[2...] == ["conversions", "bulk"]: return .conversionBulk(siteId: PercentDecoding.pathSegment(parts[1]))
            default: return .unknown
            }
        }
        let pieces = ["", "/", "//", "events", "batch", "engage", "user", "v2", "29", "12%33", "products", "bulk",
                      "conversions", "_trackscope", "stats", "Events", "event", "é", "\u{301}", "v2x", "bulkk", "x"]
        var random = SeededRandom(seed: 14)
        var paths = ["", "/", "/events", "events", "/v2//29///events//", "/v2/29/events/x/y/z", "/\u{301}events", "/events\u{301}",
                     "/v2/caf\u{E9}/events", "/_trackscope", "/_trackscope/", "/_trackscope/stats/x"]
        for _ in 0..<4000 {
            var path = random.below(4) == 0 ? "" : "/"
            for _ in 0..<random.below(7) {
                path += pieces[random.below(pieces.count)]
                if random.below(3) > 0 { path += "/" }
            }
            paths.append(path)
        }
        for path in paths {
            #expect(CollectorEndpoint.match(path: path) == reference(path), "\(path.debugDescription)")
        }
    }

    @Test func eachEndpointAllowsItsMethodsOnly() {
        let expected: [(CollectorEndpoint, Set<String>)] = [
            (.legacyEvent(siteId: "1"), ["POST"]), (.event, ["POST"]), (.batch, ["POST"]), (.user, ["GET", "PUT", "DELETE"]),
            (.productBulk(siteId: "1"), ["POST"]), (.conversionBulk(siteId: "1"), ["POST"]), (.inspection(name: "reset"), ["POST"]),
            (.inspection(name: "stats"), ["GET"]), (.unknown, []),
        ]
        for (endpoint, methods) in expected {
            #expect(Set(endpoint.allowedMethods) == methods, "\(endpoint)")
            for method in ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "post", ""] {
                #expect(endpoint.allows(method: method) == methods.contains(method), "\(endpoint) \(method)")
            }
        }
    }

    @Test func siteIdIsReadWhereTheEndpointReadsIt() {
        func site(_ path: String, _ query: String) -> String? {
            CollectorEndpoint.match(path: path).siteId(query: QueryParameters(query))
        }
        #expect(site("/events", "tc_s=12%33&token=k") == "123")
        #expect(site("/events/batch", "tc_s=7") == "7")
        #expect(site("/engage/user/", "site=my+site&user_id=1") == "my site")
        #expect(site("/v2/12%33/events", "") == "123")
        #expect(site("/v2/a+b/events", "") == "a+b")
        // The real endpoint reads tc_s on event paths, not site; the User API reads site, not tc_s.
        #expect(site("/events", "site=9") == nil)
        #expect(site("/engage/user/", "tc_s=9") == nil)
        #expect(site("/events", "tc_s=") == nil)
        #expect(site("/v2/1/events", "tc_s=2") == "1")
        #expect(site("/unknown", "tc_s=2") == nil)
    }

    // MARK: Limits

    @Test func limitsAreInBinaryKilobytes() {
        #expect(RequestLimits.requestBytes == 32768)
        #expect(RequestLimits.batchBytes == 512000)
        #expect(RequestLimits.eventInBatchBytes == 32768)
        #expect(RequestLimits.headerBytes == 81920)
    }

    // MARK: ISO-8601 time

    @Test func isoTimeFormatsAndParses() {
        #expect(ISOTime.string(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(ISOTime.string(milliseconds: 1_764_180_000_123) == "2025-11-26T18:00:00.123Z")
        #expect(ISOTime.string(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
        var bytes = Array("t=".utf8)
        ISOTime.append(milliseconds: 1_764_180_000_123, to: &bytes)
        #expect(bytes == Array("t=2025-11-26T18:00:00.123Z".utf8))
        #expect(ISOTime.milliseconds(parsing: "2025-11-26T18:00:00.123Z") == 1_764_180_000_123)
        #expect(ISOTime.milliseconds(parsing: "2025-11-26T19:00:00.123+01:00") == 1_764_180_000_123)
        #expect(ISOTime.milliseconds(parsing: "2025-11-26T19:00:00.123+0100") == 1_764_180_000_123)
        #expect(ISOTime.milliseconds(parsing: "2025-11-26 18:00:00,123z") == 1_764_180_000_123)
        #expect(ISOTime.milliseconds(parsing: "2025-11-26T18:00") == 1_764_180_000_000)
        #expect(ISOTime.milliseconds(parsing: "2025-11-26") == 1_764_115_200_000)
        for text in ["yesterday", "", "2025-02-29", "2024-13-01", "2025-11-26T24:00", "2025-11-26T18:00:00.",
                     "2025-11-26T18:00:00Zjunk", "2025-11-26T18:00:00+25:00", "２０２５-11-26"] {
            #expect(ISOTime.milliseconds(parsing: text) == nil, "\(text)")
        }
        #expect(ISOTime.milliseconds(parsing: "2024-02-29") != nil)
    }

    @Test func isoTimeAgreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let milliseconds = Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &random)
            let text = ISOTime.string(milliseconds: milliseconds)
            let date = try #require(formatter.date(from: text), "\(text)")
            #expect(ISOTime.milliseconds(date) == milliseconds, "\(text)")
            #expect(ISOTime.milliseconds(parsing: text) == milliseconds)
        }
    }

    // MARK: Text for a terminal

    @Test func controlCharactersArePicturedForTheScreen() {
        #expect(TerminalSafeText.pictured("a\u{1B}[31mb") == "a\u{241B}[31mb")
        #expect(TerminalSafeText.pictured("tab\there\n") == "tab\u{2409}here\u{240A}")
        #expect(TerminalSafeText.pictured("del\u{7F} csi\u{9B}") == "del\u{2421} csi\u{00B7}")
        #expect(TerminalSafeText.pictured("plain café 漢字") == "plain café 漢字")
    }

    @Test func controlCharactersAreEscapedForTheCommandLine() {
        #expect(TerminalSafeText.escaped("a\u{1B}[31mb") == "a\\x1B[31mb")
        #expect(TerminalSafeText.escaped("l1\nl2\r\t") == "l1\\nl2\\r\\t")
        #expect(TerminalSafeText.escaped("\u{9B}2J") == "\\x9B2J")
        #expect(TerminalSafeText.escaped(bytes: Array("ok\n\u{1B}c".utf8) + [0xFF, 0xC3], keepNewlines: true) == "ok\n\\x1Bc\\xFF\\xC3")
        #expect(TerminalSafeText.escaped(bytes: Array("a\nb".utf8), keepNewlines: false) == "a\\nb")
        #expect(TerminalSafeText.escaped(bytes: Array("é".utf8), keepNewlines: false) == "é")
    }

    @Test func bothSpellingsLeaveNoControlCharacter() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let scalars = (0..<40).map { _ in Unicode.Scalar(UInt32.random(in: 0...0xFF, using: &generator))! }
            let text = String(String.UnicodeScalarView(scalars))
            for safe in [TerminalSafeText.pictured(text), TerminalSafeText.escaped(text)] {
                #expect(!safe.unicodeScalars.contains(where: TerminalSafeText.isControl))
            }
        }
    }
}
