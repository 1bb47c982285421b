/// What the application loop needs from a terminal. CursesTerminal implements it; tests use a
/// fake that records frames and plays keys.
public protocol TerminalBackend: AnyObject {
    /// The terminal's size in cells.
    var size: (width: Int, height: Int) { get }
    /// The next key pressed, or nil at once when there is none (never blocks).
    func readKey() -> Key?
    /// Shows `frame`, writing only what differs from `previous` (everything when nil).
    func draw(_ frame: ScreenBuffer, previous: ScreenBuffer?)
    /// True once a signal (SIGINT, SIGTERM, SIGHUP) asked the application to stop.
    var isStopRequested: Bool { get }
    /// Returns when a key may be waiting, or after `timeout`, whichever comes first. The loop
    /// calls it when a turn had nothing to do, so that a key press is answered at once rather than
    /// after a sleep.
    func waitForInput(timeout: Duration) async
    /// Draws from now on with `theme`'s colours (the loop then draws the next frame whole).
    func use(_ theme: Theme)
    /// Hands the terminal over (to an editor run as a child): the shell's modes are restored and
    /// nothing is drawn until `resume`.
    func suspend()
    /// Takes the terminal back after `suspend`; the next frame is drawn whole.
    func resume()
}

extension TerminalBackend {
    /// Sleeps for `timeout`: for terminals that cannot tell when input comes.
    public func waitForInput(timeout: Duration) async {
        try? await Task.sleep(for: timeout)
    }

    /// A backend without colours ignores themes.
    public func use(_ theme: Theme) {}
    /// A backend with nothing to hand over (a test's fake) does nothing.
    public func suspend() {}
    public func resume() {}
}
