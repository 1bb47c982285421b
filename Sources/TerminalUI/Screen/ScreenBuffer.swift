import TrackingModel

/// A grid of cells that views draw into. Tests read it back as lines; the terminal backend writes
/// only the cells that differ from the previous frame.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    /// Writes `text` from (column, row), clipped to the buffer, after making it safe to display.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func write(_ text: String, column: Int, row: Int, role: StyleRole = .normal) -> Int {
        guard row >= 0, row < height else { return column }
        var x = column
        for character in TerminalSafeText.pictured(text) {
            guard x < width else { break }
            if x >= 0 { self[x, row] = Cell(character, role: role) }
            x += 1
        }
        return x
    }

    /// The text of one row, trailing blanks removed.
    public func line(_ row: Int) -> String {
        var text = String((0..<width).map { self[$0, row].character })
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Every row as text: what a person would read on the screen.
    public var lines: [String] { (0..<height).map(line) }

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
