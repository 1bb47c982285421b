import Testing
@testable import TerminalUI

/// 24-bit colour where the terminal says it has it, the nearest palette colour otherwise.
@Suite struct ColorDepthTests {
    @Test(arguments: [
        (["COLORTERM": "truecolor"], 256, ColorDepth.trueColor),
        (["COLORTERM": "24bit"], 256, .trueColor),
        (["COLORTERM": "TrueColor"], 256, .trueColor),
        (["COLORTERM": "truecolor"], 0x100_0000, .trueColor),
        ([:], 0x100_0000, .trueColor),
        ([:], 256, .indexed256),
        (["COLORTERM": "yes"], 256, .indexed256),
        (["COLORTERM": "truecolor"], 16, .ansi16),
        (["COLORTERM": "truecolor"], 8, .ansi8),
        ([:], 0, .none),
    ] as [([String: String], Int, ColorDepth)])
    func depthComesFromTheEnvironmentAndTheTerminal(environment: [String: String], colors: Int, depth: ColorDepth) {
        #expect(ColorDepth.detect(environment: environment, terminalColors: colors) == depth)
    }

    @Test func colorsOnTheCubeAndTheGreyRampMapExactly() {
        for index in 16..<256 {
            let (red, green, blue) = TerminalColor.indexed(index).components!
            let nearest = TerminalColor.rgb(red: red, green: green, blue: blue).index(forTerminalColors: 256)
            // Some greys are on the cube and the ramp both: either is exact.
            #expect(TerminalColor.indexed(nearest).components! == (red, green, blue), "index \(index)")
        }
    }

    @Test(arguments: [
        (0xFF0000, 196, 9, 1), (0x00FF00, 46, 10, 2), (0x0000FF, 21, 4, 4), (0xFFFFFF, 231, 15, 7),
        (0x000000, 16, 0, 0), (0x808080, 244, 8, 7), (0xFF8800, 208, 3, 3), (0x005F87, 24, 8, 4),
        // 0x005F87 is nearer to bright black (127, 127, 127) than to bright blue (92, 92, 255)
        // in 16 colours; greys stay greys: a mid grey is not yellow.
        (0x767676, 243, 8, 0), (0xF0F0F0, 255, 7, 7), (0x8A8A88, 245, 8, 7),
    ])
    func offPaletteColorsMapToTheNearest(rgb: Int, in256: Int, in16: Int, in8: Int) {
        let color = TerminalColor.rgb(red: rgb >> 16, green: (rgb >> 8) & 0xFF, blue: rgb & 0xFF)
        #expect(color.index(forTerminalColors: 256) == in256)
        #expect(color.index(forTerminalColors: 16) == in16)
        #expect(color.index(forTerminalColors: 8) == in8)
    }

    @Test func namedAndIndexedColorsAdaptToTheTerminal() {
        #expect(TerminalColor.ansi(9).index(forTerminalColors: 256) == 9)
        #expect(TerminalColor.ansi(9).index(forTerminalColors: 8) == 1)
        #expect(TerminalColor.default.index(forTerminalColors: 256) == -1)
        #expect(TerminalColor.default.components == nil)
        #expect(TerminalColor.indexed(46).index(forTerminalColors: 8) == 2)
        #expect(TerminalColor.indexed(244).index(forTerminalColors: 256) == 244)
        #expect(TerminalColor(name: "256") == nil && TerminalColor(name: "#12345") == nil && TerminalColor(name: "bright-pink") == nil)
        #expect(TerminalColor(name: "Bright-Cyan") == .ansi(14))
        #expect(TerminalColor(name: "#A0b1C2") == .rgb(red: 0xA0, green: 0xB1, blue: 0xC2))
    }
}
