import CaptureLog
import Testing

/// The fingerprints stay those of the keys' bytes, whatever the recent pairs kept to spare the
/// hashing hold.
@Suite struct SecretFingerprintTests {
    @Test func aFingerprintIsTheStartOfTheKeysSHA256() {
        // SHA-256("abc") = ba7816bf 8f01cfea ...
        #expect(SecretFingerprint.fingerprint("abc") == "sha256:ba7816bf")
        #expect(SecretFingerprint.headerValue(name: "Authorization", value: "Bearer abc") == "Bearer sha256:ba7816bf")
        #expect(SecretFingerprint.headerValue(name: "X-API-Key", value: " abc ") == "sha256:ba7816bf")
        #expect(SecretFingerprint.headerValue(name: "Content-Type", value: "abc") == "abc")
    }

    /// More keys than the recent pairs hold, over and over: each gives its own fingerprint every
    /// time, as a header value and alone.
    @Test func manyKeysInTurnKeepTheirOwnFingerprints() {
        let keys = (0..<40).map { "source-key-\($0)" }
        let first = keys.map { SecretFingerprint.fingerprint($0) }
        #expect(Set(first).count == keys.count)
        for round in 0..<3 {
            for (index, key) in keys.enumerated() where index % (round + 1) == 0 {
                #expect(SecretFingerprint.fingerprint(key) == first[index])
                #expect(SecretFingerprint.headerValue(name: "authorization", value: "Bearer \(key)") == "Bearer \(first[index])")
                #expect(SecretFingerprint.headerValue(name: "Authorization", value: "Bearer \(key)") == "Bearer \(first[index])")
            }
        }
    }

    /// Keys that are equal as Swift strings (canonically equivalent) but not byte for byte have
    /// different fingerprints, whichever comes first.
    @Test func keysAreComparedByteForByte() {
        let composed = "cl\u{E9}"
        let decomposed = "cle\u{301}"
        #expect(composed == decomposed)
        let one = SecretFingerprint.fingerprint(composed)
        let other = SecretFingerprint.fingerprint(decomposed)
        #expect(one != other)
        #expect(SecretFingerprint.fingerprint(composed) == one)
        #expect(SecretFingerprint.headerValue(name: "Authorization", value: "Bearer \(composed)") == "Bearer \(one)")
        #expect(SecretFingerprint.headerValue(name: "Authorization", value: "Bearer \(decomposed)") == "Bearer \(other)")
    }

    @Test func headersWithoutAKeyComeBackAsTheyAre() {
        let fields: [CaptureRecord.HeaderField] = [.init(name: "Host", value: "h"), .init(name: "Accept", value: "*/*")]
        #expect(SecretFingerprint.headers(fields) == fields)
        let withKey = fields + [.init(name: "Proxy-Authorization", value: "Basic abc")]
        #expect(SecretFingerprint.headers(withKey) == fields + [.init(name: "Proxy-Authorization", value: "Basic sha256:ba7816bf")])
    }

    @Test func manyTasksAtOnceGetTheSameFingerprints() async {
        let keys = (0..<24).map { "concurrent-key-\($0)" }
        let expected = keys.map { SecretFingerprint.fingerprint($0) }
        await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var allRight = true
                    for round in 0..<50 {
                        let index = (task * 7 + round) % keys.count
                        let value = SecretFingerprint.headerValue(name: "Authorization", value: "Bearer \(keys[index])")
                        allRight = allRight && value == "Bearer \(expected[index])"
                    }
                    return allRight
                }
            }
            for await allRight in group { #expect(allRight) }
        }
    }
}
