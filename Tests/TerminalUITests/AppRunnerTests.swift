import CaptureLog
import Foundation
@testable import TerminalApp
import Testing
@testable import TerminalUI

/// A terminal that plays scripted keys and keeps the frames it was asked to draw.
final class FakeTerminal: TerminalBackend {
    var size: (width: Int, height: Int)
    var frames: [ScreenBuffer] = []
    var changedCellCounts: [Int] = []
    var pendingKeys: [Key] = []
    var isStopRequested = false
    /// Runs after every drawn frame: lets a test react to what is on screen.
    var afterDraw: ((FakeTerminal) -> Void)?
    var reads = 0
    /// How many times the loop waited for input; `whileWaiting` runs in each wait instead of a sleep.
    var waits = 0
    var whileWaiting: ((FakeTerminal) -> Void)?
    // Long enough for a machine whose cooperative threads other suites keep busy (CI runs them
    // in parallel on two cores); a test still fails when its steps are not all reached.
    let deadline = ContinuousClock.now.advanced(by: .seconds(120))

    init(width: Int, height: Int) {
        size = (width, height)
    }

    func readKey() -> Key? {
        reads += 1
        // A safety net: a test whose condition never comes stops instead of hanging.
        if ContinuousClock.now > deadline { isStopRequested = true }
        return pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    func draw(_ frame: ScreenBuffer, previous: ScreenBuffer?) {
        changedCellCounts.append(frame.changedPositions(since: previous).count)
        frames.append(frame)
        afterDraw?(self)
    }

    func waitForInput(timeout: Duration) async {
        waits += 1
        if let whileWaiting {
            whileWaiting(self)
        } else {
            try? await Task.sleep(for: timeout)
        }
    }

    var lastLines: [String] { frames.last?.lines ?? [] }
}

@Suite struct AppRunnerTests {
    /// An idle loop waits on the terminal's input rather than sleeping, so a key that comes during
    /// the wait is handled at once (with an hour-long idle wait, a sleep would never see `q`).
    @Test(.timeLimit(.minutes(1))) func anIdleLoopWaitsForTheTerminalsInput() async {
        let terminal = FakeTerminal(width: 80, height: 24)
        terminal.whileWaiting = { terminal in
            if terminal.waits == 3 { terminal.pendingKeys = [.character("q")] }
        }
        var runner = AppRunner(backend: terminal, source: InMemoryRecordSource(SampleRecords.all))
        runner.idleSleep = .seconds(3600)
        let state = await runner.run(initialState: AppState(logPath: "/tmp/capture.jsonl", width: 0, height: 0, timeZone: SampleRecords.utc))
        #expect(state.shouldQuit)
        #expect(terminal.waits == 3)
    }

    @Test func drawsRecordsOpensOneAndQuits() async {
        let source = InMemoryRecordSource(SampleRecords.all)
        let terminal = FakeTerminal(width: 80, height: 24)
        var step = 0
        terminal.afterDraw = { terminal in
            let lines = terminal.lastLines
            if step == 0, lines.contains(where: { $0.contains("(invalid JSON)") }) {
                step = 1
                terminal.pendingKeys = [.character("g"), .enter]
            } else if step == 1, lines.contains("    value  16.00") {
                step = 2
                terminal.pendingKeys = [.escape, .character("q")]
            }
        }
        let runner = AppRunner(backend: terminal, source: source)
        let state = await runner.run(initialState: AppState(logPath: "/tmp/capture.jsonl", width: 0, height: 0, timeZone: SampleRecords.utc))
        #expect(state.shouldQuit)
        #expect(step == 2)
        #expect(terminal.frames.first?.width == 80)
        // After the first full frame, frames change only some cells.
        #expect(terminal.changedCellCounts.dropFirst().allSatisfy { $0 < 80 * 24 })
    }

    @Test func followsRecordsAppendedWhileRunning() async {
        let source = InMemoryRecordSource()
        let terminal = FakeTerminal(width: 80, height: 24)
        var appended = false
        terminal.afterDraw = { terminal in
            let lines = terminal.lastLines
            if !appended, lines.contains(where: { $0.contains("waiting for records") }) {
                appended = true
                Task { await source.append(SampleRecords.numbered(500)) }
            }
            if lines.first?.contains("500 records — following") == true, lines[22].hasPrefix("500 ") {
                terminal.pendingKeys = [.control("c")]
            }
        }
        let runner = AppRunner(backend: terminal, source: source)
        let state = await runner.run(initialState: AppState(logPath: "/tmp/capture.jsonl", width: 0, height: 0, timeZone: SampleRecords.utc))
        #expect(state.recordCount == 500 && state.selection == 499)
        #expect(state.rows.count == 21)
    }

