import TrackingModel

/// Cutting and padding text to a number of cells (after sanitising, one cell a character).
enum TextFitting {
    /// `text` cut to `width` cells with a trailing `…` when it does not fit, padded with blanks.
    static func fit(_ text: String, width: Int, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let safe = TerminalSafeText.pictured(text)
        if safe.count > width { return width == 1 ? "…" : String(safe.prefix(width - 1)) + "…" }
        let padding = String(repeating: " ", count: width - safe.count)
        return alignRight ? padding + safe : safe + padding
    }

    /// `text` cut to `width` cells keeping its end, with a leading `…`: for paths.
    static func keepingEnd(_ text: String, width: Int) -> String {
        let safe = TerminalSafeText.pictured(text)
        guard width > 0 else { return "" }
        if safe.count <= width { return safe }
        return width == 1 ? "…" : "…" + String(safe.suffix(width - 1))
    }

    /// `count` and a noun, pluralised with `s`: "1 record", "2 records".
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
