/// What the well-known cookies of a device's cookie string are, in a line: the analytics and
/// advertising cookies server-side events carry, and the vendor's own.
public enum KnownCookies {
    /// Exact names and what they are.
    static let exact: [String: String] = [
        "_ga": "Google Analytics client id (browser + first visit time)",
        "_gid": "Google Analytics 24-hour visitor id",
        "_fbp": "Meta (Facebook) browser id for the Conversions API",
        "_fbc": "Meta (Facebook) click id from an ad click (fbclid)",
        "_gcl_au": "Google Ads conversion linker (first-party ad click)",
        "TCID": "Commanders Act visitor id",
        "TCPID": "Commanders Act persistent visitor id",
        "CAID": "Commanders Act anonymous id (consistent_anonymous_id)",
    ]

    /// Prefixes of cookie families and what they are, checked in order.
    static let prefixes: [(prefix: String, meaning: String)] = [
        ("_ga_", "Google Analytics 4 session state for one property"),
        ("tc_", "Commanders Act tag and consent cookie"),
    ]

    /// What the cookie called `name` is, or nil when it is not a well-known one.
    public static func explanation(for name: String) -> String? {
        if let meaning = exact[name] { return meaning }
        return prefixes.first { name.hasPrefix($0.prefix) }?.meaning
    }
}
