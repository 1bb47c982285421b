extension NormalizedEvent {
    /// The user an event is about.
    public struct User: Sendable, Hashable {
        public var id: String?
        public var consistentAnonymousId: String?
        public var email: String?
        /// The consent categories as strings (`[1, 3]` and `["1", "3"]` both give `["1", "3"]`);
        /// nil when absent or not an array.
        public var consentCategories: [String]?
        /// Every member as sent.
        public var raw: JSONObject

        public init(_ object: JSONObject) {
            raw = object
            id = object["id"]?.scalarTextIfScalar
            consistentAnonymousId = object["consistent_anonymous_id"]?.scalarTextIfScalar
            email = object["email"]?.stringValue
            if case .array(let elements)? = object["consent_categories"] {
                consentCategories = elements.compactMap { $0.scalarTextIfScalar }
            }
        }
    }

    /// The device (browser, phone, server) that sent the event.
    public struct Device: Sendable, Hashable {
        public var userAgent: String?
        public var ip: String?
        public var language: String?
        public var timezone: String?
        /// The cookie string as sent: `cookie` (v1, v2) or `cookies` (legacy).
        public var cookieHeader: String?
        public var raw: JSONObject

        /// The cookies of the cookie string, in order (parsed when asked for).
        public var cookies: [Cookie] { cookieHeader.map(CookieParser.parse) ?? [] }

        public init(_ object: JSONObject) {
            raw = object
            userAgent = (object["user_agent"] ?? object["userAgent"])?.stringValue
            ip = object["ip"]?.stringValue
            language = (object["lang"] ?? object["language"])?.stringValue
            timezone = object["timezone"]?.stringValue
            cookieHeader = (object["cookie"] ?? object["cookies"])?.stringValue
        }
    }

    /// The page the event happened on.
    public struct Page: Sendable, Hashable {
        public var title: String?
        /// `url` (v2) or `location` (v1).
        public var url: String?
        public var referrer: String?
        public var lang: String?
        public var raw: JSONObject

        public init(_ object: JSONObject) {
            raw = object
            title = object["title"]?.stringValue
            url = (object["url"] ?? object["location"])?.stringValue
            referrer = object["referrer"]?.stringValue
            lang = object["lang"]?.stringValue
        }
    }

    /// A product, as found inside an item.
    public struct Product: Sendable, Hashable {
        public var id: String?
        public var name: String?
        /// The price (after discount, tax excluded), when it is a number.
        public var price: Double?
        public var currency: String?
        public var brand: String?
        public var raw: JSONObject

        public init(_ object: JSONObject) {
            raw = object
            id = object["id"]?.scalarTextIfScalar
            name = object["name"]?.stringValue
            price = object["price"]?.numberValue?.doubleValue
            currency = object["currency"]?.stringValue
            brand = object["brand"]?.stringValue
        }
    }

    /// An entry of `items`.
    public struct Item: Sendable, Hashable {
        public var id: String?
        public var quantity: Int?
        public var value: Double?
        public var product: Product?
        public var raw: JSONObject

        public init(_ object: JSONObject) {
            raw = object
            id = object["id"]?.scalarTextIfScalar
            quantity = object["quantity"]?.numberValue?.int64Value.map { Int(truncatingIfNeeded: $0) }
            value = object["value"]?.numberValue?.doubleValue
            product = object["product"]?.objectValue.map(Product.init)
        }
    }
}

extension JSONValue {
    /// Strings bare and numbers as written; nil for anything else (ids are sent both ways).
    var scalarTextIfScalar: String? {
        switch self {
        case .string(let text): text
        case .number(let number): number.literal
        default: nil
        }
    }
}
