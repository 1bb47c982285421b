/// Reads theme files: `role = "style"` lines, `#` comments, and an optional `name = "..."`.
/// A deliberately small subset of TOML, enough for themes until a TOML library is chosen.
///
/// ```
/// name = "default"
/// title = "cyan bold"
/// selectedRow = "black on cyan"
/// ```
public enum ThemeFile {
    /// Parses `text`; `fallbackName` names the theme when the file does not. Every role must be
    /// given: a theme file that forgets one is an error, not a surprise on screen.
    public static func parse(_ text: String, fallbackName: String) throws(ThemeFileError) -> Theme {
        var name = fallbackName
        var styles: [StyleRole: TextStyle] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = stripComment(String(rawLine)).trimmingSpaces
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ThemeFileError(line: lineNumber, message: "expected key = \"value\"")
            }
            let key = String(line[..<equals]).trimmingSpaces
            let rawValue = String(line[line.index(after: equals)...]).trimmingSpaces
            guard rawValue.count >= 2, rawValue.first == "\"", rawValue.last == "\"" else {
                throw ThemeFileError(line: lineNumber, message: "the value of \(key) must be a quoted string")
            }
            let value = String(rawValue.dropFirst().dropLast())
            if key == "name" {
                name = value
                continue
            }
            guard let role = StyleRole(rawValue: key) else {
                let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeFileError(line: lineNumber, message: "unknown role \(key) (roles: \(known))")
            }
            guard styles[role] == nil else {
                throw ThemeFileError(line: lineNumber, message: "\(key) is given twice")
            }
            guard let style = TextStyle(description: value) else {
                throw ThemeFileError(line: lineNumber, message: "cannot read the style \"\(value)\" (colours: default, black … white, bright-red …, 0-255, #rrggbb; attributes: bold dim underline reverse; \"FG on BG\")")
            }
            styles[role] = style
        }
        let missing = StyleRole.allCases.filter { styles[$0] == nil }
        if !missing.isEmpty {
            throw ThemeFileError(line: nil, message: "missing roles: \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        return Theme(name: name, styles: styles)
    }

    /// The file text for `theme`, which `parse` reads back to the same theme.
    public static func text(for theme: Theme) -> String {
        var lines = ["name = \"\(theme.name)\""]
        for role in StyleRole.allCases {
            lines.append("\(role.rawValue) = \"\(theme.style(for: role).description)\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        for index in line.indices {
            switch line[index] {
            case "\"": inString.toggle()
            case "#" where !inString: return String(line[..<index])
            default: break
            }
        }
        return line
    }
}

/// A theme file that cannot be read, and where.
public struct ThemeFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based; nil when the problem is the file as a whole.
    public var line: Int?
    public var message: String

    public var description: String {
        line.map { "line \($0): \(message)" } ?? message
    }
}
