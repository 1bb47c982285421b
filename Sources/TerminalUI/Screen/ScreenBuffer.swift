import TrackingModel

/// A grid of cells that views draw into. Tests read it back as lines; the terminal backend writes
/// only the cells that differ from the previous frame.
///
/// Wide characters: a wide cell is always followed by its continuation cell on the same row, and
/// a continuation cell always follows a wide one. Writing over either half blanks the other half,
/// and a wide character that would not fit before the edge (or the width limit) is drawn as a
/// blank, never cut in half.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The cell at (column, row). Setting a cell goes through `put`, so that wide characters keep
    /// their continuation cells.
    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * width + column] }
        set {
            if newValue.width == cells[row * width + column].width, newValue.character == cells[row * width + column].character {
                cells[row * width + column].role = newValue.role
            } else {
                put(newValue, column: column, row: row)
            }
        }
    }

    /// Puts `cell` at (column, row) and returns the column after it (column + its width).
    /// Positions outside the buffer are ignored; a wide cell that would end past `limit` (the
    /// right edge by default) becomes a blank.
    @discardableResult
    public mutating func put(_ cell: Cell, column: Int, row: Int, limit: Int? = nil) -> Int {
        let limit = min(limit ?? width, width)
        guard row >= 0, row < height, column >= 0, column < limit else { return column + max(1, Int(cell.width)) }
        var cell = cell
        if cell.isContinuation { cell = Cell(" ", role: cell.role) }
        if cell.width == 2, column + 1 >= limit { cell = Cell(" ", role: cell.role) }
        let index = row * width + column
        // Leave no half of a wide character behind.
        if cells[index].isContinuation, column > 0 {
            cells[index - 1] = Cell(" ", role: cells[index - 1].role)
        }
        let coveredEnd = column + Int(cell.width)
        if column + 1 < width, cells[index].width == 2, cell.width != 2 {
            cells[index + 1] = Cell(" ", role: cells[index + 1].role)
        }
        cells[index] = cell
        if cell.width == 2 {
            if cells[index + 1].width == 2, column + 2 < width {
                cells[index + 2] = Cell(" ", role: cells[index + 2].role)
            }
            cells[index + 1] = .continuation(role: cell.role)
        }
        return coveredEnd
    }

    /// Writes `text` from (column, row), clipped to the buffer, after making it safe to display.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func write(_ text: String, column: Int, row: Int, role: StyleRole = .normal) -> Int {
        guard row >= 0, row < height else { return column }
        return write(characters: TerminalSafeText.pictured(text), column: column, row: row, role: role, limit: width)
    }

    /// Writes already pictured characters, each in the columns it takes (zero-width clusters are
    /// left out), up to `limit`. Returns the column after the last character written.
    mutating func write(characters text: String, column: Int, row: Int, role: StyleRole, limit: Int) -> Int {
        var x = column
        for character in text {
            let columns = TerminalText.width(of: character)
            if columns == 0 { continue }
            guard x < limit else { break }
            if x + columns > limit {
                // Half a wide character does not fit: a blank instead, and stop.
                x = put(Cell(" ", role: role), column: x, row: row, limit: limit)
                break
            }
            x = put(Cell(character, role: role), column: x, row: row, limit: limit)
        }
        return x
    }

    /// The text of one row as a person reads it (a wide character once), trailing blanks removed.
    public func line(_ row: Int) -> String {
        var text = ""
        for column in 0..<width where !self[column, row].isContinuation {
            text.append(self[column, row].character)
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Every row as text: what a person would read on the screen.
    public var lines: [String] { (0..<height).map(line) }

    /// The column where `text` starts in `row` (as `line(row)` reads it), nil when it is not
    /// there: tests check with it that what follows a wide character stays aligned.
    public func column(of text: String, row: Int) -> Int? {
        var columns: [Int] = []
        var reading = ""
        for column in 0..<width where !self[column, row].isContinuation {
            columns.append(column)
            reading.append(self[column, row].character)
        }
        guard let range = reading.range(of: text) else { return nil }
        let offset = reading.distance(from: reading.startIndex, to: range.lowerBound)
        return offset < columns.count ? columns[offset] : nil
    }

    /// The positions whose cells differ from `previous` (all of them when the sizes differ).
    public func changedPositions(since previous: ScreenBuffer?) -> [(column: Int, row: Int)] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).flatMap { row in (0..<width).map { (column: $0, row: row) } }
        }
        var changed: [(column: Int, row: Int)] = []
        for index in cells.indices where cells[index] != previous.cells[index] {
            changed.append((column: index % width, row: index / width))
        }
        return changed
    }
}
