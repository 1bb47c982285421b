import Testing
@testable import TrackingModel

@Suite struct ReplayTransformTests {
    static let now: Int64 = 1_700_000_000_000

    static func parse(_ text: String) throws -> JSONValue { try JSONParser.parseValue(text) }

    /// Ids `id-1`, `id-2`, ... in the order asked for.
    final class Ids {
        var next = 0
        func make() -> String {
            next += 1
            return "id-\(next)"
        }
    }

    static func apply(_ transform: ReplayTransform, _ text: String) throws -> JSONValue {
        let ids = Ids()
        let (body, _) = transform.apply(toBody: Array(text.utf8), nowMilliseconds: now, newId: ids.make)
        return try JSONParser.parseValue(body)
    }

    @Test func withNothingToChangeTheBodyIsTheSameBytes() {
        let text = "{ \"event_name\" : \"purchase\",\n \"value\": 1.50 }"
        let (body, _) = ReplayTransform(siteId: "9").apply(toBody: Array(text.utf8), nowMilliseconds: Self.now, newId: { "x" })
        #expect(body == Array(text.utf8))
        #expect(ReplayTransform(siteId: "9").leavesBodyAlone)
    }

    @Test func aBodyThatIsNotJSONIsLeftAlone() {
        let text = "{not json"
        let (body, dialect) = ReplayTransform(freshIds: true).apply(toBody: Array(text.utf8), nowMilliseconds: Self.now, newId: { "x" })
        #expect(body == Array(text.utf8))
        #expect(dialect == nil)
    }

