import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT, SIGTERM, SIGHUP and SIGQUIT into a flag the loop reads, so that the terminal is
/// restored on the normal path. A second signal while the first is pending runs `emergency`
/// (restore the terminal) and exits at once.
final class SignalWatcher: @unchecked Sendable {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    private let lock = NSLock()
    private var received: Int32?
    private var sources: [DispatchSourceSignal] = []

    var receivedSignal: Int32? { lock.withLock { received } }

    init(emergency: @escaping @Sendable () -> Void) {
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let alreadyPending = self.lock.withLock {
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
