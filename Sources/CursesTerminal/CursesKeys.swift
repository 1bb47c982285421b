import CNcursesw
import TerminalUI

/// Turns what `wget_wch` returns into keys.
public enum CursesKeys {
    /// The key for a `wget_wch` result: `status` OK with a character, KEY_CODE_YES with a key
    /// code; nil for ERR (no key) and for codes trackscope has no use for.
    public static func key(status: Int32, code: UInt32) -> Key? {
        switch status {
        case OK:
            return character(code)
        case KEY_CODE_YES:
            return keyCode(Int32(truncatingIfNeeded: code))
        default:
            return nil
        }
    }

    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 0: return nil
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            // Other C1 controls are not text either.
            if (0x80...0x9F).contains(code) { return nil }
            return .character(Character(scalar))
        }
    }

    static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case trackscope_key_resize(): return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
