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

    /// A colour component (0-255) in the thousandths `init_extended_color` takes. Terminals get
    /// it back as `thousandths * 255 / 1000`, truncated (terminfo's `initc` for xterm), so it is
    /// rounded up: the component comes back exact (0x5F stays 0x5F, not 0x5E).
    static func thousandths(_ component: Int) -> Int32 {
        Int32((min(255, max(0, component)) * 1000 + 254) / 255)
    }
}
