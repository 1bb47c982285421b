import Foundation

/// Percent-decoding as the collect endpoints read URLs: one rule for the collector, the capture
/// log's import and export, and fingerprinting. Text that does not decode (a stray `%`, bytes that
/// are not UTF-8) is kept as it came rather than lost.
public enum PercentDecoding {
    /// A query-string name or value (`application/x-www-form-urlencoded`): `+` is a space and
    /// `%XX` a byte.
    public static func queryComponent<Text: StringProtocol>(_ text: Text) -> String {
        // Looked for among the bytes: Foundation's `contains` of a string goes through CFString,
        // a cost every request with a query (or a path site id) would pay.
        let plus = text.utf8.contains(UInt8(ascii: "+")) ? text.replacingOccurrences(of: "+", with: " ") : String(text)
        guard plus.utf8.contains(UInt8(ascii: "%")) else { return plus }
        return plus.removingPercentEncoding ?? plus
    }

    /// A path segment: `%XX` is a byte and `+` stays a plus (`12%33` is `123`).
    public static func pathSegment<Text: StringProtocol>(_ text: Text) -> String {
        let raw = String(text)
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
        return raw.removingPercentEncoding ?? raw
    }
}
