import Testing
@testable import TrackingModel

@Suite struct JSONValueTests {
    @Test func objectKeepsOrderAndLastDuplicateWins() {
        let value: JSONValue = ["b": 1, "a": 2, "b": 3]
        #expect(value.objectValue?.keys == ["b", "a", "b"])
        #expect(value["b"] == 3)
        #expect(value.objectValue?.duplicateKeys == ["b"])
    }

    @Test func pathsParseAndPrint() {
        let path = JSONPath(parsing: "properties.user.consent_categories[1]")
        #expect(path.components == [.key("properties"), .key("user"), .key("consent_categories"), .index(1)])
        #expect(path.description == "properties.user.consent_categories[1]")
        #expect(JSONPath.root.description == "$")
        #expect(JSONPath([.key("odd key")]).description == "[\"odd key\"]")
        let value: JSONValue = ["properties": ["user": ["consent_categories": [1, 3]]]]
        #expect(value[path] == 3)
    }

    @Test func numbersKeepTheirLiteral() {
        let id = JSONNumber(validatedLiteral: "202110130000000000")
        #expect(id.isInteger)
        #expect(id.int64Value == 202110130000000000)
        #expect(!id.isExactlyRepresentable)
        #expect(JSONNumber(validatedLiteral: "16.00").literal == "16.00")
    }
}
