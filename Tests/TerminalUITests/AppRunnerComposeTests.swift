import CaptureLog
import Foundation
@testable import TerminalApp
import Testing
import TestSupport
import TrackingModel
@testable import TerminalUI

/// A fake terminal that also counts how often it was handed over to an editor.
final class SuspendingTerminal: TerminalBackend {
    var size: (width: Int, height: Int) = (80, 24)
    var frames: [(frame: ScreenBuffer, wasWhole: Bool)] = []
    var pendingKeys: [Key] = []
    var isStopRequested = false
    var suspensions = 0
    var resumptions = 0
    var afterDraw: ((SuspendingTerminal) -> Void)?
    let deadline = ContinuousClock.now.advanced(by: .seconds(120))

    func readKey() -> Key? {
        if ContinuousClock.now > deadline { isStopRequested = true }
        return pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    func draw(_ frame: ScreenBuffer, previous: ScreenBuffer?) {
        frames.append((frame, previous == nil))
        afterDraw?(self)
    }

    func suspend() { suspensions += 1 }
    func resume() { resumptions += 1 }

    var lastLines: [String] { frames.last?.frame.lines ?? [] }

    func type(_ text: String) { pendingKeys += text.map(Key.character) }
}

@Suite(.serialized) struct AppRunnerComposeTests {
    /// Runs the loop on `terminal` with the inspector's effects until it quits.
    static func run(_ terminal: SuspendingTerminal, source: any RecordSource, effects: InspectorEffects, logPath: String) async -> AppState {
        var runner = AppRunner(backend: terminal, source: source)
        runner.idleSleep = .milliseconds(5)
        runner.effects = effects
        return await runner.run(initialState: AppState(logPath: logPath, width: 0, height: 0, timeZone: SampleRecords.utc))
    }

    @Test func composesInTheEditorSendsThroughTheSenderAndJumpsToTheSentRecord() async throws {
        let folder = TestFolder.make("compose")
        let log = folder.appendingPathComponent("capture.jsonl")
        let template = SpecCatalogue.standardEventNames[0]
        // A scripted editor that adds a test_code as the event's second line.
        let effects = InspectorEffects(logURL: log, keyVariable: "TS_TEST_KEY", environment: ["EDITOR": "sed -i '2i\\  \"test_code\": \"RUNNER\",'", "TS_TEST_KEY": "k-secret-1"],
                                       userAgent: "trackscope-test")
        let source = try CaptureLogRecordSource(url: log, pollInterval: .milliseconds(20))
        let terminal = SuspendingTerminal()
        var step = 0
        terminal.afterDraw = { terminal in
            let lines = terminal.lastLines
            switch step {
            case 0 where lines.contains { $0.contains("no log yet") }:
                step = 1
                terminal.pendingKeys = [.character("c")]
            case 1 where lines.contains("▸ \(template)  template (v2)"):
                step = 2
                terminal.pendingKeys = [.enter]
            case 2 where lines.count > 5 && lines[1].hasPrefix("To "):
                step = 3
                // Nothing listens on port 1: the send is refused, and recorded all the same.
                terminal.pendingKeys = [.character("i")]
                terminal.type("42")
                terminal.pendingKeys += [.enter, .character("t"), .control("u")]
                terminal.type("http://127.0.0.1:1")
                terminal.pendingKeys += [.enter, .character("!")]
            case 3 where lines.last?.hasPrefix("sent, no answer") == true && lines[0].contains("1 record"):
                step = 4
                terminal.pendingKeys = [.character("q")]
            default: break
            }
        }
        let state = await Self.run(terminal, source: source, effects: effects, logPath: log.path)
        await effects.shutdown()
        #expect(step == 4, "stopped at step \(step): \(terminal.lastLines.joined(separator: "\n"))")
        #expect(terminal.suspensions == 1 && terminal.resumptions == 1)
        // The first frame after the editor is drawn whole: the review, with the key hidden.
        let afterEditor = try #require(terminal.frames.first { $0.frame.lines[1].hasPrefix("To ") })
        #expect(afterEditor.wasWhole)
        #expect(afterEditor.frame.lines[3] == "Key   from $TS_TEST_KEY (hidden)")
        #expect(!terminal.frames.contains { $0.frame.lines.joined().contains("k-secret-1") })

        // The sent record is the one selected, and says where it went and why it failed.
        #expect(state.selection == 0 && state.recordCount == 1)
        #expect(terminal.lastLines[2].hasPrefix("  1 ") && terminal.lastLines[2].contains(" ▲ POST   /events "))
        #expect(terminal.lastLines.last?.contains("connection refused — record #1") == true)
        let record = try CaptureLogReader(url: log).record(at: 0)
        #expect(record.direction == .sent && record.siteId == "42")
        #expect(record.targetURL?.hasPrefix("http://127.0.0.1:1/events?tc_s=42&token=") == true)
        #expect(!(record.targetURL ?? "").contains("k-secret-1") && !record.query.contains("k-secret-1"))
        #expect(String(decoding: record.requestBody, as: UTF8.self).contains("\"test_code\": \"RUNNER\""))
        #expect(record.findings.contains { $0.code == "send-failed" })
    }

