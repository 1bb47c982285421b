import Testing
@testable import CursesTerminal

@Suite struct CursesLibraryTests {
    @Test func linksAgainstNcursesw() {
        // curses_version() comes from the linked library: this fails to link or to answer otherwise.
        #expect(CursesLibrary.version.hasPrefix("ncurses "))
    }
}
