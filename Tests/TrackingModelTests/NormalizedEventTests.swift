import Foundation
import Testing
@testable import TrackingModel

@Suite struct NormalizedEventTests {
    @Test func legacyEvent() throws {
        let event = NormalizedEvent(try ModelFixture.value("legacy-brief-corrected.json"))
        #expect(event.dialect == .legacy)
        #expect(event.name == "search")
        #expect(event.eventId == "202110130000000000")
        #expect(event.timestamp?.form == .iso8601)
        #expect(event.timestamp?.milliseconds == 1_449_947_461_249)
        #expect(event.user?.id == "12345")
        #expect(event.user?.email == "toto@domain.fr")
        #expect(event.user?.consentCategories == ["1", "3"])
        #expect(event.device?.userAgent?.hasPrefix("Mozilla/5.0") == true)
        #expect(event.device?.ip == "108.0.78.21")
        #expect(event.device?.cookies == [
            Cookie(name: "fbp", value: "123"), Cookie(name: "fbc", value: "456"),
            Cookie(name: "_ga", value: "GA1.3.593276215.1565602323"),
        ])
        #expect(event.properties.keys == ["search_term"])
        #expect(event.page == nil)
    }

    @Test func v1Event() throws {
        let event = NormalizedEvent(try ModelFixture.value("v1-search.json"))
        #expect(event.dialect == .v1)
        #expect(event.eventId == "202110130000000000")
        #expect(event.timestamp?.milliseconds == 1_639_044_446_636)
        #expect(event.page?.title == "Search page")
        #expect(event.page?.url == "https://shop.com/search?q=...")
        #expect(event.device?.userAgent != nil)
        #expect(event.user?.consentCategories == ["1", "3"])
    }

    @Test func v2Event() throws {
        let event = NormalizedEvent(try ModelFixture.value("v2-search.json"))
        #expect(event.dialect == .v2)
        #expect(event.name == "search")
        #expect(event.timestamp?.form == .stringMilliseconds)
        #expect(event.user?.consistentAnonymousId == "67892")
        #expect(event.device?.language == "fr")
        #expect(event.device?.timezone == "Europe/Paris")
        #expect(event.page?.lang == "en")
        #expect(event.page?.referrer == "https://www.google.fr")
        #expect(event.properties.keys == ["search_term"])
    }

    @Test func itemsAndProducts() throws {
        let event = NormalizedEvent(SpecCatalogue.example(for: "purchase", dialect: .v1)!.value)
        let item = try #require(event.items.first)
        #expect(item.id == "SKU-1042-M")
        #expect(item.quantity == 2)
        #expect(item.value == 108.24)
        #expect(item.product?.id == "SKU-1042")
        #expect(item.product?.name == "Linen shirt")
        #expect(item.product?.price == 54.12)
        #expect(item.product?.brand == "Maison Lin")
        #expect(!event.properties.keys.contains("user"))
    }

    @Test func batchQuirkTimestampAtTheRoot() throws {
        let batch = try ModelFixture.value("v2-batch-corrected.json")
        let event = NormalizedEvent(batch["batch"]![0]!)
        #expect(event.timestamp?.milliseconds == 1_639_044_446_636)
        #expect(!event.properties.keys.contains("event_timestamp"))
        #expect(event.properties.keys == ["payment_method", "revenue", "value", "currency"])
        let v2 = event.v2Value
        #expect(v2["context"]?["event_timestamp"] == "1639044446636")
        #expect(v2["event_timestamp"] == nil)
    }

    @Test func v2ValueOfLegacy() throws {
        let v2 = NormalizedEvent(try ModelFixture.value("legacy-brief-corrected.json")).v2Value
        #expect(v2.objectValue?.keys == ["event_name", "search_term", "user", "context"])
        #expect(v2["event_name"] == "search")
        #expect(v2["user"]?["id"] == "12345")
        #expect(v2["context"]?["event_id"] == "202110130000000000")
        #expect(v2["context"]?["event_timestamp"] == "2015-12-12T19:11:01.249Z")
        #expect(v2["context"]?["device"]?.objectValue?.keys == ["user_agent", "ip", "cookie"])
        #expect(DialectDetector.detect(v2) == .v2)
        #expect(NormalizedEvent(v2).user?.id == "12345")
    }

    @Test func v2ValueOfV1() throws {
        let v2 = NormalizedEvent(try ModelFixture.value("v1-search.json")).v2Value
        #expect(v2["search_term"] == "t-shirts")
        #expect(v2["context"]?["page"]?["url"] == "https://shop.com/search?q=...")
        #expect(v2["context"]?["page"]?["location"] == nil)
        #expect(v2["context"]?["device"]?["cookie"] == "_fbp=123; _fbc=456; _ga=789")
        #expect(v2["properties"] == nil)
        #expect(v2["event_id"] == nil)
    }

    @Test func v2ValueOfV2IsUnchanged() throws {
        let value = try ModelFixture.value("v2-search.json")
        #expect(NormalizedEvent(value).v2Value == value)
    }

    @Test func everyExampleMigratesToAValidV2Event() {
        let now = Date(timeIntervalSince1970: 1_718_150_400)
        for name in SpecCatalogue.standardEventNames {
            for dialect in [Dialect.legacy, .v1] {
                let v2 = NormalizedEvent(SpecCatalogue.example(for: name, dialect: dialect)!.value).v2Value
                #expect(DialectDetector.detect(v2) == .v2)
                let errors = EventValidator.validate(v2, dialect: .v2, now: now).filter { $0.severity == .error }
                // The older dialects carry no consistent_anonymous_id: that is the only thing missing.
                #expect(errors.map(\.code) == ["missing-consistent-anonymous-id"], "\(name) \(dialect)")
            }
        }
    }

    @Test func consentCategoriesNormaliseNumbersAndStrings() {
        let raw: JSONValue = ["consent_categories": [1, "3", 4.5, true]]
        let user = NormalizedEvent.User(raw.objectValue!)
        #expect(user.consentCategories == ["1", "3", "4.5"])
        let text: JSONValue = ["consent_categories": "1"]
        #expect(NormalizedEvent.User(text.objectValue!).consentCategories == nil)
    }

    @Test func unknownPayloadsAreReadBestEffort() {
        let event = NormalizedEvent(["eventId": 7, "user": ["id": 42]], dialect: .unknown)
        #expect(event.eventId == "7")
        #expect(event.user?.id == "42")
        #expect(NormalizedEvent(.array([])).name == nil)
        #expect(NormalizedEvent(.array([])).properties.isEmpty)
    }
}

