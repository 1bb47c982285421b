import TrackingModel

extension ScreenBuffer {
    /// Writes a styled line from (column, row), clipped to `maximumWidth` cells when given.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func write(_ line: StyledLine, column: Int, row: Int, maximumWidth: Int? = nil) -> Int {
        let limit = min(maximumWidth.map { column + $0 } ?? width, width)
        var x = column
        for span in line.spans {
            guard x < limit else { return x }
            x = write(characters: TerminalSafeText.pictured(span.text), column: x, row: row, role: span.role, limit: limit)
        }
        return x
    }

    /// Fills `row` from `column` to the right edge with blanks in `role`.
    public mutating func fill(row: Int, from column: Int = 0, role: StyleRole) {
        guard row >= 0, row < height else { return }
        for x in max(0, column)..<width { self[x, row] = Cell(" ", role: role) }
    }

    /// Sets the role of every cell in `row` (keeping characters): selection highlights.
    public mutating func setRole(_ role: StyleRole, row: Int) {
        guard row >= 0, row < height else { return }
        for x in 0..<width { self[x, row].role = role }
    }
}
