import Testing
@testable import TrackingModel

@Suite struct KnownCookiesTests {
    @Test(arguments: ["_ga", "_gid", "_fbp", "_fbc", "_gcl_au", "TCID", "TCPID", "CAID", "tc_cj_v2", "_ga_ABC123"])
    func wellKnownCookiesAreExplained(name: String) {
        #expect(KnownCookies.explanation(for: name)?.isEmpty == false)
    }

    @Test func othersAreNot() {
        #expect(KnownCookies.explanation(for: "theme") == nil)
        #expect(KnownCookies.explanation(for: "_GA") == nil)
        #expect(KnownCookies.explanation(for: "ga") == nil)
    }

    @Test func explanationsSayWhatTheCookieIs() {
        #expect(KnownCookies.explanation(for: "_ga") == "Google Analytics client id (browser + first visit time)")
        #expect(KnownCookies.explanation(for: "tc_cj_v2") == "Commanders Act tag and consent cookie")
    }
}
