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
                    _ = try await worker.run {
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
        #expect(try await worker.run { 6 * 7 } == 42)
        await #expect(throws: Refused.self) { try await worker.run { () throws -> Int in throw Refused() } }
        // The thread ended when it ran out of jobs; the next job starts another.
        #expect(try await worker.run { "again" } == "again")
    }

    @Test func runsOnALowerPriorityThreadOfItsOwn() async throws {
        let worker = BackgroundWorker(name: "test.niced")
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let callerNice = getpriority(which, 0)
        // The name the kernel shows (top -H, perf), not just Foundation's property.
        let (nice, name) = try await worker.run {
            (getpriority(which, 0), try String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))
        }
        #expect(nice == min(callerNice + BackgroundWorker.niceness, 19))
        #expect(name == "test.niced\n")
        #expect(getpriority(which, 0) == callerNice)
    }
}
