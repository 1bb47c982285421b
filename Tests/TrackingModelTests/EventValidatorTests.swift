import Foundation
import Testing
@testable import TrackingModel

/// One (event, required field) pair, with where the field lives in each dialect.
struct RequiredFieldCase: Sendable, CustomTestStringConvertible {
    let event: String
    let field: String
    let dialect: Dialect
    var testDescription: String { "\(event).\(field) (\(dialect))" }

    /// The path of an event property in `dialect`.
    var path: String { dialect == .v2 ? field : "properties.\(field)" }

    static let all: [RequiredFieldCase] = SpecCatalogue.standardEvents.flatMap { spec in
        spec.requiredFields.flatMap { field in
            [Dialect.legacy, .v1, .v2].map { RequiredFieldCase(event: spec.name, field: field.name, dialect: $0) }
        }
    }
}

/// A metadata field removed from a valid example, and the finding it must give.
struct MetadataCase: Sendable, CustomTestStringConvertible {
    let dialect: Dialect
    let path: String
    let code: String
    var testDescription: String { "\(dialect) \(path)" }

    static let all: [MetadataCase] = [
        .init(dialect: .legacy, path: "event", code: "missing-event-name"),
        .init(dialect: .legacy, path: "eventId", code: "missing-event-id"),
        .init(dialect: .legacy, path: "eventTimestamp", code: "missing-timestamp"),
        .init(dialect: .legacy, path: "properties.user", code: "missing-user"),
        .init(dialect: .legacy, path: "properties.user.consent_categories", code: "missing-consent-categories"),
        .init(dialect: .v1, path: "event_id", code: "missing-event-id"),
        .init(dialect: .v1, path: "event_timestamp", code: "missing-timestamp"),
        .init(dialect: .v1, path: "properties.user", code: "missing-user"),
        .init(dialect: .v1, path: "properties.user.consent_categories", code: "missing-consent-categories"),
        .init(dialect: .v2, path: "context.event_id", code: "missing-event-id"),
        .init(dialect: .v2, path: "context.event_timestamp", code: "missing-timestamp"),
        .init(dialect: .v2, path: "context", code: "missing-context"),
        .init(dialect: .v2, path: "user", code: "missing-user"),
        .init(dialect: .v2, path: "user.consent_categories", code: "missing-consent-categories"),
        .init(dialect: .v2, path: "user.consistent_anonymous_id", code: "missing-consistent-anonymous-id"),
    ]
}

extension JSONValue {
    /// A copy without the member at `path` (the last component must be a key).
    func removing(_ path: JSONPath) -> JSONValue {
        setting(path, to: nil)
    }

    /// A copy with the member at `path` set (nil removes it).
    func setting(_ path: JSONPath, to newValue: JSONValue?) -> JSONValue {
        guard let first = path.components.first else { return newValue ?? .null }
        let rest = JSONPath(Array(path.components.dropFirst()))
        switch (self, first) {
        case (.object(var object), .key(let key)):
            if rest.isRoot {
                object[key] = newValue
            } else if let inner = object[key] {
                object[key] = inner.setting(rest, to: newValue)
            }
            return .object(object)
        case (.array(var elements), .index(let index)) where elements.indices.contains(index):
            if rest.isRoot {
                if let newValue { elements[index] = newValue } else { elements.remove(at: index) }
            } else {
                elements[index] = elements[index].setting(rest, to: newValue)
            }
            return .array(elements)
        default:
            return self
        }
    }
}

/// A fixed "now" so timestamp checks do not depend on the clock: 2024-06-12T00:00:00Z.
let validationNow = Date(timeIntervalSince1970: 1_718_150_400)

func findings(_ value: JSONValue, _ dialect: Dialect? = nil) -> [Finding] {
    EventValidator.validate(value, dialect: dialect, now: validationNow)
}

func codes(_ value: JSONValue, _ dialect: Dialect? = nil) -> Set<String> {
    Set(findings(value, dialect).map(\.code))
}

