import Testing
@testable import Collector

/// The names the collector answers to (the defence against DNS rebinding) and its own origins.
@Suite struct ListenAddressTests {
    @Test func loopbackAndWildcardAreTold() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"] {
            #expect(ListenAddress(host: host).isLoopback, "\(host)")
        }
        for host in ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "devbox.lan", "::ffff:c0a8:114"] {
            #expect(!ListenAddress(host: host).isLoopback, "\(host)")
        }
        #expect(ListenAddress(host: "0.0.0.0").isWildcard)
        #expect(ListenAddress(host: "::").isWildcard)
        #expect(!ListenAddress(host: "192.168.1.20").isWildcard)
        #expect(ListenAddress(host: "::").urlHost == "[::]")
        #expect(ListenAddress(host: "0.0.0.0").urlHost == "0.0.0.0")
    }

    @Test func hostsNamingALoopbackCollector() {
        let address = ListenAddress(host: "127.0.0.1")
        for host in ["127.0.0.1", "127.0.0.1:8080", "localhost", "localhost:8080", "Localhost:8080", "[::1]", "[::1]:8080"] {
            #expect(address.acceptsHost(host, port: 8080), "\(host)")
        }
        for host in ["attacker.example", "attacker.example:8080", "localhost:8081", "127.0.0.1:80", "localhost.",
                     "evil.localhost:8080", "127.0.0.1.nip.io", "::1", "[::1", "user@localhost:8080", "localhost:8080:1",
                     "localhost:", "localhost:99999", "", "192.168.1.20:8080"] {
            #expect(!address.acceptsHost(host, port: 8080), "\(host)")
        }
        // While the port is not known (configured 0, not listening yet), any port of a good name.
        #expect(address.acceptsHost("localhost:1234", port: nil))
    }

    @Test func hostsNamingACollectorBeyondLoopback() {
        let bound = ListenAddress(host: "192.168.1.20")
        #expect(bound.acceptsHost("192.168.1.20:8080", port: 8080))
        #expect(bound.acceptsHost("localhost:8080", port: 8080))
        #expect(!bound.acceptsHost("192.168.1.21:8080", port: 8080))
        #expect(!bound.acceptsHost("devbox.lan:8080", port: 8080))
        let named = ListenAddress(host: "devbox.lan")
        #expect(named.acceptsHost("DevBox.lan:8080", port: 8080))
        #expect(!named.acceptsHost("attacker.example:8080", port: 8080))
        // On every address: any IP address (no DNS name, so no rebinding), no other name.
        let everywhere = ListenAddress(host: "0.0.0.0")
        #expect(everywhere.acceptsHost("10.1.2.3:8080", port: 8080))
        #expect(everywhere.acceptsHost("[fe80::1]:8080", port: 8080))
        #expect(!everywhere.acceptsHost("0.0.0.0.attacker.example:8080", port: 8080))
        #expect(!everywhere.acceptsHost("devbox:8080", port: 8080))
    }

    @Test func ownOrigins() {
        let address = ListenAddress(host: "127.0.0.1")
        for origin in ["http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080", "HTTP://LOCALHOST:8080"] {
            #expect(address.isOwnOrigin(origin, port: 8080, requestHost: "localhost:8080"), "\(origin)")
        }
        for origin in ["https://evil.example", "http://localhost:3000", "https://localhost:8080", "http://localhost",
                       "null", "http://127.0.0.1:8080/", "http://evil.example:8080", "file://", ""] {
            #expect(!address.isOwnOrigin(origin, port: 8080, requestHost: "localhost:8080"), "\(origin)")
        }
        // Every address: the address the request was sent to is its own origin, another machine's is not.
        let everywhere = ListenAddress(host: "0.0.0.0")
        #expect(everywhere.isOwnOrigin("http://10.1.2.3:8080", port: 8080, requestHost: "10.1.2.3:8080"))
        #expect(!everywhere.isOwnOrigin("http://10.6.6.6:8080", port: 8080, requestHost: "10.1.2.3:8080"))
        #expect(!everywhere.isOwnOrigin("http://0.0.0.0:8080", port: 8080, requestHost: "10.1.2.3:8080"))
    }
}
