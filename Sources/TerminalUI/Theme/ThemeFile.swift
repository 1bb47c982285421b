/// What a theme file says, whatever its syntax: `name = "..."` and one `role = "style"` a UI role,
/// as in
///
/// ```
/// name = "default"
/// title = "cyan bold"
/// selectedRow = "black on cyan"
/// ```
///
/// The TOML is read by TerminalApp's `ThemeFileReader` (TOMLKit); the rules of the values (which
/// keys, which styles, every role given) live here, pure.
public enum ThemeFile {
    /// One `key = value` of the file, with the line it is on when known.
    public struct Entry: Sendable, Hashable {
        public var key: String
        /// The string, or nil when the value is not a string (an error).
        public var value: String?
        public var line: Int?

        public init(key: String, value: String?, line: Int?) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    /// The theme `entries` describe; `fallbackName` names it when they do not. Every role must be
    /// given: a theme file that forgets one is an error, not a surprise on screen.
    public static func theme(from entries: [Entry], fallbackName: String) throws(ThemeFileError) -> Theme {
        var name = fallbackName
        var styles: [StyleRole: TextStyle] = [:]
        for entry in entries {
            guard let value = entry.value else {
                throw ThemeFileError(line: entry.line, message: "the value of \(entry.key) must be a quoted string")
            }
            if entry.key == "name" {
                name = value
                continue
            }
            guard let role = StyleRole(rawValue: entry.key) else {
                let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeFileError(line: entry.line, message: "unknown role \(entry.key) (roles: \(known))")
            }
            guard styles[role] == nil else {
                throw ThemeFileError(line: entry.line, message: "\(entry.key) is given twice")
            }
            guard let style = TextStyle(description: value) else {
                throw ThemeFileError(line: entry.line, message: "\(entry.key): cannot read the style \"\(value)\" (colours: default, black … white, bright-red …, 0-255, #rrggbb; attributes: bold dim underline reverse; \"FG on BG\")")
            }
            styles[role] = style
        }
        let missing = StyleRole.allCases.filter { styles[$0] == nil }
        if !missing.isEmpty {
            throw ThemeFileError(line: nil, message: "missing roles: \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        return Theme(name: name, styles: styles)
    }

    /// `text` as a TOML basic string: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// The file text for `theme`, which the reader reads back to the same theme.
    public static func text(for theme: Theme) -> String {
        var lines = ["name = \(quoted(theme.name))"]
        for role in StyleRole.allCases {
            lines.append("\(role.rawValue) = \"\(theme.style(for: role).description)\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A theme file that cannot be read, and where.
public struct ThemeFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based; nil when the problem is the file as a whole.
    public var line: Int?
    /// 1-based, when the TOML reader gives one.
    public var column: Int?
    public var message: String

    public init(line: Int?, column: Int? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        guard let line else { return message }
        return "line \(line)\(column.map { ", column \($0)" } ?? ""): \(message)"
    }
}
