/// Text as a terminal lays it out: how many columns a character (a grapheme cluster: a base and
/// the marks that go with it) takes. The one width rule of the UI: the buffer, text fitting,
/// wrapping and the terminal backend all ask it. (What is safe to show is TrackingModel's
/// `TerminalSafeText`: control characters are pictured before they are measured.)
public enum TerminalText {}

extension TerminalText {
    /// The columns `character` takes: 2 for East Asian wide and full-width characters and for
    /// emoji shown as pictures (an emoji base with U+FE0F, a flag, a ZWJ sequence counted as its
    /// first emoji), 0 for a cluster that shows nothing (a lone combining mark, a zero-width or
    /// format character), else 1.
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value >= 0x20 ? 1 : 0 }
        if isZeroWidth(first) { return 0 }
        if isWide(first) { return 2 }
        // A pair of regional indicators is a flag.
        if isRegionalIndicator(first) {
            return scalars.dropFirst().contains(where: isRegionalIndicator) ? 2 : 1
        }
        // An emoji that is text by default, asked to show as a picture (❤️).
        if first.properties.isEmoji, scalars.contains("\u{FE0F}") { return 2 }
        return 1
    }

    /// The columns `text` takes, once its control characters are pictured.
    public static func width(of text: String) -> Int {
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// The longest start of `text` that fits in `columns`, and its width (which may be one less
    /// than `columns` when a wide character does not fit).
    public static func prefix(_ text: String, fittingIn columns: Int) -> (text: Substring, width: Int) {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let next = used + width(of: text[index])
            if next > columns { break }
            used = next
            end = text.index(after: index)
        }
        return (text[..<end], used)
    }

    /// The longest end of `text` that fits in `columns`, and its width.
    public static func suffix(_ text: String, fittingIn columns: Int) -> (text: Substring, width: Int) {
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let index = text.index(before: start)
            let next = used + width(of: text[index])
            if next > columns { break }
            used = next
            start = index
        }
        return (text[start...], used)
    }

    /// True when `scalar` is drawn two columns wide on its own (the East Asian Width table).
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x1100 && WideCharacterTable.contains(scalar.value)
    }

    /// True when `scalar` takes no column: combining and enclosing marks, format characters
    /// (zero-width space and joiners, bidirectional controls, the soft hyphen), variation
    /// selectors and other default-ignorable code points, Hangul medial vowels and final
    /// consonants, and line and paragraph separators.
    public static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x300 { return value == 0xAD }
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return true }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return properties.isDefaultIgnorableCodePoint
        }
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    /// True when `first` and `second` are regional indicators: together, a flag.
    public static func isRegionalIndicatorPair(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        isRegionalIndicator(first) && isRegionalIndicator(second)
    }
}
