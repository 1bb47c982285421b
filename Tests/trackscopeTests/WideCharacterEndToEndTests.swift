import CaptureLog
import Foundation
import Testing
import TestSupport
import TrackingModel

/// CJK and emoji in a real terminal (tmux, UTF-8): shown as themselves, not U+FFFD, and the
/// columns after them where they belong.
@Suite(.serialized) struct WideCharacterEndToEndTests {
    /// The columns a captured row's text takes up to `prefix`'s end: the characters these tests
    /// use that a terminal draws two columns wide count two.
    static func columns(_ prefix: Substring) -> Int {
        let wide: Set<Character> = ["購", "入", "商", "品", "🛒", "😀", "イ", "ベ", "ン", "ト"]
        return prefix.reduce(0) { $0 + (wide.contains($1) ? 2 : 1) }
    }

    static func column(of text: String, in line: String) -> Int? {
        line.range(of: text).map { columns(line[..<$0.lowerBound]) }
    }

    @Test func cjkAndEmojiShowAsThemselvesAndTheColumnsAfterThemStayAligned() async throws {
        let folder = TestFolder.make("wide")
        let log = folder.appendingPathComponent("capture.jsonl")
        let writer = try CaptureLogWriter(url: log, durability: .os)
        for (event, path) in [("purchase", "/events"), ("購入 🛒", "/events"), ("商品😀 add", "/イベント")] {
            let body = #"{"event_name":"\#(event)","context":{"event_id":"e-1"}}"#
            _ = try await writer.append(CaptureRecord(direction: .received, method: "POST", path: path, query: "tc_s=1",
                                                      requestBody: Array(body.utf8), response: .init(status: 200), dialect: .v2))
        }
        try await writer.close()

        let session = try TmuxSession(
            command: "'\(TrackscopeProcess.binaryURL.path)' ui --no-collect --log '\(log.path)'" + TmuxSession.exitMarker,
            width: 100, height: 20,
            environment: ["TERM": "tmux-256color", "LANG": "C.UTF-8", "XDG_CONFIG_HOME": folder.path]
        )
        let screen = try await session.waitForScreen("the three records") { lines in
            lines.contains { $0.contains("購入 🛒") } && lines.contains { $0.contains("商品😀 add") }
        }
        #expect(!screen.joined().contains("\u{FFFD}"))
        let header = try #require(screen.first { $0.hasPrefix("SEQ ") })
        let rows = screen.filter { $0.contains(" v2 ") }
        #expect(rows.count == 3)
        #expect(rows.contains { $0.contains("/イベント") })
        for title in ["DIALECT", "HTTP", "ISSUES"] {
            let expected = try #require(Self.column(of: title, in: header))
            for row in rows {
                let value = title == "DIALECT" ? "v2" : title == "HTTP" ? "200" : "ok"
                let found = Self.column(of: " " + value, in: row).map { $0 + 1 - (title == "HTTP" ? 1 : 0) }
                #expect(found == expected, "\(title) in \(row)")
            }
        }
        // Opened, the tree shows the name too.
        try session.send("g", "j", "Enter")
        try await session.waitFor("name  \"購入 🛒\"")
        try session.send("q", "q")
        #expect(try await session.waitForExitMarker() == 0)
    }
}