func example(_ name: String, _ dialect: Dialect = .v2) -> JSONValue {
    SpecCatalogue.example(for: name, dialect: dialect)!.value
}

@Suite struct EventValidatorTests {
    @Test(arguments: RequiredFieldCase.all)
    func removingARequiredFieldIsReported(_ test: RequiredFieldCase) throws {
        let value = example(test.event, test.dialect).removing(JSONPath(parsing: test.path))
        let found = findings(value)
        let finding = try #require(found.first { $0.code == "missing-required-field" }, "\(found.map(\.code))")
        #expect(finding.path == test.path)
        #expect(finding.severity == .error)
        #expect(found.filter { $0.severity == .error }.count == 1, "\(found.map(\.code))")
    }

    @Test(arguments: MetadataCase.all)
    func removingMetadataIsReported(_ test: MetadataCase) throws {
        let value = example("purchase", test.dialect).removing(JSONPath(parsing: test.path))
        let found = findings(value, test.dialect)
        let finding = try #require(found.first { $0.code == test.code }, "\(found.map(\.code))")
        #expect(finding.path == test.path)
        #expect(finding.severity == .error)
    }

    @Test(arguments: ["items[0].id", "items[0].product", "items[0].quantity", "items[0].product.id",
                      "items[0].product.name", "items[0].product.price"])
    func itemAndProductRequiredFields(path: String) throws {
        let value = example("purchase").removing(JSONPath(parsing: path))
        let finding = try #require(findings(value).first { $0.code == "missing-required-field" })
        #expect(finding.path == path)
        let legacy = example("add_to_cart", .legacy).removing(JSONPath(parsing: "properties." + path))
        #expect(findings(legacy).contains { $0.code == "missing-required-field" && $0.path == "properties." + path })
    }

    @Test func nullCountsAsMissingForRequiredFields() {
        let value = example("purchase").setting("status", to: .null)
        #expect(findings(value).contains { $0.code == "missing-required-field" && $0.path == "status" && $0.message.contains("null") })
    }

    @Test(arguments: [
        ("page_view", "page_type", "homepage"),
        ("purchase", "payment_method", "paypal"),
        ("purchase", "status", "complete"),
        ("purchase", "type", "web"),
        ("refund", "type", "store"),
        ("add_payment_info", "payment_method", "Card"),
    ])
    func enumerationsRejectOtherValues(event: String, field: String, bad: String) throws {
        let value = example(event).setting(JSONPath(parsing: field), to: .string(bad))
        let finding = try #require(findings(value).first { $0.code == "invalid-enum-value" })
        #expect(finding.path == field)
        #expect(finding.severity == .error)
        #expect(finding.hint?.contains("Allowed:") == true)
    }

    @Test func enumerationHintSuggestsTheNearValue() throws {
        let value = example("purchase").setting("payment_method", to: "crad")
        let finding = try #require(findings(value).first { $0.code == "invalid-enum-value" })
        #expect(finding.hint?.hasPrefix("Did you mean \"card\"?") == true)
    }

    @Test func productAndUserEnumerations() {
        let product = example("view_item").setting("items[0].product.condition", to: "mint")
            .setting("items[0].product.availability", to: "in_stock")
        #expect(findings(product).filter { $0.code == "invalid-enum-value" }.map(\.path) == ["items[0].product.condition"])
        let gender = example("view_item").setting("items[0].product.gender", to: "men")
        #expect(findings(gender).contains { $0.code == "invalid-enum-value" && $0.path == "items[0].product.gender" })
        let user = example("login").setting("user.gender", to: "male")
        #expect(findings(user).contains { $0.code == "invalid-enum-value" && $0.path == "user.gender" })
        #expect(!codes(example("login").setting("user.gender", to: "f")).contains("invalid-enum-value"))
    }

