import CNcursesw
import Foundation
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal, through ncursesw: starts and restores it, draws frame differences with the
/// theme's colours, reads keys without blocking, reports its size and stop signals.
///
/// Use from one task at a time; ncurses is not thread-safe.
public final class CursesTerminal: TerminalBackend {
    /// Why the terminal could not start.
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case cannotInitialise(term: String)

        public var description: String {
            switch self {
            case .notATerminal:
                "trackscope ui needs a terminal: standard input and output must be a TTY"
            case .cannotInitialise(let term):
                "cannot start the terminal (TERM=\(term)); try TERM=xterm-256color"
            }
        }
    }

    public private(set) var theme: Theme
    private var screen: OpaquePointer?
    private var palette = CursesPalette()
    private var signals: SignalWatcher?
    private var isRunning = false
    private var signalBeforeStop: Int32?
    /// How many colours the terminal has (0 until started, or without colour support).
    public private(set) var colors = 0
    /// The colours drawn: true colour, 256, 16, 8 or none (until started: none).
    public private(set) var colorDepth: ColorDepth = .none

    public init(theme: Theme) {
        self.theme = theme
    }

    deinit {
        stop()
    }

    /// True when both standard input and standard output are terminals.
    public static var isInteractive: Bool {
        isInteractive(input: STDIN_FILENO, output: STDOUT_FILENO)
    }

    /// True when both `input` and `output` are terminals.
    public static func isInteractive(input: Int32, output: Int32) -> Bool {
        isatty(input) == 1 && isatty(output) == 1
    }

    /// Takes over the terminal: locale, raw keys, no echo, hidden cursor, colours.
    public func start() throws(StartError) {
        guard !isRunning else { return }
        guard Self.isInteractive else { throw .notATerminal }
        setlocale(LC_ALL, "")
        Self.ensureUTF8CharacterType()
        // newterm (not initscr) so that an unknown TERM is an error to report, not an exit.
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
              let screen = newterm(nil, output, input) else {
            throw .cannotInitialise(term: ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        self.screen = screen
        set_term(screen)
        isRunning = true
        signals = SignalWatcher {
            // Second signal while the loop did not react: restore the terminal and leave.
            endwin()
        }
        raw()
        noecho()
        nonl()
        let window = trackscope_stdscr()
        keypad(window, true)
        wtimeout(window, 0)
        set_escdelay(25)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(trackscope_colors())
        }
        colorDepth = has_colors() ? ColorDepth.detect(environment: ProcessInfo.processInfo.environment, terminalColors: colors) : .none
        palette = CursesPalette.make(theme: theme, depth: colorDepth, colors: colors, pairs: Int(trackscope_color_pairs()),
                                     canChangeColors: can_change_color())
        werase(window)
        wnoutrefresh(window)
        doupdate()
    }

    /// Draws with `theme`'s colours from now on (the loop draws the next frame whole).
    public func use(_ theme: Theme) {
        self.theme = theme
        guard isRunning else { return }
        palette = CursesPalette.make(theme: theme, depth: colorDepth, colors: colors, pairs: Int(trackscope_color_pairs()),
                                     canChangeColors: can_change_color())
    }

    /// Gives the terminal back as it was. Safe to call more than once.
    public func stop() {
        guard isRunning else { return }
        isRunning = false
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        signalBeforeStop = signals?.receivedSignal
        signals?.cancel()
        signals = nil
    }

    /// Hands the terminal to a child (an editor): the program's modes are saved, the shell's
    /// restored (ncurses' `def_prog_mode`, `endwin`).
    /// Until `resume`, Ctrl-C and Ctrl-\ typed in the child are left to it.
    public func suspend() {
        guard isRunning else { return }
        def_prog_mode()
        endwin()
        signals?.isTerminalHandedOver = true
    }

    /// Takes the terminal back after `suspend`: the saved modes, then a cleared screen, so that
    /// the next frame (which the loop draws whole) replaces whatever the child left.
    public func resume() {
        guard isRunning else { return }
        signals?.isTerminalHandedOver = false
        reset_prog_mode()
        let window = trackscope_stdscr()
        curs_set(0)
        clearok(window, true)
        wrefresh(window)
    }

    public var size: (width: Int, height: Int) {
        guard isRunning else { return (0, 0) }
        return (Int(trackscope_cols()), Int(trackscope_lines()))
    }

    public var isStopRequested: Bool { signals?.receivedSignal != nil }

    /// The signal that asked the application to stop (SIGTERM, ...), also after `stop()`.
    public var stopSignal: Int32? { signals?.receivedSignal ?? signalBeforeStop }

    public func readKey() -> Key? {
        guard isRunning else { return nil }
        while true {
            var code: wint_t = 0
            let status = wget_wch(trackscope_stdscr(), &code)
            if status == trackscope_err() { return nil }
            if let key = CursesKeys.key(status: status, code: UInt32(code)) { return key }
            // A code with no meaning here: read on.
        }
    }

    /// Waits on standard input with poll(2): returns as soon as a byte arrives (or a signal, such
    /// as a resize, interrupts the wait), at the latest after `timeout`.
    public func waitForInput(timeout: Duration) async {
        guard isRunning else { return }
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, milliseconds)
    }

    public func draw(_ frame: ScreenBuffer, previous: ScreenBuffer?) {
        guard isRunning else { return }
        let window = trackscope_stdscr()
        let size = self.size
        if previous == nil || previous?.width != frame.width || previous?.height != frame.height {
            werase(window)
        }
        var cell = cchar_t()
        var lastDrawn: (column: Int, row: Int)?
        for position in frame.changedPositions(since: previous) {
            var column = position.column
            // A continuation cell is drawn by its wide character, to its left.
            if frame[column, position.row].isContinuation {
                column -= 1
                if column < 0 || (lastDrawn?.column == column && lastDrawn?.row == position.row) { continue }
            }
            guard column < size.width, position.row < size.height else { continue }
            lastDrawn = (column, position.row)
            let content = frame[column, position.row]
            let entry = palette.entry(for: content.role)
            let texts = CursesGlyph.texts(for: content.character, width: Int(content.width))
            for (offset, text) in texts.enumerated() where column + offset < size.width {
                (text + [0]).withUnsafeBufferPointer { pointer in
                    _ = trackscope_setcchar_text(&cell, pointer.baseAddress, entry.attributes, entry.pair)
                }
                wmove(window, Int32(position.row), Int32(column + offset))
                // The bottom-right cell reports an error (the cursor cannot advance) but is drawn.
                wadd_wch(window, &cell)
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// ncursesw only writes UTF-8 when the character type is UTF-8. When the environment names no
    /// UTF-8 locale (LANG unset in a container, say), C.UTF-8 is used for LC_CTYPE.
    static func ensureUTF8CharacterType() {
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        if codeset == "UTF-8" || codeset == "UTF8" { return }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            return
        }
    }
}
