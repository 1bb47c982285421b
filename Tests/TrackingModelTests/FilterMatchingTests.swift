import Foundation
import Testing
@testable import TrackingModel

/// A subject with every special field, as a capture record would provide.
private struct RecordSubject: FilterSubject {
    var event: JSONValue = [:]
    var filterEventName: String? = nil
    var filterDialect: Dialect? = nil
    var filterDirection: String? = nil
    var filterStatus: Int? = nil
    var filterFindings: [Finding] = []
    var filterSiteId: String? = nil
    var filterMethod: String? = nil
    var filterPath: String? = nil
    var filterSequence: UInt64? = nil

    func filterValues(at path: JSONPath) -> [JSONValue] { event.filterValues(at: path) }
}

/// A subject that provides nothing: every default of the protocol.
private struct EmptySubject: FilterSubject {}

private func number(_ literal: String) -> JSONValue { .number(JSONNumber(validatedLiteral: literal)) }

private let purchase: JSONValue = [
    "event_name": "purchase",
    "id": "ORD-1",
    "value": number("22.50"),
    "revenue": 16,
    "currency": "EUR",
    "status": "shipped",
    "coupon": "",
    "big_id": number("202110130000000001"),
    "items": [
        ["id": "SKU1", "quantity": 2, "product": ["id": "P1", "name": "T-Shirt", "price": number("9.99")]],
        ["id": "SKU2", "quantity": 1, "product": ["id": "P2", "name": "Cap", "price": 5]],
    ],
    "user": ["id": "42", "email": "a@b.c", "consent_categories": ["1", "3"], "phone": nil, "opt_in": true],
    "context": [
        "event_id": "e1",
        "event_timestamp": "2015-12-12T19:11:01.249Z",
        "device": ["ip": "10.0.0.1"],
    ],
]

@Suite struct FilterMatchingTests {
    private func matches(_ query: String, _ subject: some FilterSubject) throws -> Bool {
        try FilterQuery.parse(query).matches(subject)
    }

    private func check(_ subject: some FilterSubject, matching: [String], notMatching: [String]) throws {
        for query in matching {
            #expect(try matches(query, subject), "expected \(query) to match")
        }
        for query in notMatching {
            #expect(try !matches(query, subject), "expected \(query) not to match")
        }
    }

    private var purchaseSubject: EventFilterSubject { EventFilterSubject(event: purchase) }

    // MARK: - JSON fields

    @Test func fieldEqualityIsCaseInsensitiveAndNumeric() throws {
        try check(purchaseSubject, matching: [
            "user.id:42", "user.id:\"42\"", "currency:eur", "currency:EUR", "value:22.5", "value:22.500",
            "value:2.25e1", "revenue:16.0", "big_id:202110130000000001", "user.opt_in:true", "id:ord-1",
        ], notMatching: [
            "user.id:43", "currency:usd", "value:22", "value:22.51", "big_id:202110130000000000", "user.opt_in:false",
            "missing:x",
        ])
    }

    @Test func globs() throws {
        try check(purchaseSubject, matching: [
            "user.id:4*", "user.id:?2", "context.device.ip:10.*", "context.device.ip:10.0.0.?", "value:22*",
            "currency:*", "id:ORD-*", "items.product.name:t-*", "id:*1",
        ], notMatching: [
            "context.device.ip:11.*", "user.id:?", "id:ORD", "items.product.name:shirt", "currency:?",
        ])
    }

    @Test func alternatives() throws {
        try check(purchaseSubject, matching: ["currency:USD|EUR", "value:1|22.5", "user.id:\"x y\"|42"],
                  notMatching: ["currency:USD|GBP", "currency!=USD|EUR"])
    }

    @Test func emptyStringValues() throws {
        try check(purchaseSubject, matching: ["coupon:\"\"", "has:coupon"], notMatching: ["currency:\"\"", "coupon:x"])
    }

