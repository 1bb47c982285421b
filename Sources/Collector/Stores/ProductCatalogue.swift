import CaptureLog
import TrackingModel

/// The products the Product API stored, by site and product id: the inspector shows a product's
/// name and price beside an item id. Derived from the log (`apply(_:)` replays accepted lines).
public actor ProductCatalogue {
    /// One stored product.
    public struct Product: Sendable, Hashable {
        public var site: String
        public var id: String
        /// The product as last sent (an upsert replaces it).
        public var value: JSONObject

        public var name: String? { value["name"]?.stringValue }
        /// The price as written.
        public var price: JSONNumber? {
            if case .number(let number)? = value["price"] { return number }
            if case .string(let text)? = value["price"], Double(text) != nil { return JSONNumber(validatedLiteral: text) }
            return nil
        }
        public var currency: String? { value["currency"]?.stringValue }
    }

    /// A stored product found for one item of an event.
    public struct ItemProduct: Sendable, Hashable {
        /// The event's position in the body (0 for a single event) and the item's in its items.
        public var event: Int
        public var item: Int
        /// The product id the item names (its `product.id`, else its `id`).
        public var id: String
        public var product: Product
    }

    private struct Key: Hashable {
        var site: String
        var id: String
    }

    private var products: [Key: Product] = [:]

    public init() {}

    /// How many products are stored.
    public var count: Int { products.count }

    /// The product `id` of `site`, when the Product API stored one.
    public func product(site: String, id: String) -> Product? {
        products[Key(site: site, id: id)]
    }

    /// The stored products of the items of every event in `body` (a request body of `site`), in
    /// order; items with no stored product are left out. The inspector and the inspection API show them.
    public func products(forItemsIn body: JSONValue, site: String) -> [ItemProduct] {
        var found: [ItemProduct] = []
        for (eventIndex, event) in EventBody.events(in: body).enumerated() {
            for (itemIndex, item) in NormalizedEvent(event).items.enumerated() {
                guard let id = item.product?.id ?? item.id, let product = product(site: site, id: id) else { continue }
                found.append(ItemProduct(event: eventIndex, item: itemIndex, id: id, product: product))
            }
        }
        return found
    }

    /// Stores (replaces) `product` under `site`.
    public func upsert(site: String, id: String, product: JSONObject) {
        products[Key(site: site, id: id)] = Product(site: site, id: id, value: product)
    }

    /// Forgets every product (on `/_trackscope/reset`).
    public func removeAll() {
        products = [:]
    }

    /// Replays one record of the log: the accepted lines of an answered Product API request are stored.
    public func apply(_ record: CaptureRecord) {
        guard record.direction == .received, record.method == "POST",
              case .productBulk(let site) = CollectorEndpoint.match(path: record.path),
              let status = record.response?.status, status == 202 || status == 207 else { return }
        store(ProductLines(record.requestBody), site: site)
    }

    func store(_ lines: ProductLines, site: String) {
        for line in lines.accepted {
            if let id = line.id, let product = line.product { upsert(site: site, id: id, product: product) }
        }
    }
}
