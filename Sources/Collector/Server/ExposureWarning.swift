/// What `trackscope collect` and `trackscope ui` say on standard error when the collector listens
/// on an address other machines can reach: what is exposed, and to whom.
public enum ExposureWarning {
    /// Where the inspection API's token comes from.
    public enum TokenSource: Sendable, Hashable {
        /// Read from this environment variable (`--inspect-token-env NAME`); not printed.
        case environment(String)
        /// Generated for this run; printed once, in the warning.
        case generated(InspectionToken)
    }

    /// The warning for a collector listening on `host` and `port`; nil on loopback, where only
    /// this machine reaches it and nothing needs saying.
    public static func text(host: String, port: Int, token: TokenSource) -> String? {
        let address = ListenAddress(host: host)
        guard !address.isLoopback else { return nil }
        let place = address.isWildcard
            ? "\(address.urlHost) port \(port) (every address of this machine)"
            : "\(address.urlHost) port \(port)"
        let tokenLine: String
        switch token {
        case .environment(let name):
            tokenLine = "Inspection API token: the value of $\(name)."
        case .generated(let generated):
            tokenLine = "Inspection API token (generated for this run, printed only now): \(generated.value)"
        }
        return """
        trackscope: WARNING: the collector listens on \(place), not on loopback: anyone who can reach this machine over the network can use it.
          - The tracking endpoints (/v2/{siteId}/events, /events, /events/batch, /engage/user/, /v2/{siteId}/products/bulk) are open to them: they can post events into your capture log, and read and change the users and products stored through the User and Product APIs.
          - The inspection API (/_trackscope/*) is open to whoever sends its token as Authorization: Bearer TOKEN: every captured event with the personal data in it (emails, IP addresses, cookies), the statistics, and resetting the log.
          \(tokenLine)
          To keep the collector to this machine, leave --host at 127.0.0.1.
        """
    }
}