    @Test func comparisonsAreNumericBetweenNumbers() throws {
        try check(purchaseSubject, matching: [
            "value>22", "value>=22.5", "value<100", "value<=22.50", "value!=22", "items.quantity>1",
            "items.product.price<6", "user.consent_categories>=3", "big_id>202110130000000000",
        ], notMatching: [
            "value>22.5", "value<22.5", "value<=22.49", "value!=22.5", "items.quantity>2",
            "big_id>202110130000000001",
        ])
    }

    @Test func comparisonsAreStringOrderOtherwise() throws {
        try check(purchaseSubject, matching: [
            "context.event_timestamp>2015-01-01", "context.event_timestamp<2016", "currency>=eur", "currency<f",
        ], notMatching: [
            "context.event_timestamp<2015-01-01", "context.event_timestamp>2015-12-13", "currency>eur",
        ])
    }

    @Test func ranges() throws {
        try check(purchaseSubject, matching: [
            "value:20..30", "value:22.5..22.5", "value:..22.5", "value:*..22.50", "value:22.5..*", "items.quantity:2..3",
            "context.event_timestamp:2015-12-01..2015-12-31", "value:1..2|20..30", "value!=1..2",
        ], notMatching: [
            "value:23..", "value:*..22", "value:22.51..30", "context.event_timestamp:2016..", "value!=20..30",
            "missing:1..2",
        ])
        try check(record, matching: ["seq:100..200", "seq:120..", "seq:..120", "status:400..451", "status:1..2|404..404", "site:20..30"],
                  notMatching: ["seq:121..", "seq:1..119", "status:500..", "status:405..410", "site:30.."])
    }

    @Test func notEqualNeedsTheFieldButNegationDoesNot() throws {
        try check(purchaseSubject, matching: ["currency!=USD", "-currency:USD", "-missing:x", "not missing:x"],
                  notMatching: ["currency!=eur", "missing!=x", "-currency:EUR", "!currency:EUR"])
    }

    @Test func fanOutOverArrays() throws {
        try check(purchaseSubject, matching: [
            "items.id:SKU2", "items[].id:SKU2", "items[*].id:sku1", "items[0].id:SKU1", "items[-1].id:SKU2",
            "items[1].product.name:cap", "user.consent_categories:3", "user.consent_categories:\"1\"",
        ], notMatching: [
            "items[0].id:SKU2", "items[2].id:SKU1", "items.id:SKU3", "user.consent_categories:2",
            "items.id!=SKU1",
        ])
    }

    @Test func hasMeansPresentAndNotNull() throws {
        try check(purchaseSubject, matching: [
            "has:user.email", "has:items.product", "has:items[1]", "-has:user.phone", "has:user.fax|user.email",
            "has:context",
        ], notMatching: ["has:user.phone", "has:user.fax", "has:items[2]", "has:items.product.color"])
    }

    @Test func reservedNamesNeedTheDollarPrefix() throws {
        try check(purchaseSubject, matching: ["$.status:shipped", "$.event_name:purchase"], notMatching: ["$.status:pending"])
        #expect(throws: FilterParseError.self) { try FilterQuery.parse("status:shipped") }
    }

    // MARK: - Free text

    @Test func freeTextSearchesKeysAndValuesWithoutRawText() throws {
        try check(purchaseSubject, matching: [
            "t-shirt", "\"T-Shirt\"", "t-sh*rt", "sku2", "consent_categories", "10.0.0.1", "purchase sku1",
        ], notMatching: ["tshirt", "\"shirt cap\"", "sku3", "purchase sku3"])
    }

    @Test func freeTextSearchesTheRawTextWhenGiven() throws {
        let raw = #"{"event_name": "Search", "search_term": "Chaussures d'été"}"#
        let value: JSONValue = ["event_name": "Search", "search_term": "Chaussures d'été"]
        let subject = EventFilterSubject(event: value, rawText: raw)
        try check(subject, matching: [
            "\"event_name\\\": \\\"search\"", "CHAUSSURES", "ÉTÉ", "\"d'été\"",
        ], notMatching: ["ete", "\"event_name\\\":\\\"search\""])
    }

    // MARK: - Special fields

