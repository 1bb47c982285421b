import Foundation
import Testing
import TrackingModel

@Suite struct EventBodySummaryTests {
    private static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The quick scan gives what the full reading gives, and covers the filter's user ids only
    /// where the full reading does; over the parsed value it gives what it gives over the bytes.
    private func expectAgreement(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> EventBodySummary {
        let quick = EventBodySummary.quickScan(bytes)
        let full = EventBodySummary(reading: bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(quick.eventNames == full.eventNames, "\(text)", sourceLocation: sourceLocation)
        #expect(quick.userIds == full.userIds, "\(text)", sourceLocation: sourceLocation)
        #expect(quick.noEventsReason == full.noEventsReason, "\(text)", sourceLocation: sourceLocation)
        #expect(!quick.userIdsCoverFilter || full.userIdsCoverFilter, "\(text)", sourceLocation: sourceLocation)
        // Read from the parsed value instead of the bytes, the scan says the same (a document only:
        // JSON Lines does not parse as one).
        if let value = try? JSONParser.parseValue(bytes) {
            #expect(EventBodySummary.quickScan(document: value) == quick, "\(text)", sourceLocation: sourceLocation)
        }
        return quick
    }

    @Test(arguments: [
        ("legacy-brief-corrected.json", ["12345"]), ("v1-search.json", ["12345"]), ("v2-search.json", ["12345"]),
        ("v2-batch-corrected.json", ["12345"]),
    ])
    func theVendorsExamplesAgreeWithTheNormalisedView(name: String, users: [String]) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
        let summary = expectAgreement(bytes)
        #expect(summary.userIds == users, "\(name)")
        #expect(summary.userIdsCoverFilter, "\(name)")
        #expect(!summary.eventNames.isEmpty && summary.noEventsReason == nil)
        // The reference is the normalised view of each event.
        let events = try EventBody.read(bytes).events
        var ids: [String] = []
        for event in events { if let id = NormalizedEvent(event).user?.id, !ids.contains(id) { ids.append(id) } }
        #expect(summary.userIds == ids)
    }

    /// The vendor's examples as published are not JSON (a missing comma).
    @Test(arguments: ["legacy-brief-published.json", "v2-batch-published.json"])
    func theVendorsPublishedExamplesAreInvalid(name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
        #expect(expectAgreement(bytes).noEventsReason == .invalidJSON)
    }

    /// Every combination of a name, the keys that tell a dialect, and a place for the user, in
    /// every form a body takes: the quick scan and the full reading agree on each.
    @Test func aSweepOfShapesAgrees() {
        let names = ["", #""event_name":"n""#, #""event":"old""#, #""event":5"#, #""event_name":null,"event":"both""#]
        let dialectKeys = ["", #""eventId":"1""#, #""event_id":"1""#, #""context":{"a":1}"#, #""device":{"userAgent":"u","cookies":"c"}"#,
                           #""device":{"user_agent":"u"}"#, #""page":{}"#, #""eventTimestamp":1,"eventId":2"#, #""context":5"#]
        let users = [
            "", #""user":{"id":"42"}"#, #""user":{"id":42}"#, #""user":{"id":4.20e1}"#, #""user":{"id":true}"#, #""user":{"id":null}"#,
            #""user":{"id":["42"]}"#, #""user":{"id":{"a":1}}"#, #""user":{}"#, #""user":"x""#, #""user":[{"id":"42"}]"#,
            #""properties":{"user":{"id":"7"}}"#, #""properties":{"user":{"id":"7"}},"user":{"id":"8"}"#,
            #""properties":{"user":{"id":"7"}},"user":{"email":"e"}"#, #""user":{"id":"1"},"user":{"id":"2"}"#,
            #""properties":{"user":{"id":"1"},"user":{"id":"2"}}"#, #""properties":5,"user":{"id":"3"}"#,
            #""properties":{"user":{"id":"1"}},"properties":{"x":1}"#, #""properties":{"user":[{"id":"9"}]}"#,
            #""user":{"id":"a\"b\u00e9"}"#, #""user":{"id":"1","id":2}"#,
        ]
        var covered = 0
        var total = 0
        // Every dialect's keys with every user placement; the names and the wrappers taken in
        // turn (every one of them many times), so that the sweep stays short in a debug build.
        for (k, keys) in dialectKeys.enumerated() {
            for (u, user) in users.enumerated() {
                let name = names[(k + u) % names.count]
                let event = "{" + [name, keys, user].filter { !$0.isEmpty }.joined(separator: ",") + "}"
                let other = #"{"event_name":"other","user":{"id":"0"}}"#
                let wrapped = [#"{"batch":[\#(event),\#(other)]}"#, "[\(other),\(event)]", "\(event)\n\(other)\n", "[[\(event)]]"]
                for body in [event, wrapped[(k + u) % wrapped.count]] {
                    total += 1
                    if expectAgreement(Array(body.utf8)).userIdsCoverFilter { covered += 1 }
                }
            }
        }
        // Many shapes are plain enough for the summary to speak for the filter (not the array
        // wrapper's, nor the shapes made to hide a user id).
        #expect(covered * 3 > total, "\(covered) of \(total)")
    }

    @Test(arguments: [
        ("", EventBodySummary.NoEventsReason.emptyBody), (" \n\t\r", .emptyBody), ("\u{FEFF}", .invalidJSON), ("{", .invalidJSON),
        ("not json", .invalidJSON), ("{\"a\":1}\n{", .invalidJSON), ("[]", .noEvents), (#"{"batch":[]}"#, .noEvents),
        ("{}", .noEventName), ("5", .noEventName), (#"[{"event_name":1}]"#, .noEventName), ("{\"a\":1}\n{\"b\":2}", .noEventName),
    ])
    func whyABodyHasNoEventName(body: String, reason: EventBodySummary.NoEventsReason) {
        let summary = expectAgreement(Array(body.utf8))
        #expect(summary.noEventsReason == reason)
        #expect(summary.eventNames.isEmpty)
    }

    /// A number as a user id is its literal, as the normalised view and the filter read it: `42`,
    /// `42.0` and `4.2e1` are three users, and each matches `user.id:42`.
    @Test func aNumberAsAUserIdIsItsLiteral() throws {
        let body = #"{"batch":[{"event_name":"a","user":{"id":42}},{"event_name":"b","user":{"id":42.0}},{"event_name":"c","user":{"id":"42"}},{"event_name":"d","user":{"id":4.2e1}}]}"#
        let summary = expectAgreement(Array(body.utf8))
        #expect(summary.userIds == ["42", "42.0", "4.2e1"])
        #expect(summary.userIdsCoverFilter)
        #expect(try !FilterQuery.parse("user.id:42").rulesOut(summary))
        #expect(try FilterQuery.parse("user.id:43").rulesOut(summary))
    }

    @Test func userIdsTheNormalisedViewDoesNotReadAreNotCovered() {
        for body in [
            #"{"event_name":"a","user":{"id":true}}"#, #"{"event_name":"a","user":[{"id":"1"}]}"#,
            // v1 reads `properties.user`; the filter finds the root `user` first.
            #"{"event_name":"a","event_id":"1","properties":{"user":{"id":"5"}},"user":{"id":"6"}}"#,
            #"[[{"user":{"id":"3"}}]]"#, #"{"event_name":"a","user":{"id":"1"},"user":{"id":"2"}}"#,
        ] {
            #expect(!expectAgreement(Array(body.utf8)).userIdsCoverFilter, "\(body)")
        }
    }

    @Test func aQueryIsRuledOutOnlyByTermsThatMustHold() throws {
        let summary = EventBodySummary(eventNames: ["page_view"], userIds: ["7"], userIdsCoverFilter: true, noEventsReason: nil)
        let uncovered = EventBodySummary(eventNames: ["page_view"], userIds: ["7"], userIdsCoverFilter: false, noEventsReason: nil)
        for (text, ruledOut, ruledOutUncovered) in [
            ("event:purchase", true, true), ("event:page_*", false, false), ("EVENT:PAGE_VIEW", false, false),
            ("user.id:42", true, false), ("user.id:7", false, false), ("user.id:7.0", false, false),
            ("event:purchase user.id:7", true, true), ("event:page_view user.id:42", true, false),
            ("event:purchase or user.id:42", true, false), ("event:purchase or status:200", false, false),
            ("-event:purchase", false, false), ("not user.id:42", false, false), ("event!=page_view", false, false),
            ("user.id>5", false, false), ("properties.user.id:42", false, false), ("purchase", false, false), ("", false, false),
            ("event:purchase|page_view", false, false), ("(event:a or event:b) user.id:7", true, true),
        ] {
            let query = try FilterQuery.parse(text)
            #expect(query.rulesOut(summary) == ruledOut, "\(text)")
            #expect(query.rulesOut(uncovered) == ruledOutUncovered, "\(text)")
        }
        #expect(try FilterQuery.parse("event:purchase user.id:42").canBeRuledOutByBodySummary)
        #expect(try !FilterQuery.parse("status:400 -event:x").canBeRuledOutByBodySummary)
    }
}
