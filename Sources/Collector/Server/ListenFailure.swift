import Foundation
import NIOCore

/// Why the collector could not listen on its address, in words a user can act on.
public struct ListenFailure: Error, CustomStringConvertible {
    public let description: String

    /// The failure `error` reports when it is one of binding `host:port`; nil for any other error.
    public init?(_ error: any Error, host: String, port: Int) {
        guard let io = error as? IOError else { return nil }
        switch io.errnoCode {
        case EADDRINUSE:
            description = "\(host):\(port) is already in use (another trackscope, or another server); choose another --port, or --port 0 for a free one."
        case EADDRNOTAVAIL:
            description = "\(host) is not an address of this machine; --host takes one of its own addresses (127.0.0.1 by default)."
        case EACCES:
            description = "\(host):\(port) may not be opened by this user (ports below 1024 need privileges); choose a --port above 1023, or --port 0."
        default:
            return nil
        }
    }
}
