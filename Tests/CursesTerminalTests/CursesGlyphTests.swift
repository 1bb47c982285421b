import CNcursesw
import Testing
@testable import CursesTerminal
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct CursesGlyphTests {
    /// The widths of the C library, once the character type is UTF-8 (as the terminal sets it).
    static func libraryColumns(_ character: wchar_t) -> Int32 {
        CursesTerminal.ensureUTF8CharacterType()
        return trackscope_wcwidth(character)
    }

    static func texts(_ character: Character) -> [[UInt32]] {
        let width = TerminalText.width(of: character)
        return CursesGlyph.texts(for: character, width: width, columns: libraryColumns).map { $0.map { UInt32(bitPattern: $0) } }
    }

    @Test func narrowAndWideCharactersAreDrawnAsThemselves() {
        #expect(Self.texts("a") == [[0x61]])
        #expect(Self.texts("▼") == [[0x25BC]])
        #expect(Self.texts("␛") == [[0x241B]])
        #expect(Self.texts("漢") == [[0x6F22]])
        #expect(Self.texts("😀") == [[0x1F600]])
    }

    @Test func combiningMarksGoWithTheirBase() {
        #expect(Self.texts("e\u{301}") == [[0x65, 0x301]])
        // At most four marks fit in a cchar_t with its base.
        #expect(Self.texts("a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}").first?.count == 5)
    }

    @Test func aContinuationCellDrawsNothing() {
        #expect(CursesGlyph.texts(for: " ", width: 0, columns: Self.libraryColumns).isEmpty)
    }

    @Test func sequencesTheLibraryCannotPlaceGetAStandInOfTheSameWidth() {
        // A ZWJ sequence: its first emoji, without the joiner that would join it to the next cell.
        #expect(Self.texts("👩\u{200D}🔬") == [[0x1F469]])
        // A flag: its two letters.
        #expect(Self.texts("🇩🇪") == [[0x44], [0x45]])
        // An emoji that is text by default, asked to be a picture: itself (narrow) and a blank.
        #expect(Self.texts("❤\u{FE0F}") == [[0x2764], [0x20]])
    }

    @Test func whatTheLibraryDoesNotKnowIsAReplacementOfTheSameWidth() {
        let unknown: (wchar_t) -> Int32 = { _ in -1 }
        #expect(CursesGlyph.texts(for: "😀", width: 2, columns: unknown) == [[0xFFFD], [0x20]])
        #expect(CursesGlyph.texts(for: "a", width: 1, columns: unknown) == [[0xFFFD]])
    }
}
