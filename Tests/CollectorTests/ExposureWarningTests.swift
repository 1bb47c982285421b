import Testing
@testable import Collector

/// What `collect` and `ui` say at start when the collector listens beyond loopback.
@Suite struct ExposureWarningTests {
    @Test func theStartUpWarningSaysWhatIsExposedToWhom() {
        let token = InspectionToken("0123456789abcdef0123456789abcdef")
        let text = ExposureWarning.text(host: "0.0.0.0", port: 8080, token: .generated(token))
        #expect(text == """
        trackscope: WARNING: the collector listens on 0.0.0.0 port 8080 (every address of this machine), not on loopback: anyone who can reach this machine over the network can use it.
          - The tracking endpoints (/v2/{siteId}/events, /events, /events/batch, /engage/user/, /v2/{siteId}/products/bulk) are open to them: they can post events into your capture log, and read and change the users and products stored through the User and Product APIs.
          - The inspection API (/_trackscope/*) is open to whoever sends its token as Authorization: Bearer TOKEN: every captured event with the personal data in it (emails, IP addresses, cookies), the statistics, and resetting the log.
          Inspection API token (generated for this run, printed only now): 0123456789abcdef0123456789abcdef
          To keep the collector to this machine, leave --host at 127.0.0.1.
        """)
        let fromEnvironment = ExposureWarning.text(host: "192.168.1.20", port: 9000, token: .environment("TRACKSCOPE_TOKEN"))
        #expect(fromEnvironment?.hasPrefix("trackscope: WARNING: the collector listens on 192.168.1.20 port 9000, not on loopback") == true)
        #expect(fromEnvironment?.contains("Inspection API token: the value of $TRACKSCOPE_TOKEN.") == true)
        #expect(fromEnvironment?.contains("0123456789abcdef") == false)
        #expect(ExposureWarning.text(host: "::", port: 8080, token: .generated(token))?.contains("listens on [::] port 8080") == true)
        for host in ["127.0.0.1", "localhost", "::1"] {
            #expect(ExposureWarning.text(host: host, port: 8080, token: .generated(token)) == nil, "\(host)")
        }
    }
}
