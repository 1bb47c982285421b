/// The built-in editor's text: lines, a cursor and the first line on screen. Used when neither
/// `$VISUAL` nor `$EDITOR` is set. Arrows move, Backspace joins lines, Enter splits them.
public struct TextArea: Sendable, Equatable {
    public var lines: [String]
    /// The cursor: a line and a character offset in it.
    public var row = 0
    public var column = 0
    /// The first line on screen.
    public var top = 0

    public init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        if lines.isEmpty { lines = [""] }
    }

    /// The text, one `\n` after each line.
    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// Applies an editing key; false when the key means nothing to the editor.
    public mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            insert(character)
        case .tab:
            insert(" ")
            insert(" ")
        case .enter:
            let line = Array(lines[row])
            lines[row] = String(line[..<column])
            lines.insert(String(line[column...]), at: row + 1)
            row += 1
            column = 0
        case .backspace, .control("h"):
            if column > 0 {
                var line = Array(lines[row])
                line.remove(at: column - 1)
                lines[row] = String(line)
                column -= 1
            } else if row > 0 {
                let previous = lines[row - 1]
                column = previous.count
                lines[row - 1] = previous + lines[row]
                lines.remove(at: row)
                row -= 1
            }
        case .delete:
            var line = Array(lines[row])
            if column < line.count {
                line.remove(at: column)
                lines[row] = String(line)
            } else if row + 1 < lines.count {
                lines[row] += lines[row + 1]
                lines.remove(at: row + 1)
            }
        case .left:
            if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
        case .right:
            if column < lines[row].count { column += 1 } else if row + 1 < lines.count { row += 1; column = 0 }
        case .up:
            if row > 0 { row -= 1; column = min(column, lines[row].count) }
        case .down:
            if row + 1 < lines.count { row += 1; column = min(column, lines[row].count) }
        case .home, .control("a"):
            column = 0
        case .end, .control("e"):
            column = lines[row].count
        case .pageUp:
            row = max(0, row - 10); column = min(column, lines[row].count)
        case .pageDown:
            row = min(lines.count - 1, row + 10); column = min(column, lines[row].count)
        default:
            return false
        }
        return true
    }

    /// Keeps the cursor's line within `height` lines from `top`.
    public mutating func scroll(toShow height: Int) {
        let height = max(1, height)
        if row < top { top = row }
        if row >= top + height { top = row - height + 1 }
    }

    private mutating func insert(_ character: Character) {
        var line = Array(lines[row])
        line.insert(character, at: column)
        lines[row] = String(line)
        column += 1
    }
}
