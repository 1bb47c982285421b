// The inspector benchmark (`make bench-ui`), on the real loop (TerminalApp's AppRunner, the
// record source that follows the log, every view) with a terminal that only keeps the frames:
//
//   InspectorBenchmark --keys --seed LOG [--rate 5000] [--seconds 15]
//       The time from a key press to the finished frame, p50, p99 and max, in two phases of the
//       same run: with no records arriving (the baseline), then while RATE records a second are
//       appended to the log the inspector follows. A key is pressed every 30 ms, cycling through
//       moves in the list, opening a record, moving in its tree, changing tabs and going back.
//       Records to append are taken from LOG (a capture log, e.g. the one `make bench-log` made).
//
//   InspectorBenchmark --open LOG
//       Opens LOG as `trackscope ui` does and draws the first full frame (the newest records with
//       their rows): prints the time and the process's peak memory. Run it in its own process.
//
//   InspectorBenchmark --rows LOG [--pages 2000]
//       Builds the stream's rows for PAGES pages of 38 rows spread over LOG, as the loop does for
//       the visible rows, two ways in the same run: from each record's summary (`summary(at:)`,
//       what the loop does) and by decoding each whole record and its body (what it did before):
//       time per row, and the ratio.
//
// What is measured ends when the frame is handed to the terminal (diffed against the previous
// one): ncurses' own write to the terminal is not included.
import CaptureLog
import Foundation
import Histogram
import TerminalApp
import TerminalUI
import TrackingModel

func argument(_ name: String) -> String? {
    guard let index = CommandLine.arguments.firstIndex(of: name), index + 1 < CommandLine.arguments.count else { return nil }
    return CommandLine.arguments[index + 1]
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// A terminal of 120x40 that presses scripted keys at set times and times each key's frame.
final class TimedTerminal: TerminalBackend, @unchecked Sendable {
    let size = (width: 120, height: 40)
    var isStopRequested = false
    private let clock = ContinuousClock()
    private let keys: [Key]
    private let interval: Duration
    private let stopAt: ContinuousClock.Instant
    private var nextPress: ContinuousClock.Instant
    private var keyIndex = 0
    /// When the key being handled was pressed (its scheduled time), until its frame is drawn.
    private var pressedAt: ContinuousClock.Instant?
    private(set) var latencies = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 10_000_000, numberOfSignificantValueDigits: .three)
    private(set) var keysWithoutFrame = 0
    private(set) var frames = 0
    /// When set, the run stops at the first frame this accepts, and `acceptedAt` says when.
    var stopAtFrame: (@Sendable (ScreenBuffer) -> Bool)?
    private(set) var acceptedAt: ContinuousClock.Instant?

    init(keys: [Key], interval: Duration, duration: Duration) {
        self.keys = keys
        self.interval = interval
        let start = clock.now
        nextPress = start.advanced(by: .milliseconds(500))
        stopAt = start.advanced(by: duration)
    }

    func readKey() -> Key? {
        let now = clock.now
        if now >= stopAt { isStopRequested = true }
        guard !keys.isEmpty, now >= nextPress else { return nil }
        // A key whose frame never came changed nothing on screen: counted apart, not timed.
        if pressedAt != nil { keysWithoutFrame += 1 }
        pressedAt = nextPress
        nextPress = max(nextPress.advanced(by: interval), now)
        defer { keyIndex = (keyIndex + 1) % keys.count }
        return keys[keyIndex]
    }

    /// Wakes at the next key press, as a terminal waiting on its input does.
    func waitForInput(timeout: Duration) async {
        let wakeAt = keys.isEmpty ? clock.now.advanced(by: timeout) : min(clock.now.advanced(by: timeout), nextPress)
        try? await Task.sleep(until: wakeAt, clock: clock)
    }

    func draw(_ frame: ScreenBuffer, previous: ScreenBuffer?) {
        _ = frame.changedPositions(since: previous).count
        frames += 1
        if let pressed = pressedAt {
            let microseconds = (clock.now - pressed).components
            let value = UInt64(microseconds.seconds) * 1_000_000 + UInt64(microseconds.attoseconds / 1_000_000_000_000)
            latencies.record(max(1, value))
            pressedAt = nil
        }
        if acceptedAt == nil, let stopAtFrame, stopAtFrame(frame) {
            acceptedAt = clock.now
            isStopRequested = true
        }
    }
}