    @Test func currencyRule() {
        // value without currency on a custom event
        let custom: JSONValue = example("login").setting("event_name", to: "quote_requested").setting("value", to: 12.5)
        let missing = findings(custom).filter { $0.code == "missing-currency" }
        #expect(missing.map(\.path) == ["currency"])
        #expect(missing.first?.severity == .error)
        // revenue alone also needs it
        #expect(codes(custom.removing("value").setting("revenue", to: 3)).contains("missing-currency"))
        // with a currency, fine
        #expect(!codes(custom.setting("currency", to: "EUR")).contains("missing-currency"))
        // where currency is required by the event, the required-field finding is the one given (once)
        let purchase = findings(example("purchase").removing("currency"))
        #expect(purchase.filter { $0.path == "currency" }.map(\.code) == ["missing-required-field"])
        // generate_lead: value optional, currency optional, but the rule applies
        #expect(findings(example("generate_lead").removing("currency")).map(\.code).contains("missing-currency"))
        // v1 path
        let v1 = example("generate_lead", .v1).removing("properties.currency")
        #expect(findings(v1).contains { $0.code == "missing-currency" && $0.path == "properties.currency" })
    }

    @Test(arguments: [("eur", "Use \"EUR\"."), ("EURO", nil), ("ABC", nil), ("E1R", nil)] as [(String, String?)])
    func currencyMustBeISO4217(code: String, hint: String?) throws {
        let value = example("purchase").setting("currency", to: .string(code))
        let finding = try #require(findings(value).first { $0.code == "invalid-currency" })
        #expect(finding.path == "currency")
        if let hint { #expect(finding.hint == hint) }
        #expect(!codes(example("purchase").setting("currency", to: "JPY")).contains("invalid-currency"))
        let productCurrency = example("purchase").setting("items[0].product.currency", to: .string(code))
        #expect(findings(productCurrency).contains { $0.code == "invalid-currency" && $0.path == "items[0].product.currency" })
    }

    @Test func typesAreChecked() {
        let value = example("purchase")
            .setting("value", to: "129.90")
            .setting("items[0].quantity", to: 1.5)
            .setting("items", to: example("purchase")["items"]!)
            .setting("items[0].product.colors", to: ["blue", 3])
            .setting("items[0].product.name", to: 12)
        let found = findings(value).filter { $0.code == "invalid-type" }
        #expect(Set(found.map(\.path)) == ["value", "items[0].product.colors[1]", "items[0].product.name"])
        #expect(found.first { $0.path == "value" }?.hint == "Send the number without quotes: 129.90.")
        let quantity = example("purchase").setting("items[0].quantity", to: 1.5)
        #expect(findings(quantity).contains { $0.code == "invalid-type" && $0.path == "items[0].quantity" })
        let items = example("purchase").setting("items", to: ["SKU-1"])
        #expect(findings(items).contains { $0.code == "invalid-type" && $0.path == "items[0]" })
        let notArray = example("purchase").setting("items", to: ["id": "x"])
        #expect(findings(notArray).contains { $0.code == "invalid-type" && $0.path == "items" })
        let user: JSONValue = example("search").setting("user", to: "12345")
        #expect(findings(user).contains { $0.code == "invalid-type" && $0.path == "user" })
        let properties: JSONValue = example("search", .v1).setting("properties", to: [1])
        #expect(findings(properties).contains { $0.code == "invalid-type" && $0.path == "properties" })
        #expect(findings(.array([])).map(\.code) == ["not-an-object"])
    }

    @Test func itemsRules() {
        let empty = example("view_cart").setting("items", to: [])
        #expect(findings(empty).contains { $0.code == "empty-items" && $0.severity == .warning })
        let item = example("select_item")["items"]![0]!
        let two = example("select_item").setting("items", to: [item, item])
        #expect(findings(two).contains { $0.code == "unexpected-item-count" && $0.path == "items" })
        #expect(!codes(example("view_item_list").setting("items", to: [item, item])).contains("unexpected-item-count"))
        let longId = example("view_item").setting("items[0].product.id", to: .string(String(repeating: "x", count: 51)))
        #expect(findings(longId).contains { $0.code == "invalid-product-id" })
        let fifty = example("view_item").setting("items[0].product.id", to: .string(String(repeating: "x", count: 50)))
        #expect(!codes(fifty).contains("invalid-product-id"))
    }

    @Test func timestampForms() throws {
        func timestampFindings(_ stamp: JSONValue) -> [Finding] {
            findings(example("search").setting("context.event_timestamp", to: stamp))
                .filter { $0.path == "context.event_timestamp" }
        }
        #expect(timestampFindings(.number(JSONNumber(validatedLiteral: "1718096400000"))).isEmpty)
        let asString = timestampFindings("1718096400000")
        #expect(asString.map(\.code) == ["timestamp-as-string"])
        #expect(asString.first?.severity == .info)
        let iso = timestampFindings("2024-06-11T09:00:00.249Z")
        #expect(iso.map(\.code) == ["timestamp-iso8601"])
        #expect(iso.first?.hint == "Send 1718096400249.")
        #expect(timestampFindings("2024-06-11T09:00:00+02:00").map(\.code) == ["timestamp-iso8601"])
        let seconds = timestampFindings(1_718_096_400)
        #expect(seconds.map(\.code) == ["timestamp-in-seconds"])
        #expect(seconds.first?.message.contains("looks like seconds") == true)
        #expect(seconds.first?.hint == "Multiply by 1000: 1718096400000.")
        #expect(timestampFindings("1718096400").map(\.code) == ["timestamp-in-seconds"])
        for bad: JSONValue in ["yesterday", "2024-13-01T00:00:00Z", true, ["ms": 1], "17180964000000000000", ""] {
            let found = timestampFindings(bad)
            #expect(found.map(\.code) == ["invalid-timestamp"], "\(bad)")
            #expect(found.first?.severity == .error)
        }
        let future = timestampFindings(.number(JSONNumber(validatedLiteral: "1718323200000")))  // +2 days
        #expect(future.map(\.code) == ["timestamp-in-future"])
        #expect(timestampFindings(.number(JSONNumber(validatedLiteral: "1718200000000"))).isEmpty)  // +14 h
        let past = timestampFindings(.number(JSONNumber(validatedLiteral: "915148800000")))  // 1999
        #expect(past.map(\.code) == ["timestamp-in-past"])
        // v1 and legacy paths
        let legacy = findings(example("search", .legacy).setting("eventTimestamp", to: 1_718_096_400))
        #expect(legacy.contains { $0.code == "timestamp-in-seconds" && $0.path == "eventTimestamp" })
    }

    @Test func timestampAtTheV2RootIsAWarningNotAnError() {
        let stamp = example("search")["context"]!["event_timestamp"]!
        let value = example("search").removing("context.event_timestamp").setting("event_timestamp", to: stamp)
        let found = findings(value)
        #expect(found.contains { $0.code == "timestamp-outside-context" && $0.path == "event_timestamp" && $0.severity == .warning })
        #expect(!found.contains { $0.severity == .error })
        let id = example("search").removing("context.event_id").setting("event_id", to: "1")
        #expect(findings(id).contains { $0.code == "metadata-outside-context" && $0.path == "event_id" })
        #expect(!findings(id).contains { $0.severity == .error })
    }

    @Test func consentCases() {
        let missing = findings(example("search").removing("user.consent_categories"))
        #expect(missing.contains { $0.code == "missing-consent-categories" && $0.severity == .error })
        let empty = findings(example("search").setting("user.consent_categories", to: []))
        let finding = empty.first { $0.code == "empty-consent-categories" }
        #expect(finding?.severity == .warning)
        #expect(finding?.message.contains("reaches no destination") == true)
        let numbers = findings(example("search").setting("user.consent_categories", to: [1, 3]))
        let info = numbers.first { $0.code == "consent-categories-as-numbers" }
        #expect(info?.severity == .info)
        #expect(info?.hint == "Send [\"1\", \"3\"].")
        #expect(!codes(example("search")).contains("consent-categories-as-numbers"))
        let wrong = findings(example("search").setting("user.consent_categories", to: "1,3"))
        #expect(wrong.contains { $0.code == "invalid-type" && $0.path == "user.consent_categories" })
        let element = findings(example("search").setting("user.consent_categories", to: ["1", ["2"]]))
        #expect(element.contains { $0.code == "invalid-type" && $0.path == "user.consent_categories[1]" })
        let typo = findings(example("search").removing("user.consent_categories").setting("user.consent_categries", to: ["1"]))
        #expect(typo.contains { $0.code == "property-name-near-miss" && $0.path == "user.consent_categries" })
    }

    @Test func nearMissEventNames() throws {
        let value = example("purchase").setting("event_name", to: "purchse")
        let finding = try #require(findings(value).first { $0.code == "event-name-near-miss" })
        #expect(finding.message.contains("did you mean \"purchase\"?"))
        #expect(finding.path == "event_name")
        #expect(finding.severity == .warning)
        #expect(!codes(example("purchase").setting("event_name", to: "newsletter_signup")).contains("event-name-near-miss"))
        #expect(codes(example("purchase").setting("event_name", to: "add_to_crat")).contains("event-name-near-miss"))
        #expect(codes(example("search", .legacy).setting("event", to: "serch")).contains("event-name-near-miss"))
        // a custom name unrelated to any standard event is fine
        #expect(findings(example("login").setting("event_name", to: "quote_requested")).allSatisfy { $0.severity == .info })
    }

    @Test func snakeCaseNaming() throws {
        let camel = findings(example("login").setting("event_name", to: "addToCart"))
        let finding = try #require(camel.first { $0.code == "event-name-not-snake-case" })
        #expect(finding.hint == "Use \"add_to_cart\".")
        #expect(finding.message.contains("standard event is \"add_to_cart\""))
        #expect(!camel.contains { $0.code == "event-name-near-miss" })
        let custom = findings(example("login").setting("event_name", to: "Newsletter Signup"))
        #expect(custom.first { $0.code == "event-name-not-snake-case" }?.hint == "Use \"newsletter_signup\".")
        let property = findings(example("login").setting("loginMethod", to: "x"))
        let propertyFinding = try #require(property.first { $0.code == "property-name-not-snake-case" })
        #expect(propertyFinding.path == "loginMethod")
        #expect(propertyFinding.hint == "Use \"login_method\".")
        let v1 = findings(example("login", .v1).setting("properties.PageName", to: "x"))
        #expect(v1.contains { $0.code == "property-name-not-snake-case" && $0.path == "properties.PageName" })
        let userKey = findings(example("login").setting("user.firstName", to: "Ann"))
        #expect(userKey.contains { $0.code == "property-name-not-snake-case" && $0.hint == "Use \"first_name\"." })
        // legacy's own camelCase keys are not flagged
        #expect(!codes(example("search", .legacy)).contains("property-name-not-snake-case"))
        // v2 device with legacy names is flagged
        let device = findings(example("search").setting("context.device.userAgent", to: "x"))
        #expect(device.contains { $0.code == "property-name-not-snake-case" && $0.path == "context.device.userAgent" })
    }

    @Test func propertyNearMissOnStandardEvents() {
        let value = example("purchase").setting("coupn", to: "X").removing("coupon")
        #expect(findings(value).contains { $0.code == "property-name-near-miss" && $0.path == "coupn" })
        let required = findings(example("add_payment_info").removing("payment_method").setting("payment_methd", to: "card"))
        let missing = required.first { $0.code == "missing-required-field" }
        #expect(missing?.hint == "Found \"payment_methd\": did you mean \"payment_method\"?")
    }

    @Test func migrationHints() throws {
        let v1 = try #require(findings(example("search", .v1)).first { $0.code == "v1-dialect" })
        #expect(v1.severity == .warning)
        #expect(v1.message == "v1 is no longer accepted since Dec 2023: move properties to the root and event_id, event_timestamp, device, page into context.")
        #expect(v1.hint?.contains("properties.search_term → search_term") == true)
        #expect(v1.hint?.contains("event_id → context.event_id") == true)
        #expect(v1.hint?.contains("page.location → context.page.url") == true)
        let legacy = try #require(findings(example("search", .legacy)).first { $0.code == "legacy-dialect" })
        #expect(legacy.severity == .info)
        #expect(legacy.hint?.contains("event_name") == true)
        #expect(!codes(example("search")).contains("v1-dialect"))
        let unknown = findings(["foo": 1])
        #expect(unknown.contains { $0.code == "unknown-dialect" })
        #expect(unknown.contains { $0.code == "missing-event-name" && $0.path == "event_name" })
    }

    @Test func hashedUserFields() {
        let md5 = "5d41402abc4b2a76b9719d911017c592"
        let sha = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        #expect(!codes(example("login").setting("user.email_md5", to: .string(md5)).setting("user.email_sha256", to: .string(sha)))
            .contains { $0.contains("hash") })
        let upper = findings(example("login").setting("user.email_sha256", to: .string(sha.uppercased())))
        #expect(upper.contains { $0.code == "hashed-value-not-lowercase" && $0.severity == .warning && $0.path == "user.email_sha256" })
        let short = findings(example("login").setting("user.phone_sha256", to: .string(md5)))
        #expect(short.contains { $0.code == "invalid-hashed-value" && $0.severity == .error && $0.path == "user.phone_sha256" })
        let notHex = findings(example("login").setting("user.email_md5", to: .string(String(repeating: "z", count: 32))))
        #expect(notHex.contains { $0.code == "invalid-hashed-value" })
        // email_sha256 replaces email
        let hashedOnly = example("login").removing("user.email").setting("user.email_sha256", to: .string(sha))
        #expect(!codes(hashedOnly).contains("missing-user-email"))
        #expect(codes(example("login").removing("user.email")).contains("missing-user-email"))
    }

