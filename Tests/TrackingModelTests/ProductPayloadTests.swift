import Testing
@testable import TrackingModel

@Suite struct ProductPayloadTests {
    let good: JSONValue = [
        "id": "SKU-1042", "name": "Linen shirt", "price": 54.12, "sale_price": 44.9, "currency": "EUR",
        "category_1": "Men", "brand": "Maison Lin", "colors": ["blue", "white"], "tags": ["summer"],
        "condition": "new", "availability": "in_stock", "gender": "male", "width": 40, "weight": 210,
        "custom": ["fabric": "linen"],
    ]

    @Test func goodProduct() throws {
        #expect(ProductPayload.validate(good).isEmpty)
        let product = try #require(ProductPayload(good))
        #expect(product.id == "SKU-1042")
        #expect(product.name == "Linen shirt")
        #expect(product.price == 54.12)
    }

    @Test(arguments: ["id", "name", "price"])
    func requiredFields(field: String) {
        let found = ProductPayload.validate(good.removing(JSONPath(parsing: field)))
        #expect(found.map(\.code) == ["missing-required-field"])
        #expect(found.first?.path == field)
    }

    @Test func idIsAStringOf1To50Characters() {
        let fifty = ProductPayload.validate(good.setting("id", to: .string(String(repeating: "a", count: 50))))
        #expect(fifty.isEmpty)
        let long = ProductPayload.validate(good.setting("id", to: .string(String(repeating: "a", count: 51))))
        #expect(long.map(\.code) == ["invalid-product-id"])
        #expect(long.first?.severity == .error)
        let empty = ProductPayload.validate(good.setting("id", to: ""))
        #expect(empty.map(\.code) == ["missing-required-field"])
        let number = ProductPayload.validate(good.setting("id", to: 1042))
        #expect(number.map(\.code) == ["invalid-type"])
    }

    @Test func typesAndEnumerations() {
        let bad = good
            .setting("price", to: "54.12")
            .setting("width", to: "40cm")
            .setting("tags", to: "summer")
            .setting("colors", to: ["blue", 2])
            .setting("condition", to: "second_hand")
            .setting("availability", to: "instock")
            .setting("gender", to: "men")
            .setting("custom", to: ["a", "b"])
            .setting("currency", to: "euro")
        let found = Set(ProductPayload.validate(bad).map { "\($0.code) \($0.path)" })
        #expect(found == [
            "invalid-type price", "invalid-type width", "invalid-type tags", "invalid-type colors[1]",
            "invalid-enum-value condition", "invalid-enum-value availability", "invalid-enum-value gender",
            "invalid-type custom", "invalid-currency currency",
        ])
        let availability = ProductPayload.validate(good.setting("availability", to: "instock"))
        #expect(availability.first?.hint?.hasPrefix("Did you mean \"in_stock\"?") == true)
    }

    @Test func unknownFields() {
        let found = ProductPayload.validate(good.removing("colors").setting("colour", to: "blue").setting("fabric", to: "linen"))
        #expect(Set(found.map { "\($0.code) \($0.path)" }) == ["unknown-product-field fabric", "property-name-near-miss colour"])
        // With colors present, colour is not a near miss of a missing field: just unknown.
        let both = ProductPayload.validate(good.setting("colour", to: "blue"))
        #expect(both.map(\.code) == ["unknown-product-field"])
    }

    @Test func ndjsonUpload() throws {
        let text = """
            {"id":"A1","name":"Shirt","price":10}

            {"id":"A2","name":"Hat","price":"12"}
            {"id":"A3","name":"Sock" "price":2}\r
            {"id":"A1","name":"Shirt v2","price":11}
            [1]
            """
        let lines = ProductPayload.parseLines(Array(text.utf8))
        #expect(lines.map(\.lineNumber) == [1, 3, 4, 5, 6])
        #expect(lines.map(\.isAccepted) == [true, false, false, true, false])
        #expect(lines[0].findings.isEmpty)
        #expect(lines[0].product?.id == "A1")
        let price = try #require(lines[1].findings.first)
        #expect(price.code == "invalid-type")
        #expect(price.path == "price")
        #expect(price.line == 3)
        #expect(price.column == 25)  // the key "price"
        let broken = try #require(lines[2].findings.first)
        #expect(broken.code == "invalid-json")
        #expect(broken.line == 4)
        #expect(broken.column == 26)  // "price", where a comma was expected
        #expect(lines[2].parseError != nil)
        #expect(lines[2].value == nil)
        let duplicate = try #require(lines[3].findings.first)
        #expect(duplicate.code == "duplicate-product-id")
        #expect(duplicate.message.contains("line 1"))
        #expect(duplicate.line == 5)
        #expect(lines[4].findings.map(\.code) == ["not-an-object"])
        #expect(ProductPayload.uploadFindings(lines).isEmpty)
    }

    @Test func uploadLimits() {
        #expect(ProductPayload.uploadFindings(ProductPayload.parseLines(Array("\n \n".utf8))).map(\.code) == ["empty-upload"])
        let many = (0..<1001).map { "{\"id\":\"P\($0)\",\"name\":\"n\",\"price\":1}" }.joined(separator: "\n")
        let lines = ProductPayload.parseLines(Array(many.utf8))
        #expect(lines.count == 1001)
        #expect(ProductPayload.uploadFindings(lines).map(\.code) == ["too-many-lines"])
        #expect(ProductPayload.uploadFindings(Array(lines.prefix(1000))).isEmpty)
    }
}
