import CaptureLog
import Foundation
import Testing
import TestSupport
import TrackingModel

/// Compose, send, edit and send again, mark and diff, in `trackscope ui` in a real terminal
/// (tmux) with its collector, and a scripted `$EDITOR`.
@Suite(.serialized) struct InspectorComposeEndToEndTests {
    let folder: URL
    let log: URL
    let editor: URL

    init() throws {
        folder = TestFolder.make("cmp")
        log = folder.appendingPathComponent("capture.jsonl")
        // The editor: the template's value 108.24 becomes 42.5; a value of 42.5 becomes 43.
        editor = folder.appendingPathComponent("edit.sh")
        try """
        #!/bin/sh
        sed -i -e 's/"value": 108.24/"value": 42.5/;t' -e 's/"value": 42.5/"value": 43/' "$1"

        """.write(to: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: editor.path)
    }

    /// Starts the UI with its collector on a free port and the scripted editor; returns the
    /// session and the collector's address.
    func start(editor: URL? = nil) async throws -> (TmuxSession, String) {
        let session = try TmuxSession(
            command: "'\(TrackscopeProcess.binaryURL.path)' ui --log '\(log.path)' --port 0" + TmuxSession.exitMarker,
            width: 120, height: 30,
            environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8", "EDITOR": "sh '\((editor ?? self.editor).path)'", "VISUAL": ""]
        )
        let header = try await session.waitFor("collecting on http://127.0.0.1:")[0]
        let address = try #require(header.range(of: "http://").map { String(header[$0.lowerBound...]) })
        return (session, address)
    }