func percentiles(_ histogram: Histogram<UInt64>) -> String {
    func ms(_ value: UInt64) -> String { String(format: "%.2f", Double(value) / 1000) }
    return "p50 \(ms(histogram.valueAtPercentile(50))) ms  p99 \(ms(histogram.valueAtPercentile(99))) ms  max \(ms(histogram.max)) ms  (\(histogram.totalCount) keys)"
}

/// Key press to frame, with `rate` records a second appended to a fresh log during the run.
func keyLatency(seedRecords: [CaptureRecord], rate: Int, seconds: Int) async throws -> (Histogram<UInt64>, appended: Int, keysWithoutFrame: Int) {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("trackscope-bench-ui-\(getpid())-\(rate)")
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("capture.jsonl")
    let writer = try CaptureLogWriter(url: url, durability: .os)
    // A log with records already, so that the list has somewhere to move.
    _ = try await writer.append(contentsOf: Array(seedRecords.prefix(2000)))

    let keys: [Key] = [.character("k"), .character("k"), .character("k"), .character("j"), .enter, .character("j"),
                       .character("j"), .tab, .backTab, .character("k"), .escape, .character("k")]
    let terminal = TimedTerminal(keys: keys, interval: .milliseconds(30), duration: .seconds(seconds))
    let runner = AppRunner(backend: terminal, source: try CaptureLogRecordSource(url: url))

    let appender = Task {
        var appended = 0
        guard rate > 0 else { return 0 }
        let clock = ContinuousClock()
        let start = clock.now
        let batch = max(1, rate / 200)
        while !Task.isCancelled {
            let due = Int(Double((clock.now - start).components.seconds) * Double(rate)
                + Double((clock.now - start).components.attoseconds) / 1e18 * Double(rate))
            if due > appended {
                let count = min(due - appended, batch * 4)
                let records = (0..<count).map { seedRecords[(appended + $0) % seedRecords.count] }
                _ = try await writer.append(contentsOf: records)
                appended += count
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return appended
    }
    let state = AppState(logPath: url.path, width: 0, height: 0, timeZone: TimeZone(identifier: "UTC")!)
    _ = await runner.run(initialState: state)
    appender.cancel()
    let appended = (try? await appender.value) ?? 0
    try await writer.close()
    return (terminal.latencies, appended, terminal.keysWithoutFrame)
}

if let path = argument("--open") {
    let clock = ContinuousClock()
    let start = clock.now
    let source = try CaptureLogRecordSource(url: URL(fileURLWithPath: path))
    let terminal = TimedTerminal(keys: [], interval: .seconds(1), duration: .seconds(60))
    let total = source.count()
    // The first frame with a full page of rows (their records read and summarised).
    terminal.stopAtFrame = { frame in frame.lines.filter { $0.contains("POST") }.count >= 30 }
    let runner = AppRunner(backend: terminal, source: source)
    _ = await runner.run(initialState: AppState(logPath: path, width: 0, height: 0, timeZone: TimeZone(identifier: "UTC")!))
    guard let firstFrame = terminal.acceptedAt.map({ $0 - start }) else {
        print("open: no full frame within 60 s (records: \(total))")
        exit(1)
    }
    let ms = Double(firstFrame.components.seconds) * 1000 + Double(firstFrame.components.attoseconds) / 1e15
    print(String(format: "open: %d records, first full frame in %.1f ms, peak memory %.1f MB", total, ms, peakMemoryMB()))
} else if let path = argument("--rows") {
    let pages = Int(argument("--pages") ?? "2000") ?? 2000
    let source = try CaptureLogRecordSource(url: URL(fileURLWithPath: path))
    let total = source.count()
    let pageSize = 38
    guard total >= pageSize else {
        print("--rows needs a capture log of at least \(pageSize) records")
        exit(1)
    }
    // Pages spread evenly over the log (a jump, then a page of consecutive rows), the same pages both ways.
    let starts = (0..<pages).map { (total - pageSize) * $0 / max(1, pages - 1) }
    /// The row as it was built before rows came from summaries: the whole record, its body decoded.
    func rowByDecodingTheBody(index: Int, record: CaptureRecord) -> RecordSummary {
        var row = RecordSummary(index: index, summary: CaptureRecordSummary(
            sequence: record.sequence, time: record.time, direction: record.direction, method: record.method, path: record.path,
            query: record.query, siteId: record.siteId, dialect: record.dialect, status: record.response?.status,
            findings: record.findings.map { .init(severity: $0.severity, code: $0.code) },
            body: EventBodySummary(eventNames: [], userIds: [], userIdsCoverFilter: true, noEventsReason: nil)))
        if let body = try? EventBody.read(record.requestBody) {
            row.eventNames = body.eventNames
            for event in body.events {
                if let id = NormalizedEvent(event).user?.id, !row.userIds.contains(id) { row.userIds.append(id) }
            }
        }
        return row
    }
    func measure(_ build: (Int) throws -> RecordSummary) rethrows -> (seconds: Double, rows: Int, check: Int) {
        let clock = ContinuousClock()
        var rows = 0
        var check = 0
        let elapsed = try clock.measure {
            for start in starts {
                for index in start..<(start + pageSize) {
                    let row = try build(index)
                    check &+= row.eventNames.count &+ row.userIds.count
                    rows += 1
                }
            }
        }
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, rows, check)
    }
    // A warm-up of both, so that neither pays for the first reads of the file.
    _ = try measure { try RecordSummary(index: $0, summary: source.summary(at: $0)) }
    _ = try measure { try rowByDecodingTheBody(index: $0, record: source.record(at: $0)) }
    let fromSummaries = try measure { try RecordSummary(index: $0, summary: source.summary(at: $0)) }
    let byDecoding = try measure { try rowByDecodingTheBody(index: $0, record: source.record(at: $0)) }
    func perRow(_ run: (seconds: Double, rows: Int, check: Int)) -> String {
        String(format: "%.2f µs a row, %.2f ms a page of %d", run.seconds / Double(run.rows) * 1e6, run.seconds / Double(pages) * 1e3, pageSize)
    }
    print("rows: \(pages) pages of \(pageSize) rows over \(total) records")
    print("  from the summaries (now):      \(perRow(fromSummaries))")
    print("  decoding each record (before): \(perRow(byDecoding))")
    if fromSummaries.check != byDecoding.check { print("  (the two ways found different names or users: \(fromSummaries.check) vs \(byDecoding.check))") }
    print(String(format: "  ratio (before / now): %.1fx", byDecoding.seconds / fromSummaries.seconds))
} else if CommandLine.arguments.contains("--keys"), let seed = argument("--seed") {
    let rate = Int(argument("--rate") ?? "5000") ?? 5000
    let seconds = Int(argument("--seconds") ?? "15") ?? 15
    let reader = try CaptureLogReader(url: URL(fileURLWithPath: seed))
    let seedRecords = reader.records(in: 0..<min(reader.count, 20_000))
    guard seedRecords.count >= 1000 else {
        print("--seed needs a capture log of at least 1000 records (\(seed) has \(seedRecords.count))")
        exit(1)
    }
    print("key press to finished frame, 120x40, a key every 30 ms for \(seconds) s")
    let idle = try await keyLatency(seedRecords: seedRecords, rate: 0, seconds: seconds)
    print("  idle log:            \(percentiles(idle.0))")
    let busy = try await keyLatency(seedRecords: seedRecords, rate: rate, seconds: seconds)
    let achieved = Double(busy.appended) / Double(seconds)
    print("  \(rate) records/s arriving: \(percentiles(busy.0)), \(Int(achieved)) records/s appended")
    if busy.keysWithoutFrame + idle.keysWithoutFrame > 0 {
        print("  keys that changed nothing on screen: \(idle.keysWithoutFrame) idle, \(busy.keysWithoutFrame) busy")
    }
    let ratio = Double(busy.0.valueAtPercentile(99)) / Double(max(1, idle.0.valueAtPercentile(99)))
    print(String(format: "  p99 busy / idle: %.2f   goal: p99 under 16 ms while %d records/s arrive", ratio, rate))
} else {
    print("usage: InspectorBenchmark --keys --seed LOG [--rate N] [--seconds S] | --open LOG | --rows LOG [--pages N]")
    exit(2)
}
