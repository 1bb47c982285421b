/// How one role looks: colours and attributes.
public struct TextStyle: Sendable, Hashable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default,
                bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = TextStyle()

    /// Reads a style: words separated by blanks, `FOREGROUND [on BACKGROUND] [bold] [dim]
    /// [underline] [reverse]`, as in `"bright-red bold"` or `"black on cyan"`.
    public init?(description: String) {
        self.init()
        var words = description.split(whereSeparator: \.isWhitespace).map { String($0).lowercased() }[...]
        var sawForeground = false
        while let word = words.popFirst() {
            switch word {
            case "bold": bold = true
            case "dim": dim = true
            case "underline": underline = true
            case "reverse": reverse = true
            case "on":
                guard let name = words.popFirst(), let color = TerminalColor(name: name) else { return nil }
                background = color
            default:
                guard !sawForeground, let color = TerminalColor(name: word) else { return nil }
                foreground = color
                sawForeground = true
            }
        }
    }

    /// The text `init(description:)` reads back.
    public var description: String {
        var words: [String] = []
        if foreground != .default || background != .default { words.append(foreground.name) }
        if background != .default { words += ["on", background.name] }
        if bold { words.append("bold") }
        if dim { words.append("dim") }
        if underline { words.append("underline") }
        if reverse { words.append("reverse") }
        return words.isEmpty ? "default" : words.joined(separator: " ")
    }

    /// The style without colours (attributes only), for terminals without colour and NO_COLOR.
    public var withoutColors: TextStyle {
        var style = self
        style.foreground = .default
        style.background = .default
        return style
    }
}
