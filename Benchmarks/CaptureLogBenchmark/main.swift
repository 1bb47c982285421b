// The capture log benchmark: generates a log of N records (default 1,000,000) and measures
// (a) append throughput with durability fsync and os, (b) the time to open the log and decode its
// last 50 records, and the peak memory of doing so (in a child process, so the generation does
// not count). Part (c), the filter against jq, is run by Benchmarks/capture-log.sh.
//
// Usage: CaptureLogBenchmark [--records N] [--durable-records N] [--dir PATH] [--events-file PATH]
//        CaptureLogBenchmark --open-child LOG   (internal: open and show the last 50)
import CaptureLog
import Foundation
import SeededRandom
import TrackingModel
#if canImport(Glibc)
import Glibc
#endif

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

// MARK: The open child

if let path = argument("--open-child") {
    let start = now()
    let reader = try CaptureLogReader(url: URL(fileURLWithPath: path))
    let opened = now()
    let count = reader.count
    var shown = 0
    var lastSequence: UInt64 = 0
    for index in max(0, count - 50)..<count {
        let record = try reader.record(at: index)
        // What a list row needs: sequence, time, event names, status.
        _ = record.eventNames
        lastSequence = record.sequence
        shown += 1
    }
    let done = now()
    print("open_ms=\(String(format: "%.1f", (opened - start) * 1000)) last50_ms=\(String(format: "%.1f", (done - opened) * 1000)) total_ms=\(String(format: "%.1f", (done - start) * 1000)) records=\(count) shown=\(shown) last_seq=\(lastSequence) sidecar=\(reader.usedSidecarIndex) peak_mb=\(String(format: "%.1f", peakMemoryMB()))")
    exit(0)
}

// MARK: Generation

let total = Int(argument("--records") ?? "") ?? 1_000_000
let durableTotal = Int(argument("--durable-records") ?? "") ?? 20_000
let directory = URL(fileURLWithPath: argument("--dir") ?? "bench-out/capture-log", isDirectory: true)
let eventsFile = argument("--events-file").map { URL(fileURLWithPath: $0) }
let concurrency = 256
try? FileManager.default.removeItem(at: directory)
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

let eventNames = ["page_view", "page_view", "page_view", "page_view", "view_item", "view_item", "add_to_cart", "search", "purchase", "login"]

/// The body of event `index`: a realistic v2 event, compact.
func body(_ index: Int) -> [UInt8] {
    var random = SeededRandom(seed: UInt64(index) &* 7919)
    let name = eventNames[random.below(eventNames.count)]
    let user = random.below(1000) + 1
    let timestamp = 1_764_000_000_000 + index * 37
    var text = #"{"event_name":"\#(name)","context":{"event_id":"ev-\#(index)","event_timestamp":\#(timestamp),"page":{"title":"Shop","url":"https://shop.example/p/\#(random.below(5000))","lang":"fr"},"device":{"user_agent":"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0","ip":"192.168.1.0","lang":"fr-FR"}},"user":{"id":"\#(user)","consistent_anonymous_id":"caid-\#(user)","email_sha256":"a3f1c2e4b5d6","consent_categories":["1","3"]}"#
    switch name {
    case "purchase":
        text += #","id":"order-\#(index)","type":"online","value":\#(random.below(500) + 10).5,"revenue":\#(random.below(400) + 5),"currency":"EUR","payment_method":"card","status":"pending","items":[{"id":"i1","quantity":1,"product":{"id":"p\#(random.below(900))","name":"Shoe","price":59.9}}]"#
    case "view_item", "add_to_cart":
        text += #","value":59.9,"currency":"EUR","items":[{"id":"i1","quantity":1,"product":{"id":"p\#(random.below(900))","name":"Shoe","price":59.9}}]"#
    case "search":
        text += #","search_term":"shoes \#(random.below(100))""#
    case "login":
        text += #","method":"password""#
    default:
        text += #","page_type":"product""#
    }
    text += "}"
    return Array(text.utf8)
}

func record(_ index: Int) -> CaptureRecord {
    CaptureRecord(
        time: Date(timeIntervalSince1970: 1_764_000_000 + Double(index) * 0.037),
        direction: .received, method: "POST", path: "/events", query: "tc_s=29&token=source-key-\(index % 3)", siteId: "29",
        requestHeaders: [
            .init(name: "Content-Type", value: "application/json"),
            .init(name: "User-Agent", value: "shop-backend/2.1"),
        ],
        requestBody: body(index),
        response: .init(status: 200, headers: [.init(name: "Content-Type", value: "application/json")], body: Array(#"{"status":"ok"}"#.utf8), latencyMilliseconds: 0.4),
        dialect: .v2)
}

/// Appends records `0..<count` from `concurrency` tasks; returns records per second.
func appendAll(_ url: URL, count: Int, durability: Durability) async throws -> Double {
    let writer = try CaptureLogWriter(url: url, durability: durability)
    let start = now()
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                var index = worker
                while index < count {
                    try await writer.append(record(index))
                    index += concurrency
                }
            }
        }
        try await group.waitForAll()
    }
    try await writer.close()
    return Double(count) / (now() - start)
}

print("capture log benchmark: \(total) records, \(concurrency) concurrent appenders")

// (a) durable: every batch fdatasync'd before its appends return.
let durableURL = directory.appendingPathComponent("durable.jsonl")
let durableRate = try await appendAll(durableURL, count: durableTotal, durability: .fsync)
print(String(format: "(a) append, durability fsync: %.0f records/s (%d records)", durableRate, durableTotal))

// (a) os: the full log.
let logURL = directory.appendingPathComponent("capture.jsonl")
let osRate = try await appendAll(logURL, count: total, durability: .os)
let size = (try FileManager.default.attributesOfItem(atPath: logURL.path)[.size] as? Int) ?? 0
print(String(format: "(a) append, durability os:    %.0f records/s (%d records, %.0f MB)", osRate, total, Double(size) / 1e6))
print(String(format: "    fsync/os ratio: %.2f", durableRate / osRate))

// (b) open and show the last 50, in a child process: first with no sidecar index, then with it.
func openChild() throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    process.arguments = ["--open-child", logURL.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
try? FileManager.default.removeItem(atPath: CaptureLogReader.sidecarPath(of: logURL.path))
print("(b) open + last 50, full scan (builds the sidecar): \(try openChild())")
print("(b) open + last 50, with sidecar index:             \(try openChild())")
print("    goals: open under 500 ms, peak memory under 150 MB")

// The events file for (c): the same events, one a line.
if let eventsFile {
    FileManager.default.createFile(atPath: eventsFile.path, contents: nil)
    let handle = try FileHandle(forWritingTo: eventsFile)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    for index in 0..<total {
        buffer += body(index)
        buffer.append(0x0A)
        if buffer.count > 1 << 20 {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
    try handle.write(contentsOf: buffer)
    try handle.close()
    print("events file: \(eventsFile.path)")
}
print("log: \(logURL.path)")