    @Test func withoutAnEditorTheBuiltInOneIsUsedAndCtrlSValidates() async throws {
        let folder = TestFolder.make("compose")
        let effects = InspectorEffects(logURL: folder.appendingPathComponent("capture.jsonl"), keyVariable: nil, environment: [:],
                                       userAgent: "trackscope-test")
        let terminal = SuspendingTerminal()
        var step = 0
        terminal.afterDraw = { terminal in
            let lines = terminal.lastLines
            switch step {
            case 0 where lines.contains { $0.contains("purchase") }:
                step = 1
                // A copy of the selected record (the last, followed): the purchase.
                terminal.pendingKeys = [.character("c"), .enter]
            case 1 where lines[1].hasPrefix("  1 │ {"):
                step = 2
                // Break the first line, then finish.
                terminal.pendingKeys = [.end, .character("x"), .control("s")]
            case 2 where lines.count > 7 && lines[5].hasPrefix("✗"):
                step = 3
                terminal.pendingKeys = [.escape, .character("q")]
            default: break
            }
        }
        let state = await Self.run(terminal, source: InMemoryRecordSource([SampleRecords.purchase]), effects: effects, logPath: "/tmp/capture.jsonl")
        #expect(step == 3, "stopped at step \(step): \(terminal.lastLines.joined(separator: "\n"))")
        #expect(terminal.suspensions == 0)
        #expect(state.compose == nil)
        let review = try #require(terminal.frames.last { $0.frame.lines[5].hasPrefix("✗") }?.frame.lines)
        #expect(review[7].hasPrefix("1:2 error"))
        #expect(review[8] == "  1 │ {x")
    }

