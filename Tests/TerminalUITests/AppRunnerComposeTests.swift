import CaptureLog
import Foundation
@testable import TerminalApp
import Testing
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
    let deadline = ContinuousClock.now.advanced(by: .seconds(30))

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
    @Test func composesInTheEditorSendsThroughTheSenderAndJumpsToTheSentRecord() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ts-compose-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
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
        var runner = AppRunner(backend: terminal, source: source)
        runner.idleSleep = .milliseconds(5)
        runner.effects = effects
        let state = await runner.run(initialState: AppState(logPath: log.path, width: 0, height: 0, timeZone: SampleRecords.utc))
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
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ts-compose-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
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
        var runner = AppRunner(backend: terminal, source: InMemoryRecordSource([SampleRecords.purchase]))
        runner.idleSleep = .milliseconds(5)
        runner.effects = effects
        let state = await runner.run(initialState: AppState(logPath: "/tmp/capture.jsonl", width: 0, height: 0, timeZone: SampleRecords.utc))
        #expect(step == 3, "stopped at step \(step): \(terminal.lastLines.joined(separator: "\n"))")
        #expect(terminal.suspensions == 0)
        #expect(state.compose == nil)
        let review = try #require(terminal.frames.last { $0.frame.lines[5].hasPrefix("✗") }?.frame.lines)
        #expect(review[7].hasPrefix("1:2 error"))
        #expect(review[8] == "  1 │ {x")
    }
}
