import CaptureLog
import Foundation
import Testing
import TestSupport
import TrackingModel

/// `trackscope replay` run as a user would, from a capture log to `trackscope collect`.
@Suite(.serialized) struct ReplayCommandTests {
    static let key = "sk-replay-0042"

    static func compact(_ value: JSONValue) -> [UInt8] { Array(JSONPrinter.compact(value).utf8) }

    /// A capture log of received records as the collector makes them: three v2 events (spaced
    /// bodies), a legacy event, the two events of one batch request, a User API call (never
    /// replayed) and a sent record (never replayed). Returns the replayable records as stored.
    static func writeSourceLog(_ url: URL) async throws -> [CaptureRecord] {
        var records: [CaptureRecord] = []
        for name in ["search", "page_view", "add_to_cart"] {
            let body = Array((JSONPrinter.pretty(SpecCatalogue.example(for: name, dialect: .v2)!.value) + "\n").utf8)
            records.append(CaptureRecord(direction: .received, method: "POST", path: "/events", query: "tc_s=7", siteId: "7",
                                         requestBody: body, response: .init(status: 200), dialect: .v2))
        }
        records.append(CaptureRecord(direction: .received, method: "POST", path: "/v2/7/events", siteId: "7",
                                     requestBody: compact(SpecCatalogue.example(for: "refund", dialect: .legacy)!.value),
                                     response: .init(status: 200), dialect: .legacy))
        for (index, name) in ["purchase", "login"].enumerated() {
            let member = Finding(severity: .info, code: CaptureRecord.batchMemberCode, path: "$",
                                 message: "Event \(index + 1) of 2 of one batch request (batch[\(index)])")
            records.append(CaptureRecord(direction: .received, method: "POST", path: "/events/batch", query: "tc_s=7", siteId: "7",
                                         requestBody: compact(SpecCatalogue.example(for: name, dialect: .v2)!.value),
                                         response: .init(status: 200), dialect: .v2, findings: [member]))
        }
        records.append(CaptureRecord(direction: .received, method: "GET", path: "/engage/user/", query: "site=7&user_id=1",
                                     response: .init(status: 200)))
        records.append(CaptureRecord(direction: .sent, method: "POST", path: "/events", query: "tc_s=7", siteId: "7",
                                     requestBody: Array(#"{"event_name":"sent_before"}"#.utf8), targetURL: "http://example.com/events?tc_s=7"))
        let writer = try CaptureLogWriter(url: url)
        let stored = try await writer.append(contentsOf: records)
        try await writer.close()
        return Array(stored.prefix(6))
    }

    static func records(_ url: URL) async throws -> [CaptureRecord] {
        try await CollectCommandTests.records(url)
    }

    static func replay(_ arguments: [String], log: URL) async throws -> TrackscopeProcess.Result {
        try await TrackscopeProcess.run(["replay", "--log", log.path, "--key-env", "TS_REPLAY_KEY"] + arguments,
                                        environment: ["TS_REPLAY_KEY": key])
    }

    /// Replays with `arguments` to a fresh collector; returns its received records and the result.
    static func replayToCollector(_ arguments: [String], log: URL) async throws -> ([CaptureRecord], TrackscopeProcess.Result) {
        let collector = try CollectCommandTests.RunningCollector()
        let port = try await collector.port()
        let result = try await replay(arguments + ["--to", "http://127.0.0.1:\(port)"], log: log)
        #expect(try await collector.stop() == 0)
        return (try await records(collector.log), result)
    }

    @Test func aReplayWithoutTransformsDeliversEveryBodyByteForByte() async throws {
        let folder = TestFolder.make("replay")
        let log = folder.appendingPathComponent("source.jsonl")
        let source = try await Self.writeSourceLog(log)
        let (received, result) = try await Self.replayToCollector([], log: log)

        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("replayed 6 of 6 requests (6 attempts): 6 accepted, 0 refused, 0 unanswered"))
        #expect(result.standardOutput.contains("answers: 200 ×6"))
        #expect(result.standardOutput.contains("latency: p50 "))
        #expect(received.count == 6)
        // Four in flight: they may arrive in another order, each byte for byte.
        let sameBodies = received.map(\.requestBody).sorted { $0.lexicographicallyPrecedes($1) }
            == source.map(\.requestBody).sorted { $0.lexicographicallyPrecedes($1) }
        #expect(sameBodies)
        #expect(received.map(\.path).sorted() == ["/events", "/events", "/events", "/events/batch", "/events/batch", "/v2/7/events"])
        #expect(received.allSatisfy { $0.siteId == "7" && $0.response?.status == 200 })
        #expect(received.filter(\.isBatchMember).count == 2)

        // The source log gained a sent record per replayed record, naming it; the key fingerprinted.
        let sent = try await Self.records(log).filter { $0.direction == .sent && $0.sourceSequence != nil }
        #expect(sent.count == 6)
        #expect(Set(sent.compactMap(\.sourceSequence)) == Set(source.map(\.sequence)))
        #expect(!(try String(contentsOf: log, encoding: .utf8)).contains(Self.key))
    }

    @Test func aQuerySelectsAndTransformsReachTheTarget() async throws {
        let folder = TestFolder.make("replay")
        let log = folder.appendingPathComponent("source.jsonl")
        let source = try await Self.writeSourceLog(log)
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let (received, result) = try await Self.replayToCollector(
            ["event:search|refund|purchase", "--fresh-ids", "--shift-time", "now", "--test-code", "T", "--site", "9",
             "--rate", "100/s", "--concurrency", "1"], log: log)
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(received.count == 3)
        #expect(received.map(\.path) == ["/events", "/v2/9/events", "/events/batch"])
        let originals = [source[0], source[3], source[4]]
        for (original, replayed) in zip(originals, received) {
            #expect(replayed.siteId == "9")
            let dialect = original.dialect ?? .v2
            let old = NormalizedEvent(try JSONParser.parseValue(original.requestBody), dialect: dialect)
            let new = NormalizedEvent(try JSONParser.parseValue(replayed.requestBody), dialect: dialect)
            #expect(new.eventId != nil && new.eventId != old.eventId)
            #expect((new.timestamp?.milliseconds ?? 0) >= before)
            let testCode = dialect == .v2 ? JSONPath(parsing: "test_code") : JSONPath(parsing: "properties.test_code")
            #expect(try JSONParser.parseValue(replayed.requestBody)[testCode] == "T")
        }
    }

    @Test func aTargetThatRefusesIsRecordedRetriedAndCounted() async throws {
        let folder = TestFolder.make("replay")
        let log = folder.appendingPathComponent("source.jsonl")
        _ = try await Self.writeSourceLog(log)
        // Nothing listens on port 1: every connection is refused.
        let result = try await Self.replay(["--to", "http://127.0.0.1:1", "--retries", "1", "--timeout", "2"], log: log)
        #expect(result.status == 3, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("replayed 6 of 6 requests (12 attempts): 0 accepted, 0 refused, 6 unanswered"))
        #expect(result.standardOutput.contains("no answer ×6: connection refused"))
        let sent = try await Self.records(log).filter { $0.direction == .sent && $0.sourceSequence != nil }
        #expect(sent.count == 12)
        #expect(sent.allSatisfy { $0.response == nil && $0.findings.contains { $0.code == "send-failed" } })
    }

    @Test func theDryRunsCurlCommandsGiveTheSameRecordsAsARealReplay() async throws {
        let folder = TestFolder.make("replay")
        let log = folder.appendingPathComponent("source.jsonl")
        _ = try await Self.writeSourceLog(log)
        let (real, realResult) = try await Self.replayToCollector(["--site", "5", "--concurrency", "1"], log: log)
        #expect(realResult.status == 0)

        let collector = try CollectCommandTests.RunningCollector()
        let port = try await collector.port()
        let dryRun = try await Self.replay(["--dry-run", "--site", "5", "--to", "http://127.0.0.1:\(port)"], log: log)
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        #expect(dryRun.standardOutput.contains("${TS_REPLAY_KEY}"))
        #expect(!dryRun.standardOutput.contains(Self.key))
        let script = folder.appendingPathComponent("replay.sh")
        try Data(("set -e\n" + dryRun.standardOutput).utf8).write(to: script)
        let bash = try await Self.runBash(script, environment: ["TS_REPLAY_KEY": Self.key])
        #expect(bash == 0)
        #expect(try await collector.stop() == 0)
        let fromCurl = try await Self.records(collector.log)

        #expect(fromCurl.count == real.count)
        let sameBodies = fromCurl.map(\.requestBody) == real.map(\.requestBody)
        #expect(sameBodies)
        #expect(fromCurl.map(\.path) == real.map(\.path))
        #expect(fromCurl.map(\.query) == real.map(\.query))
        #expect(fromCurl.map(\.siteId) == real.map(\.siteId))
        #expect(fromCurl.map { $0.response?.status } == real.map { $0.response?.status })
        // Nothing was sent or recorded by the dry run itself.
        let sent = try await Self.records(log).filter { $0.direction == .sent && $0.sourceSequence != nil }
        #expect(sent.count == 6)
    }

    @Test func badPacingAndTimeShiftsAreUsageErrors() async throws {
        let folder = TestFolder.make("replay")
        let log = folder.appendingPathComponent("source.jsonl")
        _ = try await Self.writeSourceLog(log)
        for arguments in [["--rate", "fast"], ["--rate", "5/s", "--as-recorded"], ["--speed", "2x"], ["--shift-time", "2h"],
                          ["--concurrency", "0"], ["--shift-time", "-2w"]] {
            let result = try await Self.replay(arguments, log: log)
            #expect(result.status == 64, "\(arguments): \(result.standardError)")
        }
    }

    /// Runs `bash script` and returns its exit status.
    static func runBash(_ script: URL, environment: [String: String]) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        return process.terminationStatus
    }
}
