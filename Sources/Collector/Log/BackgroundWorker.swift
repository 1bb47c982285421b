import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs blocking jobs one at a time on a thread of its own, at a lower CPU priority (nice +10) than
/// the threads that answer requests. The collector scans its capture log here for the inspection
/// API: a query over a large log then takes its time without holding up the cooperative thread
/// pool, and so without holding up the answers to tracking requests.
///
/// The thread is started on demand and ends when no job is left.
final class BackgroundWorker: Sendable {
    /// How much lower than the other threads the worker runs (added to the Linux niceness, at most 19).
    static let niceness: Int32 = 10

    /// The thread's name, as `top -H` and debuggers show it (Linux keeps 15 bytes).
    let name: String
    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var running = false
    }

    private let state = Mutex(State())

    init(name: String) {
        self.name = name
    }

    /// Runs `work` on the worker's thread and returns (or throws) what it did. Cancelling the
    /// calling task skips a job that has not started (it throws `CancellationError`), and turns
    /// the `isCancelled` that a running job is given true: a long job checks it now and then, and
    /// stops.
    func run<Value: Sendable>(
        _ work: @escaping @Sendable (_ isCancelled: @escaping @Sendable () -> Bool) throws -> Value
    ) async throws -> Value {
        let cancelled = CancellationFlag()
        let isCancelled: @Sendable () -> Bool = { cancelled.isSet }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                submit {
                    guard !isCancelled() else { return continuation.resume(throwing: CancellationError()) }
                    continuation.resume(with: Result { try work(isCancelled) })
                }
            }
        } onCancel: {
            cancelled.set()
        }
    }

    /// Set once, from the task that is cancelled; read by the job on the worker's thread.
    private final class CancellationFlag: Sendable {
        private let flag = Atomic<Bool>(false)
        var isSet: Bool { flag.load(ordering: .relaxed) }
        func set() { flag.store(true, ordering: .relaxed) }
    }

    private func submit(_ job: @escaping @Sendable () -> Void) {
        let start = state.withLock { state in
            state.jobs.append(job)
            defer { state.running = true }
            return !state.running
        }
        guard start else { return }
        Thread { [self] in loop() }.start()
    }

    private func loop() {
        #if os(Linux)
        // Named through the kernel's own file for the calling thread: Foundation's `name` setter
        // reaches the system only when the thread already knows itself, a race with `start()`.
        let comm = open("/proc/thread-self/comm", O_WRONLY)
        if comm >= 0 {
            _ = name.withCString { write(comm, $0, strlen($0)) }
            close(comm)
        }
        // On Linux the niceness is per thread, and 0 names the calling thread.
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        _ = setpriority(which, 0, min(getpriority(which, 0) + Self.niceness, 19))
        #else
        Thread.current.name = name
        #endif
        while let job = nextJob() { job() }
    }

    /// The next job, or nil (and the thread is marked as ending) when there is none.
    private func nextJob() -> (@Sendable () -> Void)? {
        state.withLock { state in
            guard !state.jobs.isEmpty else {
                state.running = false
                return nil
            }
            return state.jobs.removeFirst()
        }
    }
}
