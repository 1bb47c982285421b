import CNcursesw

/// Facts about the linked ncurses library, readable without starting a terminal.
public enum CursesLibrary {
    /// The library's own version string, such as "ncurses 6.4.20230520".
    public static var version: String {
        guard let text = curses_version() else { return "unknown" }
        return String(cString: text)
    }
}
