import CNcursesw
import TerminalUI

/// The attributes and colour pair of every style role, set up from a theme for the colours the
/// terminal has: exact 24-bit colours where it has true colour (a `-direct` terminfo, or
/// palette entries redefined where the terminal can change colours), else the nearest colour of
/// its palette (256, 16 or 8).
struct CursesPalette {
    struct Entry {
        var attributes: attr_t
        var pair: Int32
    }

    private(set) var entries: [StyleRole: Entry] = [:]
    /// How 24-bit colours were drawn, for tests and diagnostics.
    private(set) var trueColorMethod: TrueColorMethod = .none

    enum TrueColorMethod: Equatable {
        /// No true colour: nearest palette colours.
        case none
        /// Colour numbers are 0xRRGGBB (a `-direct` terminfo, `colors#0x1000000`).
        case direct
        /// Palette entries from 255 down redefined with init_extended_color (restored at exit).
        case redefinedPalette
    }

    /// Registers one colour pair per role (pairs 1 ... roles) and returns the palette. Without
    /// colours the theme's attributes are used alone.
    static func make(theme: Theme, depth: ColorDepth, colors: Int, pairs: Int, canChangeColors: Bool) -> CursesPalette {
        var palette = CursesPalette()
        let useColors = depth != .none && pairs > StyleRole.allCases.count
        let theme = useColors ? theme : theme.withoutColors
        if depth == .trueColor {
            if colors >= 0x100_0000 {
                palette.trueColorMethod = .direct
            } else if canChangeColors, colors >= 256 {
                palette.trueColorMethod = .redefinedPalette
            }
        }
        var redefined: [Int: Int32] = [:]
        var nextSlot: Int32 = 255
        func number(_ color: TerminalColor) -> Int32 {
            switch palette.trueColorMethod {
            case .none:
                return Int32(color.index(forTerminalColors: depth.paletteSize))
            case .direct:
                return Int32(CursesColorNumber.direct(color))
            case .redefinedPalette:
                guard case .rgb(let red, let green, let blue) = color else {
                    return Int32(color.index(forTerminalColors: 256))
                }
                let key = (red << 16) | (green << 8) | blue
                if let slot = redefined[key] { return slot }
                let slot = nextSlot
                nextSlot -= 1
                init_extended_color(slot, CursesColorNumber.thousandths(red), CursesColorNumber.thousandths(green),
                                    CursesColorNumber.thousandths(blue))
                redefined[key] = slot
                return slot
            }
        }
        for (offset, role) in StyleRole.allCases.enumerated() {
            let style = theme.style(for: role)
            var attributes = trackscope_a_normal()
            if style.bold { attributes |= trackscope_a_bold() }
            if style.dim { attributes |= trackscope_a_dim() }
            if style.underline { attributes |= trackscope_a_underline() }
            if style.reverse { attributes |= trackscope_a_reverse() }
            var pair: Int32 = 0
            if useColors, style.foreground != .default || style.background != .default {
                pair = Int32(offset + 1)
                init_extended_pair(pair, number(style.foreground), number(style.background))
            }
            palette.entries[role] = Entry(attributes: attributes, pair: pair)
        }
        return palette
    }

    func entry(for role: StyleRole) -> Entry {
        entries[role] ?? Entry(attributes: trackscope_a_normal(), pair: 0)
    }
}
