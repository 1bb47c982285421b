import Foundation

/// Text from the wire made safe to put on a terminal: control characters and escape sequences are
/// shown, never sent. One rule (which characters are unsafe), two spellings: the terminal UI draws
/// control pictures in its cells, the command line writes backslash escapes a reader can type back.
public enum TerminalSafeText {
    /// Whether `scalar` would act on a terminal rather than show: C0 controls, DEL and C1 controls
    /// (the 8-bit forms of ESC sequences, CSI among them).
    @inline(__always)
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// `text` with every control character replaced by a visible stand-in of one column: C0
    /// controls as the Unicode control pictures (ESC as ␛, tab as ␉), DEL as ␡, C1 controls as `·`.
    public static func pictured(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F: result.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: result.append("\u{2421}")
            case 0x80...0x9F: result.append("\u{00B7}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// `text` with every control character written as an escape: `\n`, `\r`, `\t`, else `\xNN`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case _ where isControl(scalar): result += String(format: "\\x%02X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Bytes shown as text: valid UTF-8 with control characters escaped (line feeds kept when
    /// `keepNewlines`), every byte that is not part of valid UTF-8 as `\xNN`.
    public static func escaped(bytes: [UInt8], keepNewlines: Bool) -> String {
        var result = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A, keepNewlines {
                result += "\n"
                index += 1
                continue
            }
            if byte < 0x80 {
                result += escaped(String(UnicodeScalar(byte)))
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            if length > 1, index + length <= bytes.count,
               let text = String(validating: bytes[index..<index + length], as: UTF8.self) {
                result += escaped(text)
                index += length
            } else {
                result += String(format: "\\x%02X", byte)
                index += 1
            }
        }
        return result
    }
}