    @Test func emailPhoneAndBirthdate() {
        #expect(codes(example("login").setting("user.email", to: "toto.domain.fr")).contains("invalid-email"))
        #expect(codes(example("login").setting("user.email", to: "toto@domain")).contains("invalid-email"))
        #expect(codes(example("login").setting("user.email", to: "to to@domain.fr")).contains("invalid-email"))
        #expect(!codes(example("login").setting("user.email", to: "first.last+tag@sub.domain.fr")).contains("invalid-email"))
        #expect(codes(example("login").setting("user.phone", to: "06 12 34 56 78")).contains("invalid-phone"))
        #expect(codes(example("login").setting("user.phone", to: "+0612345678")).contains("invalid-phone"))
        #expect(!codes(example("login").setting("user.phone", to: "+33612345678")).contains("invalid-phone"))
        #expect(codes(example("login").setting("user.birthdate", to: "12/03/1990")).contains("invalid-date"))
        #expect(!codes(example("login").setting("user.birthdate", to: "1990-03-12")).contains("invalid-date"))
    }

    @Test func eventIdAndNameEdgeCases() {
        #expect(findings(example("search").setting("context.event_id", to: "")).contains { $0.code == "missing-event-id" })
        #expect(findings(example("search").setting("context.event_id", to: ["x"])).contains { $0.code == "invalid-type" && $0.path == "context.event_id" })
        #expect(!codes(example("search").setting("context.event_id", to: 42)).contains("invalid-type"))
        #expect(findings(example("search").setting("event_name", to: "")).contains { $0.code == "missing-event-name" })
        #expect(findings(example("search").setting("event_name", to: 3)).contains { $0.code == "invalid-type" && $0.path == "event_name" })
        #expect(findings(example("search").setting("context", to: "x")).contains { $0.code == "invalid-type" && $0.path == "context" })
    }

