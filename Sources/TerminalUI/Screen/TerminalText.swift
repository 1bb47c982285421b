/// Makes text from the wire safe to put on a terminal: control characters and escape sequences
/// are shown as visible symbols, never sent as they are.
public enum TerminalText {
    /// `text` with every control character replaced by a visible stand-in: C0 controls as the
    /// Unicode "control pictures" (ESC as ␛, tab as ␉), DEL as ␡, C1 controls as `·`.
    public static func sanitized(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F:
                result.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                result.append("\u{2421}")
            case 0x80...0x9F:
                result.append("\u{00B7}")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}
