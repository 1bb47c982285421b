import SeededRandom
import Testing
import TrackingModel

@Suite struct ASCIITextTests {
    @Test func trimsSpacesAndTabsOnly() {
        #expect(" \t Bearer key \t ".trimmingHTTPWhitespace() == "Bearer key")
        #expect("".trimmingHTTPWhitespace() == "")
        #expect(" \t ".trimmingHTTPWhitespace() == "")
        #expect("key".trimmingHTTPWhitespace() == "key")
        // Not HTTP whitespace: kept, so that nothing but the separators is dropped.
        #expect("\nkey\u{A0}".trimmingHTTPWhitespace() == "\nkey\u{A0}")
        #expect("  clé ".trimmingHTTPWhitespace() == "clé")
        let substring = "[ x ]".dropFirst().dropLast()
        #expect(substring.trimmingHTTPWhitespace() == "x")
    }

    @Test func comparesASCIILettersWithoutCase() {
        #expect("Content-Type".equalsIgnoringASCIICase("content-type"))
        #expect("APPLICATION/JSON".equalsIgnoringASCIICase("application/json"))
        #expect(!"application/json5".equalsIgnoringASCIICase("application/json"))
        #expect(!"application/jso".equalsIgnoringASCIICase("application/json"))
        // Only ASCII letters fold: É is not é, and [ (0x5B) is not { (0x7B).
        #expect(!"É".equalsIgnoringASCIICase("é"))
        #expect(!"[".equalsIgnoringASCIICase("{"))
        #expect("".equalsIgnoringASCIICase(""))
    }

    /// Strings are compared as buffers when contiguous, through their views otherwise: both
    /// against the rule itself (fold A-Z to a-z, compare bytes) on random near-equal pairs, as
    /// Strings and as Substrings.
    @Test func bufferComparisonAgreesWithTheRule() {
        func folded(_ text: some StringProtocol) -> [UInt8] {
            text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        }
        let alphabet = Array("aAzZ@[`{-é\u{301}0")
        var random = SeededRandom(seed: 41)
        for _ in 0..<3000 {
            let one = String((0..<random.below(9)).map { _ in alphabet[random.below(alphabet.count)] })
            var other = Array(one)
            if !other.isEmpty, random.below(2) == 0 { other[random.below(other.count)] = alphabet[random.below(alphabet.count)] }
            let two = String(other)
            let expected = folded(one) == folded(two)
            #expect(one.equalsIgnoringASCIICase(two) == expected, "\(one.debugDescription) \(two.debugDescription)")
            let substring = ("<" + two + ">").dropFirst().dropLast()
            #expect(one.equalsIgnoringASCIICase(substring) == expected)
        }
    }

    @Test func matchesPrefixesWithoutCase() {
        #expect("Bearer abc".hasPrefixIgnoringASCIICase("bearer "))
        #expect("BEARER abc".hasPrefixIgnoringASCIICase("bearer "))
        #expect(!"Bearerabc".hasPrefixIgnoringASCIICase("bearer "))
        #expect(!"Bear".hasPrefixIgnoringASCIICase("bearer "))
        #expect("anything".hasPrefixIgnoringASCIICase(""))
    }

    /// Same UTF-8 bytes, not canonical equivalence: "é" and "e" + U+0301 are equal strings but
    /// different keys.
    @Test func sameUTF8ComparesBytes() {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        #expect(!composed.hasSameUTF8(as: decomposed))
        #expect(composed.hasSameUTF8(as: String(decoding: Array(composed.utf8), as: UTF8.self)))
        #expect("".hasSameUTF8(as: ""))
        #expect(!"a".hasSameUTF8(as: ""))
        #expect(!"consent_categories".hasSameUTF8(as: "consent_categorieS"))
        #expect("consent_categories".hasSameUTF8(as: "consent_" + "categories"))
        Array("user".utf8).withUnsafeBufferPointer { #expect("user".hasSameUTF8(as: $0)) }
        Array("usex".utf8).withUnsafeBufferPointer { #expect(!"user".hasSameUTF8(as: $0)) }
        [UInt8]().withUnsafeBufferPointer { #expect("".hasSameUTF8(as: $0)) }
    }
}
