/// How many colours the terminal shows, decided from the environment and its description:
/// `COLORTERM=truecolor` (or `24bit`) for 24-bit colour, else the number of colours terminfo
/// gives. NO_COLOR is the theme's business (`Theme.choose`), not the depth's.
public enum ColorDepth: Sendable, Hashable, CaseIterable {
    case none
    case ansi8
    case ansi16
    case indexed256
    case trueColor

    /// True when the environment says the terminal draws 24-bit colour: `COLORTERM` is
    /// `truecolor` or `24bit` (any case). Lost over ssh and sudo, so it errs on "no".
    public static func environmentSaysTrueColor(_ environment: [String: String]) -> Bool {
        guard let value = environment["COLORTERM"]?.lowercased() else { return false }
        return value == "truecolor" || value == "24bit"
    }

    /// The depth for a terminal that terminfo says has `colors` colours (0 without colour).
    public static func detect(environment: [String: String], terminalColors colors: Int) -> ColorDepth {
        if colors >= 0x100_0000 { return .trueColor }
        if colors >= 256, environmentSaysTrueColor(environment) { return .trueColor }
        if colors >= 256 { return .indexed256 }
        if colors >= 16 { return .ansi16 }
        if colors >= 8 { return .ansi8 }
        return .none
    }

    /// The palette size to map colours to: 256, 16, 8 (or 0).
    public var paletteSize: Int {
        switch self {
        case .none: 0
        case .ansi8: 8
        case .ansi16: 16
        case .indexed256, .trueColor: 256
        }
    }
}
