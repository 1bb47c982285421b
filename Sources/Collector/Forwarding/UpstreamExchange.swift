import Sender

/// What happened when a request was forwarded upstream: what was actually sent, and the answer or
/// why none came. The Sender's exchange, so that forwarding, `send` and `replay` record alike.
public typealias UpstreamExchange = SentExchange
