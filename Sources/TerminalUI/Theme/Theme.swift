/// A style for every UI role. Built in: `default` (colours on a dark or any background), `light`
/// (for light backgrounds), `high-contrast` (readable on any background) and `mono` (attributes only).
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [StyleRole: TextStyle]

    public init(name: String, styles: [StyleRole: TextStyle]) {
        self.name = name
        self.styles = styles
    }

    /// The style of `role` (plain when the theme does not name it).
    public func style(for role: StyleRole) -> TextStyle {
        styles[role] ?? .plain
    }

    /// The theme with every colour removed, keeping bold, reverse and the rest.
    public var withoutColors: Theme {
        Theme(name: name, styles: styles.mapValues(\.withoutColors))
    }

    /// The built-in themes by name.
    public static let builtIn: [String: Theme] = [
        "default": .default, "mono": .mono, "light": .light, "high-contrast": .highContrast,
    ]

    /// The theme to use: `mono` when NO_COLOR is set to anything non-empty (no-color.org), else
    /// `requested` (default "default").
    public static func choose(requested: Theme?, environment: [String: String]) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .mono }
        return requested ?? .default
    }
}
