import Foundation
import Testing
import TestSupport

/// Colours as a terminal receives them: a theme's 24-bit colours drawn exactly where the terminal
/// says it has true colour (a `-direct` terminfo, or a palette it can redefine), the nearest
/// palette colour otherwise. The light theme's title is #005F87.
@Suite(.serialized) struct TerminalColourEndToEndTests {
    let folder = TestFolder.make("colour")

    /// Starts `trackscope ui --theme light` under `term` once Enter is pressed (so that the
    /// pane's output can be recorded from its first byte).
    func start(term: String, colorTerm: String?) throws -> TmuxSession {
        let log = folder.appendingPathComponent("capture.jsonl").path
        var environment = ["LANG": "C.UTF-8", "XDG_CONFIG_HOME": folder.path, "TERM": term]
        environment["COLORTERM"] = colorTerm
        return try TmuxSession(
            command: "read -r _; '\(TrackscopeProcess.binaryURL.path)' ui --no-collect --theme light --log '\(log)'" + TmuxSession.exitMarker,
            width: 100, height: 12, environment: environment
        )
    }

    @Test func aDirectColourTerminalGetsTheThemesExactColours() async throws {
        let session = try start(term: "xterm-direct", colorTerm: "truecolor")
        try session.send("Enter")
        try await session.waitFor("waiting for records")
        let header = try #require(try session.styledScreen().first)
        #expect(header.contains("\u{1B}[38;2;0;95;135m"), "header: \(header.debugDescription)")
        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
    }

    @Test func aPaletteTerminalHasEntriesRedefinedExactlyAndRestoredAtExit() async throws {
        let session = try start(term: "xterm-256color", colorTerm: "truecolor")
        let output = folder.appendingPathComponent("pane-output")
        try session.recordOutput(to: output.path)
        try session.send("Enter")
        try await session.waitFor("waiting for records")
        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
        let bytes = try await Self.recorded(output)
        // Entry 255 becomes the title's colour, exactly; the header is drawn with it.
        #expect(bytes.contains("\u{1B}]4;255;rgb:00/5F/87"), "no palette entry for #005F87")
        #expect(bytes.contains("\u{1B}[38;5;255m"))
        // The terminal's own palette is back once the program has left.
        let redefined = try #require(bytes.range(of: "\u{1B}]4;255;"))
        let restored = try #require(bytes.range(of: "\u{1B}]104", range: redefined.upperBound..<bytes.endIndex))
        #expect(bytes[restored.upperBound...].contains("[exited 0]"))
    }

    @Test func withoutTrueColourTheNearestPaletteColourIsUsed() async throws {
        let session = try start(term: "xterm-256color", colorTerm: nil)
        let output = folder.appendingPathComponent("pane-output-256")
        try session.recordOutput(to: output.path)
        try session.send("Enter")
        try await session.waitFor("waiting for records")
        let header = try #require(try session.styledScreen().first)
        // #005F87 is entry 24 of the 256-colour cube.
        #expect(header.contains("\u{1B}[38;5;24m"), "header: \(header.debugDescription)")
        try session.send("q")
        #expect(try await session.waitForExitMarker() == 0)
        #expect(!(try await Self.recorded(output)).contains("\u{1B}]4;"))
    }

    /// What the pane wrote, once the shell's exit line has reached the file (`pipe-pane` copies
    /// it there a little after the screen shows it).
    static func recorded(_ file: URL) async throws -> String {
        var text = ""
        for _ in 0..<100 {
            text = String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
            if text.contains("[exited ") { return text }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the pane's output never showed the exit line: \(text.suffix(200).debugDescription)")
        return text
    }
}
