/// A product the local Product API stored, as the tree shows it beside an item: its name and
/// price. The running app looks them up when a record opens (TerminalUI reads no store).
public struct CatalogueProduct: Sendable, Hashable {
    public var name: String?
    /// The price as written in the catalogue.
    public var price: String?
    public var currency: String?

    public init(name: String?, price: String?, currency: String?) {
        self.name = name
        self.price = price
        self.currency = currency
    }

    /// "catalogue: Shoe, 59.90 EUR".
    public var note: String {
        let price = [price, currency].compactMap { $0 }.joined(separator: " ")
        let parts = [name, price.isEmpty ? nil : price].compactMap { $0 }
        return "catalogue: " + (parts.isEmpty ? "known, no name or price" : parts.joined(separator: ", "))
    }
}

/// The catalogue products of one record's items: event position, then item position.
public struct ItemCatalogue: Sendable, Hashable {
    public struct Position: Sendable, Hashable {
        public var event: Int
        public var item: Int

        public init(event: Int, item: Int) {
            self.event = event
            self.item = item
        }
    }

    public var products: [Position: CatalogueProduct]

    public init(_ products: [Position: CatalogueProduct] = [:]) {
        self.products = products
    }

    public var isEmpty: Bool { products.isEmpty }

    public func product(event: Int, item: Int) -> CatalogueProduct? {
        products[Position(event: event, item: item)]
    }
}
