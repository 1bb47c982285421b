// Parse benchmark: our JSONParser (alone, then with EventValidator) against Foundation's
// JSONSerialization on the same bytes: a seeded corpus of tracking events in the three dialects,
// one event per line. Each figure is the best of five runs.
// Run with `make bench-parse` or
// `swift build -c release --product ParseBenchmark && .build/release/ParseBenchmark [events]`.

import Foundation
import TrackingModel

// Arguments: an event count (default 100000); `--ours-only` skips the baselines (for profiling).
let arguments = CommandLine.arguments.dropFirst()
let eventCount = arguments.compactMap { Int($0) }.first ?? 100_000
let oursOnly = arguments.contains("--ours-only")
let runs = 5

let corpus = EventCorpus(events: eventCount, seed: 20_211_013)
let totalBytes = corpus.lines.reduce(0) { $0 + $1.count }
let sizes = corpus.lines.map(\.count)
print("ParseBenchmark: \(corpus.lines.count) events as JSON Lines, \(totalBytes) bytes"
    + " (\(sizes.min() ?? 0)-\(sizes.max() ?? 0) bytes each, mean \(totalBytes / max(corpus.lines.count, 1)))")
print("dialects: " + corpus.dialectCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

/// CPU time of this thread in seconds: unlike the wall clock, it does not count the time the
/// thread waits while other processes run (the machine may be busy building).
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Runs `body` `runs` times and returns the throughput in MB/s of the best run (thread CPU time).
func best(_ name: String, _ body: () -> Int) -> Double {
    var bestSeconds = Double.infinity
    var bestWall = Double.infinity
    var checksum = 0
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let wallStart = clock.now
        let start = threadCPUSeconds()
        checksum = body()
        let seconds = threadCPUSeconds() - start
        let wall = clock.now - wallStart
        bestSeconds = min(bestSeconds, seconds)
        bestWall = min(bestWall, Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)
    }
    let megabytes = Double(totalBytes) / 1_000_000
    let padded = name.padding(toLength: 34, withPad: " ", startingAt: 0)
    let rate = String(format: "%8.1f", megabytes / bestSeconds)
    let events = String(format: "%7.1f", Double(corpus.lines.count) / bestSeconds / 1000)
    let times = String(format: "cpu %.3f s, wall %.3f s", bestSeconds, bestWall)
    print("\(padded) \(rate) MB/s  \(events)k events/s  (best of \(runs): \(times), check \(checksum))")
    return megabytes / bestSeconds
}

/// A cheap sum over the parsed value so the work cannot be optimised away.
func weight(_ value: JSONValue) -> Int {
    switch value {
    case .object(let object): return object.count
    case .array(let elements): return elements.count
    default: return 1
    }
}

let oursParse: Double = corpus.bytes.withUnsafeBytes { buffer in
    best("JSONParser.parse") {
        var sum = 0
        for range in corpus.lines {
            do {
                sum &+= weight(try JSONParser.parse(UnsafeRawBufferPointer(rebasing: buffer[range])).value)
            } catch {
                fatalError("our parser rejected line: \(error)")
            }
        }
        return sum
    }
}

let oursValidate: Double = corpus.bytes.withUnsafeBytes { buffer in
    best("JSONParser.parse + EventValidator") {
        var sum = 0
        for range in corpus.lines {
            do {
                let value = try JSONParser.parse(UnsafeRawBufferPointer(rebasing: buffer[range])).value
                sum &+= EventValidator.validate(value).count
            } catch {
                fatalError("our parser rejected line: \(error)")
            }
        }
        return sum
    }
}

if oursOnly { exit(0) }

let foundation: Double = corpus.bytes.withUnsafeBytes { buffer in
    best("JSONSerialization.jsonObject") {
        var sum = 0
        for range in corpus.lines {
            let data = Data(
                bytesNoCopy: UnsafeMutableRawPointer(mutating: buffer.baseAddress! + range.lowerBound),
                count: range.count,
                deallocator: .none
            )
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                fatalError("JSONSerialization rejected a line")
            }
            sum &+= object.count
        }
        return sum
    }
}

print("ratio parse only      (ours / JSONSerialization): \(String(format: "%.2f", oursParse / foundation))x")
print("ratio parse + validate (ours / JSONSerialization parse only): \(String(format: "%.2f", oursValidate / foundation))x")
