import Testing
@testable import TrackingModel

@Suite struct JSONEditTests {
    static func edited(_ value: JSONValue, _ edits: [JSONEdit]) throws -> JSONValue {
        var value = value
        for edit in edits { try edit.apply(to: &value) }
        return value
    }

    @Test func valuesAreJSONWhenTheyParseElseStrings() throws {
        #expect(try JSONEdit(assignment: "user.id=42") == .set("user.id", 42))
        #expect(try JSONEdit(assignment: "value=19.9") == .set("value", .number(JSONNumber(validatedLiteral: "19.9"))))
        #expect(try JSONEdit(assignment: "flag=true") == .set("flag", true))
        #expect(try JSONEdit(assignment: "gone=null") == .set("gone", .null))
        #expect(try JSONEdit(assignment: #"user={"id":"7"}"#) == .set("user", ["id": "7"]))
        #expect(try JSONEdit(assignment: #"id="42""#) == .set("id", "42"))
        #expect(try JSONEdit(assignment: "user.email=a@b.fr") == .set("user.email", "a@b.fr"))
        #expect(try JSONEdit(assignment: "coupon=") == .set("coupon", ""))
        #expect(try JSONEdit(assignment: "note=a=b") == .set("note", "a=b"))
        #expect(try JSONEdit(assignment: #"a["x=y"]=1"#) == .set(JSONPath([.key("a"), .key("x=y")]), 1))
    }

    @Test func badEditsSayWhy() {
        #expect(throws: JSONEditError.self) { try JSONEdit(assignment: "user.id") }
        #expect(throws: JSONEditError.self) { try JSONEdit(assignment: "=1") }
        #expect(throws: JSONEditError.self) { try JSONEdit(removal: "$") }
    }

    @Test func newKeysGoLastAndExistingKeysKeepTheirPlace() throws {
        let event: JSONValue = ["event_name": "purchase", "value": 10, "currency": "EUR"]
        let result = try Self.edited(event, [.set("value", 19.9), .set("coupon", "SPRING")])
        #expect(result.objectValue?.keys == ["event_name", "value", "currency", "coupon"])
        #expect(result["value"] == 19.9)
    }

    @Test func nestedPathsAreCreated() throws {
        let result = try Self.edited(["event_name": "x"], [.set("user.id", 42), .set("context.device.ip", "1.2.3.4")])
        #expect(JSONPrinter.compact(result) == #"{"event_name":"x","user":{"id":42},"context":{"device":{"ip":"1.2.3.4"}}}"#)
    }

    @Test func arrayIndices() throws {
        let event: JSONValue = ["items": [["id": "a", "quantity": 1], ["id": "b", "quantity": 1]]]
        let changed = try Self.edited(event, [.set("items[1].quantity", 3), .set("items[2].id", "c"), .set("tags[0]", "new")])
        #expect(changed["items"]?[1]?["quantity"] == 3)
        #expect(changed["items"]?[2] == ["id": "c"])
        #expect(changed["tags"] == ["new"])
        var past = event
        #expect(throws: JSONEditError.self) { try JSONEdit.set("items[5].id", "x").apply(to: &past) }
        #expect(past == event)
        var through = event
        #expect(throws: JSONEditError.self) { try JSONEdit.set("items[0].id.x", 1).apply(to: &through) }
    }

    @Test func unsetRemovesMembersAndElements() throws {
        var event: JSONValue = ["a": 1, "context": ["page": ["url": "u"], "event_id": "1"], "items": [1, 2, 3]]
        #expect(try JSONEdit(removal: "context.page").apply(to: &event))
        #expect(try JSONEdit(removal: "items[0]").apply(to: &event))
        #expect(try !JSONEdit(removal: "nothing.here").apply(to: &event))
        #expect(try !JSONEdit(removal: "items[9]").apply(to: &event))
        #expect(JSONPrinter.compact(event) == #"{"a":1,"context":{"event_id":"1"},"items":[2,3]}"#)
    }
}
