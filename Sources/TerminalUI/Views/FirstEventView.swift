/// What an empty log shows when the collector runs inside the UI: the endpoints it answers on, a
/// curl command ready to paste, and the key that composes an event here.
enum FirstEventView {
    /// The lines, for the collector at `address` (`http://127.0.0.1:8080`).
    static func lines(collectorAddress address: String) -> [StyledLine] {
        [
            StyledLine("No records yet. Send an event to the collector running inside trackscope:", role: .title),
            StyledLine(),
            StyledLine([StyledSpan("  POST \(address)/events?tc_s=SITE", role: .jsonString),
                        StyledSpan("        one event (v2; key as token= or Bearer)", role: .dim)]),
            StyledLine([StyledSpan("  POST \(address)/events/batch?tc_s=SITE", role: .jsonString),
                        StyledSpan("  {\"batch\":[event, ...]}", role: .dim)]),
            StyledLine([StyledSpan("  POST \(address)/v2/SITE/events", role: .jsonString),
                        StyledSpan("          one event (legacy; Authorization: Bearer KEY)", role: .dim)]),
            StyledLine(),
            StyledLine("Try it from another terminal:", role: .normal),
            // A valid event (no finding), in lines short enough for 80 columns: the JSON may span
            // lines inside the quotes.
            StyledLine("  curl '\(address)/events?tc_s=1234' \\", role: .jsonKey),
            StyledLine("    -H 'Content-Type: application/json' -d '", role: .jsonKey),
            StyledLine("    {\"event_name\":\"page_view\",\"page_type\":\"home\",", role: .jsonKey),
            StyledLine("     \"context\":{\"event_id\":\"e-1\",\"event_timestamp\":1718096400000},", role: .jsonKey),
            StyledLine("     \"user\":{\"consistent_anonymous_id\":\"a-1\",\"email\":\"me@example.com\",", role: .jsonKey),
            StyledLine("             \"consent_categories\":[\"1\"]}}'", role: .jsonKey),
            StyledLine(),
            StyledLine([StyledSpan("or press "), StyledSpan("c", role: .title), StyledSpan(" to compose one here, "),
                        StyledSpan("?", role: .title), StyledSpan(" for every key.")]),
        ]
    }

    static func render(collectorAddress: String, into buffer: inout ScreenBuffer, rows: Range<Int>) {
        let lines = lines(collectorAddress: collectorAddress)
        let top = rows.lowerBound + max(0, min(2, rows.count - lines.count))
        for (offset, line) in lines.enumerated() where top + offset < rows.upperBound {
            buffer.write(line, column: 1, row: top + offset)
        }
    }
}
