import TrackingModel

extension ScreenBuffer {
    /// Writes a styled line from (column, row), clipped to `maximumWidth` cells when given.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func write(_ line: StyledLine, column: Int, row: Int, maximumWidth: Int? = nil) -> Int {
        let limit = maximumWidth.map { column + $0 } ?? width
        var x = column
        for span in line.spans {
            for character in TerminalSafeText.pictured(span.text) {
                guard x < limit, x < width else { return x }
                if x >= 0, row >= 0, row < height { self[x, row] = Cell(character, role: span.role) }
                x += 1
            }
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
