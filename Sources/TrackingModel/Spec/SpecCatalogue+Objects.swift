extension SpecCatalogue {
    /// An object carried by events (`user`, `item`, `product`, ...) and its fields.
    public struct ObjectSpec: Sendable, Hashable {
        public let name: String
        /// What the object is, in one line.
        public let summary: String
        public let fields: [FieldSpec]
        /// The fields with their lookups precomputed (for validation).
        let table: FieldTable

        public init(_ name: String, _ summary: String, fields: [FieldSpec]) {
            self.name = name
            self.summary = summary
            self.fields = fields
            self.table = FieldTable(fields)
        }

        public func field(named name: String) -> FieldSpec? { table.field(named: name) }

        public var requiredFields: [FieldSpec] { table.required }
    }

    /// Enumerations of the reference, shared by events and objects.
    public enum Enumerations {
        public static let pageType = [
            "home", "landing", "product_list", "product", "content_list", "content", "search", "funnel",
            "success", "funnel_confirmation", "account", "cart", "legal",
        ]
        public static let paymentMethod = [
            "by_invoice", "by_bank_transfer_in_advance", "card", "check_in_advance", "cod", "coupon",
            "direct_debit", "online_payment_system", "other",
        ]
        public static let purchaseStatus = [
            "canceled", "delivered", "in_progress", "partially_delivered", "partially_returned",
            "partially_shipped", "pending_shipment", "returned", "shipped", "pending",
        ]
        public static let transactionType = ["online", "offline", "call"]
        public static let productCondition = ["new", "refurbished", "used"]
        public static let productAvailability = ["in_stock", "available", "pre_order", "out_of_stock"]
        public static let productGender = ["male", "female", "unisex"]
        public static let userGender = ["m", "f"]
    }

    static func buildObjects() -> [ObjectSpec] {
        let user = ObjectSpec("user", "Who did it: identifiers, contact data and the consent that decides where the event may go.", fields: [
            FieldSpec("id", .identifier, .optional, "Your own id of the user (customer account id).", example: "12345"),
            FieldSpec("consistent_anonymous_id", .identifier, .conditional("required in v2"),
                      "The platform's anonymous id of the browser or app (the web CAID cookie); required in v2.",
                      example: "67892"),
            FieldSpec("email", .string, .conditional("required unless email_sha256 is given"),
                      "E-mail address in clear; may be left out when email_sha256 is sent.", example: "toto@domain.fr"),
            FieldSpec("email_md5", .string, .optional, "MD5 of the lowercased e-mail, 32 lowercase hex digits."),
            FieldSpec("email_sha256", .string, .optional, "SHA-256 of the lowercased e-mail, 64 lowercase hex digits."),
            FieldSpec("phone", .string, .optional, "Phone number in E.164 form (+33612345678)."),
            FieldSpec("firstname", .string, .optional, "Given name."),
            FieldSpec("lastname", .string, .optional, "Family name."),
            FieldSpec("gender", .string, .optional, "Gender: m or f.", allowedValues: Enumerations.userGender),
            FieldSpec("birthdate", .date, .optional, "Date of birth, YYYY-MM-DD."),
            FieldSpec("city", .string, .optional, "City of the postal address."),
            FieldSpec("state", .string, .optional, "State or region of the postal address."),
            FieldSpec("street", .string, .optional, "Street line of the postal address."),
            FieldSpec("zipcode", .string, .optional, "Postal code."),
            FieldSpec("country", .string, .optional, "Country, ISO 3166-1 code (FR, DE, ...)."),
            FieldSpec("consent_categories", .categoryArray, .required,
                      "Consent categories the user accepted; the event only reaches destinations whose consent filter matches one.",
                      example: ["1", "3"]),
            FieldSpec("status", .string, .optional, "Your status of the user (prospect, customer, vip, ...)."),
        ])
        let item = ObjectSpec("item", "One line of a basket or list: a product, how many, and at what value.", fields: [
            FieldSpec("id", .identifier, .required, "Id of this line (often the product's SKU).", example: "SKU-1042-M"),
            FieldSpec("product", .object, .required, "The product this line is about.", objectName: "product"),
            FieldSpec("quantity", .integer, .required, "How many units of the product.", example: 2),
            FieldSpec("variant", .string, .optional, "Which variant of the product (size, colour, ...).", example: "blue"),
            FieldSpec("list_position", .integer, .optional, "Position of the product in the list it was shown in."),
            FieldSpec("discount", .number, .optional, "Discount per unit, in the event's currency."),
            FieldSpec("affiliation", .string, .optional, "Store or partner the line was sold through."),
            FieldSpec("coupon", .string, .optional, "Coupon code applied to this line only."),
            FieldSpec("value", .number, .optional, "Value of the line (unit price × quantity, after discount).", example: 108.24),
            FieldSpec("cancelled_value", .number, .optional, "Part of the value cancelled after the order."),
            FieldSpec("cancelled_quantity", .integer, .optional, "Units cancelled after the order."),
            FieldSpec("returned_value", .number, .optional, "Part of the value returned by the customer."),
            FieldSpec("returned_quantity", .integer, .optional, "Units returned by the customer."),
            FieldSpec("original_value", .number, .optional, "Value of the line before any cancellation or return."),
        ])
        let product = ObjectSpec("product", "A product of the catalogue, in an item or sent to the Product API.", fields: [
            FieldSpec("id", .identifier, .required, "Product id, a string of 1 to 50 characters.", example: "SKU-1042"),
            FieldSpec("name", .string, .required, "Product name as shown to customers.", example: "Linen shirt"),
            FieldSpec("price", .number, .required, "Unit price after discount, tax excluded.", example: 54.12),
            FieldSpec("currency", .currency, .optional, "ISO 4217 code of the price.", example: "EUR"),
            FieldSpec("category_1", .string, .optional, "Top level of the product's category path.", example: "Men"),
            FieldSpec("category_2", .string, .optional, "Second level of the category path.", example: "Shirts"),
            FieldSpec("category_3", .string, .optional, "Third level of the category path."),
            FieldSpec("category_4", .string, .optional, "Fourth level of the category path."),
            FieldSpec("category_5", .string, .optional, "Fifth level of the category path."),
            FieldSpec("brand", .string, .optional, "Brand or maker.", example: "Maison Lin"),
            FieldSpec("colors", .stringArray, .optional, "Colours the product comes in.", example: ["blue"]),
            FieldSpec("size", .string, .optional, "Size of the product.", example: "M"),
            FieldSpec("description", .string, .optional, "Longer description (Product API)."),
            FieldSpec("tags", .stringArray, .optional, "Free tags (Product API)."),
            FieldSpec("condition", .string, .optional, "State of the product: new, refurbished or used.",
                      allowedValues: Enumerations.productCondition),
            FieldSpec("availability", .string, .optional, "Stock status: in_stock, available, pre_order or out_of_stock.",
                      allowedValues: Enumerations.productAvailability),
            FieldSpec("availability_date", .string, .optional, "When a pre-ordered product becomes available."),
            FieldSpec("expiration_date", .string, .optional, "When the product stops being offered."),
            FieldSpec("sale_price", .number, .optional, "Price during a sale, tax excluded."),
            FieldSpec("image_link", .string, .optional, "URL of the main product image."),
            FieldSpec("link", .string, .optional, "URL of the product page."),
            FieldSpec("width", .number, .optional, "Width in centimetres."),
            FieldSpec("length", .number, .optional, "Length in centimetres."),
            FieldSpec("height", .number, .optional, "Height in centimetres."),
            FieldSpec("weight", .number, .optional, "Weight in grams."),
            FieldSpec("gender", .string, .optional, "Who the product is for: male, female or unisex.",
                      allowedValues: Enumerations.productGender),
            FieldSpec("gtin", .string, .optional, "Global Trade Item Number (EAN, UPC) of the product."),
            FieldSpec("mpn", .string, .optional, "Manufacturer part number."),
            FieldSpec("custom", .object, .optional, "Your own extra product attributes."),
        ])
        let page = ObjectSpec("page", "The web page the event happened on.", fields: [
            FieldSpec("title", .string, .optional, "Title of the page.", example: "Linen shirt – Maison Lin"),
            FieldSpec("url", .string, .optional, "Full URL of the page (v1 called it location).",
                      example: "https://shop.example.com/p/linen-shirt"),
            FieldSpec("location", .string, .optional, "v1 name of the page URL; v2 calls it url."),
            FieldSpec("path", .string, .optional, "Path part of the URL."),
            FieldSpec("lang", .string, .optional, "Language of the page content.", example: "en"),
            FieldSpec("referrer", .string, .optional, "URL of the page the visitor came from.", example: "https://www.google.fr"),
            FieldSpec("viewport", .object, .optional, "Visible size of the page in pixels: width and height."),
        ])
        let device = ObjectSpec("device", "The browser, phone or server that produced the event.", fields: [
            FieldSpec("user_agent", .string, .optional, "User-Agent header of the browser or app.",
                      example: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"),
            FieldSpec("ip", .string, .optional, "IP address of the visitor (the platform zeroes its last octet).",
                      example: "102.3.4.56"),
            FieldSpec("lang", .string, .optional, "Language of the browser or phone.", example: "fr"),
            FieldSpec("cookie", .string, .optional, "Cookie string of the visitor's browser (name=value; ...).",
                      example: "_fbp=fb.1.1718096400000.123; _ga=GA1.3.593276215.1565602323"),
            FieldSpec("timezone", .string, .optional, "IANA time zone of the device.", example: "Europe/Paris"),
            FieldSpec("sdk_id", .string, .optional, "Id of the mobile SDK installation."),
            FieldSpec("manufacturer", .string, .optional, "Maker of the phone or tablet."),
            FieldSpec("model", .string, .optional, "Model of the phone or tablet."),
            FieldSpec("os", .object, .optional, "Operating system: name and version."),
            FieldSpec("screen", .object, .optional, "Screen: width, height and density."),
            FieldSpec("network", .object, .optional, "Network the device is on (carrier, wifi, ...)."),
            FieldSpec("lifecycle", .object, .optional, "App lifecycle data, such as the session id."),
        ])
        let context = ObjectSpec("context", "v2 metadata about the event: its id, time, page, device and app.", fields: [
            FieldSpec("event_id", .identifier, .required, "Your unique id of this event, used to de-duplicate it.",
                      example: "202406110900000001"),
            FieldSpec("event_timestamp", .timestamp, .required, "When the event happened, milliseconds since 1970 (UTC).",
                      example: 1_718_096_400_000),
            FieldSpec("page", .object, .optional, "The web page the event happened on.", objectName: "page"),
            FieldSpec("device", .object, .optional, "The browser, phone or server that sent the event.", objectName: "device"),
            FieldSpec("app", .object, .optional, "The mobile app: name, version, build, namespace."),
        ])
        return [user, item, product, page, device, context]
    }
}
