import Foundation
import Testing
@testable import TrackingModel

@Suite struct DialectConverterTests {
    /// A time the fixtures' timestamps are plausible against.
    static let now = Date(timeIntervalSince1970: 1_718_150_400)

    /// The changes as the lines `convert` prints.
    static func lines(_ conversion: DialectConversion) -> [String] {
        conversion.changes.map(\.description)
    }

    /// The error findings of `value` printed and inspected as a payload, as `validate` reads it.
    static func errors(_ value: JSONValue) -> [String] {
        let bytes = Array(JSONPrinter.pretty(value).utf8)
        return PayloadInspector.inspect(bytes: bytes, form: .automatic, now: now).allFindings
            .filter { $0.severity == .error }.map(\.code)
    }

    @Test func theVendorsV1ExampleBecomesV2() throws {
        let conversion = DialectConverter.convert(try ModelFixture.value("v1-search.json"), to: .v2)
        #expect(conversion.source == .v1)
        let v2 = conversion.value
        #expect(DialectDetector.detect(v2) == .v2)
        #expect(v2.objectValue?.keys == ["event_name", "search_term", "user", "context"])
        #expect(v2["context"]?.objectValue?.keys == ["event_id", "event_timestamp", "page", "device"])
        #expect(v2["context"]?["page"]?.objectValue?.keys == ["title", "url"])
        #expect(v2["context"]?["device"]?.objectValue?.keys == ["user_agent", "ip", "cookie"])
        // Numbers exact: the literal, not a double.
        #expect(v2["context"]?["event_timestamp"]?.numberValue?.literal == "1639044446636")
        #expect(v2["user"]?["consent_categories"] == [1, 3])
        #expect(Self.lines(conversion) == [
            "moved properties.search_term → search_term",
            "moved event_id → context.event_id",
            "moved event_timestamp → context.event_timestamp",
            "moved page → context.page",
            "renamed page.location → context.page.url",
            "moved device → context.device",
            "moved properties.user → user",
            "missing user.consistent_anonymous_id: required in v2, and the v1 dialect has no equivalent: add the platform's anonymous id (the web CAID cookie, or the app's id)",
        ])
        // The one thing v1 cannot say; once given, nothing is wrong.
        #expect(Self.errors(v2) == ["missing-consistent-anonymous-id"])
        var completed = v2
        try JSONEdit(assignment: "user.consistent_anonymous_id=\"67892\"").apply(to: &completed)
        #expect(Self.errors(completed) == [])
    }

    @Test func theCorrectedLegacyBriefBecomesV2() throws {
        let conversion = DialectConverter.convert(try ModelFixture.value("legacy-brief-corrected.json"), to: .v2)
        #expect(conversion.source == .legacy)
        let v2 = conversion.value
        #expect(DialectDetector.detect(v2) == .v2)
        #expect(v2.objectValue?.keys == ["event_name", "search_term", "user", "context"])
        #expect(v2["context"]?.objectValue?.keys == ["event_id", "device", "event_timestamp"])
        #expect(v2["context"]?["event_timestamp"] == "2015-12-12T19:11:01.249Z")
        #expect(Self.lines(conversion).prefix(7) == [
            "renamed event → event_name",
            "moved properties.search_term → search_term",
            "renamed eventId → context.event_id",
            "moved device → context.device",
            "renamed device.userAgent → context.device.user_agent",
            "renamed device.cookies → context.device.cookie",
            "renamed eventTimestamp → context.event_timestamp",
        ])
        #expect(Self.lines(conversion).contains("moved properties.user → user"))
        #expect(conversion.changes.last?.kind == .missing)
        var completed = v2
        try JSONEdit(assignment: "user.consistent_anonymous_id=67892").apply(to: &completed)
        #expect(Self.errors(completed) == [])
    }

    @Test func aV2EventStaysAsItIs() throws {
        let value = try ModelFixture.value("v2-search.json")
        let conversion = DialectConverter.convert(value, to: .v2)
        #expect(conversion.value == value)
        #expect(conversion.changes.isEmpty)
        #expect(!conversion.changedShape)
    }

    @Test func aTimestampAtTheRootOfAV2EventMovesIntoContext() throws {
        let event = try ModelFixture.value("v2-batch-corrected.json")["batch"]![0]!
        let conversion = DialectConverter.convert(event, to: .v2)
        #expect(conversion.value["event_timestamp"] == nil)
        #expect(conversion.value["context"]?.objectValue?.keys == ["event_id", "page", "device", "event_timestamp"])
        #expect(Self.lines(conversion) == ["moved event_timestamp → context.event_timestamp"])
    }

    @Test(arguments: [Dialect.legacy, .v1])
    func v2GoesBackToTheOlderDialectsAndReturns(_ older: Dialect) throws {
        let original = SpecCatalogue.example(for: "purchase", dialect: .v2)!.value
        let back = DialectConverter.convert(original, to: older)
        #expect(DialectDetector.detect(back.value) == older)
        #expect(back.value[NormalizedEvent.Layout.of(older).user]?["consistent_anonymous_id"] != nil)
        #expect(back.value["properties"]?["items"] == original["items"])
        let again = DialectConverter.convert(back.value, to: .v2)
        #expect(again.value == original)
    }

    @Test func whatAnOlderDialectCannotHoldIsReportedAndLeftOut() {
        let event: JSONValue = [
            "event_name": "page_view", "page_type": "home",
            "user": ["consistent_anonymous_id": "a", "consent_categories": ["1"]],
            "context": ["event_id": "1", "event_timestamp": 1_718_150_400_000, "lang": "fr",
                        "device": ["user_agent": "UA", "cookie": "a=1"]],
        ]
        let legacy = DialectConverter.convert(event, to: .legacy)
        #expect(legacy.value.objectValue?.keys == ["event", "eventId", "eventTimestamp", "properties", "device"])
        #expect(legacy.value["device"]?.objectValue?.keys == ["userAgent", "cookies"])
        #expect(legacy.value["properties"]?.objectValue?.keys == ["page_type", "user"])
        #expect(Self.lines(legacy).contains("could not place context.lang: the legacy dialect has no context (left out)"))
        #expect(Self.lines(legacy).contains("renamed context.event_id → eventId"))
        #expect(Self.lines(legacy).contains("moved page_type → properties.page_type"))
    }

    @Test func betweenTheOlderDialectsOnlyNamesChange() throws {
        let conversion = DialectConverter.convert(try ModelFixture.value("legacy-brief-corrected.json"), to: .v1)
        #expect(conversion.value.objectValue?.keys == ["event_name", "event_id", "properties", "device", "event_timestamp"])
        #expect(conversion.value["device"]?.objectValue?.keys == ["user_agent", "ip", "cookie"])
        #expect(DialectDetector.detect(conversion.value) == .v1)
        #expect(!conversion.changes.contains { $0.kind == .missing })
    }

    @Test func aConflictIsReportedNotLost() {
        let event: JSONValue = ["event": "search", "event_name": "search", "eventId": "1", "event_id": "2",
                                "properties": ["search_term": "x"]]
        let conversion = DialectConverter.convert(event, from: .legacy, to: .v2)
        #expect(conversion.value["event_name"] == "search")
        #expect(conversion.value["context"]?["event_id"] == "1")
        #expect(Self.lines(conversion).contains("could not place event: the name is event_name already (left out)"))
        #expect(Self.lines(conversion).contains("could not place event_id: context.event_id is already set (left out)"))
    }

    @Test func notAnObjectIsLeftAlone() {
        #expect(DialectConverter.convert([1, 2], to: .v2).value == [1, 2])
        #expect(DialectConverter.convert("x", to: .legacy).changes.isEmpty)
    }
}
