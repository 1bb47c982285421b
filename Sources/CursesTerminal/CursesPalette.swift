import CNcursesw
import TerminalUI

/// The attributes and colour pair of every style role, set up from a theme for the colours the
/// terminal has.
struct CursesPalette {
    struct Entry {
        var attributes: attr_t
        var pair: Int16
    }

    private(set) var entries: [StyleRole: Entry] = [:]

    /// Registers one colour pair per role (pairs 1 ... roles) when `colors` > 0 and returns the
    /// palette. Without colours the theme's attributes are used alone.
    static func make(theme: Theme, colors: Int, pairs: Int) -> CursesPalette {
        var palette = CursesPalette()
        let useColors = colors >= 8 && pairs > StyleRole.allCases.count
        let theme = useColors ? theme : theme.withoutColors
        for (offset, role) in StyleRole.allCases.enumerated() {
            let style = theme.style(for: role)
            var attributes = trackscope_a_normal()
            if style.bold { attributes |= trackscope_a_bold() }
            if style.dim { attributes |= trackscope_a_dim() }
            if style.underline { attributes |= trackscope_a_underline() }
            if style.reverse { attributes |= trackscope_a_reverse() }
            var pair: Int16 = 0
            if useColors, style.foreground != .default || style.background != .default {
                pair = Int16(offset + 1)
                init_pair(pair, Int16(style.foreground.index(forTerminalColors: colors)),
                          Int16(style.background.index(forTerminalColors: colors)))
            }
            palette.entries[role] = Entry(attributes: attributes, pair: pair)
        }
        return palette
    }

    func entry(for role: StyleRole) -> Entry {
        entries[role] ?? Entry(attributes: trackscope_a_normal(), pair: 0)
    }
}