    @Test func freshIdsGoWhereEachDialectKeepsThem() throws {
        let transform = ReplayTransform(freshIds: true)
        let v2 = try Self.apply(transform, #"{"event_name":"purchase","context":{"event_id":"a","x":1},"value":2}"#)
        #expect(JSONPrinter.compact(v2) == #"{"event_name":"purchase","context":{"event_id":"id-1","x":1},"value":2}"#)
        let v1 = try Self.apply(transform, #"{"event_name":"purchase","event_id":"a","properties":{"value":2}}"#)
        #expect(JSONPrinter.compact(v1) == #"{"event_name":"purchase","event_id":"id-1","properties":{"value":2}}"#)
        let legacy = try Self.apply(transform, #"{"event":"purchase","eventId":"a","properties":{"value":2}}"#)
        #expect(JSONPrinter.compact(legacy) == #"{"event":"purchase","eventId":"id-1","properties":{"value":2}}"#)
        // No id: none is added.
        let none = try Self.apply(transform, #"{"event_name":"purchase","value":2}"#)
        #expect(JSONPrinter.compact(none) == #"{"event_name":"purchase","value":2}"#)
    }

    @Test func everyMemberOfABatchGetsItsOwnId() throws {
        let batch = try Self.apply(ReplayTransform(freshIds: true),
            #"{"batch":[{"event_name":"a","context":{"event_id":"1"}},{"event_name":"b","event_id":"2"},{"event_name":"c","context":{"event_id":"1"}}]}"#)
        let events = try #require(batch["batch"]?.arrayValue)
        #expect(events.compactMap { ($0[JSONPath(parsing: "context.event_id")] ?? $0["event_id"])?.stringValue } == ["id-1", "id-2", "id-3"])
    }

    @Test func shiftTimeToNowKeepsEachForm() throws {
        let transform = ReplayTransform(timeShift: .toNow)
        let integer = try Self.apply(transform, #"{"event_name":"a","context":{"event_timestamp":1600000000000}}"#)
        #expect(integer[JSONPath(parsing: "context.event_timestamp")] == .number(JSONNumber(validatedLiteral: "1700000000000")))
        let string = try Self.apply(transform, #"{"event_name":"a","context":{"event_timestamp":"1600000000000"}}"#)
        #expect(string[JSONPath(parsing: "context.event_timestamp")] == .string("1700000000000"))
        let legacy = try Self.apply(transform, #"{"event":"a","eventTimestamp":1600000000000,"properties":{}}"#)
        #expect(legacy["eventTimestamp"] == .number(JSONNumber(validatedLiteral: "1700000000000")))
        let seconds = try Self.apply(transform, #"{"event_name":"a","event_timestamp":1600000000,"properties":{}}"#)
        #expect(seconds["event_timestamp"] == .number(JSONNumber(validatedLiteral: "1700000000")))
        let iso = try Self.apply(transform, #"{"event_name":"a","context":{"event_timestamp":"2020-09-13T12:26:40Z"}}"#)
        #expect(iso[JSONPath(parsing: "context.event_timestamp")] == .string(ISOTime.string(milliseconds: Self.now)))
        // The vendor's batch example keeps it at the v2 root.
        let root = try Self.apply(transform, #"{"event_name":"a","event_timestamp":1600000000000,"user":{}}"#)
        #expect(root["event_timestamp"] == .number(JSONNumber(validatedLiteral: "1700000000000")))
    }

    @Test(arguments: [("+2h", Int64(7_200_000)), ("-30m", -1_800_000), ("+90s", 90_000), ("+1d", 86_400_000), ("-500ms", -500)])
    func shiftTimeByAnOffset(text: String, offset: Int64) throws {
        let shift = try #require(ReplayTransform.TimeShift(parsing: text))
        #expect(shift == .by(milliseconds: offset))
        let moved = try Self.apply(ReplayTransform(timeShift: shift),
                                   #"{"event_name":"a","context":{"event_timestamp":"1600000000000"}}"#)
        #expect(moved[JSONPath(parsing: "context.event_timestamp")] == .string(String(1_600_000_000_000 + offset)))
    }

    @Test func timeShiftsThatDoNotParse() {
        #expect(ReplayTransform.TimeShift(parsing: "now") == .toNow)
        #expect(ReplayTransform.TimeShift(parsing: "2h") == nil)
        #expect(ReplayTransform.TimeShift(parsing: "+2w") == nil)
        #expect(ReplayTransform.TimeShift(parsing: "+h") == nil)
        #expect(ReplayTransform.TimeShift(parsing: "") == nil)
    }

    @Test func aTimestampThatIsNotOneIsLeftAlone() throws {
        let value = try Self.apply(ReplayTransform(timeShift: .toNow), #"{"event_name":"a","context":{"event_timestamp":"soon"}}"#)
        #expect(value[JSONPath(parsing: "context.event_timestamp")] == .string("soon"))
    }

    @Test func testCodeGoesToTheRootInV2AndToPropertiesOtherwise() throws {
        let transform = ReplayTransform(testCode: "T1")
        let v2 = try Self.apply(transform, #"{"event_name":"a","value":1}"#)
        #expect(JSONPrinter.compact(v2) == #"{"event_name":"a","value":1,"test_code":"T1"}"#)
        let v1 = try Self.apply(transform, #"{"event_name":"a","event_id":"x","properties":{"value":1}}"#)
        #expect(v1[JSONPath(parsing: "properties.test_code")] == "T1")
        #expect(v1["test_code"] == nil)
        let legacy = try Self.apply(transform, #"{"event":"a","properties":{"test_code":"old","value":1}}"#)
        #expect(JSONPrinter.compact(legacy) == #"{"event":"a","properties":{"test_code":"T1","value":1}}"#)
    }

    @Test func convertComesFirstAndTheRestFollowsTheNewDialect() throws {
        let transform = ReplayTransform(freshIds: true, testCode: "T", dialect: .v2)
        let ids = Ids()
        let (body, dialect) = transform.apply(
            toBody: Array(#"{"event":"purchase","eventId":"a","eventTimestamp":1600000000000,"properties":{"value":2}}"#.utf8),
            nowMilliseconds: Self.now, newId: ids.make)
        #expect(dialect == .v2)
        let value = try JSONParser.parseValue(body)
        #expect(value["event_name"] == "purchase")
        #expect(value[JSONPath(parsing: "context.event_id")] == "id-1")
        #expect(value["test_code"] == "T")
        #expect(value["value"] == 2)
        #expect(value["properties"] == nil)
    }
}
