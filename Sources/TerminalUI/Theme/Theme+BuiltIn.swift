extension Theme {
    /// Colours on the terminal's own background; also in themes/default.toml.
    public static let `default` = Theme(name: "default", styles: [
        .normal: TextStyle(),
        .title: TextStyle(foreground: .ansi(6), bold: true),
        .listRow: TextStyle(),
        .selectedRow: TextStyle(foreground: .ansi(0), background: .ansi(6)),
        .received: TextStyle(foreground: .ansi(2), bold: true),
        .sent: TextStyle(foreground: .ansi(5), bold: true),
        .error: TextStyle(foreground: .ansi(9), bold: true),
        .warning: TextStyle(foreground: .ansi(3)),
        .info: TextStyle(foreground: .ansi(4)),
        .jsonKey: TextStyle(foreground: .ansi(6)),
        .jsonString: TextStyle(foreground: .ansi(2)),
        .jsonNumber: TextStyle(foreground: .ansi(3)),
        .jsonLiteral: TextStyle(foreground: .ansi(5)),
        .dim: TextStyle(dim: true),
    ])

    /// No colours, attributes only: for NO_COLOR and terminals without colour; also in
    /// themes/mono.toml.
    public static let mono = Theme(name: "mono", styles: [
        .normal: TextStyle(),
        .title: TextStyle(bold: true),
        .listRow: TextStyle(),
        .selectedRow: TextStyle(reverse: true),
        .received: TextStyle(),
        .sent: TextStyle(),
        .error: TextStyle(bold: true),
        .warning: TextStyle(underline: true),
        .info: TextStyle(),
        .jsonKey: TextStyle(bold: true),
        .jsonString: TextStyle(),
        .jsonNumber: TextStyle(),
        .jsonLiteral: TextStyle(),
        .dim: TextStyle(dim: true),
    ])
}
