import Testing
import TrackingModel

@Suite struct UserAgentTests {
    @Test(arguments: [
        ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133", "Linux", UserAgent.DeviceKind.desktop),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
         "Chrome 131", "Windows 10/11", .desktop),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
         "Edge 131", "Windows 10/11", .desktop),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
         "Safari 17", "iOS 17.1.2", .mobile),
        ("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
         "Safari 16", "iPadOS 16.6", .tablet),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36",
         "Chrome 131", "Android 14", .mobile),
        ("Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Safari/537.36",
         "Samsung Internet 23", "Android 13", .tablet),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
         "Safari 18", "macOS 10.15.7", .desktop),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", nil, nil, .bot),
        ("curl/8.5.0", "curl 8", nil, .bot),
    ] as [(String, String?, String?, UserAgent.DeviceKind)])
    func readsBrowserSystemAndDevice(text: String, browser: String?, system: String?, device: UserAgent.DeviceKind) throws {
        let agent = try #require(UserAgent(text))
        #expect(agent.browser == browser)
        #expect(agent.system == system)
        #expect(agent.device == device)
    }

    @Test func summaryReadsAsALine() throws {
        #expect(try #require(UserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")).summary
            == "Firefox 133 on Linux, desktop")
        #expect(try #require(UserAgent("shop-backend/2.1")).summary == "unknown client, desktop")
        #expect(UserAgent("  ") == nil)
    }

    @Test func looksAtTheFirstKilobyteOnly() throws {
        // A marker beyond the first 1,024 characters is not read.
        let agent = try #require(UserAgent(String(repeating: "x", count: 2000) + " Firefox/133.0"))
        #expect(agent.browser == nil)
        let hostile = try #require(UserAgent(String(repeating: "Chrome/", count: 10_000)))
        #expect(hostile.browser == nil)
    }
}
