import Foundation
import Testing
import TestSupport

/// The inspector at 120x40, as issue 12 asks: events posted with curl to the collector inside the
/// UI, found with the filter bar and the command line, read as a tree, and wire bytes kept away
/// from the terminal.
extension TerminalUIEndToEndTests {
    static let width = 120
    static let height = 40

    /// Posts the file at `body` (or `data`) with curl to the legacy endpoint; returns the status.
    static func curl(port: Int, body: URL) async throws -> Int {
        let result = try await TrackscopeProcess.run(
            ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "http://127.0.0.1:\(port)/v2/1234/events",
             "-H", "Authorization: Bearer test-source-key", "-H", "Content-Type: application/json", "--data-binary", "@\(body.path)"],
            executable: URL(fileURLWithPath: "/usr/bin/curl"))
        return Int(result.standardOutput) ?? -1
    }

    static func fixtureURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// Starts the UI with its collector at 120x40 and returns the session and the port.
    func startInspector(_ extra: String = "") async throws -> (TmuxSession, Int) {
        let session = try TmuxSession(
            command: "'\(TrackscopeProcess.binaryURL.path)' ui --log '\(log.path)' --port 0 \(extra)" + TmuxSession.exitMarker,
            width: Self.width, height: Self.height,
            environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8", "XDG_STATE_HOME": folder.path, "XDG_CONFIG_HOME": folder.path]
        )
        let header = try await session.waitFor("collecting on http://127.0.0.1:")[0]
        let port = try #require(header.split(separator: ":").last.flatMap { Int($0) }, "no port in the header: \(header)")
        return (session, port)
    }

    @Test func theBriefsExampleFromCurlToItsCookiesThenFilteredAndFound() async throws {
        let (session, port) = try await startInspector()
        // An empty log says how to send the first event, to this collector.
        var screen = try await session.waitFor("No records yet.")
        #expect(screen.contains("   curl 'http://127.0.0.1:\(port)/events?tc_s=1234' \\"))
        #expect(screen.contains { $0.contains("POST http://127.0.0.1:\(port)/v2/SITE/events") })

        #expect(try await Self.curl(port: port, body: Self.fixtureURL("legacy-brief-corrected.json")) == 200)
        #expect(try await Self.curl(port: port, body: Self.fixtureURL("legacy-brief-published.json")) == 400)
        screen = try await session.waitForScreen("both posts listed") { lines in
            lines.count == 40 && lines[0].contains("2 records — following — ") && lines[3].hasPrefix("  2 ")
        }
        // The header counts them; the rows show the site and the user.
        #expect(screen[0].contains(" — ▼2 ▲0 E1 W") || screen[0].contains(" — 2 received, 0 sent, 1 with errors, "))
        #expect(screen[1].contains(" EVENT ") && screen[1].contains(" SITE   USER ") && screen[1].hasSuffix("DIALECT HTTP ISSUES"))
        #expect(screen[2].hasPrefix("  1 ") && screen[2].contains(" search ") && screen[2].contains(" 1234   12345 "))
        #expect(screen[3].contains("(invalid JSON)") && screen[3].contains(" 400 "))

        // Open the example: Device, then Cookies, and _ga with its value and explanation.
        try session.send("g", "Enter")
        try await session.waitForScreen("the tree") { $0.contains { $0.hasPrefix("▸ Device") } }
        try session.send("-")
        try await session.waitFor("▸ Cookies  (3)")
        try session.send("j", "j", "j")
        try await session.waitFor("device")
        try session.send("l")
        screen = try await session.waitForScreen("Device open") { $0.contains { $0.hasPrefix("▾ Device") } }
        #expect(screen.contains { $0.hasPrefix("    ip  108.0.78.21") || $0.contains("108.0.78.21") })
        // Down past Device's rows to Cookies, open it.
        let deviceRows = screen.firstIndex { $0.hasPrefix("▸ Cookies") }.flatMap { cookies in
            screen.firstIndex { $0.hasPrefix("▾ Device") }.map { cookies - $0 }
        } ?? 0
        try #require(deviceRows > 0, "\(screen.joined(separator: "\n"))")
        for _ in 0..<deviceRows { try session.send("j") }
        try await session.waitFor("device.cookies")
        try session.send("l")
        try await session.waitFor("▾ Cookies  (3)")
        try session.send("j", "j", "j")
        screen = try await session.waitForScreen("_ga explained") { lines in
            lines.contains { $0.hasPrefix("    _ga  GA1.3.593276215.1565602323  Google Analytics client id") }
                && lines.contains { $0.hasPrefix("── _ga ─") || $0.contains("│Cookie _ga: Google Analytics client id") }
        }
        #expect(screen.contains { $0.contains("Cookie _ga: Google Analytics client id") })
        #expect(screen.allSatisfy { $0.count <= Self.width })

        // Back to the list; filter with status:400: only the broken request is left.
        try session.send("Escape", "/")
        try await session.waitForScreen("the filter bar") { $0.count == 40 && $0[38] == "/" }
        try session.send("status:4x")
        screen = try await session.waitForScreen("an invalid query") { $0.count == 40 && $0[39].contains("✗ status needs a number") }
        #expect(screen[38] == "/status:4x")
        #expect(screen[39] == "        ^ ✗ status needs a number such as 200 or a class such as 4xx, not '4x'")
        try session.send("BSpace", "00")
        try await session.waitForScreen("a valid query") { $0.count == 40 && $0[39].hasPrefix("✓ valid") }
        try session.send("Enter")
        screen = try await session.waitForScreen("the broken request alone") { lines in
            lines.count == 40 && lines[0].contains("1 of 2 records match “status:400”") && lines[2].hasPrefix("  2 ")
        }
        #expect(screen[3] == "")
        #expect(!screen.contains { $0.contains(" search ") })

        // :goto 1 finds the example although the filter hides it.
        try session.send(":")
        try session.send("go")
        try session.send("Tab")
        try await session.waitForScreen("goto completed") { $0.count == 40 && $0[38] == ":goto" }
        try session.send("1", "Enter")
        screen = try await session.waitForScreen("record 1 selected") { lines in
            lines.count == 40 && lines[39] == "filter cleared to show #1" && lines[0].contains("2 records — paused")
        }
        #expect(screen[2].hasPrefix("  1 ") && screen[3].hasPrefix("  2 "))

        // Too small, then back.
        try session.resize(width: 30, height: 8)
        screen = try await session.waitFor("terminal too small")
        #expect(screen.contains { $0.contains("30x8, needs 40x10") })
        try session.resize(width: Self.width, height: Self.height)
        try await session.waitFor("DIALECT HTTP ISSUES")

        // The query was kept for the next run, readable by its owner only.
        let history = folder.appendingPathComponent("trackscope/filter-history")
        #expect(try String(contentsOf: history, encoding: .utf8) == "status:400\n")
        #expect((try FileManager.default.attributesOfItem(atPath: history.path)[.posixPermissions] as? Int) == 0o600)

        // q gives the terminal back: the shell's screen, the cursor, no alternate screen.
        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
        #expect(try session.paneValue("#{alternate_on}") == "0")
        #expect(try session.paneValue("#{cursor_flag}") == "1")
        #expect(!(try session.screen()).contains { $0.contains("trackscope —") })
    }

    @Test func escapeSequencesInAPayloadAreShownNotObeyed() async throws {
        let (session, port) = try await startInspector()
        // OSC 52 would set the clipboard if tmux let it; make sure it would.
        try session.tmux(["set-option", "-s", "set-clipboard", "on"])
        let hostile = folder.appendingPathComponent("hostile.json")
        let body = #"{"event":"page_view\u001b[2J","eventId":"e-1","properties":{"search_term":"\u0007\u001b]0;pwned\u0007","user":{"id":"u\u001b]52;c;cHduZWQ=\u0007"}}}"#
        try Data(body.utf8).write(to: hostile)
        #expect(try await Self.curl(port: port, body: hostile) == 200)
        var screen = try await session.waitForScreen("the hostile event listed") { lines in
            lines.count == 40 && lines[0].contains("1 record — following") && lines[2].hasPrefix("  1 ")
        }
        #expect(screen[2].contains(" page_view␛[2J "))
        #expect(screen[2].contains(" u␛]52;c;cHd… "))
        try session.send("Enter")
        try await session.waitFor("▾ Event  page_view␛[2J")
        try session.send("*")
        // Values are shown as JSON writes them (escaped), node summaries with the control pictures.
        screen = try await session.waitForScreen("the tree, all open") { lines in
            lines.contains { $0.hasPrefix(#"    search_term  "\u0007\u001b]0;pwned\u0007""#) }
                && lines.contains { $0.hasPrefix(#"    id  "u\u001b]52;c;cHduZWQ=\u0007""#) }
        }
        #expect(screen.contains { $0.hasPrefix(#"    name  "page_view\u001b[2J""#) })
        #expect(screen.contains { $0.hasPrefix("▾ User  u␛]52;c;cHduZWQ=␇") })
        #expect(screen.contains { $0.hasPrefix(#"    id  "u\u001b]52;c;cHduZWQ=\u0007""#) })
        // Nothing reached the terminal: the screen was not cleared, the title and the clipboard
        // (tmux's buffers) are untouched.
        #expect(screen[0].hasPrefix("trackscope — record #1"))
        #expect(try session.paneValue("#{pane_title}") != "pwned")
        #expect(try session.tmux(["list-buffers"]).isEmpty)
        try session.send("q", "q")
        #expect(try await session.waitForExitMarker() == 0)
    }

    @Test func exportsWhatTheFilterSelectsFromTheCommandLine() async throws {
        let (session, port) = try await startInspector()
        #expect(try await Self.curl(port: port, body: Self.fixtureURL("legacy-brief-corrected.json")) == 200)
        #expect(try await Self.curl(port: port, body: Self.fixtureURL("legacy-brief-published.json")) == 400)
        try await session.waitFor("2 records — following")
        try session.send("/", "event:search", "Enter")
        try await session.waitFor("1 of 2 records match “event:search”")
        let file = folder.appendingPathComponent("search.jsonl")
        try session.send(":", "export ev", "Tab")
        try await session.waitForScreen("the format completed") { $0.count == 40 && $0[38] == ":export events" }
        try session.send(file.path, "Enter")
        try await session.waitFor("exported 1 record to \(file.path)")
        let exported = try String(contentsOf: file, encoding: .utf8)
        #expect(exported.hasPrefix("{\"event\":\"search\",\"eventId\":\"202110130000000000\"") && exported.split(separator: "\n").count == 1)
        #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) == 0o600)
        try session.send(":", "theme nosuch", "Enter")
        try await session.waitFor("theme nosuch: no theme named nosuch")
        try session.send(":", "frobnicate", "Enter")
        try await session.waitFor("unknown command 'frobnicate'")
        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
    }
}
