import Synchronization

/// The collector's open connections, as its connection guard sees them, so that a request handler
/// can tell whether its client is still there: a client that closed its side is gone, and work
/// nobody waits for (an inspection query over a large log) can stop.
final class ClientConnections: Sendable {
    private let open = Mutex<[ObjectIdentifier: ClientConnection]>([:])

    /// A connection opens (the guard is added to its pipeline).
    func opened(_ id: ObjectIdentifier) -> ClientConnection {
        let connection = ClientConnection()
        open.withLock { $0[id] = connection }
        return connection
    }

    /// A connection is gone for good (the guard is removed from its pipeline).
    func closed(_ id: ObjectIdentifier) {
        open.withLock { $0.removeValue(forKey: id) }?.markGone()
    }

    /// The connection `id` names; nil for one the guard never saw (requests in router tests).
    func connection(_ id: ObjectIdentifier) -> ClientConnection? {
        open.withLock { $0[id] }
    }
}

/// One client connection: whether its client is gone, and what to do when it goes. A connection
/// serves one request at a time, so there is one such action at a time.
final class ClientConnection: Sendable {
    private let state = Mutex<(isGone: Bool, onGone: (@Sendable () -> Void)?)>((false, nil))

    /// The client closed its side, or the connection closed: runs the action set, once.
    func markGone() {
        let action = state.withLock { state -> (@Sendable () -> Void)? in
            guard !state.isGone else { return nil }
            state.isGone = true
            defer { state.onGone = nil }
            return state.onGone
        }
        action?()
    }

    /// Runs `action` when the client goes, at once when it has gone already; nil forgets the
    /// action set before.
    func whenGone(_ action: (@Sendable () -> Void)?) {
        let runNow = state.withLock { state -> Bool in
            if state.isGone { return true }
            state.onGone = action
            return false
        }
        if runNow { action?() }
    }
}