    @Test func composesInTheEditorSendsAndShowsTheSentAndReceivedRecordsThenDiffsTwo() async throws {
        let (session, address) = try await start()
        let purchase = try #require(SpecCatalogue.standardEventNames.firstIndex(of: "purchase"))

        // c: the picker of templates (no record to copy yet).
        try session.send("c")
        var screen = try await session.waitFor("Start from:")
        #expect(screen[2].hasPrefix("▸ \(SpecCatalogue.standardEventNames[0])  template (v2)"))
        for _ in 0..<purchase { try session.send("j") }
        try await session.waitFor("▸ purchase  template (v2)")
        // Enter: the editor runs on the template and hands the terminal back; the review shows.
        try session.send("Enter")
        screen = try await session.waitForScreen("the review of the edited purchase") { lines in
            lines.count > 5 && lines[0].contains("compose — purchase template") && lines[5].hasPrefix("✓ valid")
        }
        #expect(screen[1] == "To    \(address)")
        #expect(screen[2].hasPrefix("Site  none: i sets it"))
        #expect(screen[3] == "Key   no key (start with --key-env NAME to send one)")
        #expect(screen[29].hasPrefix("⏎ send  e edit  t target  i site"))
        try session.send("i", "1234", "Enter")
        try await session.waitFor("Site  1234")

        // Enter sends: the collector's received record and the sent one appear; the sent one is selected.
        try session.send("Enter")
        screen = try await session.waitForScreen("the received and the sent purchase") { lines in
            lines.count == 30 && lines[0].contains("2 records — following") && lines[3].contains(" ▲ POST ")
                && lines[29].hasPrefix("sent: 200 in ")
        }
        #expect(screen[2].hasPrefix("  1 ") && screen[2].contains(" ▼ POST   /events ") && screen[2].contains(" purchase "))
        #expect(screen[3].hasPrefix("  2 ") && screen[3].contains(" ▲ POST   /events ") && screen[3].contains(" purchase "))
        #expect(screen[29].hasSuffix(" ms — record #2"))
        #expect(try session.paneValue("#{alternate_on}") == "1")
        var records = try Self.records(in: log)
        #expect(records.map(\.direction) == [.received, .sent])
        #expect(records[0].requestBody == records[1].requestBody)
        #expect(String(decoding: records[1].requestBody, as: UTF8.self).contains("\"value\": 42.5"))
        #expect(records[1].response?.status == 200 && records[1].siteId == "1234")

        // e on the sent record: edited again (42.5 becomes 43) and sent with its site.
        try session.send("e")
        screen = try await session.waitForScreen("the review of record #2 edited") { lines in
            lines.count > 5 && lines[0].contains("record #2 edited") && lines[5].hasPrefix("✓ valid")
        }
        #expect(screen[2] == "Site  1234")
        try session.send("Enter")
        screen = try await session.waitForScreen("four records") { lines in
            lines.count == 30 && lines[0].contains("4 records — following") && lines[29].hasSuffix("record #4")
        }
        records = try Self.records(in: log)
        #expect(records.map(\.direction) == [.received, .sent, .received, .sent])

        // m on #2 and #4, then d: the value changed, nothing else.
        try session.send("k", "k", "m", "j", "j", "m")
        screen = try await session.waitForScreen("two marks") { lines in
            lines.count > 5 && lines[3].hasPrefix("●   2 ") && lines[5].hasPrefix("●   4 ")
        }
        #expect(screen[1].hasPrefix("  SEQ "))
        #expect(!screen[2].hasPrefix("●") && !screen[4].hasPrefix("●"))
        try session.send("d")
        screen = try await session.waitForScreen("the diff") { $0.first?.hasPrefix("trackscope — diff #2 → #4") == true }
        // Both values the editor changed (the event's and its item's), each under its place in the tree.
        #expect(Array(screen[4...9]) == [
            "2 differences: 0 added, 0 removed, 2 changed",
            "Properties",
            "  ~ value 42.5 → 43  value",
            "  items",
            "    [0]",
            "      ~ value 42.5 → 43  items[0].value",
        ])
        #expect(screen[29].hasPrefix("j/k scroll  Esc/d close"))

        // Esc back to the stream; q quits cleanly.
        try session.send("Escape")
        try await session.waitFor("4 records — following")
        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
        #expect(try session.paneValue("#{alternate_on}") == "0")
        // No temporary file of the editor is left.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix("trackscope-edit-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    static func records(in log: URL) throws -> [CaptureRecord] {
        let reader = try CaptureLogReader(url: log)
        return try (0..<reader.count).map { try reader.record(at: $0) }
    }

    /// Ctrl-C typed in the editor is the editor's: an editor that handles it goes on and the
    /// review follows; one that it stops ends the compose with a message. The UI keeps running.
    @Test func controlCInTheEditorIsTheEditorsNotTheUIs() async throws {
        // An editor that waits for Enter, and ignores Ctrl-C while `keep` exists (as vim does).
        let patient = folder.appendingPathComponent("patient.sh")
        let keep = folder.appendingPathComponent("keep")
        try """
        #!/bin/sh
        if [ -e '\(keep.path)' ]; then trap '' INT; fi
        echo "editing, Enter to save"
        read line
        sed -i 's/"value": 108.24/"value": 42.5/' "$1"

        """.write(to: patient, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: patient.path)
        try Data().write(to: keep)
        let (session, _) = try await start(editor: patient)

        try session.send("c")
        try await session.waitFor("Start from:")
        try session.send("Enter")
        try await session.waitFor("editing, Enter to save")
        try session.send("C-c")
        // The signal is handled at once; give the UI the time it would take to act on it.
        try await Task.sleep(for: .milliseconds(300))
        try session.send("Enter")
        try await session.waitForScreen("the review") { $0.first?.contains("compose — ") == true }
        #expect(try session.paneValue("#{alternate_on}") == "1")

        // An editor that Ctrl-C stops: nothing is sent, the UI says why and goes on.
        try session.send("Escape")
        try await session.waitFor("0 records — following")
        try FileManager.default.removeItem(at: keep)
        try session.send("c")
        try await session.waitFor("Start from:")
        try session.send("Enter")
        try await session.waitFor("editing, Enter to save")
        try session.send("C-c")
        let screen = try await session.waitFor("ended with status 130")
        #expect(screen.contains { $0.contains("nothing sent") })
        #expect(try session.paneValue("#{alternate_on}") == "1")
        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
        #expect(try Self.records(in: log).isEmpty)
    }
}
