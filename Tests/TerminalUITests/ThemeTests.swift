import Foundation
import Testing
@testable import TerminalUI

@Suite struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    @Test(arguments: ["default", "mono"])
    func shippedThemeFilesMatchTheBuiltInThemes(name: String) throws {
        let text = try String(contentsOf: Self.themesFolder.appendingPathComponent("\(name).toml"), encoding: .utf8)
        let theme = try ThemeFile.parse(text, fallbackName: "x")
        #expect(theme == Theme.builtIn[name])
    }

    @Test func everyRoleHasAStyleInBothThemes() {
        for theme in [Theme.default, Theme.mono] {
            #expect(StyleRole.allCases.allSatisfy { theme.styles[$0] != nil })
        }
        #expect(StyleRole.allCases.allSatisfy { Theme.mono.style(for: $0).foreground == .default })
        #expect(Theme.mono.style(for: .selectedRow).reverse)
    }

    @Test func writtenThemesReadBack() throws {
        var theme = Theme.default
        theme.name = "custom"
        theme.styles[.title] = TextStyle(foreground: .rgb(red: 0xFF, green: 0x88, blue: 0), background: .indexed(236), bold: true, underline: true)
        #expect(try ThemeFile.parse(ThemeFile.text(for: theme), fallbackName: "x") == theme)
    }

    @Test func readsCommentsNamesAndStyleWords() throws {
        var text = ThemeFile.text(for: .mono).replacingOccurrences(of: "name = \"mono\"\n", with: "# a comment\n\n")
        text = text.replacingOccurrences(of: "title = \"bold\"", with: "title = \"bright-blue on #102030 bold\"   # trailing")
        let theme = try ThemeFile.parse(text, fallbackName: "mine")
        #expect(theme.name == "mine")
        #expect(theme.style(for: .title) == TextStyle(foreground: .ansi(12), background: .rgb(red: 0x10, green: 0x20, blue: 0x30), bold: true))
    }

    @Test(arguments: [
        ("titel = \"bold\"", 2, "unknown role titel"),
        ("title = bold", 2, "must be a quoted string"),
        ("title = \"purple\"", 2, "cannot read the style \"purple\""),
        ("title = \"red blue\"", 2, "cannot read the style"),
        ("title = \"red on\"", 2, "cannot read the style"),
        ("just words", 2, "expected key = \"value\""),
        ("normal = \"default\"", 2, "normal is given twice"),
    ])
    func rejectsBadLinesWithTheirLineNumber(line: String, number: Int, message: String) {
        let text = "normal = \"default\"\n" + line + "\n" + ThemeFile.text(for: .mono).split(separator: "\n").dropFirst(2).joined(separator: "\n")
        #expect {
            try ThemeFile.parse(text, fallbackName: "x")
        } throws: { error in
            guard let error = error as? ThemeFileError else { return false }
            return error.line == number && error.message.contains(message)
        }
    }

    @Test func aThemeMissingRolesIsRejected() {
        #expect(throws: ThemeFileError(line: nil, message: "missing roles: listRow, selectedRow, received, sent, error, warning, info, jsonKey, jsonString, jsonNumber, jsonLiteral, dim")) {
            try ThemeFile.parse("normal = \"default\"\ntitle = \"bold\"\n", fallbackName: "x")
        }
    }

    @Test func noColorSelectsMono() {
        #expect(Theme.choose(requested: .default, environment: ["NO_COLOR": "1"]) == .mono)
        #expect(Theme.choose(requested: .default, environment: ["NO_COLOR": ""]) == .default)
        #expect(Theme.choose(requested: nil, environment: [:]) == .default)
        #expect(Theme.default.withoutColors.style(for: .selectedRow) == TextStyle())
    }

    @Test func coloursAdaptToTheTerminal() {
        #expect(TerminalColor.ansi(9).index(forTerminalColors: 256) == 9)
        #expect(TerminalColor.ansi(9).index(forTerminalColors: 8) == 1)
        #expect(TerminalColor.default.index(forTerminalColors: 256) == -1)
        #expect(TerminalColor.rgb(red: 255, green: 0, blue: 0).index(forTerminalColors: 256) == 196)
        #expect(TerminalColor.rgb(red: 255, green: 0, blue: 0).index(forTerminalColors: 8) == 1)
        #expect(TerminalColor.indexed(46).index(forTerminalColors: 8) == 2)
        #expect(TerminalColor.indexed(244).index(forTerminalColors: 256) == 244)
        #expect(TerminalColor(name: "256") == nil && TerminalColor(name: "#12345") == nil && TerminalColor(name: "bright-pink") == nil)
        #expect(TerminalColor(name: "Bright-Cyan") == .ansi(14))
    }
}
