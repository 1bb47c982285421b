import CaptureLog
import Foundation
import Testing
import TestSupport
import TrackingModel

/// `trackscope send` run as a user would, against `trackscope collect`.
@Suite(.serialized) struct SendCommandTests {
    static let key = "sk-e2e-0042"

    /// A folder for the sending log and input files.
    final class Workspace: @unchecked Sendable {
        let folder: URL
        var log: URL { folder.appendingPathComponent("sent.jsonl") }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("trackscope-send-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func file(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
    }

    static func send(_ arguments: [String], port: Int, log: URL) async throws -> TrackscopeProcess.Result {
        try await TrackscopeProcess.run(
            ["send"] + arguments + ["--to", "http://127.0.0.1:\(port)", "--key-env", "TS_SEND_KEY", "--log", log.path],
            environment: ["TS_SEND_KEY": key])
    }

    @Test func aTemplateGoesToTheCollectorAndBothLogsAgree() async throws {
        let workspace = try Workspace()
        let collector = try CollectCommandTests.RunningCollector(arguments: ["--source-key", "42=\(Self.key)", "--strict"])
        let port = try await collector.port()
        let result = try await Self.send(["--template", "purchase", "--site", "42"], port: port, log: workspace.log)
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("→ POST http://127.0.0.1:\(port)/events?tc_s=42&token=sha256:"))
        #expect(result.standardOutput.contains("← 200 in "))
        #expect(result.standardError.contains("1 request (1 event, 1 attempt): 1 accepted, 0 refused, 0 unanswered"))
        #expect(!result.standardOutput.contains(Self.key) && !result.standardError.contains(Self.key))
        #expect(try await collector.stop() == 0)

        let received = try await CollectCommandTests.records(collector.log)
        let sent = try await CollectCommandTests.records(workspace.log)
        #expect(received.count == 1)
        #expect(sent.count == 1)
        #expect(received.first?.requestBody == sent.first?.requestBody)
        #expect(received.first?.eventNames == ["purchase"])
        #expect(sent.first?.direction == .sent)
        #expect(sent.first?.response?.status == 200)
        #expect((sent.first?.response?.latencyMilliseconds ?? 0) > 0)
        #expect(sent.first?.targetURL == "http://127.0.0.1:\(port)/events?tc_s=42&token=\(SecretFingerprint.fingerprint(Self.key))")
        let text = try String(contentsOf: workspace.log, encoding: .utf8)
        #expect(!text.contains(Self.key))
    }

    @Test func jsonLinesOneByOneThenInBatchesWithEdits() async throws {
        let workspace = try Workspace()
        let collector = try CollectCommandTests.RunningCollector()
        let port = try await collector.port()
        let lines = ["search", "page_view", "login"].map {
            JSONPrinter.compact(SpecCatalogue.example(for: $0, dialect: .v2)!.value)
        }
        let file = try workspace.file("events.jsonl", lines.joined(separator: "\n") + "\n")
        let oneByOne = try await Self.send([file, "--site", "7"], port: port, log: workspace.log)
        #expect(oneByOne.status == 0, "\(oneByOne.standardOutput)\n\(oneByOne.standardError)")
        let batched = try await Self.send([file, "--site", "7", "--batch", "--set", "test_code=\"qa-1\""], port: port, log: workspace.log)
        #expect(batched.status == 0, "\(batched.standardOutput)\n\(batched.standardError)")
        #expect(batched.standardOutput.contains("/events/batch?tc_s=7&token=sha256:"))
        #expect(try await collector.stop() == 0)

        let received = try await CollectCommandTests.records(collector.log)
        let edited = try lines.map { line -> String in
            var value = try JSONParser.parseValue(line)
            try JSONEdit.set("test_code", "qa-1").apply(to: &value)
            return JSONPrinter.compact(value)
        }
        // Unedited lines go out byte for byte as written; a batch's events are recorded one each.
        #expect(received.map { String(decoding: $0.requestBody, as: UTF8.self) } == lines + edited)
        let sent = try await CollectCommandTests.records(workspace.log)
        #expect(sent.count == 4)
        #expect(sent.allSatisfy { $0.direction == .sent && $0.response?.status == 200 })
        #expect(String(decoding: sent[3].requestBody, as: UTF8.self) == #"{"batch":["# + edited.joined(separator: ",") + "]}")
    }

    @Test func anEventWithAnErrorIsRefusedUnlessForced() async throws {
        let workspace = try Workspace()
        let collector = try CollectCommandTests.RunningCollector()
        let port = try await collector.port()
        let refused = try await Self.send(["--template", "purchase", "--site", "42", "--unset", "currency"], port: port, log: workspace.log)
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("template purchase:1:"))
        #expect(refused.standardOutput.contains("error:"))
        #expect(refused.standardError.contains("nothing sent"))
        #expect(!FileManager.default.fileExists(atPath: workspace.log.path))

