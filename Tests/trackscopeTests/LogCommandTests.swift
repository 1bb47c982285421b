import Foundation
import Testing
import TestSupport

/// `trackscope log ...` run as a user would.
@Suite struct LogCommandTests {
    private let folder = TestFolder.make("log-cli")
    private var log: String { folder.appendingPathComponent("state/capture.jsonl").path }
    private let key = "live-key-DO-NOT-LEAK-123"

    private func write(_ text: String, to name: String) async throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private func importEvents() async throws {
        let events = """
        {"event_name":"purchase","context":{"event_id":"1","event_timestamp":1700000000000},"user":{"id":"42"},"value":1,"currency":"EUR"}
        {"event_name":"page_view","user":{"id":"42"}}
        {"event_name":"purchase","user":{"id":"7"}}
        """
        let file = try await write(events, to: "events.jsonl")
        let result = try await TrackscopeProcess.run(["log", "import", file, "--format", "events", "--log", log])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("imported 3 record(s)"))
    }

    @Test func importStatsShowAndFilter() async throws {
        try await importEvents()
        let attributes = try FileManager.default.attributesOfItem(atPath: log)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let stats = try await TrackscopeProcess.run(["log", "stats", "--log", log])
        #expect(stats.status == 0)
        #expect(stats.standardOutput.contains("records:   3"))
        #expect(stats.standardOutput.contains("2  purchase"))
        #expect(stats.standardOutput.contains("3  received"))

        let show = try await TrackscopeProcess.run(["log", "show", "1", "--log", log])
        #expect(show.status == 0)
        #expect(show.standardOutput.hasPrefix("#1 "))
        #expect(show.standardOutput.contains("  \"event_name\": \"purchase\","))

        let missing = try await TrackscopeProcess.run(["log", "show", "99", "--log", log])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no record 99"))

        let events = try await TrackscopeProcess.run(["log", "filter", "event:purchase user.id:42", "--events", "--log", log])
        #expect(events.status == 0)
        let lines = events.standardOutput.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(#"{"event_name":"purchase""#) == true)

        let records = try await TrackscopeProcess.run(["log", "filter", "event:purchase", "--log", log])
        let recordLines = records.standardOutput.split(separator: "\n")
        #expect(recordLines.count == 2)
        #expect(recordLines.allSatisfy { $0.hasPrefix(#"{"seq":"#) })
    }

    @Test func theLogCommandsReadTheKeptRotatedSegmentsToo() async throws {
        let events = (1...6).map { #"{"event_name":"\#($0 % 2 == 0 ? "purchase" : "page_view")","user":{"id":"\#($0)"}}"# }
        let file = try await write(events.joined(separator: "\n"), to: "events.jsonl")
        let imported = try await TrackscopeProcess.run(["log", "import", file, "--format", "events", "--log", log, "--max-log-size", "2K"])
        #expect(imported.status == 0, "\(imported.standardError)")
        let segments = (1...5).filter { FileManager.default.fileExists(atPath: log.replacingOccurrences(of: ".jsonl", with: ".\($0).jsonl")) }
        #expect(segments.count >= 2, "the import should have rotated")
        // A file in the segments' place that is not a capture log is left out, with a warning.
        let stranger = log.replacingOccurrences(of: ".jsonl", with: ".\(segments.count + 1).jsonl")
        try Data("not a capture log\n".utf8).write(to: URL(fileURLWithPath: stranger))

        let stats = try await TrackscopeProcess.run(["log", "stats", "--log", log])
        #expect(stats.status == 0)
        #expect(stats.standardOutput.contains("records:   6"))
        #expect(stats.standardOutput.contains("segments:  \(segments.count) older rotated segment(s) kept"))
        #expect(stats.standardOutput.contains("3  purchase"))
        #expect(stats.standardError.contains("\(stranger): not read, left out"))

        let first = try await TrackscopeProcess.run(["log", "show", "1", "--log", log])
        #expect(first.status == 0)
        #expect(first.standardOutput.hasPrefix("#1 "))
        let missing = try await TrackscopeProcess.run(["log", "show", "99", "--log", log])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("or its \(segments.count) rotated segment(s)"))

        let purchases = try await TrackscopeProcess.run(["log", "filter", "event:purchase", "--log", log])
        let sequences = purchases.standardOutput.split(separator: "\n").compactMap { line in
            line.split(separator: ",").first.flatMap { Int($0.dropFirst(#"{"seq":"#.count)) }
        }
        #expect(sequences == [2, 4, 6])
        let exported = try await TrackscopeProcess.run(["log", "export", "--format", "events", "--log", log])
        #expect(exported.standardOutput.split(separator: "\n").count == 6)
    }

    @Test func badFilterExitsTwoWithACaret() async throws {
        try await importEvents()
        let result = try await TrackscopeProcess.run(["log", "filter", "(event:purchase", "--log", log])
        #expect(result.status == 2)
        #expect(result.standardError.contains("invalid filter"))
        #expect(result.standardError.contains("(event:purchase\n^"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func curlExportKeepsTheKeyOutAndImportsBack() async throws {
        let command = """
        curl -X POST 'http://collect.example/events?tc_s=29&token=\(key)' \\
          -H 'Content-Type: application/json' -H 'Authorization: Bearer \(key)' \\
          --data-raw '{"event_name":"search","search_term":"it'\\''s"}'
        """
        let file = try await write(command, to: "commands.sh")
        let imported = try await TrackscopeProcess.run(["log", "import", file, "--format", "curl", "--log", log])
        #expect(imported.status == 0, "\(imported.standardError)")
        let raw = try String(contentsOfFile: log, encoding: .utf8)
        #expect(!raw.contains(key))

        let export = try await TrackscopeProcess.run(["log", "export", "--format", "curl", "--log", log])
        #expect(export.status == 0)
        #expect(!export.standardOutput.contains(key))
        #expect(export.standardOutput.contains("${TRACKSCOPE_SOURCE_KEY}"))

        // The exported command, run through a shell with curl replaced by echo-like printing, gives the same body.
        let again = try await write(export.standardOutput, to: "again.sh")
        let second = folder.appendingPathComponent("second.jsonl").path
        let back = try await TrackscopeProcess.run(["log", "import", again, "--format", "curl", "--log", second])
        #expect(back.status == 0)
        let filtered = try await TrackscopeProcess.run(["log", "filter", "event:search", "--events", "--log", second])
        #expect(filtered.standardOutput == #"{"event_name":"search","search_term":"it's"}"# + "\n")
    }

    @Test func harExportImportsBackToTheSameEvents() async throws {
        try await importEvents()
        let har = folder.appendingPathComponent("capture.har").path
        let export = try await TrackscopeProcess.run(["log", "export", "--format", "har", "--output", har, "--log", log])
        #expect(export.status == 0)
        // Captured events are personal data: the export is its owner's alone.
        let mode = try FileManager.default.attributesOfItem(atPath: har)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: har))) as? [String: Any]
        let harLog = try #require(document?["log"] as? [String: Any])
        #expect(harLog["version"] as? String == "1.2")
        #expect((harLog["entries"] as? [Any])?.count == 3)

        let second = folder.appendingPathComponent("from-har.jsonl").path
        let imported = try await TrackscopeProcess.run(["log", "import", har, "--format", "har", "--log", second])
        #expect(imported.status == 0)
        let original = try await TrackscopeProcess.run(["log", "export", "--format", "events", "--log", log])
        let roundTrip = try await TrackscopeProcess.run(["log", "export", "--format", "events", "--log", second])
        #expect(original.standardOutput.split(separator: "\n").count == 3)
        #expect(roundTrip.standardOutput == original.standardOutput)
    }

    @Test func unreadableImportFileExitsTwo() async throws {
        let result = try await TrackscopeProcess.run(["log", "import", "/nonexistent/file.har", "--format", "har", "--log", log])
        #expect(result.status == 2)
        let notHAR = try await write("{\"hello\":1}", to: "bad.har")
        let bad = try await TrackscopeProcess.run(["log", "import", notHAR, "--format", "har", "--log", log])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("no log.entries"))
    }
}