    @Test func findingsOnlyDependOnTheGivenDialect() {
        // Validating a v2 event as v1 looks for v1's places.
        let found = findings(example("search"), .v1)
        #expect(found.contains { $0.code == "missing-event-id" && $0.path == "event_id" })
        #expect(EventValidator.validate(example("search"), dialect: .v2).filter { $0.severity == .error }.isEmpty)
    }

    @Test func codesAreStableKebabCaseAndDocumented() {
        let documented = EventValidator.Code.all.map(\.code)
        #expect(Set(documented).count == documented.count)
        for code in documented {
            #expect(code.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !code.hasPrefix("-"), "\(code)")
        }
        // Everything a pile of broken events produces is in the documented list.
        let broken: [JSONValue] = [
            ["foo": 1], .array([]), ["event": 3, "eventId": [1], "eventTimestamp": "x", "properties": 2],
            example("purchase").setting("currency", to: "eur").setting("status", to: "x").setting("items", to: [])
                .setting("event_name", to: "purchase").setting("user.phone", to: "1").setting("user.email_md5", to: "A")
                .setting("user.consent_categories", to: []).setting("page_type", to: 1),
            example("select_item").setting("selectedThing", to: 1).setting("context.event_timestamp", to: 1),
            example("refund", .v1).removing("properties.user.email").setting("properties.user.birthdate", to: "x"),
            example("view_item").setting("items[0].product.id", to: 1).setting("event_name", to: "view_itme"),
            example("search").setting("device", to: [:]).setting("context.event_timestamp", to: "1999-01-01"),
        ]
        for value in broken {
            for finding in findings(value) {
                #expect(documented.contains(finding.code), "\(finding.code)")
                #expect(!finding.message.isEmpty)
            }
        }
    }
}

