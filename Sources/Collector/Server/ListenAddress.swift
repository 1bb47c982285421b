import TrackingModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The address the collector listens on (`--host`), and the names a client may call it by.
///
/// The inspection API answers only requests addressed to one of these names: a browser led to the
/// collector by DNS rebinding sends the attacker's host name in `Host`, and is refused.
public struct ListenAddress: Sendable, Hashable {
    /// The address as given to `--host`: `127.0.0.1`, `::1`, `localhost`, `0.0.0.0`, `192.168.1.20`, `devbox.lan`.
    public let host: String

    public init(host: String) {
        self.host = host
    }

    /// Whether only this machine can reach the address: `localhost`, `127.0.0.0/8` or `::1`.
    public var isLoopback: Bool {
        Self.isLoopbackName(Self.bare(host))
    }

    /// Whether the address is every address of the machine (`0.0.0.0` or `::`).
    public var isWildcard: Bool {
        let name = Self.bare(host)
        if let v4 = Self.ipv4(name) { return v4 == [0, 0, 0, 0] }
        if let v6 = Self.ipv6(name) { return v6.allSatisfy { $0 == 0 } }
        return false
    }

    /// The address as it is written in a URL: an IPv6 address in brackets.
    public var urlHost: String {
        let name = Self.bare(host)
        return name.contains(":") ? "[\(name)]" : name
    }

    /// Whether `authority`, a `Host` header (a name, an optional `:port`), names this collector:
    /// a loopback name (`127.0.0.1`, `localhost`, `[::1]`), the address it listens on, or, when it
    /// listens on every address, any IP address (a name other than these could be an attacker's,
    /// resolved to this machine by DNS rebinding). A port, when present, must be `port` (the one it
    /// listens on; nil when not known yet).
    public func acceptsHost(_ authority: String, port: Int?) -> Bool {
        guard let (name, given) = Self.splitAuthority(authority) else { return false }
        if let given, let port, given != port { return false }
        return isOwnName(name) || (isWildcard && Self.isIPLiteral(name))
    }

    /// Whether `origin` (an `Origin` header) is the collector's own: `http://` followed by a
    /// loopback name or the address it listens on, with the port it listens on; or the very
    /// authority the request was sent to (`requestHost`, already accepted by `acceptsHost`).
    public func isOwnOrigin(_ origin: String, port: Int?, requestHost: String?) -> Bool {
        guard origin.utf8.count > 7, origin.hasPrefixIgnoringASCIICase("http://") else { return false }
        let authority = String(origin.dropFirst(7))
        guard let (name, given) = Self.splitAuthority(authority) else { return false }
        if let port, (given ?? 80) != port { return false }
        if isOwnName(name) { return true }
        guard let requestHost, let (hostName, hostPort) = Self.splitAuthority(requestHost) else { return false }
        return name == hostName && (given ?? 80) == (hostPort ?? 80)
    }

    /// A loopback name, or the listening address itself (when it is not the wildcard).
    private func isOwnName(_ name: String) -> Bool {
        if Self.isLoopbackName(name) { return true }
        return !isWildcard && name == Self.bare(host).lowercased()
    }

    // MARK: Names and IP addresses

    /// `name` lowercased, without the brackets of an IPv6 address.
    static func bare(_ name: String) -> String {
        var text = Substring(name)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        return text.lowercased()
    }

    /// An authority as (lowercased name without brackets, port); nil when it is not one
    /// (empty, a user part, a bad port, an IPv6 address without brackets).
    static func splitAuthority(_ authority: String) -> (name: String, port: Int?)? {
        guard !authority.isEmpty, !authority.contains("@"), !authority.contains("/") else { return nil }
        var name: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            name = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
            guard ipv6(String(name)) != nil else { return nil }
        } else {
            let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return nil }
            name = parts[0]
            if parts.count == 2 { portText = parts[1] }
        }
        guard !name.isEmpty else { return nil }
        var port: Int?
        if let portText {
            guard !portText.isEmpty, portText.utf8.count <= 5, portText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let number = Int(portText), number <= 65535 else { return nil }
            port = number
        }
        return (name.lowercased(), port)
    }

    static func isLoopbackName(_ name: String) -> Bool {
        if name == "localhost" { return true }
        if let v4 = ipv4(name) { return v4[0] == 127 }
        if let v6 = ipv6(name) { return v6 == [UInt8](repeating: 0, count: 15) + [1] }
        return false
    }

    static func isIPLiteral(_ name: String) -> Bool {
        ipv4(name) != nil || ipv6(name) != nil
    }

    /// The four bytes of a dotted IPv4 address (`inet_pton`'s strict form), or nil.
    static func ipv4(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    /// The sixteen bytes of an IPv6 address (without brackets), or nil.
    static func ipv6(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}
