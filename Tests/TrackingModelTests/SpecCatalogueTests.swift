import Foundation
import Testing
@testable import TrackingModel

@Suite struct SpecCatalogueTests {
    static let allDialects: [Dialect] = [.legacy, .v1, .v2]

    @Test func everyStandardEventOfTheReferenceIsThere() {
        let expected = [
            "page_view", "login", "sign_up", "search", "select_content", "generate_lead", "add_payment_info",
            "add_shipping_info", "add_to_cart", "view_item", "add_to_wishlist", "remove_from_cart", "view_cart",
            "begin_checkout", "purchase", "refund", "select_item", "view_item_list", "ad_view", "ad_click",
        ]
        for name in expected { #expect(SpecCatalogue.event(named: name) != nil, "\(name)") }
        #expect(SpecCatalogue.videoEventNames.count == 29)
        for name in SpecCatalogue.videoEventNames { #expect(SpecCatalogue.event(named: name)?.category == .video) }
        #expect(SpecCatalogue.standardEvents.count == expected.count + 29)
        #expect(Set(SpecCatalogue.standardEventNames).count == SpecCatalogue.standardEventNames.count)
        #expect(SpecCatalogue.event(named: "Purchase") == nil)
        #expect(SpecCatalogue.event(named: "my_custom_event") == nil)
    }

    @Test func requiredFieldsFollowTheTable() {
        func required(_ name: String) -> [String] { SpecCatalogue.event(named: name)!.requiredFields.map(\.name) }
        #expect(required("page_view") == ["page_type"])
        #expect(required("search") == ["search_term"])
        #expect(required("login") == [])
        #expect(required("add_payment_info") == ["payment_method"])
        #expect(Set(required("add_shipping_info")) == ["currency", "value", "items"])
        #expect(Set(required("begin_checkout")) == ["revenue", "value", "currency", "items"])
        #expect(Set(required("purchase")) == ["id", "type", "value", "revenue", "payment_method", "currency", "status", "items"])
        #expect(Set(required("refund")) == ["id", "revenue", "value", "currency", "type"])
        #expect(Set(required("ad_click")) == ["medium", "source"])
        #expect(required("view_cart") == ["items"])
        #expect(SpecCatalogue.event(named: "refund")!.field(named: "items")!.requirement
                == .conditional("required for a partial refund"))
    }

    @Test func enumerationsAreAttached() {
        #expect(SpecCatalogue.event(named: "page_view")!.field(named: "page_type")!.allowedValues?.count == 13)
        #expect(SpecCatalogue.event(named: "purchase")!.field(named: "status")!.allowedValues?.contains("partially_shipped") == true)
        #expect(SpecCatalogue.event(named: "purchase")!.field(named: "type")!.allowedValues == ["online", "offline", "call"])
        #expect(SpecCatalogue.event(named: "add_payment_info")!.field(named: "payment_method")!.allowedValues?.contains("cod") == true)
        #expect(SpecCatalogue.object(named: "product")!.field(named: "condition")!.allowedValues == ["new", "refurbished", "used"])
        #expect(SpecCatalogue.object(named: "user")!.field(named: "gender")!.allowedValues == ["m", "f"])
    }

    @Test func objectsHaveTheirRequiredFields() {
        #expect(Set(SpecCatalogue.object(named: "item")!.requiredFields.map(\.name)) == ["id", "product", "quantity"])
        #expect(Set(SpecCatalogue.object(named: "product")!.requiredFields.map(\.name)) == ["id", "name", "price"])
        #expect(SpecCatalogue.object(named: "user")!.requiredFields.map(\.name) == ["consent_categories"])
        #expect(Set(SpecCatalogue.object(named: "context")!.requiredFields.map(\.name)) == ["event_id", "event_timestamp"])
        for name in ["user", "item", "product", "page", "device", "context"] {
            #expect(SpecCatalogue.object(named: name) != nil, "\(name)")
        }
        #expect(SpecCatalogue.object(named: "basket") == nil)
    }

    @Test func everyFieldIsExplainedInALine() {
        let fields = SpecCatalogue.standardEvents.flatMap(\.fields) + SpecCatalogue.objects.flatMap(\.fields)
        for field in fields {
            #expect(!field.explanation.isEmpty && !field.explanation.contains("\n"), "\(field.name)")
        }
        for event in SpecCatalogue.standardEvents { #expect(!event.summary.isEmpty) }
    }

    @Test func currencyCodesAreRealISO4217() {
        for code in ["EUR", "USD", "GBP", "JPY", "CHF", "XOF"] { #expect(SpecCatalogue.currencyCodes.contains(code)) }
        for code in ["EURO", "eur", "ABC", "FRF"] { #expect(!SpecCatalogue.currencyCodes.contains(code)) }
        #expect(SpecCatalogue.currencyCodes.allSatisfy { $0.count == 3 && $0 == $0.uppercased() })
    }

    @Test(arguments: SpecCatalogue.standardEventNames, allDialects)
    func everyExampleIsValid(name: String, dialect: Dialect) throws {
        let example = try #require(SpecCatalogue.example(for: name, dialect: dialect))
        #expect(DialectDetector.detect(example.value) == dialect)
        let errors = EventValidator.validate(example.value).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(name) \(dialect): \(errors.map { "\($0.code) \($0.path)" })")
        let rendered = example.renderPlain()
        let parsed = try JSONParser.parse(rendered)
        #expect(parsed.value == example.value)
        #expect(NormalizedEvent(example.value).name == name)
        let commented = example.render()
        for entry in example.notes {
            #expect(commented.contains("// " + entry.note), "\(entry.path)")
            #expect(example.value[entry.path] != nil, "\(entry.path)")
        }
        #expect(commented.split(separator: "\n").count == rendered.split(separator: "\n").count)
    }

    @Test func examplesCarryRequiredFieldsAndNotes() throws {
        let example = try #require(SpecCatalogue.example(for: "purchase", dialect: .v2))
        for field in SpecCatalogue.event(named: "purchase")!.requiredFields {
            #expect(example.value[field.name] != nil, "\(field.name)")
        }
        #expect(example.value["context"]?["event_timestamp"]?.numberValue?.isInteger == true)
        #expect(example.value["user"]?["consent_categories"] == ["1", "3"])
        #expect(example.note(at: "items[0].product.price") == "Unit price after discount, tax excluded.")
        #expect(example.note(at: "user.consent_categories")?.contains("consent") == true)
        #expect(example.note(at: "value") == "Total paid, tax and shipping included.")
        #expect(SpecCatalogue.example(for: "my_event", dialect: .v2) == nil)
        #expect(SpecCatalogue.example(for: "purchase", dialect: .unknown) == nil)
        let legacy = try #require(SpecCatalogue.example(for: "search", dialect: .legacy))
        #expect(legacy.value["properties"]?["search_term"] == "t-shirts")
        #expect(legacy.value["device"]?["userAgent"] != nil)
    }

    @Test func renderAlignsNotesAsComments() throws {
        let example = try #require(SpecCatalogue.example(for: "search", dialect: .v2))
        let lines = example.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let plain = example.renderPlain().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == plain.count)
        let termLine = try #require(lines.first { $0.contains("\"search_term\"") })
        #expect(termLine.hasPrefix("  \"search_term\": \"t-shirts\","))
        #expect(termLine.hasSuffix("// What the user typed into the search box."))
        // Comments of short lines start in the same column.
        let short = lines.filter { $0.contains("  // ") && !$0.contains("Mozilla") && !$0.contains("_fbp") }
        let columns = Set(short.map { $0.distance(from: $0.startIndex, to: $0.range(of: "  // ", options: .backwards)!.lowerBound) })
        #expect(columns.count == 1)
        #expect(short.count == example.notes.count - 2)
        // The plain form is the same lines without the comments.
        for (line, plainLine) in zip(lines, plain) { #expect(line.hasPrefix(plainLine)) }
        #expect(!example.renderPlain().contains("  // "))
        #expect(lines.first == "{" && lines.last == "}")
    }
}
