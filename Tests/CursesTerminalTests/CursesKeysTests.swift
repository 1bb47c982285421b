import CNcursesw
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TerminalUI
@testable import CursesTerminal

@Suite struct CursesKeysTests {
    @Test(arguments: [
        (UInt32(10), Key.enter), (13, .enter), (27, .escape), (9, .tab), (127, .backspace), (8, .backspace),
        (3, .control("c")), (6, .control("f")), (UInt32(Character("j").asciiValue!), .character("j")),
        (0x00E9, .character("é")), (0x1F600, .character("😀")),
    ])
    func charactersBecomeKeys(code: UInt32, key: Key) {
        #expect(CursesKeys.key(status: OK, code: code) == key)
    }

    @Test(arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_NPAGE, .pageDown), (KEY_PPAGE, .pageUp), (KEY_HOME, .home), (KEY_END, .end),
        (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_F0 + 1, .function(1)),
        (KEY_F0 + 12, .function(12)), (trackscope_key_resize(), .resize),
    ])
    func keyCodesBecomeKeys(code: Int32, key: Key) {
        #expect(CursesKeys.key(status: KEY_CODE_YES, code: UInt32(code)) == key)
    }

    @Test func nothingReadAndUnusedCodesAreNoKey() {
        #expect(CursesKeys.key(status: ERR, code: 0) == nil)
        #expect(CursesKeys.key(status: KEY_CODE_YES, code: UInt32(KEY_F0 + 40)) == nil)
        #expect(CursesKeys.key(status: OK, code: 0) == nil)
        #expect(CursesKeys.key(status: OK, code: 0x9B) == nil)
        #expect(CursesKeys.key(status: OK, code: 0x1C) == nil)
    }

    @Test func pipesAndFilesAreNotTerminals() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(!CursesTerminal.isInteractive(input: fds[0], output: fds[1]))
        let null = open("/dev/null", O_RDWR)
        defer { close(null) }
        #expect(!CursesTerminal.isInteractive(input: null, output: null))
    }

    @Test func anUnstartedTerminalIsInert() {
        let terminal = CursesTerminal(theme: .mono)
        #expect(terminal.size.width == 0 && terminal.size.height == 0)
        #expect(terminal.readKey() == nil)
        #expect(!terminal.isStopRequested)
        terminal.stop()
    }
}