@Suite struct EventTimestampTests {
    @Test(arguments: [
        ("1639044446636" as JSONValue, EventTimestamp.Form.stringMilliseconds, 1_639_044_446_636 as Int64?),
        (.number(JSONNumber(validatedLiteral: "1639044446636")), .integerMilliseconds, 1_639_044_446_636),
        (1_639_044_446, .integerSeconds, 1_639_044_446_000),
        ("1639044446", .stringSeconds, 1_639_044_446_000),
        (.number(JSONNumber(validatedLiteral: "1639044446.5")), .integerSeconds, 1_639_044_446_500),
        ("2015-12-12T19:11:01.249Z", .iso8601, 1_449_947_461_249),
        ("2015-12-12T19:11:01Z", .iso8601, 1_449_947_461_000),
        ("2015-12-12T20:11:01+01:00", .iso8601, 1_449_947_461_000),
        ("2015-12-12T18:11:01.2-0100", .iso8601, 1_449_947_461_200),
        ("2015-12-12", .iso8601, 1_449_878_400_000),
        ("2024-02-29T00:00:00Z", .iso8601, 1_709_164_800_000),
        ("2023-02-29T00:00:00Z", .invalid, nil),
        ("2015-12-12T25:00:00Z", .invalid, nil),
        ("2015-12-12T19:11:01.Z", .invalid, nil),
        ("2015-12-12T19:11:01Zjunk", .invalid, nil),
        ("12/12/2015", .invalid, nil),
        ("", .invalid, nil),
        ("-1639044446636", .invalid, nil),
        (.number(JSONNumber(validatedLiteral: "1639044446636.5")), .invalid, nil),
        (true, .invalid, nil),
        (nil, .invalid, nil),
    ])
    func forms(value: JSONValue, form: EventTimestamp.Form, milliseconds: Int64?) {
        let timestamp = EventTimestamp(value)
        #expect(timestamp.form == form)
        #expect(timestamp.milliseconds == milliseconds)
        #expect(timestamp.original == value)
    }

    @Test func dateAndMatchesFoundation() throws {
        let timestamp = EventTimestamp(milliseconds: 1_449_947_461_249)
        #expect(timestamp.form == .integerMilliseconds)
        #expect(timestamp.date == Date(timeIntervalSince1970: 1_449_947_461.249))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for text in ["1999-12-31T23:59:59.999Z", "2038-01-19T03:14:08.000Z", "1970-01-01T00:00:00.000Z"] {
            let expected = try #require(formatter.date(from: text))
            let parsed = try #require(EventTimestamp(.string(text)).date)
            #expect(abs(parsed.timeIntervalSince(expected)) < 0.0005, "\(text)")
        }
    }
}
