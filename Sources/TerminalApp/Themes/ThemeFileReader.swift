import TerminalUI

/// Reads a theme file's text: TOML (TOMLKit), then `ThemeFile`'s rules. Every error names its
/// line: TOML syntax with TOMLKit's line and column, a wrong value with the line of its key.
public enum ThemeFileReader {
    public static func parse(_ text: String, fallbackName: String) throws(ThemeFileError) -> Theme {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(text: text)
        } catch {
            throw ThemeFileError(line: error.line, column: error.column, message: error.message)
        }
        let entries = document.keys.map { key -> ThemeFile.Entry in
            let value: String? = if case .string(let text)? = document.value(at: [key]) { text } else { nil }
            return ThemeFile.Entry(key: key, value: value, line: document.line(of: [key]))
        }
        return try ThemeFile.theme(from: entries, fallbackName: fallbackName)
    }
}