@Suite struct NameSuggesterTests {
    @Test(arguments: [
        ("purchase", "purchase", 0), ("purchse", "purchase", 1), ("purcahse", "purchase", 1),
        ("add_to_crat", "add_to_cart", 1), ("", "abc", 3), ("abc", "", 3), ("ca", "abc", 3), ("kitten", "sitting", 3),
        ("événement", "evenement", 2),
    ])
    func distance(lhs: String, rhs: String, expected: Int) {
        #expect(NameSuggester.distance(lhs, rhs) == expected)
        #expect(NameSuggester.distance(rhs, lhs) == expected)
    }

    @Test(arguments: [
        ("eventId", "event_id"), ("userAgent", "user_agent"), ("HTTPStatus", "http_status"), ("Add To-Cart", "add_to_cart"),
        ("already_snake", "already_snake"), ("category1", "category1"), ("__x__", "x"), ("--", ""),
    ])
    func snakeCase(name: String, expected: String) {
        #expect(NameSuggester.snakeCase(name) == expected)
    }

    @Test func snakeCaseRule() {
        for good in ["purchase", "add_to_cart", "category_1", "email_sha256", "a"] { #expect(NameSuggester.isSnakeCase(good), "\(good)") }
        for bad in ["", "Purchase", "addToCart", "_ga", "a__b", "trailing_", "1st", "with space", "kebab-case", "é"] {
            #expect(!NameSuggester.isSnakeCase(bad), "\(bad)")
        }
    }

    @Test func suggestions() {
        let names = SpecCatalogue.standardEventNames
        #expect(NameSuggester.suggestion(for: "purchse", among: names) == "purchase")
        #expect(NameSuggester.suggestion(for: "AddToCart", among: names) == "add_to_cart")
        #expect(NameSuggester.suggestion(for: "purchase", among: names) == nil)
        #expect(NameSuggester.suggestion(for: "newsletter", among: names) == nil)
        // Short names tolerate one edit only.
        #expect(NameSuggester.suggestion(for: "lgin", among: names) == "login")
        #expect(NameSuggester.suggestion(for: "lg", among: names) == nil)
    }
}
