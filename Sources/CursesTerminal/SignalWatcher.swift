import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT, SIGTERM, SIGHUP and SIGQUIT into a flag the loop reads, so that the terminal is
/// restored on the normal path. A second signal while the first is pending runs `emergency`
/// (restore the terminal) and exits at once. While the terminal is handed to a child (an
/// editor), the keys' signals (Ctrl-C, Ctrl-\) are the child's: the watcher lets them pass.
final class SignalWatcher: @unchecked Sendable {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// The signals the terminal sends its foreground processes when a key is typed.
    static let keyboardSignals: Set<Int32> = [SIGINT, SIGQUIT]

    private let lock = NSLock()
    private var received: Int32?
    private var handedOver = false
    private var sources: [DispatchSourceSignal] = []

    var receivedSignal: Int32? { lock.withLock { received } }

    /// True while a child has the terminal: a Ctrl-C typed there stops the child's work, not
    /// this program.
    var isTerminalHandedOver: Bool {
        get { lock.withLock { handedOver } }
        set { lock.withLock { handedOver = newValue } }
    }

    init(emergency: @escaping @Sendable () -> Void) {
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let alreadyPending = self.lock.withLock {
                    if self.handedOver, Self.keyboardSignals.contains(number) { return false }
                    defer { if self.received == nil { self.received = number } }
                    return self.received != nil
                }
                if alreadyPending {
                    emergency()
                    _exit(128 + number)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching and gives the signals back their default behaviour.
    func cancel() {
        for source in sources { source.cancel() }
        sources = []
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}
