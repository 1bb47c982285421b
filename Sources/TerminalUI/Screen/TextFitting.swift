import TrackingModel

/// Cutting and padding text to a number of columns (after sanitising; a wide character takes two
/// columns and is never cut in half: a blank pads the place it does not fit in).
enum TextFitting {
    /// `text` cut to `width` columns with a trailing `…` when it does not fit, padded with blanks.
    static func fit(_ text: String, width: Int, alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        let safe = TerminalSafeText.pictured(text)
        let safeWidth = TerminalText.width(of: safe)
        if safeWidth > width {
            if width == 1 { return "…" }
            let head = TerminalText.prefix(safe, fittingIn: width - 1)
            return head.text + "…" + String(repeating: " ", count: width - 1 - head.width)
        }
        let padding = String(repeating: " ", count: width - safeWidth)
        return alignRight ? padding + safe : safe + padding
    }

    /// `text` cut to `width` columns keeping its end, with a leading `…`: for paths.
    static func keepingEnd(_ text: String, width: Int) -> String {
        let safe = TerminalSafeText.pictured(text)
        guard width > 0 else { return "" }
        if TerminalText.width(of: safe) <= width { return safe }
        if width == 1 { return "…" }
        let tail = TerminalText.suffix(safe, fittingIn: width - 1)
        return "…" + String(repeating: " ", count: width - 1 - tail.width) + tail.text
    }

    /// `count` and a noun, pluralised with `s`: "1 record", "2 records".
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
