import Hummingbird
import NIOCore

/// What the collector knows of a request besides the request: Hummingbird's core context, and
/// the connection it came on (to tell whether the client is still waiting for the answer).
public struct CollectorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection's channel, by identity.
    let connectionID: ObjectIdentifier

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        connectionID = ObjectIdentifier(source.channel)
    }
}
