import CNcursesw
import TerminalUI

/// What ncurses is given for one cell of the buffer. ncurses places characters by the C library's
/// `wcwidth`, the buffer by `TerminalText`; where they disagree, a stand-in of the buffer's width
/// is drawn, so that the grid never shifts: a flag as its two letters, an emoji the C library
/// thinks narrow (❤️) as itself and a blank, a character it does not know as U+FFFD (and a blank).
enum CursesGlyph {
    /// The texts of the `cchar_t`s to draw from the cell's column on, one a column or one for a
    /// wide cell: each a spacing character and the combining marks that go with it (at most
    /// CCHARW_MAX - 1 = 4). Empty for a continuation cell.
    static func texts(for character: Character, width: Int, columns: (wchar_t) -> Int32 = { trackscope_wcwidth($0) }) -> [[wchar_t]] {
        guard width > 0, let base = character.unicodeScalars.first else { return [] }
        let marks = character.unicodeScalars.dropFirst()
            .filter { scalar in
                // Combining marks, not the variation selectors and joiners of emoji sequences.
                let properties = scalar.properties
                let isMark = properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
                return isMark && !properties.isDefaultIgnorableCodePoint && columns(wchar_t(bitPattern: scalar.value)) == 0
            }
            .prefix(4)
            .map { wchar_t(bitPattern: $0.value) }
        let baseCharacter = wchar_t(bitPattern: base.value)
        let baseColumns = Int(columns(baseCharacter))
        if baseColumns == width { return [[baseCharacter] + marks] }
        let blank = wchar_t(0x20)
        let replacement = wchar_t(0xFFFD)
        guard width == 2 else { return [[replacement]] }
        let scalars = Array(character.unicodeScalars)
        if scalars.count >= 2, TerminalText.isRegionalIndicatorPair(scalars[0], scalars[1]) {
            // 🇩🇪 → "DE": regional indicators stand for the letters A-Z.
            return scalars.prefix(2).map { [wchar_t(bitPattern: $0.value - 0x1F1E6 + 0x41)] }
        }
        if baseColumns == 1 { return [[baseCharacter] + marks, [blank]] }
        return [[replacement], [blank]]
    }
}