    private var record: RecordSubject {
        RecordSubject(
            event: purchase,
            filterEventName: "purchase",
            filterDialect: .v1,
            filterDirection: "received",
            filterStatus: 404,
            filterFindings: [
                Finding(severity: .warning, code: "missing-required-field", path: "currency", message: "m"),
                Finding(severity: .info, code: "unknown-field", path: "x", message: "m"),
            ],
            filterSiteId: "29",
            filterMethod: "POST",
            filterPath: "/events",
            filterSequence: 120
        )
    }

    @Test func eventName() throws {
        try check(record, matching: ["event:purchase", "event:PURCHASE", "event:pur*", "event:refund|purchase", "event!=refund"],
                  notMatching: ["event:refund", "event:purchase_x", "event!=purchase"])
        try check(EmptySubject(), matching: ["-event:purchase"], notMatching: ["event:*", "event!=x"])
    }

    @Test func dialect() throws {
        try check(record, matching: ["dialect:v1", "dialect:legacy|v1", "dialect!=v2", "dialect:V1"],
                  notMatching: ["dialect:v2", "dialect!=v1", "dialect:legacy|unknown"])
        try check(EmptySubject(), matching: ["-dialect:v1"], notMatching: ["dialect:v1", "dialect!=v1"])
    }

    @Test func direction() throws {
        try check(record, matching: ["dir:received", "dir:received|sent", "dir!=sent", "dir:RECEIVED"],
                  notMatching: ["dir:sent", "dir!=received"])
    }

    @Test func statusCodesClassesAndComparisons() throws {
        try check(record, matching: [
            "status:404", "status:4xx", "status:200|404", "status:2xx|4xx", "status>=400", "status>400", "status<500",
            "status!=200", "status!=5xx",
        ], notMatching: [
            "status:200", "status:2xx", "status:40", "status<400", "status>=405", "status!=4xx", "status!=404",
        ])
        try check(EmptySubject(), matching: ["-status:200"], notMatching: ["status:200", "status!=200", "status>0", "status:2xx"])
    }

    @Test func severityIsAtLeast() throws {
        try check(record, matching: [
            "sev:warning", "sev:info", "sev>=warning", "sev>info", "sev<error", "sev<=warning", "sev!=error",
            "sev:error|warning", "-sev:error",
        ], notMatching: ["sev:error", "sev>warning", "sev<warning", "sev<=info", "sev!=warning"])
        let clean = RecordSubject()
        try check(clean, matching: ["-sev:info"], notMatching: ["sev:info", "sev<error", "sev!=error"])
        let failing = RecordSubject(filterFindings: [Finding(severity: .error, code: "invalid-json", path: "$", message: "m")])
        try check(failing, matching: ["sev:error", "sev:warning", "sev>warning"], notMatching: ["sev<error"])
    }

    @Test func findingCodes() throws {
        try check(record, matching: ["code:missing-required-field", "code:missing-*", "code:UNKNOWN-FIELD", "code!=invalid-json"],
                  notMatching: ["code:invalid-json", "code:missing", "code!=missing-*"])
    }

    @Test func siteMethodPathAndSequence() throws {
        try check(record, matching: [
            "site:29", "site:2*", "site>28", "site:029|29", "method:post", "method:P*", "method!=GET",
            "path:/events*", "path:/events", "seq>100", "seq:120", "seq>=120", "seq!=7", "seq:1|120",
        ], notMatching: [
            "site:3*", "site<29", "method:GET", "path:/events/batch", "path:/event", "seq<=119", "seq:121", "seq!=120",
        ])
        try check(EmptySubject(), matching: ["-site:29", "-seq>0"], notMatching: ["site:*", "method:*", "path:*", "seq>0"])
    }

    @Test func combinations() throws {
        try check(record, matching: [
            "event:purchase -currency:USD (status:4xx or sev:error)",
            "dir:sent or event:purchase",
            "not (dir:sent or status:2xx)",
            "event:purchase value>20 items.id:SKU2 -sev:error",
        ], notMatching: [
            "event:purchase (status:2xx or sev:error)",
            "dir:sent or event:refund",
            "-(dir:sent or status:4xx)",
        ])
    }

