/// Finds the line a key of a TOML file is written on. TOMLKit gives the line of a syntax error but
/// not of a value, and a wrong value (an unknown colour, a port out of range) should be named with
/// its line too. A lexical scan of table headers and `key =` lines, for files already parsed: it
/// does not judge the syntax.
enum TOMLKeyLines {
    /// Every key path written in `text` (table headers included) and the line (1-based) it is
    /// first written on: one pass over the text.
    static func index(of text: String) -> [[String]: Int] {
        var table: [String] = []
        var lines: [[String]: Int] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            let written: [String]
            if line.hasPrefix("[") {
                let isArray = line.hasPrefix("[[")
                let inner = line.dropFirst(isArray ? 2 : 1)
                guard let close = inner.firstIndex(of: "]") else { continue }
                table = keyPath(inner[..<close])
                written = table
            } else if let equals = assignment(in: line) {
                written = table + keyPath(line[..<equals])
            } else {
                continue
            }
            if lines[written] == nil { lines[written] = offset + 1 }
        }
        return lines
    }

    /// The line where `path` is written: its own `key = ...` line, else the line of the closest
    /// enclosing key or table header (an inline table, `[table]`), else nil.
    static func line(of path: [String], in index: [[String]: Int]) -> Int? {
        var prefix = path
        while !prefix.isEmpty {
            if let line = index[prefix] { return line }
            prefix.removeLast()
        }
        return nil
    }

    /// The index of the `=` of a `key = value` line (outside quotes), nil for other lines.
    private static func assignment(in line: Substring) -> Substring.Index? {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            } else if character == "#" {
                return nil
            }
        }
        return nil
    }

    /// `a."b.c".d` → ["a", "b.c", "d"]: a dotted key, its parts unquoted and trimmed.
    private static func keyPath(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current)
                current = ""
            } else if character != " " && character != "\t" {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}
