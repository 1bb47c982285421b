import Foundation
import Synchronization

/// A progress line on standard error, drawn only when standard error is a terminal: redrawn in
/// place at most ten times a second (the last one always), wiped by `finish()`. `log import` and
/// `replay` say what goes on it.
final class TerminalProgressLine: Sendable {
    private let enabled: Bool
    private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)

    init(enabled: Bool = isatty(2) == 1) {
        self.enabled = enabled
    }

    /// Draws `text` unless a line was drawn less than 100 ms ago (`isLast` draws anyway).
    func draw(_ text: @autoclosure () -> String, isLast: Bool = false) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let due = lastDrawn.withLock { last -> Bool in
            if let last, now - last < .milliseconds(100), !isLast { return false }
            last = now
            return true
        }
        guard due else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text()).utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// `seconds` as minutes and seconds: "2:05".
    static func clock(_ seconds: Int) -> String {
        "\(seconds / 60):\(String(format: "%02d", seconds % 60))"
    }

    /// `duration` in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
