import TerminalUI

/// Colour numbers for a direct-colour terminal (terminfo `colors#0x1000000`, the `-direct`
/// entries): 0-7 are the ANSI colours, every other number is 0xRRGGBB.
enum CursesColorNumber {
    /// The number of `color` on a direct-colour terminal; -1 for the terminal's default.
    static func direct(_ color: TerminalColor) -> Int {
        switch color {
        case .default:
            return -1
        case .ansi(let index) where index < 8:
            return index
        default:
            guard let (red, green, blue) = color.components else { return -1 }
            // 0x000000 ... 0x000007 would be read as ANSI colours: the nearest value past them.
            let value = (red << 16) | (green << 8) | blue
            return value < 8 ? 8 : value
        }
    }
}
