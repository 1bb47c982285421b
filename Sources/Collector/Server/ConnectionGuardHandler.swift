import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import TrackingModel

/// Counts the open connections across the server.
final class ConnectionCounter: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var open = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts a new connection; false when it is one too many.
    func opened() -> Bool {
        lock.withLock {
            open += 1
            return open <= limit
        }
    }

    func closed() {
        lock.withLock { open -= 1 }
    }

    var current: Int {
        lock.withLock { open }
    }
}

/// A handler in every connection's pipeline (after HTTP decoding) that keeps abuse from hurting
/// and clients from waiting:
/// - a connection above the limit is answered 503 and closed;
/// - bytes that are not HTTP are recorded and answered (`MalformedRequest`: 400, or 431 for
///   headers too large), and the connection closed;
/// - a request whose body has not all arrived within the request timeout of its headers fails
///   (`RequestTimedOut`, so the collector records it) and the connection is closed; headers that
///   trickle in are the idle timeout's business, as the decoder passes nothing on before they end;
/// - `Expect: 100-continue` is answered at once with `100 Continue`;
/// - the connection is known to `ClientConnections` while it is open, and marked gone when the
///   client closes its side.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let counter: ConnectionCounter
    private let connections: ClientConnections
    private var connection: (id: ObjectIdentifier, client: ClientConnection)?
    private let requestTimeout: TimeAmount
    private let onMalformed: @Sendable (MalformedRequest, String?) async -> Void
    private var counted = false
    private var rejecting = false
    private var inRequest = false
    private var failed = false
    /// When the head of the request whose end has not arrived yet came; nil between requests.
    private var requestStarted: NIODeadline?
    /// The check of the request timeout, pending while a request may be open. It is not cancelled
    /// when a request ends: when it runs it looks at the request open then (if any) and sets
    /// itself again for that request's deadline, so that a connection sending many quick requests
    /// schedules a timer once per timeout, not once per request.
    private var deadlineCheck: Scheduled<Void>?

    init(counter: ConnectionCounter, connections: ClientConnections, requestTimeout: TimeAmount,
         onMalformed: @escaping @Sendable (MalformedRequest, String?) async -> Void) {
        self.counter = counter
        self.connections = connections
        self.requestTimeout = requestTimeout
        self.onMalformed = onMalformed
    }

    func handlerAdded(context: ChannelHandlerContext) {
        counted = true
        rejecting = !counter.opened()
        let id = ObjectIdentifier(context.channel)
        connection = (id, connections.opened(id))
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let connection { connections.closed(connection.id) }
        connection = nil
        deadlineCheck?.cancel()
        deadlineCheck = nil
        requestStarted = nil
        if counted {
            counted = false
            counter.closed()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { connection?.client.markGone() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection?.client.markGone()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if failed { return }
        let part = unwrapInboundIn(data)
        if rejecting {
            if case .head = part {
                failed = true
                answer(context: context, .error(503, code: "too-many-connections",
                                                message: "trackscope has \(counter.limit) connections open; try again later.",
                                                [("limit", JSONValue.integer(counter.limit))]))
            }
            return
        }
        switch part {
        case .head(let request):
            inRequest = true
            let started = NIODeadline.now()
            requestStarted = started
            if deadlineCheck == nil { scheduleDeadlineCheck(at: started + requestTimeout, context: context) }
            if let expect = request.headerFields[.expect], expect.trimmingHTTPWhitespace().equalsIgnoringASCIICase("100-continue") {
                // The client waits for this before it sends the body (PHP's curl does above 1 KB;
                // curl waits a second, then sends anyway).
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
            }
        case .end:
            requestStarted = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    /// At `deadline`, checks the request open then: when its body has not all arrived within the
    /// request timeout of its head, the request's body stream fails with `RequestTimedOut` (the
    /// collector records the request as aborted, with that reason) and the connection closes;
    /// when a later request is open, the check is set again for that one's deadline.
    private func scheduleDeadlineCheck(at deadline: NIODeadline, context: ChannelHandlerContext) {
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        deadlineCheck = context.eventLoop.scheduleTask(deadline: deadline) {
            let (handler, context) = bound.value
            handler.deadlineCheck = nil
            guard let started = handler.requestStarted else { return }
            let due = started + handler.requestTimeout
            if due > .now() {
                handler.scheduleDeadlineCheck(at: due, context: context)
                return
            }
            handler.requestStarted = nil
            handler.failed = true
            context.fireErrorCaught(RequestTimedOut(timeout: handler.requestTimeout))
            context.close(promise: nil)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { inRequest = false }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError, !inRequest else {
            context.fireErrorCaught(error)
            return
        }
        if failed { return }
        failed = true
        let problem = MalformedRequest(error)
        let remote = context.remoteAddress?.description
        let onMalformed = self.onMalformed
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        let promise = context.eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { await onMalformed(problem, remote) }
        promise.futureResult.whenComplete { _ in
            let (handler, context) = bound.value
            handler.answer(context: context, problem.answer)
        }
    }

    private func answer(context: ChannelHandlerContext, _ answer: CollectorAnswer) {
        let bytes = ByteBuffer(bytes: answer.body)
        var fields = HTTPFields()
        fields[.contentType] = answer.contentType
        fields[.contentLength] = String(bytes.readableBytes)
        fields[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .init(code: answer.status), headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(bytes)), promise: nil)
        // The channel (Sendable), not the context, is what the completion may touch.
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}

/// A request's body did not all arrive within the request timeout of its headers.
struct RequestTimedOut: Error, CustomStringConvertible {
    let timeout: TimeAmount

    var description: String {
        let milliseconds = timeout.nanoseconds / 1_000_000
        let duration = milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
        return "request timeout: the body was still arriving \(duration) after the headers"
    }
}
