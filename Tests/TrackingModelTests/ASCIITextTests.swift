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

    @Test func matchesPrefixesWithoutCase() {
        #expect("Bearer abc".hasPrefixIgnoringASCIICase("bearer "))
        #expect("BEARER abc".hasPrefixIgnoringASCIICase("bearer "))
        #expect(!"Bearerabc".hasPrefixIgnoringASCIICase("bearer "))
        #expect(!"Bear".hasPrefixIgnoringASCIICase("bearer "))
        #expect("anything".hasPrefixIgnoringASCIICase(""))
    }
}
