/// The keys that appear in nearly every Commanders Act payload (all three dialects, items,
/// products, users, the capture log), as pre-built strings. When a key in the input matches one,
/// the parser reuses the string instead of creating a new one. Immutable after creation, so it is
/// shared by all threads.
final class JSONKnownKeys: Sendable {
    static let shared = JSONKnownKeys(keys: [
        // Legacy and v1.
        "event", "eventId", "eventTimestamp", "properties", "device", "userAgent", "ip", "cookies",
        "event_name", "event_id", "event_timestamp", "page", "title", "location", "user_agent", "cookie",
        // v2 context.
        "context", "url", "lang", "referrer", "viewport", "width", "height", "timezone", "app", "version",
        "build", "namespace", "sdk_id", "manufacturer", "model", "os", "screen", "density", "network",
        "lifecycle", "session_id", "path",
        // User.
        "user", "id", "email", "email_md5", "email_sha256", "phone", "firstname", "lastname", "gender",
        "birthdate", "city", "state", "street", "zipcode", "country", "status", "consent_categories",
        "consistent_anonymous_id",
        // Event data.
        "search_term", "page_type", "page_name", "method", "content_type", "item_id", "value", "currency",
        "revenue", "payment_method", "coupon", "items", "type", "tax_amount", "shipping_amount",
        "shipping_provider", "shipping_tier", "discount_value", "last_channel", "last_source",
        "item_list_name", "medium", "source", "campaign", "keyword", "ad_format", "test_code", "batch",
        // Items and products.
        "product", "quantity", "variant", "list_position", "discount", "affiliation", "name", "price",
        "category_1", "category_2", "category_3", "category_4", "category_5", "brand", "colors", "size",
        "cancelled_value", "cancelled_quantity", "returned_value", "returned_quantity", "original_value",
        // Capture records and HTTP.
        "sequence", "time", "direction", "headers", "query", "body", "request", "response", "latency",
        "dialect", "findings", "severity", "code", "message", "hint", "line", "column", "site_id",
    ])

    private let mask: Int
    private let fingerprints: [UInt64]
    private let keys: [String]
    private let bytes: [[UInt8]]

    init(keys: [String]) {
        var capacity = 16
        while capacity < keys.count * 4 { capacity *= 2 }
        var fingerprints = [UInt64](repeating: 0, count: capacity)
        var table = [String](repeating: "", count: capacity)
        var bytes = [[UInt8]](repeating: [], count: capacity)
        for key in keys {
            let utf8 = Array(key.utf8)
            let fingerprint = utf8.withUnsafeBufferPointer {
                JSONParserCore.fingerprint($0.baseAddress!, count: $0.count)
            }
            var slot = Self.slot(fingerprint, mask: capacity - 1)
            while fingerprints[slot] != 0, bytes[slot] != utf8 { slot = (slot + 1) & (capacity - 1) }
            fingerprints[slot] = fingerprint
            table[slot] = key
            bytes[slot] = utf8
        }
        self.mask = capacity - 1
        self.fingerprints = fingerprints
        self.keys = table
        self.bytes = bytes
    }

    /// The first slot to try for `fingerprint` in a table of `mask + 1` slots (a power of two).
    @inline(__always)
    static func slot(_ fingerprint: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (fingerprint ^ fingerprint >> 29) &* 0x9E37_79B9_7F4A_7C15 >> 40) & mask
    }

    /// The pre-built string for the `count` bytes at `start`, if they are one of the known keys.
    @inline(__always)
    func lookup(_ start: UnsafePointer<UInt8>, count: Int, fingerprint: UInt64) -> String? {
        var slot = Self.slot(fingerprint, mask: mask)
        while true {
            let candidate = fingerprints[slot]
            if candidate == 0 { return nil }
            if candidate == fingerprint, matches(slot, start, count) { return keys[slot] }
            slot = (slot &+ 1) & mask
        }
    }

    @inline(__always)
    private func matches(_ slot: Int, _ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        bytes[slot].withUnsafeBufferPointer { stored in
            guard stored.count == count else { return false }
            for k in 0..<count where stored[k] != start[k] { return false }
            return true
        }
    }
}
