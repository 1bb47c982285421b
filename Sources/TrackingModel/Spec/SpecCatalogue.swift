/// What the reference says about standard events and the objects they carry, with a line of
/// explanation for every field. Lookups are precomputed indexes (validation runs on every
/// captured event).
public enum SpecCatalogue {
    /// Every standard event, in the reference's order.
    public static let standardEvents: [EventSpec] = buildEvents()

    /// The names of the standard events, in the reference's order.
    public static let standardEventNames: [String] = standardEvents.map(\.name)

    private static let eventIndex = NameIndex(standardEventNames)

    /// The standard event called `name` (exact, case-sensitive), nil for a custom event.
    public static func event(named name: String) -> EventSpec? {
        eventIndex.position(of: name).map { standardEvents[$0] }
    }

    /// The objects events carry: `user`, `item`, `product`, `page`, `device`, `context`.
    public static let objects: [ObjectSpec] = buildObjects()

    private static let objectIndex: [String: ObjectSpec] = {
        var index: [String: ObjectSpec] = [:]
        for object in objects { index[object.name] = object }
        return index
    }()

    /// The object called `name` (`user`, `item`, `product`, `page`, `device`, `context`).
    public static func object(named name: String) -> ObjectSpec? { objectIndex[name] }

    /// Active ISO 4217 currency codes (and the funds and precious-metal codes of the list).
    public static let currencyCodes: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
        "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
        "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF",
        "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD",
        "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
        "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
        "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
        "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK",
        "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK",
        "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT",
        "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS",
        "VED", "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG",
        "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
    ]
}
