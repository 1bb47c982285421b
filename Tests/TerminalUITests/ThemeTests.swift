import Foundation
import Testing
import TerminalApp
import TestSupport
@testable import TerminalUI

@Suite struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    static let shippedNames = ["default", "mono", "light", "high-contrast"]

    @Test(arguments: shippedNames)
    func shippedThemeFilesMatchTheBuiltInThemes(name: String) throws {
        let text = try String(contentsOf: Self.themesFolder.appendingPathComponent("\(name).toml"), encoding: .utf8)
        let theme = try ThemeFileReader.parse(text, fallbackName: "x")
        #expect(theme == Theme.builtIn[name])
        #expect(theme.name == name)
    }

    @Test func everyRoleHasAStyleInEveryBuiltInTheme() {
        #expect(Set(Theme.builtIn.keys) == Set(Self.shippedNames))
        for theme in Theme.builtIn.values {
            #expect(StyleRole.allCases.allSatisfy { theme.styles[$0] != nil }, "\(theme.name)")
        }
        #expect(StyleRole.allCases.allSatisfy { Theme.mono.style(for: $0).foreground == .default })
        #expect(Theme.mono.style(for: .selectedRow).reverse)
    }

    /// WCAG's contrast ratio of two colours (1 to 21).
    static func contrast(_ first: TerminalColor, _ second: TerminalColor) -> Double {
        func luminance(_ color: TerminalColor) -> Double {
            let (red, green, blue) = color.components!
            func channel(_ value: Int) -> Double {
                let c = Double(value) / 255
                return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
        }
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    @Test func theLightThemeIsReadableOnWhite() {
        let white = TerminalColor.rgb(red: 255, green: 255, blue: 255)
        for role in StyleRole.allCases {
            let style = Theme.light.style(for: role)
            guard style.foreground != .default else { continue }
            let background = style.background == .default ? white : style.background
            #expect(Self.contrast(style.foreground, background) >= 4.5, "\(role)")
        }
    }

    @Test func theHighContrastThemeIsReadableOnAnyBackground() {
        for role in StyleRole.allCases {
            let style = Theme.highContrast.style(for: role)
            // A colour never stands on the terminal's background, whatever it is.
            #expect((style.foreground == .default) == (style.background == .default), "\(role)")
            #expect(!style.dim, "\(role)")
            if style.foreground != .default {
                #expect(Self.contrast(style.foreground, style.background) >= 4.5, "\(role)")
            }
        }
    }

    @Test(arguments: shippedNames)
    func writtenThemesReadBack(name: String) throws {
        var theme = Theme.builtIn[name]!
        theme.name = "custom"
        theme.styles[.title] = TextStyle(foreground: .rgb(red: 0xFF, green: 0x88, blue: 0), background: .indexed(236), bold: true, underline: true)
        #expect(try ThemeFileReader.parse(ThemeFile.text(for: theme), fallbackName: "x") == theme)
    }

    @Test func readsCommentsNamesStyleWordsAndTOMLStrings() throws {
        var text = ThemeFile.text(for: .mono).replacingOccurrences(of: "name = \"mono\"\n", with: "# a comment\n\n")
        text = text.replacingOccurrences(of: "title = \"bold\"", with: "title = 'bright-blue on #102030 bold'   # trailing")
        text = text.replacingOccurrences(of: "info = \"default\"", with: "\"info\" = \"\"\"red\"\"\"")
        let theme = try ThemeFileReader.parse(text, fallbackName: "mine")
        #expect(theme.name == "mine")
        #expect(theme.style(for: .title) == TextStyle(foreground: .ansi(12), background: .rgb(red: 0x10, green: 0x20, blue: 0x30), bold: true))
        #expect(theme.style(for: .info) == TextStyle(foreground: .ansi(1)))
    }

    /// The mono theme file with `text` in place of the line of `role`, and that line's number.
    static func file(replacing role: StyleRole, with text: String) -> (text: String, line: Int) {
        var lines = ThemeFile.text(for: .mono).split(separator: "\n").map(String.init)
        let index = lines.firstIndex { $0.hasPrefix(role.rawValue + " =") }!
        lines[index] = text
        return (lines.joined(separator: "\n") + "\n", index + 1)
    }

    @Test(arguments: [
        ("titel = \"bold\"", "unknown role titel"),
        ("title = 7", "the value of title must be a quoted string"),
        ("title = \"purple\"", "title: cannot read the style \"purple\""),
        ("title = \"red blue\"", "cannot read the style"),
        ("title = \"red on\"", "cannot read the style"),
        ("[title]\nx = \"bold\"", "must be a quoted string"),
    ])
    func wrongValuesAreNamedWithTheirKeyAndLine(text: String, message: String) {
        let file = Self.file(replacing: .title, with: text)
        #expect(file.line == 3)
        #expect {
            try ThemeFileReader.parse(file.text, fallbackName: "x")
        } throws: { error in
            guard let error = error as? ThemeFileError else { return false }
            return error.line == file.line && error.message.contains(message)
        }
    }

    @Test(arguments: ["title = bold", "just words", "normal = \"default\"", "title = \"unterminated", "\u{0}"])
    func tomlSyntaxErrorsAreNamedWithTheirLine(text: String) {
        let file = Self.file(replacing: .title, with: text)
        #expect {
            try ThemeFileReader.parse(file.text, fallbackName: "x")
        } throws: { error in
            guard let error = error as? ThemeFileError else { return false }
            return error.line == file.line && error.description.hasPrefix("line \(file.line)")
        }
    }

    @Test func aThemeMissingRolesIsRejected() {
        #expect(throws: ThemeFileError(line: nil, message: "missing roles: listRow, selectedRow, received, sent, error, warning, info, jsonKey, jsonString, jsonNumber, jsonLiteral, dim")) {
            try ThemeFileReader.parse("normal = \"default\"\ntitle = \"bold\"\n", fallbackName: "x")
        }
    }

    @Test func aHugeThemeFileIsRefused() {
        let text = ThemeFile.text(for: .mono) + String(repeating: "# padding\n", count: 10_000)
        #expect(throws: ThemeFileError.self) { try ThemeFileReader.parse(text, fallbackName: "x") }
    }

    @Test func aBrokenThemeFileFallsBackToTheDefaultWithAWarningNamingItsLine() throws {
        let folder = TestFolder.make("theme")
        let themes = folder.appendingPathComponent("trackscope/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try Self.file(replacing: .warning, with: "warning = \"ultraviolet\"").text.write(to: themes.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try ThemeFile.text(for: .light).write(to: themes.appendingPathComponent("ok.toml"), atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": folder.path]

        let broken = ThemeLoader.load("mine", environment: environment)
        #expect(broken.theme == .default)
        #expect(broken.warning?.contains("mine.toml: line 9: warning: cannot read the style \"ultraviolet\"") == true)
        #expect(broken.warning?.hasSuffix("using the default theme") == true)

        let fine = ThemeLoader.load("ok", environment: environment)
        #expect(fine.theme == .light && fine.warning == nil)
        #expect(ThemeLoader.load("high-contrast", environment: environment).theme == .highContrast)
        let unknown = ThemeLoader.load("nope", environment: environment)
        #expect(unknown.theme == .default && unknown.warning?.contains("no theme named nope") == true)
        #expect(ThemeLoader.load("ok", environment: environment.merging(["NO_COLOR": "1"]) { $1 }).theme == .mono)
    }

    @Test func noColorSelectsMono() {
        #expect(Theme.choose(requested: .default, environment: ["NO_COLOR": "1"]) == .mono)
        #expect(Theme.choose(requested: .default, environment: ["NO_COLOR": ""]) == .default)
        #expect(Theme.choose(requested: nil, environment: [:]) == .default)
        #expect(Theme.default.withoutColors.style(for: .selectedRow) == TextStyle())
    }
}

/// Headers toml++ (inside TOMLKit 0.6.0) asserts on instead of reporting: refused first, with a line.
@Suite struct TOMLHeaderGuardTests {
    @Test(arguments: [("a = 1\n[[[[\n", 2, 3), ("[\nx = 1\n", 1, 2), ("[ =\n", 1, 3), ("x = 1\n  [[ #\n", 2, 6)])
    func badHeadersAreErrorsNotCrashes(text: String, line: Int, column: Int) {
        #expect {
            try TOMLDocument(text: text)
        } throws: { error in
            guard let error = error as? TOMLDocument.ParseError else { return false }
            return error.line == line && error.column == column && error.message.hasPrefix("expected a key in the table header")
        }
    }

    @Test func goodHeadersAndMultilineStringsPass() throws {
        let document = try TOMLDocument(text: "[a]\nx = 1\n[[b]]\ny = '''\n[[[ not a header\n'''\n[ \"c d\" ]\n")
        #expect(document.keys == ["a", "b", "c d"])
    }
}
