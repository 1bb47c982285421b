/// Text as a terminal lays it out: how many columns a character takes. (What is safe to show is
/// TrackingModel's `TerminalSafeText`.)
public enum TerminalText {}

extension TerminalText {
    /// True when `scalar` takes exactly one terminal column: false for combining marks and other
    /// zero-width characters, for East Asian wide and full-width characters and for emoji shown
    /// as pictures (two columns). The backend shows those as U+FFFD so the grid stays aligned.
    public static func isSingleColumn(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x300 { return value >= 0x20 && value != 0x7F && !(0x80...0x9F).contains(value) && value != 0xAD }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .surrogate, .lineSeparator, .paragraphSeparator:
            return false
        default:
            break
        }
        if scalar.properties.isEmojiPresentation { return false }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
        ]
        return !wide.contains { $0.contains(value) }
    }
}
