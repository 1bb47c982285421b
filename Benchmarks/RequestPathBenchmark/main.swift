// `make bench-request`: the collector's own work on one event request, outside HTTP, on the
// product brief's corrected example: the payload inspection (parse, validation, placing each
// finding at its line and column) and the capture log line (fingerprinting keys, encoding; and
// escaping the body as a JSON string, the largest part of the encoding, alone; and the body's
// summary, scanned from the bytes as the import does, or read from the parsed value and known to
// the record as the collector does).
// Each stage prints microseconds per request and its multiple of the bare JSON parse measured in
// the same run (the baseline: the least an inspector can do with the body).
// Usage: RequestPathBenchmark [ITERATIONS] (default 20000).
import CaptureLog
import Foundation
import TrackingModel

let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20_000
let fixture = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Tests/Fixtures/legacy-brief-corrected.json")
let body = Array(try Data(contentsOf: fixture))

/// Microseconds per call of each stage: the best of 15 rounds, the stages taking turns within
/// each round, so that a slow spell on a shared machine falls on all of them alike.
func microseconds(_ stages: [() -> Int]) -> [Double] {
    var sink = 0
    for stage in stages {
        for _ in 0..<max(iterations / 20, 1) { sink &+= stage() }
    }
    var best = [Double](repeating: .infinity, count: stages.count)
    let perRound = max(iterations / 15, 1)
    for _ in 0..<15 {
        for (index, stage) in stages.enumerated() {
            let start = ContinuousClock.now
            for _ in 0..<perRound { sink &+= stage() }
            let (seconds, attoseconds) = (ContinuousClock.now - start).components
            best[index] = min(best[index], (Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / Double(perRound))
        }
    }
    if sink == .min { print(sink) } // keeps the work from being optimised away
    return best
}

let report = PayloadInspector.inspect(bytes: body, form: .event)
let findings = report.findings + (report.events.first?.findings ?? [])
let record = CaptureRecord(
    time: Date(), direction: .received, method: "POST", path: "/v2/1234/events", query: "", siteId: "1234",
    requestHeaders: [
        .init(name: "Host", value: "127.0.0.1:8080"), .init(name: "Content-Type", value: "application/json"),
        .init(name: "Authorization", value: "Bearer bench-source-key"), .init(name: "Content-Length", value: "\(body.count)"),
    ],
    requestBody: body,
    response: .init(status: 200,
                    headers: [.init(name: "Content-Type", value: "application/json"),
                              .init(name: "X-Trackscope-Findings", value: "errors=0; warnings=1; info=2")],
                    body: Array(#"{"status":"ok","events":1,"findings":{"errors":0,"warnings":1,"info":2}}"#.utf8),
                    latencyMilliseconds: 1.467672),
    dialect: report.events.first?.dialect, findings: findings
)

print("request path: \(body.count)-byte body, \(findings.count) findings, \(record.encodedLine().count)-byte log line, \(iterations) iterations")
let parsed = report.events.first?.value ?? .null
var summarised = record
summarised.knownBodySummary = EventBodySummary.quickScan(document: parsed)
let names = ["parse (baseline)", "inspect: parse, validate, place", "fingerprint the keys", "encode the log line",
             "  of which: escape the body", "  of which: summarise the body", "summarise the parsed body instead",
             "encode, summary known (collect)"]
let timings = microseconds([
    { (try? JSONParser.parse(body)) == nil ? 0 : 1 },
    { PayloadInspector.inspect(bytes: body, form: .event).events.count },
    { SecretFingerprint.record(record).requestHeaders.count },
    { record.encodedLine().count },
    {
        var writer = JSONWriter(capacity: 2 * body.count + 2)
        body.withUnsafeBufferPointer { writer.string(utf8: $0) }
        return writer.bytes.count
    },
    { EventBodySummary.quickScan(body).eventNames.count },
    { EventBodySummary.quickScan(document: parsed)?.eventNames.count ?? 0 },
    { summarised.encodedLine().count },
])
for (name, value) in zip(names, timings) {
    let padded = name.padding(toLength: 34, withPad: " ", startingAt: 0)
    print(padded + String(format: "%8.2f us   %5.2fx parse", value, value / timings[0]))
}
