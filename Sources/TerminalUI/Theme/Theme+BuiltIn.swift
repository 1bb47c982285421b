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

    /// Dark colours for light backgrounds (each at least 4.5:1 against white); also in
    /// themes/light.toml. The colours sit on the 256-colour cube, so 256-colour terminals show
    /// them exactly.
    public static let light = Theme(name: "light", styles: [
        .normal: TextStyle(),
        .title: TextStyle(foreground: .rgb(red: 0x00, green: 0x5F, blue: 0x87), bold: true),
        .listRow: TextStyle(),
        .selectedRow: TextStyle(foreground: .rgb(red: 0xFF, green: 0xFF, blue: 0xFF), background: .rgb(red: 0x00, green: 0x5F, blue: 0x87)),
        .received: TextStyle(foreground: .rgb(red: 0x00, green: 0x5F, blue: 0x00), bold: true),
        .sent: TextStyle(foreground: .rgb(red: 0x87, green: 0x00, blue: 0x87), bold: true),
        .error: TextStyle(foreground: .rgb(red: 0xAF, green: 0x00, blue: 0x00), bold: true),
        .warning: TextStyle(foreground: .rgb(red: 0x87, green: 0x5F, blue: 0x00)),
        .info: TextStyle(foreground: .rgb(red: 0x00, green: 0x00, blue: 0xAF)),
        .jsonKey: TextStyle(foreground: .rgb(red: 0x00, green: 0x5F, blue: 0x87)),
        .jsonString: TextStyle(foreground: .rgb(red: 0x00, green: 0x5F, blue: 0x00)),
        .jsonNumber: TextStyle(foreground: .rgb(red: 0x87, green: 0x5F, blue: 0x00)),
        .jsonLiteral: TextStyle(foreground: .rgb(red: 0x87, green: 0x00, blue: 0x87)),
        .dim: TextStyle(foreground: .rgb(red: 0x76, green: 0x76, blue: 0x76)),
    ])

    /// Readable on any background: text in the terminal's own colours, and every colour given
    /// with a background of its own; nothing dimmed. Also in themes/high-contrast.toml.
    public static let highContrast = Theme(name: "high-contrast", styles: [
        .normal: TextStyle(),
        .title: TextStyle(bold: true, underline: true),
        .listRow: TextStyle(),
        .selectedRow: TextStyle(bold: true, reverse: true),
        .received: TextStyle(foreground: .ansi(0), background: .ansi(10), bold: true),
        .sent: TextStyle(foreground: .ansi(0), background: .ansi(13), bold: true),
        .error: TextStyle(foreground: .ansi(15), background: .ansi(1), bold: true),
        .warning: TextStyle(foreground: .ansi(0), background: .ansi(11), bold: true),
        .info: TextStyle(foreground: .ansi(15), background: .ansi(4)),
        .jsonKey: TextStyle(bold: true),
        .jsonString: TextStyle(),
        .jsonNumber: TextStyle(),
        .jsonLiteral: TextStyle(underline: true),
        .dim: TextStyle(),
    ])
}
