import CaptureLog
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport
import TrackingModel

/// `trackscope ui` in a real terminal (tmux), read back as a person would see it.
@Suite(.serialized) struct TerminalUIEndToEndTests {
    let folder: URL
    let log: URL

    init() throws {
        // A short folder, so that the whole path fits in the header.
        folder = TestFolder.make("ui")
        log = folder.appendingPathComponent("capture.jsonl")
    }

    static func purchase() -> CaptureRecord {
        CaptureRecord(
            direction: .received, method: "POST", path: "/events", query: "tc_s=1234", siteId: "1234",
            requestHeaders: [.init(name: "Content-Type", value: "application/json")],
            requestBody: Array(#"{"event_name":"purchase","context":{"event_id":"e-1"},"value":16.00,"user":{"id":"u-9"}}"#.utf8),
            response: .init(status: 200, latencyMilliseconds: 2),
            dialect: .v2,
            findings: [Finding(severity: .error, code: "missing-required-field", path: "$.currency",
                               message: "purchase needs a currency", hint: "add \"currency\": \"EUR\"")]
        )
    }

    static func batch() -> CaptureRecord {
        CaptureRecord(
            direction: .received, method: "POST", path: "/events/batch", query: "tc_s=1234",
            requestBody: Array(#"{"batch":[{"event_name":"add_to_cart","context":{}},{"event_name":"view_item","context":{}}]}"#.utf8),
            response: .init(status: 200), dialect: .v2
        )
    }

    /// A body that would clear the screen and retitle the window if it reached the terminal.
    static func hostile() -> CaptureRecord {
        CaptureRecord(
            direction: .sent, method: "POST", path: "/events", query: "",
            requestBody: Array("nope \u{1B}[2J\u{1B}]0;pwned\u{07} \u{1B}[31mred".utf8),
            response: .init(status: 400), dialect: .unknown,
            findings: [Finding(severity: .error, code: "invalid-json", path: "$", message: "not JSON")]
        )
    }

    func append(_ records: [CaptureRecord]) async throws {
        let writer = try CaptureLogWriter(url: log, durability: .os)
        for record in records { _ = try await writer.append(record) }
        try await writer.close()
    }

    func start(width: Int = 100, height: Int = 30, environment: [String: String] = [:], arguments: String = "") async throws -> TmuxSession {
        let binary = TrackscopeProcess.binaryURL.path
        return try TmuxSession(
            command: "'\(binary)' ui --no-collect --log '\(log.path)' \(arguments)" + TmuxSession.exitMarker,
            width: width, height: height,
            // The folder stands in for the configuration folder: a user's settings file changes nothing here.
            environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8", "XDG_CONFIG_HOME": folder.path].merging(environment) { $1 }
        )
    }

    @Test func watchesTheLogLiveOpensARecordAndRestoresTheTerminal() async throws {
        let session = try await start()
        // No log yet: nothing is created, the UI waits.
        var screen = try await session.waitFor("no log yet, waiting for records")
        #expect(screen[0] == "trackscope — \(log.path) — no log yet, waiting for records")
        #expect(!FileManager.default.fileExists(atPath: log.path))

        try await append([Self.purchase(), Self.batch(), Self.hostile()])
        screen = try await session.waitForScreen("three records listed") { lines in
            lines.count == 30 && lines[0].contains("3 records — following") && lines[4].contains("(invalid JSON)")
        }
        // The rate depends on when the three records came within the last ticks.
        #expect(screen[0].contains("/capture.jsonl — 3 records — following — ▼2 ▲1 E2 W0 "))
        #expect(screen[0].range(of: #" W0 [0-9.]+/s$"#, options: .regularExpression) != nil)
        #expect(screen[1].hasPrefix("SEQ TIME           METHOD PATH"))
        #expect(screen[1].hasSuffix(" EVENT                       SITE   DIALECT HTTP ISSUES"))
        #expect(screen[2].hasPrefix("  1 ") && screen[2].contains(" ▼ POST   /events ") && screen[2].contains(" purchase "))
        #expect(screen[2].hasSuffix("v2       200 E1"))
        #expect(screen[3].contains(" /events/batch ") && screen[3].contains(" add_to_cart, view_item "))
        #expect(screen[4].contains(" ▲ POST ") && screen[4].contains("(invalid JSON)") && screen[4].hasSuffix("unknown  400 E1"))
        #expect(screen[29].hasPrefix("j/k move  ⏎ open  / filter"))
        // The hostile body did not reach the terminal: no window title change, screen intact.
        #expect(try session.paneValue("#{pane_title}") != "pwned")

        // Up pauses following; new records do not move the selection.
        try session.send("k")
        try await session.waitFor("3 records — paused")
        try await append([Self.batch()])
        try await session.waitFor("4 records — paused")

        // The first record in full: the tree of the event, then its headers and findings tabs.
        try session.send("g", "Enter")
        screen = try await session.waitForScreen("record #1 as a tree") { lines in
            lines.first?.hasPrefix("trackscope — record #1") == true && lines.contains { $0.hasPrefix("▾ Properties") }
        }
        #expect(screen[0].hasPrefix("trackscope — record #1 — 1 of 4"))
        #expect(screen[1].hasPrefix("[1 Tree]"))
        #expect(screen.contains("    value  16.00"))
        #expect(screen.contains("    currency  missing"))
        try session.send("3")
        // Wait for the tab's own lines, not its title alone: a capture can catch a frame half drawn.
        screen = try await session.waitForScreen("the headers tab") {
            $0.count > 3 && $0[1].contains("[3 Headers]") && $0[3].hasPrefix("POST ")
        }
        #expect(screen[3] == "POST /events?tc_s=1234  → 200 in 2.0 ms")
        try session.send("4")
        screen = try await session.waitForScreen("the findings tab") {
            $0.count > 3 && $0[1].contains("[4 Findings (1)]") && $0.contains { $0.hasPrefix("          hint: ") }
        }
        #expect(screen.contains("▶ error   missing-required-field  $.currency"))
        #expect(screen.contains("          purchase needs a currency"))
        #expect(screen.contains("          hint: add \"currency\": \"EUR\""))

        // The hostile record, on the Raw tab: its bytes are shown as symbols. (Waiting for the
        // title alone could catch the screen while it is redrawn.)
        try session.send("2", "n", "n")
        screen = try await session.waitForScreen("record #3 raw") { lines in
            lines.first?.hasPrefix("trackscope — record #3") == true && lines.contains("  1 ▶ nope ␛[2J␛]0;pwned␇ ␛[31mred")
        }
        #expect(screen.contains { $0.hasPrefix("Request body (28 bytes, not JSON: ") })
        #expect(!screen.contains { $0.contains("purchase") })

        // Back to the stream, then resume following and see new records arrive.
        try session.send("Escape")
        try await session.waitFor("4 records — paused")
        try session.send("G")
        try await session.waitFor("4 records — following")
        try await append([Self.purchase()])
        screen = try await session.waitForScreen("the fifth record listed") { lines in
            lines.count > 6 && lines[0].contains("5 records — following") && lines[6].hasPrefix("  5 ")
        }
        #expect(screen[6].hasPrefix("  5 ") && screen[6].contains(" purchase "))

        // A narrower window drops columns but keeps the record list readable.
        try session.resize(width: 60, height: 16)
        screen = try await session.waitForScreen("the 60-column layout") { $0.count == 16 && $0[1].hasPrefix("SEQ ") && !$0[1].contains("DIALECT") }
        #expect(screen.allSatisfy { $0.count <= 60 })
        #expect(screen[2].contains("purchase"))

        // q quits: the program exits cleanly and the shell's screen is back, cursor shown.
        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
        #expect(try session.paneValue("#{alternate_on}") == "0")
        #expect(try session.paneValue("#{cursor_flag}") == "1")
        #expect(!(try session.screen()).contains { $0.contains("trackscope —") })
    }

    static func v2PurchaseWithCookies() -> CaptureRecord {
        CaptureRecord(
            direction: .received, method: "POST", path: "/events", query: "tc_s=1234", siteId: "1234",
            requestHeaders: [.init(name: "Content-Type", value: "application/json")],
            requestBody: Array(#"{"event_name":"purchase","context":{"event_id":"e-1","event_timestamp":1796320166123,"device":{"user_agent":"Mozilla/5.0","cookie":"_ga=GA1.2.111.222; _fbp=fb.1.1596.42; theme=dark"}},"value":16.00,"currency":"EUR","transaction_id":"t-1","user":{"id":"u-9","consent_categories":["1"]}}"#.utf8),
            response: .init(status: 200, latencyMilliseconds: 2), dialect: .v2)
    }

    /// The inspector: a v2 purchase as a tree, its cookies explained, then the raw body.
    @Test(arguments: [(120, 40), (80, 24)])
    func inspectsAPurchaseAsATree(size: (width: Int, height: Int)) async throws {
        try await append([Self.v2PurchaseWithCookies()])
        let session = try await start(width: size.width, height: size.height)
        try await session.waitFor("1 record — following")
        try session.send("Enter")
        var screen = try await session.waitForScreen("the tree") { $0.contains { $0.hasPrefix("▾ Properties") } }
        #expect(screen[1].hasPrefix("[1 Tree]  2 Raw "))
        // Everything closed, then down to Cookies (Event, Properties, User, Device, Cookies) and open it.
        try session.send("-")
        try await session.waitFor("▸ Cookies  (3)")
        try session.send("j", "j", "j", "j")
        try await session.waitFor("context.device.cookie")
        try session.send("l", "j")
        screen = try await session.waitForScreen("the _ga row explained") { lines in
            lines.contains { $0.hasPrefix("    _ga  GA1.2.111.222  Google Analytics client id") }
                && lines.contains { $0.contains("── _ga ─") }
        }
        // Below the tree, or at its right from 120 columns.
        #expect(screen.contains { $0.hasPrefix("Cookie _ga: Google Analytics client id") || $0.contains("│Cookie _ga: Google Analytics client id") })
        #expect(screen.contains { $0.hasPrefix("    theme  dark") })
        #expect(screen.allSatisfy { $0.count <= size.width })
        try session.send("2")
        screen = try await session.waitForScreen("the raw tab") { $0.count > 3 && $0[1].contains("[2 Raw]") }
        #expect(screen[2].hasPrefix("Request body ("))
        #expect(screen[3].hasPrefix("  1 │ {\"event_name\":\"purchase\""))
        try session.send("q", "q")
        #expect(try await session.waitForExitMarker() == 0)
    }

    @Test func aTerminationSignalRestoresTheTerminal() async throws {
        try await append([Self.purchase()])
        let session = try await start(width: 80, height: 24)
        try await session.waitFor("1 record — following")
        #expect(try session.paneValue("#{alternate_on}") == "1")
        let children = try session.childProcessIDs()
        try #require(children.count == 1, "expected trackscope as the only child of the pane's shell: \(children)")
        #expect(kill(children[0], SIGTERM) == 0)
        // Exits as a process killed by SIGTERM would, after restoring the terminal.
        #expect(try await session.waitForExitMarker() == 128 + Int(SIGTERM))
        #expect(try session.paneValue("#{alternate_on}") == "0")
        #expect(try session.paneValue("#{cursor_flag}") == "1")
    }

    @Test func noColorAndControlCStillWork() async throws {
        try await append([Self.purchase(), Self.batch()])
        let session = try await start(width: 80, height: 24, environment: ["NO_COLOR": "1"])
        try await session.waitFor("2 records — following")
        try session.send("/", "batch")
        try await session.waitForScreen("the query typed") { $0.count == 24 && $0[22] == "/batch" && $0[23].hasPrefix("✓ valid") }
        try session.send("Enter")
        let screen = try await session.waitForScreen("the filtered stream") { lines in
            lines.contains { $0.contains("1 of 2 records match “batch”") } && lines.count > 2 && lines[2].contains("add_to_cart")
        }
        #expect(screen[2].contains(" add_to_cart, view_i… "))
        try session.send("C-c")
        #expect(try await session.waitForExitMarker() == 0)
        #expect(try session.paneValue("#{alternate_on}") == "0")
    }

    @Test func refusesToStartWithoutATerminal() async throws {
        let result = try await TrackscopeProcess.run(["ui", "--no-collect", "--log", log.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("trackscope ui needs a terminal"))
        #expect(result.standardOutput.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: log.path))
    }

    @Test func anUnknownThemeIsAWarningAndTheDefaultThemeIsUsed() async throws {
        let session = try await start(width: 100, height: 10, arguments: "--theme nosuch")
        try await session.waitFor("no theme named nosuch")
        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
    }

    /// `make run` starts `trackscope` with no subcommand: the UI with its collector inside.
    @Test func defaultCommandCollectsAndShowsWhatArrives() async throws {
        let (session, port) = try await startCollecting("--log '\(log.path)' --port 0")
        let published = try Self.fixture("legacy-brief-published.json")
        let corrected = try Self.fixture("legacy-brief-corrected.json")
        #expect(try await Self.post(corrected, port: port) == 200)
        #expect(try await Self.post(published, port: port) == 400)

        let stream = try await session.waitForScreen("both posts listed") { lines in
            lines.first?.contains("2 records — following") == true && lines.filter { $0.contains("/v2/1234/events") }.count == 2
        }
        let rows = stream.filter { $0.contains("/v2/1234/events") }
        #expect(rows.count == 2)
        #expect(rows.first?.contains(" search ") == true && rows.first?.contains(" legacy ") == true)
        #expect(rows.first?.contains(" 200 ") == true)
        #expect(rows.last?.contains("(invalid JSON)") == true && rows.last?.contains(" 400 ") == true)

        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
        // What the collector acknowledged is on disk, readable by its owner only.
        let attributes = try FileManager.default.attributesOfItem(atPath: log.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let reader = try CaptureLogReader(url: log)
        #expect(reader.count == 2)
    }

    @Test func keepsShowingWhatTheEmbeddedCollectorRotatedAway() async throws {
        // A record of the corrected example takes about 2 KB: a 5K log rotates every two records.
        let (session, port) = try await startCollecting("ui --log '\(log.path)' --port 0 --max-log-size 5K")
        let corrected = try Self.fixture("legacy-brief-corrected.json")
        for _ in 0..<7 { #expect(try await Self.post(corrected, port: port) == 200) }

        let stream = try await session.waitForScreen("all seven posts listed") { lines in
            lines.first?.contains("7 records — following") == true
        }
        #expect(stream.filter { $0.contains("/v2/1234/events") }.count == 7)
        #expect(!stream.joined().contains("reading it again"))
        // Eight more: the oldest segment goes (five kept); what was listed stays where it was.
        for _ in 0..<8 { #expect(try await Self.post(corrected, port: port) == 200) }
        let later = try await session.waitForScreen("all fifteen posts listed") { lines in
            lines.first?.contains("15 records — following") == true
        }
        #expect(later.dropFirst(2).first?.hasPrefix("  1 ") == true, "\(later)")
        #expect(!later.joined().contains("reading it again"))
        try session.send("g", "Enter")
        try await session.waitFor("cannot read record 1: it went with a rotated segment that has since been removed")
        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
        // The posts really are spread over rotated segments, and the oldest are gone.
        let segments = CaptureLogSegments.existing(of: log)
        #expect(segments.count == 6)
        let counts = try segments.map { try CaptureLogReader(url: $0).count }
        #expect(counts.reduce(0, +) < 15 && counts.last.map { $0 > 0 } == true)
    }

    /// Starts `trackscope ARGUMENTS` (the UI with its collector) at 120x24 and waits for the
    /// header to say where it collects; returns the session and that port.
    func startCollecting(_ arguments: String) async throws -> (TmuxSession, Int) {
        let session = try TmuxSession(
            command: "'\(TrackscopeProcess.binaryURL.path)' \(arguments)" + TmuxSession.exitMarker,
            width: 120, height: 24, environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8"]
        )
        let header = try await session.waitFor("collecting on http://127.0.0.1:")[0]
        let port = try #require(header.split(separator: ":").last.flatMap { Int($0) }, "no port in the header: \(header)")
        return (session, port)
    }

    static func fixture(_ name: String) throws -> Data {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        return try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// Posts `body` to the legacy endpoint on loopback with curl-like headers; returns the status.
    static func post(_ body: Data, port: Int) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v2/1234/events")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer test-source-key", forHTTPHeaderField: "Authorization")
        request.httpBody = body
        let status = StatusBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, response, _ in
            status.value = (response as? HTTPURLResponse)?.statusCode ?? -1
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 10) == .success else { return -1 }
        return status.value
    }

    private final class StatusBox: @unchecked Sendable {
        var value = -1
    }
}
