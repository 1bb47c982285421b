import Foundation
import Synchronization
import Testing
@testable import Collector
#if canImport(Glibc)
import Glibc
#endif

@Suite struct BackgroundWorkerTests {
    struct Refused: Error, Equatable {}

    /// What the jobs saw: the order they ran in, and how many ran at once.
    final class Seen: Sendable {
        let order = Mutex<[Int]>([])
        /// Jobs running now, and the most that ever ran at once.
        let running = Mutex<(now: Int, most: Int)>((0, 0))
    }

    @Test func runsJobsOneAtATimeInOrderAndReturnsWhatTheyGive() async throws {
        let worker = BackgroundWorker(name: "test.worker")
        let seen = Seen()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    _ = try await worker.run { _ in
                        seen.running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                        usleep(200)
                        seen.running.withLock { $0.now -= 1 }
                        seen.order.withLock { $0.append(index) }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(seen.order.withLock { $0.sorted() } == Array(0..<20))
        #expect(seen.running.withLock { $0.most } == 1)
        #expect(try await worker.run { _ in 6 * 7 } == 42)
        await #expect(throws: Refused.self) { try await worker.run { _ throws -> Int in throw Refused() } }
        // The thread ended when it ran out of jobs; the next job starts another.
        #expect(try await worker.run { _ in "again" } == "again")
    }

    @Test func runsOnALowerPriorityThreadOfItsOwn() async throws {
        let worker = BackgroundWorker(name: "test.niced")
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let callerNice = getpriority(which, 0)
        // The name the kernel shows (top -H, perf), not just Foundation's property.
        let (nice, name) = try await worker.run { _ in
            (getpriority(which, 0), try String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))
        }
        #expect(nice == min(callerNice + BackgroundWorker.niceness, 19))
        #expect(name == "test.niced\n")
        #expect(getpriority(which, 0) == callerNice)
    }

    @Test func aCancelledCallerSkipsAJobNotStartedAndStopsOneThatChecks() async throws {
        let worker = BackgroundWorker(name: "test.cancel")
        let held = await CollectorTestSupport.hold(worker)
        let ran = Mutex(false)
        let waiting = Task { try await worker.run { _ in ran.withLock { $0 = true } } }
        // The second job queues behind the held one; its caller gives up.
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        try await held.release()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(ran.withLock { $0 } == false)

        // A running job sees the flag turn and stops on its own terms.
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let long = Task {
            try await worker.run { isCancelled -> Int in
                signal.yield()
                var rounds = 0
                while !isCancelled() {
                    rounds += 1
                    usleep(1000)
                    if rounds > 10_000 { break }
                }
                return rounds
            }
        }
        for await _ in started { break }
        long.cancel()
        #expect(try await long.value < 10_000)
    }
}
