import Crypto
import Foundation
import Synchronization
import TrackingModel

/// Replaces source keys with a fingerprint (`sha256:` and the first 8 hex digits of the key's
/// SHA-256), so a log never holds a key in clear yet different keys can be told apart.
public enum SecretFingerprint {
    public static let prefix = "sha256:"

    /// `sha256:1a2b3c4d` for `key`. An already fingerprinted value is returned unchanged.
    public static func fingerprint(_ key: String) -> String {
        if isFingerprint(key) { return key }
        return recentKeys.result(for: key, otherwise: computeFingerprint)
    }

    /// Recent keys and their fingerprints, and recent secret header values and what they become:
    /// a collector sees the same few keys over and over.
    private static let recentKeys = RecentFingerprints()
    private static let recentHeaderValues = RecentFingerprints()

    private static func computeFingerprint(_ key: String) -> String {
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
    public static let secretQueryParameters: Set<String> = ["token"]
    /// Headers whose values carry a key after an optional scheme (`Bearer`).
    static let secretHeaders = ["authorization", "proxy-authorization", "x-api-key"]

    /// Whether header `name` carries a key (any case).
    static func isSecretHeader(_ name: String) -> Bool {
        secretHeaders.contains { name.equalsIgnoringASCIICase($0) }
    }

    /// A header value with its key fingerprinted: `Bearer KEY` becomes `Bearer sha256:...`.
    public static func headerValue(name: String, value: String) -> String {
        guard isSecretHeader(name) else { return value }
        return recentHeaderValues.result(for: value, otherwise: fingerprintedHeaderValue)
    }

    /// A secret header's value with its key fingerprinted (see `headerValue(name:value:)`).
    private static func fingerprintedHeaderValue(_ value: String) -> String {
        let trimmed = value.trimmingHTTPWhitespace()
        if trimmed.isEmpty { return value }
        if let space = trimmed.utf8.firstIndex(where: { $0 == 0x20 || $0 == 0x09 }) {
            let scheme = trimmed[..<space]
            let credential = trimmed[space...].trimmingHTTPWhitespace()
            if credential.isEmpty { return String(scheme) }
            return "\(scheme) \(fingerprint(String(credential)))"
        }
        return fingerprint(String(trimmed))
    }

    /// The headers with every key fingerprinted (the same array when none carries a key).
    public static func headers(_ fields: [CaptureRecord.HeaderField]) -> [CaptureRecord.HeaderField] {
        var fields = fields
        for index in fields.indices where isSecretHeader(fields[index].name) {
            fields[index].value = headerValue(name: fields[index].name, value: fields[index].value)
        }
        return fields
    }

    /// A query string (without `?`) with every `token` value fingerprinted; other parameters and
    /// their order are kept byte for byte.
    public static func query(_ query: String) -> String {
        guard !query.isEmpty else { return query }
        let bytes = Array(query.utf8)
        let token: [UInt8] = Array("token".utf8)
        var output: [UInt8] = []
        var changed = false
        var partStart = 0
        while partStart <= bytes.count {
            var partEnd = partStart
            while partEnd < bytes.count, bytes[partEnd] != UInt8(ascii: "&") { partEnd += 1 }
            var replaced = false
            if let equals = bytes[partStart..<partEnd].firstIndex(of: UInt8(ascii: "=")) {
                let nameBytes = bytes[partStart..<equals]
                var isSecret = nameBytes.elementsEqual(token)
                if !isSecret, nameBytes.contains(UInt8(ascii: "%")) {
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    isSecret = secretQueryParameters.contains(PercentDecoding.queryComponent(name))
                }
                if isSecret, equals + 1 < partEnd {
                    let value = PercentDecoding.queryComponent(String(decoding: bytes[(equals + 1)..<partEnd], as: UTF8.self))
                    output.append(contentsOf: bytes[partStart...equals])
                    output.append(contentsOf: fingerprint(value).utf8)
                    replaced = true
                    changed = true
                }
            }
            if !replaced { output.append(contentsOf: bytes[partStart..<partEnd]) }
            if partEnd < bytes.count { output.append(UInt8(ascii: "&")) }
            partStart = partEnd + 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : query
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

/// The last few texts and what they became (a key and its fingerprint, a secret header's value
/// and its fingerprinted form), so that the same key is not hashed again on every request. Texts
/// are compared byte for byte (a fingerprint is of the key's bytes); the oldest pair gives way to
/// the newest. Held in memory only, never written anywhere.
final class RecentFingerprints: Sendable {
    static let capacity = 8

    private struct Pairs {
        var pairs: [(text: String, result: String)] = []
        /// Where the next pair goes once all places are taken.
        var next = 0
    }

    private let recent = Mutex(Pairs())

    /// What `text` became, from the recent pairs or else `make(text)` (then remembered).
    func result(for text: String, otherwise make: (String) -> String) -> String {
        let found: String? = recent.withLock { recent in
            recent.pairs.first { $0.text.hasSameUTF8(as: text) }?.result
        }
        if let found { return found }
        let result = make(text)
        recent.withLock { recent in
            if recent.pairs.count < Self.capacity {
                recent.pairs.append((text, result))
            } else {
                recent.pairs[recent.next] = (text, result)
                recent.next = (recent.next + 1) % Self.capacity
            }
        }
        return result
    }
}
