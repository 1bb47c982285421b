import SeededRandom
import TrackingModel

/// Generates tracking events in the three dialects (legacy, v1, v2) as JSON Lines.
struct EventCorpus {
    /// All lines, each followed by a newline, in one buffer.
    var bytes: [UInt8] = []
    /// The byte range of each line (without its newline).
    var lines: [Range<Int>] = []
    var dialectCounts: [String: Int] = [:]

    init(events: Int, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        bytes.reserveCapacity(events * 900)
        lines.reserveCapacity(events)
        for index in 0..<events {
            let value: JSONValue
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<2:
                value = Self.legacyEvent(index: index, using: &random)
                dialectCounts["legacy", default: 0] += 1
            case 2..<4:
                value = Self.v1Event(index: index, using: &random)
                dialectCounts["v1", default: 0] += 1
            default:
                value = Self.v2Event(index: index, using: &random)
                dialectCounts["v2", default: 0] += 1
            }
            let start = bytes.count
            JSONPrinter.appendCompact(value, to: &bytes)
            lines.append(start..<bytes.count)
            bytes.append(0x0A)
        }
    }

    // MARK: - Pieces

    static let eventNames = ["purchase", "page_view", "search", "add_to_cart", "view_item", "login"]
    static let searchTerms = [
        "t-shirts", "robe d'été", "chaussures \"running\" homme", "日本 茶碗", "cafetière à piston",
        "emoji 😀 gift", "back\\slash", "tab\there", "line\nbreak", "Größe 42", "naïve café", "ß∂ƒ©",
    ]
    static let productNames = [
        "Organic cotton T-shirt", "Chemise à carreaux", "Sac à dos 25 L", "Tasse \"Bonjour\"", "運動靴",
        "Écharpe en laine", "Smartphone case — black", "Kids' raincoat", "Lampe de bureau LED",
    ]
    static let userAgents = [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    ]
    static let pageTypes = ["home", "product_list", "product", "search", "cart", "funnel", "account"]
    static let paymentMethods = ["card", "by_invoice", "coupon", "online_payment_system", "cod"]
    static let statuses = ["pending", "in_progress", "shipped", "delivered"]
    static let currencies = ["EUR", "USD", "GBP", "CHF"]

    static func number(_ literal: String) -> JSONValue { .number(JSONNumber(validatedLiteral: literal)) }

    /// An 18-digit id such as the vendor's `202110130000000000`.
    static func eighteenDigits(using random: inout SeededRandom) -> String {
        String(UInt64.random(in: 100_000_000_000_000_000...999_999_999_999_999_999, using: &random))
    }

    /// A price with exactly two decimals (`16.00`).
    static func price(using random: inout SeededRandom) -> String {
        let cents = Int.random(in: 99...49_999, using: &random)
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static func milliseconds(using random: inout SeededRandom) -> Int {
        Int.random(in: 1_639_000_000_000...1_700_000_000_000, using: &random)
    }

    static func user(v2: Bool, using random: inout SeededRandom) -> JSONValue {
        var members: [JSONObject.Member] = [
            .init(key: "id", value: .string(String(Int.random(in: 1...9_999_999, using: &random)))),
            .init(key: "email", value: .string("user\(Int.random(in: 1...99_999, using: &random))@example.fr")),
        ]
        if v2 {
            members.append(.init(key: "consistent_anonymous_id", value: .string(eighteenDigits(using: &random))))
        }
        let categories: [JSONValue] = (1...Int.random(in: 1...4, using: &random)).map { v2 ? .string(String($0)) : .number(JSONNumber($0)) }
        members.append(.init(key: "consent_categories", value: .array(categories)))
        return .object(JSONObject(members))
    }

    static func items(using random: inout SeededRandom) -> JSONValue {
        .array((0..<Int.random(in: 1...4, using: &random)).map { position in
            let name = productNames.randomElement(using: &random)!
            return [
                "id": .string("SKU-\(Int.random(in: 10_000...99_999, using: &random))"),
                "product": [
                    "id": .string("P\(Int.random(in: 1...99_999, using: &random))"),
                    "name": .string(name),
                    "price": number(price(using: &random)),
                    "currency": .string(currencies.randomElement(using: &random)!),
                    "category_1": "clothing",
                    "brand": "Acme",
                    "colors": ["red", "blue"],
                ],
                "quantity": .number(JSONNumber(Int.random(in: 1...5, using: &random))),
                "list_position": .number(JSONNumber(position + 1)),
            ]
        })
    }

    /// The event-specific fields (what v2 puts at the root and the others in `properties`).
    static func eventData(_ name: String, using random: inout SeededRandom) -> [JSONObject.Member] {
        switch name {
        case "purchase":
            return [
                .init(key: "id", value: .string("ORDER-\(Int.random(in: 1...9_999_999, using: &random))")),
                .init(key: "type", value: "online"),
                .init(key: "value", value: number(price(using: &random))),
                .init(key: "revenue", value: number(price(using: &random))),
                .init(key: "currency", value: .string(currencies.randomElement(using: &random)!)),
                .init(key: "payment_method", value: .string(paymentMethods.randomElement(using: &random)!)),
                .init(key: "status", value: .string(statuses.randomElement(using: &random)!)),
                .init(key: "tax_amount", value: number("3.2e1")),
                .init(key: "items", value: items(using: &random)),
            ]
        case "page_view":
            return [
                .init(key: "page_type", value: .string(pageTypes.randomElement(using: &random)!)),
                .init(key: "page_name", value: .string("Page \(Int.random(in: 1...500, using: &random)) – catalogue")),
            ]
        case "search":
            return [.init(key: "search_term", value: .string(searchTerms.randomElement(using: &random)!))]
        case "add_to_cart", "view_item":
            return [
                .init(key: "value", value: number(price(using: &random))),
                .init(key: "currency", value: .string(currencies.randomElement(using: &random)!)),
                .init(key: "items", value: items(using: &random)),
            ]
        default:
            return [.init(key: "method", value: "email")]
        }
    }

    static func legacyEvent(index: Int, using random: inout SeededRandom) -> JSONValue {
        let name = eventNames.randomElement(using: &random)!
        var properties = eventData(name, using: &random)
        properties.append(.init(key: "user", value: user(v2: false, using: &random)))
        return .object(JSONObject([
            .init(key: "event", value: .string(name)),
            .init(key: "eventId", value: .string(eighteenDigits(using: &random))),
            .init(key: "properties", value: .object(JSONObject(properties))),
            .init(key: "device", value: [
                "userAgent": .string(userAgents.randomElement(using: &random)!),
                "ip": .string("108.0.\(Int.random(in: 0...255, using: &random)).21"),
                "cookies": "fbp=123; fbc=456; _ga=GA1.3.593276215.1565602323",
            ]),
            .init(key: "eventTimestamp", value: "2015-12-12T19:11:01.249Z"),
        ]))
    }

    static func v1Event(index: Int, using random: inout SeededRandom) -> JSONValue {
        let name = eventNames.randomElement(using: &random)!
        var properties = eventData(name, using: &random)
        properties.append(.init(key: "user", value: user(v2: false, using: &random)))
        return .object(JSONObject([
            .init(key: "event_name", value: .string(name)),
            .init(key: "event_id", value: number(eighteenDigits(using: &random))),
            .init(key: "event_timestamp", value: .number(JSONNumber(milliseconds(using: &random)))),
            .init(key: "properties", value: .object(JSONObject(properties))),
            .init(key: "page", value: [
                "title": "Search page",
                "location": .string("https://shop.example/p/\(index)?q=%C3%A9t%C3%A9&ref=nav"),
            ]),
            .init(key: "device", value: [
                "user_agent": .string(userAgents.randomElement(using: &random)!),
                "ip": "102.3.4.56",
                "cookie": "_fbp=123; _fbc=456; _ga=789",
            ]),
        ]))
    }

    static func v2Event(index: Int, using random: inout SeededRandom) -> JSONValue {
        let name = eventNames.randomElement(using: &random)!
        var members: [JSONObject.Member] = [.init(key: "event_name", value: .string(name))]
        members += eventData(name, using: &random)
        members.append(.init(key: "user", value: user(v2: true, using: &random)))
        members.append(.init(key: "context", value: [
            "event_id": .string(eighteenDigits(using: &random)),
            "event_timestamp": .string(String(milliseconds(using: &random))),
            "page": [
                "title": "Produit – détail",
                "url": .string("https://shop.example/p/\(index)"),
                "lang": "fr",
                "referrer": "https://www.google.fr/",
                "viewport": ["width": 390, "height": 844],
            ],
            "device": [
                "user_agent": .string(userAgents.randomElement(using: &random)!),
                "ip": "102.3.4.56",
                "lang": "fr",
                "cookie": "_fbp=123; _fbc=456; _ga=789",
                "timezone": "Europe/Paris",
            ],
        ]))
        return .object(JSONObject(members))
    }
}
