import CaptureLog
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs `trackscope collect` as a user would: start it on a free port, post to it, stop it with
/// SIGTERM, and read what it left in the capture log.
@Suite(.serialized) struct CollectCommandTests {
    /// A running `trackscope collect` whose standard output is read into a file.
    final class RunningCollector: @unchecked Sendable {
        let process = Process()
        let output: URL
        let errorOutput: URL
        let folder: URL
        let log: URL

        /// Starts `trackscope collect` on a log of its own, or on `reusing` (another collector's).
        init(arguments: [String] = [], environment: [String: String] = [:], reusing existingLog: URL? = nil) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("trackscope-collect-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            output = folder.appendingPathComponent("stdout.txt")
            errorOutput = folder.appendingPathComponent("stderr.txt")
            log = existingLog ?? folder.appendingPathComponent("capture.jsonl")
            FileManager.default.createFile(atPath: output.path, contents: nil)
            FileManager.default.createFile(atPath: errorOutput.path, contents: nil)
            process.executableURL = TrackscopeProcess.binaryURL
            process.arguments = ["collect", "--port", "0", "--log", log.path] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: errorOutput)
            try process.run()
        }

        deinit {
            if process.isRunning { process.terminate() }
            try? FileManager.default.removeItem(at: folder)
        }

        var printed: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
        var printedErrors: String { (try? String(contentsOf: errorOutput, encoding: .utf8)) ?? "" }

        /// The port from `trackscope collector listening on http://127.0.0.1:PORT` (waits up to 20 s).
        func port() async throws -> Int {
            for _ in 0..<200 {
                if let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("trackscope collector listening on http://127.0.0.1:") }),
                   let port = Int(line.split(separator: ":").last ?? "") {
                    return port
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            Issue.record("collector did not print its port: \(printed)")
            throw CancellationError()
        }