    @Test func emptyQueryMatchesEverything() throws {
        #expect(try matches("", EmptySubject()))
        #expect(try matches("", record))
        #expect(FilterQuery.all.matches(EmptySubject()))
        #expect(try !matches("x", EmptySubject()))
        #expect(try matches("-x", EmptySubject()))
    }

    // MARK: - Dialect independence, with the vendor's fixtures

    private static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    private static func fixture(_ name: String) throws -> (value: JSONValue, raw: String) {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        let document = try JSONParser.parse([UInt8](data))
        return (document.value, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: ["legacy-brief-corrected.json", "v1-search.json", "v2-search.json"])
    func sameQueriesMatchEveryDialect(_ name: String) throws {
        let (value, raw) = try Self.fixture(name)
        let subject = EventFilterSubject(event: value, rawText: raw)
        try check(subject, matching: [
            "user.id:12345", "event:search", "search_term:t-shirts", "user.email:*@domain.fr", "has:user.consent_categories",
            "user.consent_categories:3", "has:context.event_id", "context.event_id:202110130000000000", "t-shirts",
            "has:context.device.user_agent", "context.device.ip:10*|108.*",
        ], notMatching: [
            "user.id:42", "event:purchase", "has:user.phone", "user.consent_categories:2", "context.device.ip:1.*",
        ])
    }

    @Test func dialectOfTheFixtures() throws {
        #expect(try matches("dialect:legacy", EventFilterSubject(event: Self.fixture("legacy-brief-corrected.json").value)))
        #expect(try matches("dialect:v1", EventFilterSubject(event: Self.fixture("v1-search.json").value)))
        #expect(try matches("dialect:v2", EventFilterSubject(event: Self.fixture("v2-search.json").value)))
        #expect(try matches("dialect:v2", EventFilterSubject(event: Self.fixture("v1-search.json").value, dialect: .v2)))
    }

    @Test func rawPathsWinOverTheNormalisedShape() throws {
        let (legacy, _) = try Self.fixture("legacy-brief-corrected.json")
        let subject = EventFilterSubject(event: legacy)
        try check(subject, matching: [
            "properties.user.id:12345", "eventId:202110130000000000", "device.userAgent:mozilla*",
            "context.device.user_agent:mozilla*", "event_name:search",
        ], notMatching: ["properties.user.id:1"])
    }

    @Test func batchesFanOut() throws {
        let (batch, _) = try Self.fixture("v2-batch-corrected.json")
        let subject = EventFilterSubject(event: batch)
        try check(subject, matching: [
            "batch.event_name:generate_lead", "batch[1].method:linkedin", "batch.user.consent_categories:2",
            "batch[0].value:22.53", "batch.revenue:16",
        ], notMatching: ["batch[0].event_name:generate_lead", "batch.value:22.5"])
    }

    /// EventFilterSubject reads the name and the v2 shape of v2 events without building the
    /// normalised view; it must agree with `NormalizedEvent` exactly.
    @Test func shortcutsAgreeWithTheNormalisedView() throws {
        var events: [JSONValue] = []
        for name in ["legacy-brief-corrected.json", "v1-search.json", "v2-search.json", "v2-batch-corrected.json"] {
            events.append(try Self.fixture(name).value)
        }
        let (batch, _) = try Self.fixture("v2-batch-corrected.json")
        events += batch["batch"]?.arrayValue ?? []
        events += [
            ["event_name": "x", "event_id": "root-id", "event_timestamp": 1, "context": ["event_id": "inner"]],
            ["event_name": "x", "event_id": "first", "event_id": "second", "user": ["id": 1], "context": "not an object"],
            ["event": "legacy-ish", "event_name": "both"],
            ["event": 42, "event_timestamp": ["ms": 5]],
            ["something": "else", "event_id": "e"],
            ["event_name": "x", "properties": ["user": ["id": 7]], "eventId": "a"],
            [1, 2, 3],
            "just a string",
        ]
        let paths: [JSONPath] = [
            "event_name", "user.id", "context.event_id", "context.event_timestamp", "context.event_timestamp.ms",
            "context.device.user_agent", "context.page.url", "search_term", "context", "event_id", "user",
            "payment_method", "batch", "properties.user.id",
        ]
        for event in events {
            let subject = EventFilterSubject(event: event)
            let normalized = NormalizedEvent(event)
            #expect(subject.filterEventName == normalized.name, "name of \(event)")
            #expect(subject.dialect == normalized.dialect)
            for path in paths {
                let expected = event.filterValues(at: path).isEmpty ? normalized.v2Value.filterValues(at: path) : event.filterValues(at: path)
                #expect(subject.filterValues(at: path) == expected, "\(path) in \(event)")
            }
        }
    }

    @Test func freeTextFoldsNonASCIINeedlesAndHaystacks() throws {
        let subject = EventFilterSubject(event: [:], rawText: "Crème BRÛLÉE at CAFÉ \u{212A}elvin")
        try check(subject, matching: ["crème", "BRÛLÉE", "brûlée", "café", "\"at café\"", "\u{212A}ELVIN"],
                  notMatching: ["creme", "kelvin", "brulee"])
    }

    @Test func findingsOfAnEvent() throws {
        let subject = EventFilterSubject(
            event: purchase,
            findings: [Finding(severity: .error, code: "invalid-currency", path: "currency", message: "m")]
        )
        try check(subject, matching: ["sev:error", "code:invalid-*"], notMatching: ["code:missing-*"])
    }

    // MARK: - Glob and number primitives

    @Test func globMatcher() {
        #expect(FilterGlob("a*c").matches("ABC"))
        #expect(FilterGlob("a*c").matches("ac"))
        #expect(FilterGlob("a*c").matches("abcbc"))
        #expect(!FilterGlob("a*c").matches("abcb"))
        #expect(FilterGlob("*").matches(""))
        #expect(!FilterGlob("?").matches(""))
        #expect(FilterGlob("?").matches("é"))
        #expect(FilterGlob("?t?").matches("été"))
        #expect(FilterGlob("ÉTÉ").matches("été"))
        #expect(FilterGlob("*é*").matches("CAFÉ NOIR"))
        #expect(!FilterGlob("k").matches("\u{212A}"), "the Kelvin sign is not an ASCII k")
        #expect(FilterGlob("**a**").matches("xxa"))
        #expect(FilterGlob("*a*b*c*").matches("xaxxbxxxc"))
        #expect(!FilterGlob("*a*b*c*").matches("xaxxcxxxb"))
        #expect(FilterGlob.literal("a*").matches("A*"))
        #expect(!FilterGlob.literal("a*").matches("ab"))
        #expect(FilterGlob("").matches(""))
        #expect(!FilterGlob("").matches("x"))
    }

    @Test func exactDecimals() throws {
        let equal = [("22.5", "22.50"), ("22.5", "2.25e1"), ("0", "-0"), ("0", "0.0e5"), ("100", "1E2"), ("1e-3", "0.001")]
        for (left, right) in equal {
            #expect(try #require(FilterDecimal(left)) == #require(FilterDecimal(right)), "\(left) == \(right)")
        }
        let ascending = ["-1e3", "-1", "-0.5", "0", "0.001", "1", "9.99", "10", "202110130000000000", "202110130000000001", "1e30"]
        let numbers = try ascending.map { try #require(FilterDecimal($0)) }
        for (index, number) in numbers.enumerated().dropFirst() {
            #expect(numbers[index - 1] < number, "\(ascending[index - 1]) < \(ascending[index])")
            #expect(!(number < numbers[index - 1]))
        }
        for invalid in ["", "01", "+1", "1.", ".5", "1e", "abc", " 1", "1 ", "--1", "0x10", "1e+"] {
            #expect(FilterDecimal(invalid) == nil, "\(invalid)")
        }
    }

    // MARK: - Required literals

    @Test func requiredLiterals() throws {
        func literals(_ query: String) throws -> [String] { try FilterQuery.parse(query).requiredLiterals }
        #expect(try literals("") == [])
        #expect(try literals("Purchase") == ["purchase"])
        #expect(try literals("event:purchase user.email:Toto@Domain.fr") == ["purchase", "toto@domain.fr"])
        #expect(try literals("event:purchase|refund") == [])
        #expect(try literals("event:purchase|purchase") == ["purchase"])
        #expect(try literals("shop or cart") == [])
        #expect(try literals("(shop purchase) or (shop refund)") == ["shop"])
        #expect(try literals("-purchase") == [])
        #expect(try literals("event!=purchase") == [])
        #expect(try literals("value:22.5 user.id:42") == [])
        #expect(try literals("value>100 status:200 dir:sent sev:error code:x-y has:user") == [])
        #expect(try literals("context.device.ip:10.*") == ["10."])
        #expect(try literals("context.page.url:\"https://shop.com/search*\"") == ["https:", "shop.com", "search"])
        #expect(try literals(#"user.name:"O\"Brien""#) == ["brien"])
        #expect(try literals("name:Zoëlle") == ["zo", "lle"])
        #expect(try literals("t-sh*rt") == ["t-sh", "rt"])
        #expect(try literals("name:a*b") == [])
        #expect(try literals("name:ab..cd") == ["ab..cd"])
        #expect(try literals("name:10..20 event:buy") == ["buy"])
    }

    private static let soundnessQueries = [
        "search", "event:search", "event:Search", "user.id:12345", "user.email:toto@domain.fr", "user.email:*domain*",
        "search_term:t-shirts", "search_term:T-SHIRTS", "context.device.ip:108.*", "context.page.url:https://shop.com*",
        "context.page.title:\"Search page\"", "items.id:SKU1", "currency:EUR", "event:purchase value:22.5",
        "(event:search user.id:12345) or (event:search user.email:*)", "context.event_timestamp:1639000000000..",
        "context.device.ip:102.3.4.56", "event:search context.page.viewport.width:300..400", "mozilla chrome", "\"search page\"",
        "batch.event_name:generate_lead", "batch.method:LinkedIn", "user.consent_categories:3", "payment_method:card",
        "Dupont", "user.lastname:DUPONT", "event_name:search", "properties.search_term:t-*", "t-shirt*",
        "context.device.cookie:*_ga=*", "device.cookies:\"fbp=123; fbc=456*\"", "user.firstname:\"José\"",
    ]

    private static let soundnessEvents: [String] = [
        #"{"event_name":"purchase","value":22.50,"currency":"EUR","items":[{"id":"SKU1","product":{"id":"P","name":"Cap"}}]}"#,
        #"{"event_name":"purchase","value":"22.5","currency":"eur","items":[{"id":"sku1"}]}"#,
        #"{"event":"SEARCH","eventId":"1","properties":{"search_term":"T-Shirts","user":{"id":12345,"email":"TOTO@DOMAIN.FR","lastname":"Dupont","firstname":"Jos\u00e9"}}}"#,
        #"{"event_name":"search","context":{"page":{"url":"https:\/\/shop.com\/search","title":"Search page"},"device":{"ip":"108.0.0.1","cookie":"_ga=1"}},"user":{"consent_categories":[1,3]}}"#,
    ]

    @Test func requiredLiteralsAreSound() throws {
        var events: [(JSONValue, String)] = []
        for name in ["legacy-brief-corrected.json", "v1-search.json", "v2-search.json", "v2-batch-corrected.json"] {
            events.append(try Self.fixture(name))
        }
        for raw in Self.soundnessEvents {
            events.append((try JSONParser.parse(raw).value, raw))
        }
        var matched = 0
        for query in Self.soundnessQueries {
            let parsed = try FilterQuery.parse(query)
            for (value, raw) in events where parsed.matches(EventFilterSubject(event: value, rawText: raw)) {
                matched += 1
                let lowered = String(decoding: raw.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
                for literal in parsed.requiredLiterals {
                    #expect(lowered.contains(literal), "\(query): '\(literal)' not in \(raw.prefix(60))")
                }
            }
        }
        // The property is only meaningful if many pairs match.
        #expect(matched >= 30)
    }
}