    /// A replay of six records, two at a time, to a target that never answers: X stops it, the
    /// two requests in flight are cancelled and recorded, the other four never start.
    @Test func xStopsAReplayThatHangsAndRecordsWhatWasInFlight() async throws {
        let folder = TestFolder.make("replay")
        let log = folder.appendingPathComponent("capture.jsonl")
        let writer = try CaptureLogWriter(url: log, durability: .os)
        for _ in 0..<6 { _ = try await writer.append(SampleRecords.purchase) }
        try await writer.close()
        let silent = try SilentListener()
        defer { silent.close() }

        let effects = InspectorEffects(logURL: log, keyVariable: nil, environment: [:], userAgent: "trackscope-test",
                                       timeout: .seconds(60))
        let source = try CaptureLogRecordSource(url: log, pollInterval: .milliseconds(20))
        let terminal = SuspendingTerminal()
        var step = 0
        terminal.afterDraw = { terminal in
            let lines = terminal.lastLines
            switch step {
            case 0 where lines.first?.contains("6 records") == true:
                step = 1
                // Mark all, open the form, aim at the silent target, two at a time.
                terminal.pendingKeys = [.character("M"), .character("r"), .control("u")]
                terminal.type("http://127.0.0.1:\(silent.port)")
                terminal.pendingKeys += Array(repeating: .down, count: 7)
                terminal.type("2")
                terminal.pendingKeys += [.enter]
            case 1 where lines.last?.hasPrefix("replay: starting 6 records") == true:
                step = 2
                terminal.pendingKeys = [.character("X")]
            case 2 where lines.last?.hasPrefix("replay done: ") == true:
                step = 3
                terminal.pendingKeys = [.character("q")]
            default: break
            }
        }
        _ = await Self.run(terminal, source: source, effects: effects, logPath: log.path)
        await effects.shutdown()
        #expect(step == 3, "stopped at step \(step): \(terminal.lastLines.joined(separator: "\n"))")
        let summary = terminal.frames.last { $0.frame.lines.last?.hasPrefix("replay done: ") == true }?.frame.lines.last ?? ""
        #expect(summary.hasPrefix("replay done: interrupted: replayed 2 of 6 requests"), "\(summary)")
        // The two requests in flight are recorded as sent, unanswered; nothing more was sent.
        let reader = try CaptureLogReader(url: log)
        let sent = try (0..<reader.count).map { try reader.record(at: $0) }.filter { $0.direction == .sent }
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.response == nil && $0.targetURL?.contains(":\(silent.port)/") == true })
    }

    /// The form's text fields are read as `trackscope replay` reads its options: a bad value is
    /// refused with what to write, and nothing is sent.
    @Test(arguments: [
        ("concurrency", "0", "concurrency 0: write a number from 1 to 64"),
        ("concurrency", "many", "concurrency many: write a number from 1 to 64"),
        ("retries", "11", "retries 11: write a number from 0 to 10"),
        ("retries", "-1", "retries -1: write a number from 0 to 10"),
        ("rate", "5/x", "rate 5/x: write 50/s, 300/m or 1000/h"),
    ])
    func badFormValuesAreRefused(field: String, value: String, message: String) async throws {
        let folder = TestFolder.make("replay")
        let log = folder.appendingPathComponent("capture.jsonl")
        let effects = InspectorEffects(logURL: log, keyVariable: nil, environment: [:], userAgent: "trackscope-test")
        var order = ReplayOrder(target: "http://127.0.0.1:1")
        switch field {
        case "concurrency": order.concurrency = value
        case "retries": order.retries = value
        default: order.rate = value
        }
        let result = await effects.replay([0], order: order, records: InMemoryRecordSource([SampleRecords.purchase])) { _ in }
        await effects.shutdown()
        #expect(result == .replayRefused(message: message))
        #expect(!FileManager.default.fileExists(atPath: log.path))
    }

    /// The form's retries reach the sender: a refused request is tried again, and each attempt
    /// is recorded.
    @Test func theFormsRetriesAreTried() async throws {
        let folder = TestFolder.make("replay")
        let log = folder.appendingPathComponent("capture.jsonl")
        let effects = InspectorEffects(logURL: log, keyVariable: nil, environment: [:], userAgent: "trackscope-test")
        var order = ReplayOrder(target: "http://127.0.0.1:1")
        order.retries = "2"
        order.concurrency = "1"
        let result = await effects.replay([0], order: order, records: InMemoryRecordSource([SampleRecords.purchase])) { _ in }
        await effects.shutdown()
        guard case .replayFinished(let summary, let failed) = result else {
            Issue.record("not finished: \(result)")
            return
        }
        #expect(summary.hasPrefix("replayed 1 of 1 request (3 attempts): 0 accepted, 0 refused, 1 unanswered"), "\(summary)")
        #expect(failed == 1)
        let reader = try CaptureLogReader(url: log)
        #expect(reader.count == 3)
    }
}
