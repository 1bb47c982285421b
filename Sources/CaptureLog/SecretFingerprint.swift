import Crypto
import Foundation

/// Replaces source keys with a fingerprint (`sha256:` and the first 8 hex digits of the key's
/// SHA-256), so a log never holds a key in clear yet different keys can be told apart.
public enum SecretFingerprint {
    public static let prefix = "sha256:"

    /// `sha256:1a2b3c4d` for `key`. An already fingerprinted value is returned unchanged.
    public static func fingerprint(_ key: String) -> String {
        if isFingerprint(key) { return key }
        let digest = SHA256.hash(data: Data(key.utf8))
        var hex = ""
        for byte in digest.prefix(4) {
            hex += String(byte, radix: 16).leftPadded(to: 2)
        }
        return prefix + hex
    }

    /// Whether `value` is a fingerprint (`sha256:` and 8 lowercase hex digits).
    public static func isFingerprint(_ value: String) -> Bool {
        guard value.utf8.count == prefix.utf8.count + 8, value.hasPrefix(prefix) else { return false }
        return value.utf8.dropFirst(prefix.utf8.count).allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66)
        }
    }

    /// Query parameters whose values are keys.
    static let secretQueryParameters: Set<String> = ["token"]
    /// Headers whose values carry a key after an optional scheme (`Bearer`).
    static let secretHeaders: Set<String> = ["authorization", "proxy-authorization", "x-api-key"]

    /// A header value with its key fingerprinted: `Bearer KEY` becomes `Bearer sha256:...`.
    public static func headerValue(name: String, value: String) -> String {
        guard secretHeaders.contains(name.lowercased()) else { return value }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return value }
        if let space = trimmed.firstIndex(of: " ") {
            let scheme = trimmed[..<space]
            let credential = trimmed[space...].trimmingCharacters(in: .whitespaces)
            if credential.isEmpty { return String(scheme) }
            return "\(scheme) \(fingerprint(credential))"
        }
        return fingerprint(trimmed)
    }

    /// The headers with every key fingerprinted.
    public static func headers(_ fields: [CaptureRecord.HeaderField]) -> [CaptureRecord.HeaderField] {
        fields.map { CaptureRecord.HeaderField(name: $0.name, value: headerValue(name: $0.name, value: $0.value)) }
    }

    /// A query string (without `?`) with every `token` value fingerprinted; other parameters and
    /// their order are kept byte for byte.
    public static func query(_ query: String) -> String {
        guard !query.isEmpty else { return query }
        var changed = false
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> Substring in
            guard let equals = part.firstIndex(of: "=") else { return part }
            let name = String(part[..<equals])
            let decodedName = name.removingPercentEncoding ?? name
            guard secretQueryParameters.contains(decodedName) else { return part }
            let rawValue = String(part[part.index(after: equals)...])
            let value = (rawValue.replacingOccurrences(of: "+", with: " ")).removingPercentEncoding ?? rawValue
            if value.isEmpty { return part }
            changed = true
            return Substring("\(name)=\(fingerprint(value))")
        }
        return changed ? parts.joined(separator: "&") : query
    }

    /// A URL with the `token` parameter of its query fingerprinted.
    public static func url(_ text: String) -> String {
        guard let question = text.firstIndex(of: "?") else { return text }
        var fragment = ""
        var queryPart = String(text[text.index(after: question)...])
        if let hash = queryPart.firstIndex(of: "#") {
            fragment = String(queryPart[hash...])
            queryPart = String(queryPart[..<hash])
        }
        return String(text[..<question]) + "?" + query(queryPart) + fragment
    }

    /// The record with every key it carries fingerprinted (request headers, query, target URL).
    public static func record(_ record: CaptureRecord) -> CaptureRecord {
        var record = record
        record.requestHeaders = headers(record.requestHeaders)
        record.query = query(record.query)
        if let target = record.targetURL { record.targetURL = url(target) }
        return record
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
