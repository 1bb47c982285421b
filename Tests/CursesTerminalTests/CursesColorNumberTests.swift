import Testing
@testable import CursesTerminal
import TerminalUI

/// Colour numbers on a direct-colour terminal: 0-7 ANSI, every other number 0xRRGGBB.
@Suite struct CursesColorNumberTests {
    @Test func colorsBecomeTheirRGBValue() {
        #expect(CursesColorNumber.direct(.default) == -1)
        #expect(CursesColorNumber.direct(.ansi(3)) == 3)
        // Bright ANSI colours have no number of their own there: their xterm RGB.
        #expect(CursesColorNumber.direct(.ansi(9)) == 0xFF0000)
        #expect(CursesColorNumber.direct(.indexed(24)) == 0x005F87)
        #expect(CursesColorNumber.direct(.rgb(red: 0x12, green: 0x34, blue: 0x56)) == 0x123456)
        // 0x000001-0x000007 would be read as ANSI colours.
        #expect(CursesColorNumber.direct(.rgb(red: 0, green: 0, blue: 5)) == 8)
        #expect(CursesColorNumber.direct(.rgb(red: 0, green: 0, blue: 0)) == 8)
    }

    @Test func paletteComponentsComeBackExactThroughTerminfo() {
        // xterm's initc turns thousandths back into 0-255 as t * 255 / 1000, truncated.
        for component in 0...255 {
            let thousandths = Int(CursesColorNumber.thousandths(component))
            #expect((0...1000).contains(thousandths))
            #expect(thousandths * 255 / 1000 == component, "component \(component) came back as \(thousandths * 255 / 1000)")
        }
    }
}