        let forced = try await Self.send(["--template", "purchase", "--site", "42", "--unset", "currency", "--force"],
                                         port: port, log: workspace.log)
        #expect(forced.status == 0, "\(forced.standardOutput)\n\(forced.standardError)")
        #expect(try await collector.stop() == 0)
        let received = try await CollectCommandTests.records(collector.log)
        #expect(received.count == 1)
        #expect(received.first?.findings.contains { $0.severity == .error } == true)
        let sent = try await CollectCommandTests.records(workspace.log)
        #expect(sent.first?.findings.contains { $0.severity == .error } == true)
    }

    @Test func aLegacyEventGoesToTheBriefsEndpoint() async throws {
        let workspace = try Workspace()
        let collector = try CollectCommandTests.RunningCollector(arguments: ["--source-key", "42=\(Self.key)", "--strict"])
        let port = try await collector.port()
        let result = try await Self.send(["--template", "search", "--dialect", "legacy", "--site", "42"], port: port, log: workspace.log)
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("→ POST http://127.0.0.1:\(port)/v2/42/events"))
        #expect(try await collector.stop() == 0)
        let received = try await CollectCommandTests.records(collector.log)
        #expect(received.first?.dialect == .legacy)
        #expect(received.first?.requestHeaders.contains { $0.name.lowercased() == "authorization" && $0.value == "Bearer \(SecretFingerprint.fingerprint(Self.key))" } == true)
    }

    @Test func aTargetThatRefusesConnectionsExitsThreeAndIsRecorded() async throws {
        let workspace = try Workspace()
        // A port nothing listens on: a collector started and stopped.
        let collector = try CollectCommandTests.RunningCollector()
        let port = try await collector.port()
        #expect(try await collector.stop() == 0)
        let result = try await Self.send(["--template", "search", "--site", "1", "--retries", "1", "--timeout", "3"],
                                         port: port, log: workspace.log)
        #expect(result.status == 3)
        #expect(result.standardOutput.contains("✗ no answer: connection refused"))
        #expect(result.standardOutput.contains("retrying in 100 ms"))
        #expect(result.standardError.contains("0 accepted, 0 refused, 1 unanswered"))
        let sent = try await CollectCommandTests.records(workspace.log)
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.response == nil && $0.findings.contains { $0.code == "send-failed" } })
    }

    @Test func aTargetThatNeverAnswersTimesOutAndExitsThree() async throws {
        let workspace = try Workspace()
        let listener = try SilentListener()
        defer { listener.close() }
        let result = try await Self.send(["--template", "search", "--site", "1", "--retries", "1", "--timeout", "0.5"],
                                         port: listener.port, log: workspace.log)
        #expect(result.status == 3)
        #expect(result.standardOutput.contains("✗ no answer: no answer within 0.5 s (timed out)"))
        let sent = try await CollectCommandTests.records(workspace.log)
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.response == nil && $0.findings.contains { $0.code == "send-failed" } })
    }

    @Test func aRefusalIsPrintedRecordedAndExitsThree() async throws {
        let workspace = try Workspace()
        // --strict answers 400 to an event with an error finding; a 4xx is not retried.
        let collector = try CollectCommandTests.RunningCollector(arguments: ["--strict"])
        let port = try await collector.port()
        let result = try await Self.send(["--template", "purchase", "--site", "42", "--unset", "currency", "--force", "--retries", "2"],
                                         port: port, log: workspace.log)
        #expect(result.status == 3)
        #expect(result.standardOutput.contains("← 400 in "))
        #expect(result.standardOutput.contains(#""error":"invalid-event""#))
        #expect(result.standardError.contains("0 accepted, 1 refused, 0 unanswered"))
        #expect(try await collector.stop() == 0)
        let sent = try await CollectCommandTests.records(workspace.log)
        #expect(sent.count == 1)
        #expect(sent.first?.response?.status == 400)
        #expect(sent.first?.findings.contains { $0.code == "send-refused" } == true)
    }

    @Test func badInputIsExitStatusTwo() async throws {
        let workspace = try Workspace()
        let missingSite = try await TrackscopeProcess.run(["send", "--template", "search", "--log", workspace.log.path])
        #expect(missingSite.status == 2)
        #expect(missingSite.standardError.contains("--site"))
        let missingKey = try await TrackscopeProcess.run(
            ["send", "--template", "search", "--site", "1", "--key-env", "TS_NOT_SET_ANYWHERE", "--log", workspace.log.path])
        #expect(missingKey.status == 2)
        #expect(missingKey.standardError.contains("TS_NOT_SET_ANYWHERE"))
        let badEdit = try await TrackscopeProcess.run(
            ["send", "--template", "search", "--site", "1", "--set", "event_name.x=1", "--log", workspace.log.path])
        #expect(badEdit.status == 2)
        #expect(badEdit.standardError.contains("event_name is a string, not an object"))
        #expect(!FileManager.default.fileExists(atPath: workspace.log.path))
    }
}
