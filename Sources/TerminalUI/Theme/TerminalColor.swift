/// A colour as a theme names it, resolved to what the terminal can show.
public enum TerminalColor: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours (0 black … 7 white, 8 … 15 their bright forms).
    case ansi(Int)
    /// One of the 256 indexed colours.
    case indexed(Int)
    /// A 24-bit colour, shown as the nearest colour the terminal has.
    case rgb(red: Int, green: Int, blue: Int)

    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Reads a colour name: `default`, an ANSI name (`red`, `bright-red`), `0`–`255`, or `#rrggbb`.
    public init?(name: String) {
        let name = name.lowercased()
        if name == "default" || name == "none" {
            self = .default
        } else if let index = Self.ansiNames.firstIndex(of: name) {
            self = .ansi(index)
        } else if name.hasPrefix("bright-"), let index = Self.ansiNames.firstIndex(of: String(name.dropFirst(7))) {
            self = .ansi(index + 8)
        } else if let index = Int(name), (0...255).contains(index) {
            self = .indexed(index)
        } else if name.hasPrefix("#"), name.count == 7, let value = Int(name.dropFirst(), radix: 16) {
            self = .rgb(red: value >> 16, green: (value >> 8) & 0xFF, blue: value & 0xFF)
        } else {
            return nil
        }
    }

    /// The name `init(name:)` reads back.
    public var name: String {
        switch self {
        case .default: return "default"
        case .ansi(let index): return index < 8 ? Self.ansiNames[index] : "bright-" + Self.ansiNames[index - 8]
        case .indexed(let index): return String(index)
        case .rgb(let red, let green, let blue):
            let hex = String((red << 16) | (green << 8) | blue, radix: 16)
            return "#" + String(repeating: "0", count: 6 - hex.count) + hex
        }
    }

    /// The colour number for a terminal with `colors` colours (8, 16, 256, ...); -1 means the
    /// terminal's default.
    public func index(forTerminalColors colors: Int) -> Int {
        switch self {
        case .default:
            return -1
        case .ansi(let index):
            return colors >= 16 ? index : index % 8
        case .indexed(let index):
            if colors >= 256 { return index }
            return Self.nearestANSI(Self.rgbOfIndexed(index), colors: colors)
        case .rgb(let red, let green, let blue):
            if colors >= 256 { return Self.nearestIndexed(red, green, blue) }
            return Self.nearestANSI((red, green, blue), colors: colors)
        }
    }

    /// The colour's red, green and blue (0-255): a 24-bit colour's own, an indexed colour's in
    /// the xterm palette, an ANSI colour's in xterm's defaults; nil for the terminal's default.
    public var components: (red: Int, green: Int, blue: Int)? {
        switch self {
        case .default: return nil
        case .ansi(let index): return Self.ansiRGB[index]
        case .indexed(let index): return Self.rgbOfIndexed(index)
        case .rgb(let red, let green, let blue): return (red, green, blue)
        }
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    private static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgbOfIndexed(_ index: Int) -> (Int, Int, Int) {
        if index < 16 { return ansiRGB[index] }
        if index >= 232 {
            let level = 8 + (index - 232) * 10
            return (level, level, level)
        }
        let cube = index - 16
        return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    }

    static func nearestIndexed(_ red: Int, _ green: Int, _ blue: Int) -> Int {
        (16..<256).min { distance(rgbOfIndexed($0), (red, green, blue)) < distance(rgbOfIndexed($1), (red, green, blue)) } ?? 7
    }

    /// The nearest of the 16 (or 8) ANSI colours. A grey stays a grey (black, white and their
    /// bright forms): by distance alone a mid grey would turn yellow, the ANSI colours being far apart.
    static func nearestANSI(_ color: (Int, Int, Int), colors: Int) -> Int {
        let count = colors >= 16 ? 16 : 8
        let (red, green, blue) = color
        if max(red, green, blue) - min(red, green, blue) <= 24 {
            let lightness = (red + green + blue) / 3
            if count == 8 { return lightness < 128 ? 0 : 7 }
            return [0, 8, 7, 15].min { abs(ansiRGB[$0].0 - lightness) < abs(ansiRGB[$1].0 - lightness) } ?? 7
        }
        return (0..<count).min { distance(ansiRGB[$0], color) < distance(ansiRGB[$1], color) } ?? 7
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr * 3 + dg * dg * 4 + db * db * 2
    }
}
