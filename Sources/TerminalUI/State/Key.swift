/// A key as the terminal backend reports it, independent of any terminal library.
public enum Key: Sendable, Hashable {
    /// A printable character (letters, digits, punctuation, any Unicode text).
    case character(Character)
    /// A control chord such as Ctrl-C, as its lowercase letter (`control("c")`).
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab
    /// Shift-Tab.
    case backTab
    /// F1 to F12.
    case function(Int)
    /// The terminal changed size (the backend reads the new size).
    case resize
}