    @Test func aFloodOfRecordsDoesNotStarveTheKeyboard() async {
        let source = InMemoryRecordSource()
        let terminal = FakeTerminal(width: 80, height: 24)
        let flood = Task {
            for _ in 0..<200 {
                await source.append(SampleRecords.numbered(50))
                await Task.yield()
            }
        }
        terminal.afterDraw = { terminal in
            // Quit as soon as anything has arrived, while the flood goes on.
            if terminal.lastLines.first?.contains("records — following") == true,
               terminal.lastLines.first?.contains(" 0 records") == false {
                terminal.pendingKeys = [.character("q")]
            }
        }
        let runner = AppRunner(backend: terminal, source: source)
        let state = await runner.run(initialState: AppState(logPath: "/tmp/capture.jsonl", width: 0, height: 0, timeZone: SampleRecords.utc))
        #expect(state.shouldQuit)
        flood.cancel()
        // Keys were read on every turn (at least once per drawn frame).
        #expect(terminal.reads >= terminal.frames.count)
    }

    /// The `/` filter reads each record's summary first and decodes only the records it cannot
    /// rule out, and finds what matching every record finds.
    @Test func theFilterDecodesOnlyWhatTheSummariesCannotRuleOut() async {
        var records = SampleRecords.numbered(300)
        for index in [17, 123, 250] { records[index] = SampleRecords.purchase }
        let source = CountingRecordSource(records)
        let terminal = FakeTerminal(width: 80, height: 24)
        var step = 0
        terminal.afterDraw = { terminal in
            let lines = terminal.lastLines
            if step == 0, lines.first?.contains("300 records") == true {
                step = 1
                terminal.pendingKeys = [.character("/")] + "event:purchase user.id:u-9".map(Key.character) + [.enter]
            } else if step == 1, lines.first?.contains("3 of 300 records match") == true {
                step = 2
                terminal.pendingKeys = [.character("q")]
            }
        }
        let runner = AppRunner(backend: terminal, source: source)
        let state = await runner.run(initialState: AppState(logPath: "/tmp/capture.jsonl", width: 0, height: 0, timeZone: SampleRecords.utc))
        #expect(step == 2, "stopped at step \(step): \(terminal.lastLines.joined(separator: "\n"))")
        #expect(state.filter.matches == [17, 123, 250])
        #expect(state.filter.matches == records.indices.filter { records[$0].matches(state.filter.query) })
        // The three purchases are decoded to be matched; the 297 others are not.
        #expect(source.decoded.subtracting([17, 123, 250]).isEmpty)
    }

    @Test func aSignalStopsTheLoop() async {
        let terminal = FakeTerminal(width: 80, height: 24)
        terminal.afterDraw = { $0.isStopRequested = true }
        let runner = AppRunner(backend: terminal, source: InMemoryRecordSource(SampleRecords.all))
        let state = await runner.run(initialState: AppState(logPath: "x", width: 0, height: 0))
        #expect(state.shouldQuit)
    }

    @Test func resizeKeyReadsTheNewSize() async {
        let terminal = FakeTerminal(width: 80, height: 24)
        var resized = false
        terminal.afterDraw = { terminal in
            if !resized {
                resized = true
                terminal.size = (50, 12)
                terminal.pendingKeys = [.resize]
            } else if terminal.frames.last?.width == 50 {
                terminal.pendingKeys = [.character("q")]
            }
        }
        let runner = AppRunner(backend: terminal, source: InMemoryRecordSource(SampleRecords.all))
        let state = await runner.run(initialState: AppState(logPath: "x", width: 0, height: 0))
        #expect(state.width == 50 && state.height == 12)
        #expect(terminal.frames.last?.lines.count == 12)
    }

    /// Counts coalesce (only the newest matters), but a replacement the loop has not taken yet
    /// is kept, with the newer count, so that the loop still forgets what it read before.
    @Test func aReplacementIsNotLostInTheCoalescing() {
        let latest = LatestEvent()
        latest.store(.available(count: 3))
        latest.store(.available(count: 5))
        #expect(latest.take() == .available(count: 5))
        #expect(latest.take() == nil)
        latest.store(.replaced(count: 1, reason: "the log file was replaced"))
        latest.store(.available(count: 4))
        #expect(latest.take() == .replaced(count: 4, reason: "the log file was replaced"))
        latest.store(.replaced(count: 1, reason: "the log file was replaced"))
        latest.store(.waiting(reason: "no log yet, waiting for records"))
        #expect(latest.take() == .waiting(reason: "no log yet, waiting for records"))
    }
}

/// Records in memory that remember which were decoded whole (`record(at:)`), as opposed to
/// summarised.
final class CountingRecordSource: RecordSource, @unchecked Sendable {
    private let records: [CaptureRecord]
    private let lock = NSLock()
    private var decodedIndexes = Set<Int>()

    init(_ records: [CaptureRecord]) { self.records = records }

    var decoded: Set<Int> { lock.withLock { decodedIndexes } }

    func count() async throws -> Int { records.count }

    func record(at index: Int) async throws -> CaptureRecord {
        _ = lock.withLock { decodedIndexes.insert(index) }
        return records[index]
    }

    func summary(at index: Int) async throws -> CaptureRecordSummary {
        CaptureRecordSummary(records[index])
    }

    func updates() -> AsyncStream<RecordSourceEvent> {
        AsyncStream { $0.yield(.available(count: records.count)) }
    }
}