        /// Sends SIGTERM and waits for the exit status.
        func stop() async throws -> Int32 {
            kill(process.processIdentifier, SIGTERM)
            for _ in 0..<600 where process.isRunning {
                try await Task.sleep(for: .milliseconds(50))
            }
            guard !process.isRunning else {
                // Reading the status of a running process traps; say what happened instead.
                Issue.record("trackscope collect still runs 30 s after SIGTERM; it printed: \(printed)")
                kill(process.processIdentifier, SIGKILL)
                return -1
            }
            return process.terminationStatus
        }
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func post(_ url: String, body: Data, headers: [String: String] = ["Content-Type": "application/json"]) async throws -> (Int, Data, [AnyHashable: Any]) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return (http.statusCode, data, http.allHeaderFields)
    }

    static func records(_ log: URL) async throws -> [CaptureRecord] {
        let data = try Data(contentsOf: log)
        return data.split(separator: UInt8(ascii: "\n")).dropFirst().compactMap { try? CaptureRecord.decode(line: Array($0)) }
    }

    @Test func servesRecordsAndStopsCleanlyOnSIGTERM() async throws {
        let collector = try RunningCollector()
        let port = try await collector.port()
        #expect(collector.printed.contains("capture log: \(collector.log.path)"))
        #expect(collector.printed.contains("curl -i -X POST 'http://127.0.0.1:\(port)/v2/1234/events'"))

        let corrected = try Data(contentsOf: Self.fixtures.appendingPathComponent("legacy-brief-corrected.json"))
        let published = try Data(contentsOf: Self.fixtures.appendingPathComponent("legacy-brief-published.json"))
        let base = "http://127.0.0.1:\(port)"
        let (okStatus, _, okHeaders) = try await Self.post("\(base)/v2/1234/events", body: corrected,
                                                           headers: ["Content-Type": "application/json", "Authorization": "Bearer my-secret-key"])
        #expect(okStatus == 200)
        let sequence = okHeaders.first { ($0.key as? String)?.lowercased() == "x-trackscope-seq" }?.value as? String
        #expect(sequence == "1")
        let (badStatus, badBody, _) = try await Self.post("\(base)/v2/1234/events", body: published)
        #expect(badStatus == 400)
        let answer = try JSONSerialization.jsonObject(with: badBody) as? [String: Any]
        #expect(answer?["line"] as? Int == 4)
        #expect(answer?["column"] as? Int == 3)

        #expect(try await collector.stop() == 0)
        let records = try await Self.records(collector.log)
        #expect(records.count == 2)
        #expect(records.first?.requestBody == Array(corrected))
        #expect(records.first?.dialect == .legacy)
        #expect(records.map { $0.response?.status } == [200, 400])
        // The key is never in the log in clear.
        let text = try String(contentsOf: collector.log, encoding: .utf8)
        #expect(!text.contains("my-secret-key"))
    }

    @Test func verboseLogsTheServerOnStandardErrorAndQuietLogsNothing() async throws {
        let verbose = try RunningCollector(arguments: ["--verbose"])
        let port = try await verbose.port()
        let quiet = try RunningCollector()
        _ = try await quiet.port()
        let body = Data(#"{"event_name":"page_view"}"#.utf8)
        #expect(try await Self.post("http://127.0.0.1:\(port)/v2/1/events", body: body).0 == 200)
        #expect(try await verbose.stop() == 0)
        #expect(try await quiet.stop() == 0)
        let lines = verbose.printedErrors.split(separator: "\n")
        #expect(lines.contains { $0.hasSuffix(" info trackscope.collect: Server started and listening on 127.0.0.1:\(port)") },
                "\(verbose.printedErrors)")
        #expect(quiet.printedErrors.isEmpty)
    }

    @Test func theUserStoreSurvivesARestart() async throws {
        let first = try RunningCollector()
        let port = try await first.port()
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/engage/user/?site=5&user_id=u9&token=t")!)
        request.httpMethod = "PUT"
        request.httpBody = Data(#"{"person":{"id":"u9","email":"x@example.com"}}"#.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (_, putResponse) = try await URLSession.shared.data(for: request)
        #expect((putResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(try await first.stop() == 0)

        // A second collector on the same log.
        let second = Process()
        let output = first.folder.appendingPathComponent("second.txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        second.executableURL = TrackscopeProcess.binaryURL
        second.arguments = ["collect", "--port", "0", "--log", first.log.path]
        second.standardOutput = try FileHandle(forWritingTo: output)
        second.standardError = FileHandle.nullDevice
        try second.run()
        defer { if second.isRunning { second.terminate() } }
        var secondPort: Int?
        for _ in 0..<200 where secondPort == nil {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("trackscope collector listening on") }) {
                secondPort = Int(line.split(separator: ":").last ?? "")
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let port2 = try #require(secondPort)
        let (data, getResponse) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port2)/engage/user/?site=5&user_id=u9&token=t")!)
        #expect((getResponse as? HTTPURLResponse)?.statusCode == 200)
        let person = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(person?["email"] as? String == "x@example.com")
        kill(second.processIdentifier, SIGTERM)
        for _ in 0..<600 where second.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        try #require(!second.isRunning, "the second collector still runs 30 s after SIGTERM")
        #expect(second.terminationStatus == 0)
    }

    @Test(arguments: ["--idle-timeout", "--request-timeout", "--max-connections", "--max-log-size"])
    func refusesALimitThatIsNotPositive(option: String) async throws {
        let result = try await TrackscopeProcess.run(["collect", option, "0"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("\(option) must be positive"))
    }

    @Test func rotatesTheLogAndStillServesItsRecords() async throws {
        let collector = try RunningCollector(arguments: ["--max-log-size", "5K"])
        let port = try await collector.port()
        #expect(collector.printed.contains("(rotated at 5120 bytes, five segments kept)"))
        let body = try Data(contentsOf: Self.fixtures.appendingPathComponent("legacy-brief-corrected.json"))
        for _ in 0..<4 {
            #expect(try await Self.post("http://127.0.0.1:\(port)/v2/1234/events", body: body).0 == 200)
        }
        #expect(FileManager.default.fileExists(atPath: collector.folder.appendingPathComponent("capture.1.jsonl").path))
        let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/_trackscope/events?limit=10")!)
        let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let records = answer?["records"] as? [[String: Any]] ?? []
        #expect(records.compactMap { $0["seq"] as? Int } == [4, 3, 2, 1])
        #expect(try await collector.stop() == 0)
    }

    @Test(arguments: ["12X", "K", "-5M", "99999999999G"])
    func refusesASizeItCannotRead(size: String) async throws {
        let result = try await TrackscopeProcess.run(["collect", "--max-log-size", size])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--max-log-size"), "\(result.standardError)")
    }

    @Test func aPortInUseIsExplained() async throws {
        let first = try RunningCollector()
        let port = try await first.port()
        let log = first.folder.appendingPathComponent("second.jsonl").path
        let result = try await TrackscopeProcess.run(["collect", "--port", "\(port)", "--log", log])
        #expect(result.status != 0)
        #expect(result.standardError.contains("127.0.0.1:\(port) is already in use"), "\(result.standardError)")
        #expect(result.standardError.contains("--port 0"))
        #expect(try await first.stop() == 0)
    }

    /// `--inspect-token-env`: the inspection API asks for the token, on loopback too; the tracking
    /// endpoints do not; nothing warns (loopback) and the token is never printed.
    @Test func anInspectionTokenFromTheEnvironmentIsAskedFor() async throws {
        let collector = try RunningCollector(arguments: ["--inspect-token-env", "TRACKSCOPE_TEST_TOKEN"],
                                             environment: ["TRACKSCOPE_TEST_TOKEN": "t0ken-for-the-test"])
        let port = try await collector.port()
        let body = try Data(contentsOf: Self.fixtures.appendingPathComponent("legacy-brief-corrected.json"))
        #expect(try await Self.post("http://127.0.0.1:\(port)/v2/1234/events", body: body).0 == 200)
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/_trackscope/stats")!)
        let (_, refused) = try await URLSession.shared.data(for: request)
        #expect((refused as? HTTPURLResponse)?.statusCode == 401)
        request.setValue("Bearer t0ken-for-the-test", forHTTPHeaderField: "Authorization")
        let (data, answered) = try await URLSession.shared.data(for: request)
        #expect((answered as? HTTPURLResponse)?.statusCode == 200)
        #expect((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["records"] as? Int == 1)
        #expect(collector.printed.contains("Authorization: Bearer TOKEN"))
        #expect(try await collector.stop() == 0)
        #expect(!collector.printed.contains("t0ken-for-the-test"))
        #expect(!collector.printedErrors.contains("WARNING"), "\(collector.printedErrors)")
    }

    @Test func anUnsetTokenVariableIsRefused() async throws {
        let result = try await TrackscopeProcess.run(["collect", "--inspect-token-env", "TRACKSCOPE_SURELY_UNSET_VARIABLE"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("TRACKSCOPE_SURELY_UNSET_VARIABLE"), "\(result.standardError)")
    }

    @Test func refusesABadForwardURL() async throws {
        let result = try await TrackscopeProcess.run(["collect", "--forward", "ftp://example.com"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--forward"))
    }
}
